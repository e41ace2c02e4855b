"""Tests of the example portfolios, the invalid sets and the generator."""
