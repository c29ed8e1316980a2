"""trd: explore treatment options for treatment-resistant depression."""

import sys as _sys

__version__ = "0.1.0"


def _interrupted_hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """Ctrl-C before the entry point's own handler is in place (while the program's modules
    are still being found): one line, not a traceback.  Anything else is left as it was."""
    if issubclass(kind, KeyboardInterrupt):
        import os

        _sys.stderr.write("trd: interrupted\n")
        _sys.stderr.flush()
        os._exit(130)
    _previous_hook(kind, value, tb)  # type: ignore[arg-type]


_previous_hook = _sys.excepthook
_sys.excepthook = _interrupted_hook
