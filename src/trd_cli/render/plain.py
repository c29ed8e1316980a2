"""Plain text for pipes: tab-separated lines, no colour, nothing cut short.

* Records (``list``): one line per row, the columns of the table in order.
* Grid (``compare``): one line per line of each answer: ``question<TAB>id<TAB>text``; the
  sources follow as ``Sources<TAB>id<TAB>[source] citation`` for each option.
* Sections (``explain``): one line per line of each section: ``section<TAB>text``.

A header line (column keys) is written only with ``--header``.  Tabs and line breaks inside
catalogue text become spaces, so every line has the same number of fields.  The disclaimer
and crisis contacts are not written: plain output is for programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..documents.views import (
    GridView,
    RecordsView,
    RenderOptions,
    SectionsView,
    View,
    cell_lines,
    one_line,
)


def _line(out: TextIO, fields: Sequence[str]) -> None:
    out.write("\t".join(one_line(f) for f in fields) + "\n")


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    if isinstance(view, RecordsView):
        if options.header:
            _line(out, [c.key for c in view.columns])
        for row in view.rows:
            _line(out, row)
    elif isinstance(view, GridView):
        if options.header:
            _line(out, ["question", "id", "text"])
        for question, cells in view.rows:
            for option, cell in zip(view.options, cells, strict=True):
                for line in cell_lines(cell):
                    _line(out, [question, option.id, line])
        for option in view.options:
            for sid in option.sources:
                citation = view.citation(option.id, sid)
                if citation is not None:
                    _line(out, ["Sources", option.id, citation.text])
    elif isinstance(view, SectionsView):
        if options.header:
            _line(out, ["section", "text"])
        for section in view.sections:
            for line in section.lines:
                _line(out, [section.title, line])
    else:  # pragma: no cover - every view kind is handled above
        raise TypeError(f"no plain rendering for {type(view).__name__}")
