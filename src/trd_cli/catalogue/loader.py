"""Load and validate a catalogue file into the typed model.

The whole file is checked before anything is returned, and every problem is reported with the
file, the line and the field path.  The work is done in steps, each in its own module:

* reading the file's text (here): at most ``MAX_BYTES``, checked before the file is read, and
  the read itself stops one byte past the limit (so a device such as ``/dev/zero`` is refused
  too); UTF-8, with an optional byte order mark;
* reading YAML safely into plain nodes (``yamlnodes.py``): no tags, anchors or aliases, limits
  on depth and size, duplicate keys kept for the next step to find;
* converting the nodes into the model (``convert.py``), driven by the annotations of
  ``model.py``;
* the checks that need more than a type, within one object and across the file
  (``checks.py``);
* problems, shown and raised together (``problems.py``): at most ``MAX_PROBLEMS``.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

from . import model
from .checks import catalogue_checks
from .convert import Converter
from .files import MAX_BYTES as MAX_BYTES
from .problems import INVALID, MAX_PROBLEMS, CatalogueError, StopChecking, raise_problems
from .yamlnodes import Map, Scalar, read_nodes, value_of


def read_text(path: Path) -> str:
    """Read a catalogue file as UTF-8 text, refusing what cannot be a catalogue (``files.py``:
    size, directories, devices, pipes that give nothing)."""
    from .files import Refused, TooBig, read_bytes

    file = str(path)
    try:
        data = read_bytes(file, MAX_BYTES)
    except TooBig as exc:
        raise CatalogueError.of_file(file, f"is {_size(exc.size)}; {TOO_BIG}") from None
    except Refused as exc:
        raise CatalogueError.of_file(file, str(exc)) from None
    except FileNotFoundError:
        raise CatalogueError.of_file(file, "no such file") from None
    except PermissionError:
        raise CatalogueError.of_file(file, "permission denied") from None
    except OSError as exc:
        raise CatalogueError.of_file(file, f"cannot be read: {exc.strerror or exc}") from None
    return decode(data, file)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB ({size:,} bytes)"


TOO_BIG = f"a catalogue may be at most {_size(MAX_BYTES)}"


def decode(data: bytes, file: str) -> str:
    """Catalogue bytes as text: UTF-8, an optional byte order mark, at most MAX_BYTES."""
    if len(data) > MAX_BYTES:
        raise CatalogueError.of_file(file, f"is larger than allowed; {TOO_BIG}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "is UTF-16 text, not UTF-8; save it as UTF-8"
        else:
            message = f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise CatalogueError.of_file(file, message, line) from None


def prefetch(root: Map, key: str, tp: Any, file: str) -> Any:
    """The value under ``key``, converted, or None when absent or invalid (reported later)."""
    node = value_of(root, key)
    if node is None:
        return None
    try:
        value = Converter(file, stop_after=0).convert(node, tp, key, {})
    except StopChecking:
        return None  # reported when the whole file is converted
    return None if value is INVALID else value


def parse_catalogue(text: str, file: str) -> model.Catalogue:
    """Validate YAML text as a whole catalogue. Raises CatalogueError listing every problem."""
    root = read_nodes(text, file)
    if root is None or (isinstance(root, Scalar) and root.tag.endswith(":null") and not root.value):
        raise CatalogueError.of_file(file, "is empty; expected a catalogue mapping")
    conv = Converter(file, stop_after=MAX_PROBLEMS)
    if isinstance(root, Map):
        # The vocabularies are read first so entries can be checked against them.
        conds = prefetch(root, "conditions", tuple[model.Condition, ...], file)
        if conds is not None:
            conv.condition_ids = {c.id for c in conds}
        classes = prefetch(root, "classes", tuple[model.TreatmentClass, ...], file)
        conv.classes = {c.id: c for c in classes or ()}
    cat: Any = INVALID
    try:
        cat = conv.convert(root, model.Catalogue, "", {})
        if cat is not INVALID:
            catalogue_checks(conv, typing.cast(Map, root), cat)
    except StopChecking:
        pass
    raise_problems(conv.problems, file)
    assert isinstance(cat, model.Catalogue)
    notices = tuple(sorted(conv.notices, key=lambda n: (n.line, n.field)))
    return dataclasses.replace(cat, path=file, notices=notices)


def load_catalogue(path: Path) -> model.Catalogue:
    """Read, parse and validate the catalogue at ``path``."""
    return parse_catalogue(read_text(path), str(path))
