"""Allow ``python -m pdp_lint``."""

from pdp_lint.cli import main

if __name__ == "__main__":
    main()
