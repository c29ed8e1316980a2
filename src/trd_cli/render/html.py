"""A self-contained HTML page to read in a browser or print and take to an appointment.

One file, no external assets: the styles are inline, with print rules so the page reads on
A4 and Letter (tables repeat their header row on each page, rows are not split, and a grid of
four or more options prints in landscape).  For ``compare``, questions are rows and options
are columns; each ``[source]`` in a cell links to its entry in the sources at the end.  Every
page names the catalogue's version and date and ends with the disclaimer and crisis contacts.

The short-answer ``compare`` (a view with a ``sheet``) is drawn instead as a decision sheet
for two printed pages (``html_sheet.py``); ``html_text.py`` holds what the two share.

All catalogue text is escaped: it is data, never markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TextIO

from ..documents.command_views import CARD_TITLE
from ..documents.views import (
    Footer,
    GridView,
    RecordsView,
    RenderOptions,
    SectionsView,
    View,
)
from .html_sheet import sheet_page
from .html_text import (
    CITE,
    crisis_items,
    esc,
    head,
    lines_html,
    linked,
    no_anchor,
)

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #111; background: #fff; max-width: 72rem; margin: 1.5rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; padding-bottom: .15rem;
  border-bottom: 1px solid #bbb; }
p, ul { margin: .3rem 0; }
ul { padding-left: 1.3rem; }
.meta { color: #444; font-size: .9em; }
.notice { border: 2px solid #9a3412; background: #fff7ed; padding: .5rem .75rem;
  border-radius: 4px; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .3rem .45rem; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
thead th { background: #e8edf3; }
tbody th { background: #f5f5f5; font-weight: 600; }
table.grid col.question { width: 16%; }
.id { font-weight: normal; color: #444; }
.nr { color: #9a3412; font-style: italic; }
.sources li { font-size: .9em; margin: .15rem 0; }
a { color: #1d4ed8; }
footer { margin-top: 1.6rem; border-top: 2px solid #111; padding-top: .5rem; }
footer .crisis { font-weight: 600; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .notice { background: none; }
  thead { display: table-header-group; }
  @page { margin: 12mm; }
  li, footer { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: auto; page-break-inside: auto; }  /* a long answer may continue overleaf */
  h1, h2 { break-after: avoid; page-break-after: avoid; }
}
"""

LANDSCAPE = "@page { size: landscape; }\n"


def page(out: TextIO, title: str, body: Sequence[str], foot: Footer, *, landscape: bool) -> None:
    head(out, title, STYLE + (LANDSCAPE if landscape else ""))
    if foot.crisis_first:  # the request touches suicide: the contacts before anything else
        contacts = " · ".join(
            f"{esc(c.region)}: <strong>{esc(c.contact)}</strong>" for c in foot.crisis_contacts
        )
        out.write(f'<p class="crisis"><strong>If you are in crisis:</strong> {contacts}</p>\n')
    out.write(f'<p class="notice">{esc(foot.disclaimer)}</p>\n<main>\n')
    out.write(f"<h1>{esc(title)}</h1>\n")
    for part in body:
        out.write(part)
    out.write("</main>\n<footer>\n")
    out.write(
        f'<p class="meta">From the trd catalogue, version {esc(foot.catalogue_version)}, '
        f"dated {esc(foot.catalogue_date)}.</p>\n"
    )
    out.write(f"<p>{esc(foot.disclaimer)}</p>\n")
    out.write('<p class="crisis">If you are in crisis:</p>\n<ul>\n')
    out.write(crisis_items(foot.crisis_contacts))
    out.write("</ul>\n</footer>\n</body>\n</html>\n")


def records_body(view: RecordsView) -> list[str]:
    parts: list[str] = []
    if not view.rows:
        parts.append(f"<p>{esc(view.empty)}</p>\n")
    else:
        head = "".join(f'<th scope="col">{esc(c.label)}</th>' for c in view.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{lines_html(c, no_anchor)}</td>" for c in row) + "</tr>\n"
            for row in view.rows
        )
        parts.append(
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
        )
    parts.extend(f'<p class="meta">{esc(note)}</p>\n' for note in view.notes)
    return parts


