"""Which catalogue files a run reads: the one rule, for commands and tab completion alike.

``--catalog`` files if any were given, else the ``TRD_CATALOG`` path list; laid in order over
the built-in catalogue (a whole catalogue given first replaces the built-in one).  Written
with ``os.path`` so that tab completion can use it without importing ``pathlib``.
"""

from __future__ import annotations

import os
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
    files = [os.path.expanduser(str(p)) for p in given or () if str(p)]  # noqa: PTH111
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
