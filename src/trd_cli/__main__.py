"""`python -m trd_cli` and the `trd` console script.

A TAB press for a therapy id or a condition is answered here, from the catalogue's text,
before Typer, Click, Rich or YAML is imported (``cli/completion.py``); anything else goes to
the app.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    """Console-script entry point: Ctrl-C at any moment ends with one line and exit 130."""
    try:
        _main()
    except KeyboardInterrupt:
        try:
            sys.stderr.write("trd: interrupted\n")
            sys.stderr.flush()
        except (OSError, ValueError, KeyboardInterrupt):
            pass
        os._exit(EXIT_INTERRUPTED)  # no clean-up left to run that a second Ctrl-C could break


def _main() -> None:
    if os.environ.get("_TRD_COMPLETE"):
        from .cli.completion import fast

        found = fast(os.environ)
        if found is not None:
            from .cli.streams import safe_streams  # the rules every writer follows

            safe_streams()
            text, code = found
            if text:
                sys.stdout.write(text + "\n")
            sys.stdout.flush()
            sys.exit(code)
    from .cli.app import main as run

    run()


if __name__ == "__main__":
    main()
