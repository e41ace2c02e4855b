"""Deployment files; a package so the health-check script and tests import by name."""
