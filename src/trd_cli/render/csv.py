"""CSV for spreadsheets: one row per record of the JSON output, with a header row.

Columns are the records' fields (or those picked with ``--fields``).  A nested object is
spread over dotted columns (``onset.min_days``); a list of plain values is joined with
``"; "``; a list of objects is written as compact JSON in one cell; null is an empty cell and
true/false are written ``true``/``false``.

A text cell that a spreadsheet would read as a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return, or with ``=``, ``+``, ``-`` or ``@`` after white space and
invisible characters, which an import may trim) is written with a leading ``'`` (the OWASP
convention), so opening the file never runs catalogue text.  Numbers are written as numbers.

A cell holding a comma, a double quote or a line break (a carriage return alone included) is
quoted, so each record is one row wherever the file is opened (RFC 4180).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from ..catalogue.textsafe import hidden

if TYPE_CHECKING:
    from ..documents.views import RenderOptions, View


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE_WHEN = re.compile('[,"\r\n]')


def inert(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    if text.startswith(FORMULA_STARTS) or _sign_after_blanks(text):
        return "'" + text
    return text


def _sign_after_blanks(text: str) -> bool:
    """Whether the first character that shows is a formula sign, after white space, control
    characters and characters that show nothing (``textsafe.hidden``), which an import may
    trim."""
    for ch in text:
        if not (ch.isspace() or ch < " " or ch == "\x7f" or hidden(ch)):
            return ch in "=+-@"
    return False


def cell(value: Any) -> str:
    """One CSV cell; text that could start a formula is neutralised."""
    if isinstance(value, (bool, int, float)) or value is None:
        return _plain(value)
    return inert(_plain(value))


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "; ".join(_plain(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if isinstance(value, dict):
        if not value:
            return ""
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return str(value)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted keys; everything else left for ``cell``."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def columns(rows: Iterable[dict[str, Any]], fields: Iterable[str]) -> list[str]:
    """Every key in first-seen order, following the field order; a key that is null in one
    row and an object spread over dotted keys in another keeps only the dotted columns."""
    found: dict[str, None] = {}
    rows = list(rows)
    for name in fields:
        for row in rows:
            for key in row:
                if key == name or key.startswith(name + "."):
                    found.setdefault(key, None)
    for row in rows:
        for key in row:
            found.setdefault(key, None)
    keys = list(found)
    return [k for k in keys if not any(other.startswith(k + ".") for other in keys)]


def field(text: str) -> str:
    """One field of a row: quoted (its quotes doubled) when it holds a comma, a quote or a line
    break.  Python's ``csv`` module leaves a carriage return alone unquoted when rows end with
    ``\\n``, and a spreadsheet starts a new row there, so the quoting is done here."""
    return '"' + text.replace('"', '""') + '"' if _QUOTE_WHEN.search(text) else text


def line(cells: list[str]) -> str:
    """One row; a row of one empty cell is ``""``, so it is not read as a blank line."""
    return (",".join(map(field, cells)) if cells != [""] else '""') + "\n"


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    rows = [flatten(r) for r in view.data.records]
    header = columns(rows, view.data.fields) if rows else list(view.data.fields)
    out.write(line([inert(h) for h in header]))
    for row in rows:
        out.write(line([cell(row.get(key)) for key in header]))
