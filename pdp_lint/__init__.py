"""pdp-lint: lint and publish professional development path (PDP) frameworks."""

__version__ = "0.1.0"
