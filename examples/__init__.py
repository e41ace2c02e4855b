"""Example portfolios and their generator; a package so tests and mypy can import them."""
