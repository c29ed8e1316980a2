"""`python -m trd_cli` and the `trd` console script."""

from __future__ import annotations

from .cli.app import main

if __name__ == "__main__":
    main()
