"""How the model's fields are declared: each carries metadata the loader (``convert.py``) and
the catalogue's JSON Schema read.

* ``doc``: one line describing the field (used in error messages and the JSON Schema).
* ``reviewable``: the field may be written as ``{not_reviewed: "reason"}`` in YAML.  It is
  then ``None`` in the model and the reason is kept in ``Therapy.not_reviewed`` under the
  field's dotted path.  "Not reviewed" (no sourced answer) is different from "none" (an
  empty list): output keeps the two apart.
* ``source_refs``: the field holds source ids that must exist in the entry's ``sources``.
* ``date``: text that must be a date written YYYY-MM-DD.
* ``line``: text on one line (a name, a version): a line break in it is an error, since it
  would start a line of its own in a message, a list or `trd validate`'s `OK` line.
* ``derived``: filled in by the loader, never read from the file.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any


def doc(text: str, **extra: Any) -> Any:
    """A required field with a description."""
    return field(metadata={"doc": text, **extra})


def opt(text: str, default: Any = None, **extra: Any) -> Any:
    """An optional field with a description and a default."""
    return field(default=default, metadata={"doc": text, **extra})


def reviewable(text: str) -> Any:
    """A required field that may instead say ``{not_reviewed: reason}``."""
    return field(metadata={"doc": text, "reviewable": True})


def refs(text: str = "Ids of the entry's sources that support this claim.", **extra: Any) -> Any:
    """Ids of the entry's sources (``source_refs``); ``default=()`` where none may be given."""
    return field(metadata={"doc": text, "source_refs": True}, **extra)


def derived(text: str, **default: Any) -> Any:
    """A field the loader fills in, never read from the file (``default`` or
    ``default_factory``)."""
    return field(metadata={"doc": text, "derived": True}, **default)
