"""Which catalogue files a run reads: the one rule, for commands and tab completion alike.

``--catalog`` files if any were given, else the ``TRD_CATALOG`` path list; laid in order over
the built-in catalogue (a whole catalogue given first replaces the built-in one).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

ENV = "TRD_CATALOG"


def builtin_catalogue_path() -> Path:
    """The catalogue shipped with the program (wheel) or beside the source (checkout)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data" / "therapies.yaml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "therapies.yaml"


def chosen_paths(
    given: Iterable[str | Path] | None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The user's own catalogue files: ``given`` (--catalog) if any, else TRD_CATALOG."""
    paths = [Path(p).expanduser() for p in given or () if str(p)]
    if paths:
        return paths
    value = (os.environ if environ is None else environ).get(ENV, "")
    return [Path(part.strip()).expanduser() for part in value.split(os.pathsep) if part.strip()]
