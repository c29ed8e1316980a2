"""`python -m trd_cli` and the `trd` console script.

A TAB press for a therapy id or a condition is answered here, from the catalogue's text,
before Typer, Click, Rich or YAML is imported (``cli/completion.py``); anything else goes to
the app.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("_TRD_COMPLETE"):
        from .cli.completion import fast

        found = fast(os.environ)
        if found is not None:
            text, code = found
            if text:
                sys.stdout.write(text + "\n")
            sys.stdout.flush()
            sys.exit(code)
    from .cli.app import main as run

    run()


if __name__ == "__main__":
    main()