def grid_body(view: GridView) -> list[str]:
    numbers = {id(c): n for n, c in enumerate(view.sources, start=1)}

    def anchor_for(option_id: str) -> Callable[[str], str | None]:
        def anchor(source_id: str) -> str | None:
            citation = view.citation(option_id, source_id)
            return f"src-{numbers[id(citation)]}" if citation is not None else None

        return anchor

    cols = '<colgroup><col class="question">' + "<col>" * len(view.options) + "</colgroup>"
    head = '<th scope="col">Question</th>' + "".join(
        f'<th scope="col">{esc(o.name)} <span class="id">[{esc(o.id)}]</span></th>'
        for o in view.options
    )
    rows = []
    for question, cells in view.rows:
        tds = "".join(
            f"<td>{lines_html(cell, anchor_for(o.id))}</td>"
            for o, cell in zip(view.options, cells, strict=True)
        )
        rows.append(f'<tr><th scope="row">{esc(question)}</th>{tds}</tr>\n')
    parts = [
        f'<table class="grid">\n{cols}\n<thead><tr>{head}</tr></thead>\n<tbody>\n',
        *rows,
        "</tbody>\n</table>\n",
    ]
    if view.caption:
        parts.append(f'<p class="meta">{esc(view.caption)}</p>\n')
    parts.append('<section class="sources">\n<h2>Sources</h2>\n<ul>\n')
    for n, c in enumerate(view.sources, start=1):
        text = linked(c.text, marks=False)
        cited = f' <span class="meta">(for {esc(" and ".join(c.cited_by))})</span>'
        parts.append(f'<li id="src-{n}">{text}{cited if len(view.options) > 1 else ""}</li>\n')
    parts.append("</ul>\n</section>\n")
    parts.extend(f'<p class="meta">{esc(note)}</p>\n' for note in view.notes)
    return parts


def sections_body(view: SectionsView) -> list[str]:
    """Titled lists; a source's line is the target ``source-ID`` of its ``[ID]`` citations
    (not ``src-N``, the numbered endnotes of a sheet the sections may follow on one page: a
    source id may be a number too)."""
    known = set(view.source_ids)

    def anchor(source_id: str) -> str | None:
        return f"source-{source_id}" if source_id in known else None

    parts = [f'<p class="meta">{esc(view.subtitle)}</p>\n'] if view.subtitle else []
    placed: set[str] = set()
    for section in view.sections:
        parts.append(f"<section>\n<h2>{esc(section.title)}</h2>\n<ul>\n")
        for line in section.lines:
            own = ""
            m = CITE.match(line)
            if m and m[1] in known and m[1] not in placed:
                placed.add(m[1])
                own = f' id="source-{esc(m[1])}"'
                body = linked(line)
            else:
                body = linked(line, anchor)
            parts.append(f"<li{own}>{body}</li>\n")
        parts.append("</ul>\n</section>\n")
    return parts


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    if isinstance(view, RecordsView):
        page(out, view.title, records_body(view), view.footer, landscape=len(view.columns) > 6)
    elif isinstance(view, GridView) and view.sheet is not None:
        sheet_page(out, view, view.sheet)
    elif isinstance(view, GridView):
        page(out, view.title, grid_body(view), view.footer, landscape=len(view.options) >= 4)
    elif isinstance(view, SectionsView) and view.sheet is not None:
        # the sheet is the card, printed; the pages after hold every section in full
        full = [s for s in view.sections if s.title != CARD_TITLE]
        sheet_page(
            out, view, view.sheet, sections_body(dataclasses.replace(view, sections=tuple(full)))
        )
    elif isinstance(view, SectionsView):
        page(out, view.title, sections_body(view), view.footer, landscape=False)
    else:  # pragma: no cover - every view kind is handled above
        raise TypeError(f"no HTML rendering for {type(view).__name__}")
