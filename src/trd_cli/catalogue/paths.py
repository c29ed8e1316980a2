"""Which catalogue files a run reads: the one rule, for commands and tab completion alike.

``--catalog`` files if any were given, else the ``TRD_CATALOG`` path list; laid in order over
the built-in catalogue (a whole catalogue given first replaces the built-in one).  Written
with ``os.path`` so that tab completion can use it without importing ``pathlib``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on a TAB press
if TYPE_CHECKING:
    from pathlib import Path

ENV = "TRD_CATALOG"


def builtin_catalogue_file() -> str:
    """The catalogue shipped with the program (wheel) or beside the source (checkout)."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # noqa: PTH120
    packaged = os.path.join(here, "data", "therapies.yaml")  # noqa: PTH118
    if os.path.isfile(packaged):  # noqa: PTH113
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "therapies.yaml")  # noqa: PTH118, PTH120


def chosen_files(
    given: Iterable[str | Path] | None, environ: Mapping[str, str] | None = None
) -> list[str]:
    """The user's own catalogue files: ``given`` (--catalog) if any, else TRD_CATALOG."""
    # An empty --catalog "" is kept: the command reads it (as '.') and refuses it, so
    # completion must not fall back to TRD_CATALOG for it either.
    files = [os.path.expanduser(str(p)) for p in given or ()]  # noqa: PTH111
    if files:
        return files
    value = (os.environ if environ is None else environ).get(ENV, "")
    return [os.path.expanduser(p.strip()) for p in value.split(os.pathsep) if p.strip()]  # noqa: PTH111


def builtin_catalogue_path() -> Path:
    from pathlib import Path

    return Path(builtin_catalogue_file())


def chosen_paths(
    given: Iterable[str | Path] | None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    from pathlib import Path

    return [Path(p) for p in chosen_files(given, environ)]


_OVERLAY_KEY = re.compile(r"""(?m)^(?:overlay|"overlay"|'overlay')[ \t]*:(?:[ \t]|$)""")
_PARSER_NEEDED = re.compile(r"(?m)^(?:[{?!&*]|---[ \t]*[{!&])")


def overlay_guess(text: str) -> bool | None:
    """Whether catalogue text is an overlay, read from its top-level keys without a YAML
    parser: True or False where the text says so plainly, None where only a parser can tell
    (a flow-style or tagged root, an explicit key).  A command decides with the parser
    (``overlay.overlay_root``); tab completion uses this and asks the parser when it is None,
    so both lay the same files over the same base."""
    if "overlay" not in text:
        return False
    if _OVERLAY_KEY.search(text.removeprefix("\ufeff")):
        return True
    if _PARSER_NEEDED.search(text.removeprefix("\ufeff")):
        return None
    return False
