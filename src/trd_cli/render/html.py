"""A self-contained HTML page to read in a browser or print and take to an appointment.

One file, no external assets: the styles are inline, with print rules so the page reads on
A4 and Letter (tables repeat their header row on each page, rows are not split, and a grid of
four or more options prints in landscape).  For ``compare``, questions are rows and options
are columns; each ``[source]`` in a cell links to its entry in the sources at the end.  Every
page names the catalogue's version and date and ends with the disclaimer and crisis contacts.

The short-answer ``compare`` (a view with a ``sheet``) is drawn instead as a decision sheet
for two printed pages (``sheet_page``): what each page holds is decided in
``documents/sheet.py``; here is how it looks, with pictographs drawn as inline SVG.

All catalogue text is escaped: it is data, never markup.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Sequence
from typing import TextIO

from ..catalogue import phrases
from ..documents.command_views import CARD_TITLE
from ..documents.glance import DEFINITIONS
from ..documents.sheet import Pictograph, Sheet
from ..documents.views import (
    Footer,
    GridView,
    RecordsView,
    RenderOptions,
    SectionsView,
    View,
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

_CITE = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)*)\]")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_NOT_REVIEWED = re.compile(re.escape(phrases.NOT_REVIEWED))


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def mark(escaped: str) -> str:
    return _NOT_REVIEWED.sub(lambda m: f'<span class="nr">{m[0]}</span>', escaped)


def link_citations(escaped: str, anchor: Callable[[str], str | None]) -> str:
    """Turn ``[a, b]`` into links where every id in it is a known source."""

    def repl(m: re.Match[str]) -> str:
        ids = m[1].split(", ")
        targets = [anchor(i) for i in ids]
        if any(t is None for t in targets):
            return m[0]
        links = ", ".join(f'<a href="#{t}">{i}</a>' for i, t in zip(ids, targets, strict=True))
        return f"[{links}]"

    return _CITE.sub(repl, escaped)


def link_urls(escaped: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', escaped)


def lines_html(value: str, anchor: Callable[[str], str | None]) -> str:
    return "<br>".join(mark(link_citations(esc(line), anchor)) for line in value.split("\n"))


def _no_anchor(_: str) -> str | None:
    return None


def page(out: TextIO, title: str, body: Sequence[str], foot: Footer, *, landscape: bool) -> None:
    out.write("<!DOCTYPE html>\n")
    out.write('<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>{esc(title)}</title>\n")
    out.write(f"<style>{STYLE}{LANDSCAPE if landscape else ''}</style>\n</head>\n<body>\n")
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
    for c in foot.crisis_contacts:
        out.write(
            f"<li>{esc(c.region)}: <strong>{esc(c.contact)}</strong> — {esc(c.description)}</li>\n"
        )
    out.write("</ul>\n</footer>\n</body>\n</html>\n")


def records_body(view: RecordsView) -> list[str]:
    parts: list[str] = []
    if not view.rows:
        parts.append(f"<p>{esc(view.empty)}</p>\n")
    else:
        head = "".join(f'<th scope="col">{esc(c.label)}</th>' for c in view.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{lines_html(c, _no_anchor)}</td>" for c in row) + "</tr>\n"
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
        text = link_urls(esc(c.text))
        cited = f' <span class="meta">(for {esc(" and ".join(c.cited_by))})</span>'
        parts.append(f'<li id="src-{n}">{text}{cited if len(view.options) > 1 else ""}</li>\n')
    parts.append("</ul>\n</section>\n")
    parts.extend(f'<p class="meta">{esc(note)}</p>\n' for note in view.notes)
    return parts


def sections_body(view: SectionsView) -> list[str]:
    known = set(view.source_ids)

    def anchor(source_id: str) -> str | None:
        return f"src-{source_id}" if source_id in known else None

    parts = [f'<p class="meta">{esc(view.subtitle)}</p>\n'] if view.subtitle else []
    placed: set[str] = set()
    for section in view.sections:
        parts.append(f"<section>\n<h2>{esc(section.title)}</h2>\n<ul>\n")
        for line in section.lines:
            own = ""
            m = _CITE.match(line)
            if m and m[1] in known and m[1] not in placed:
                placed.add(m[1])
                own = f' id="src-{m[1]}"'
                body = link_urls(esc(line))
            else:
                body = link_citations(link_urls(esc(line)), anchor)
            parts.append(f"<li{own}>{mark(body)}</li>\n")
        parts.append("</ul>\n</section>\n")
    return parts


# --------------------------------------------------------------------------- the printed sheet

SHEET_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10pt/1.2 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #111; background: #fff; max-width: 60rem; margin: 1.5rem auto;
  padding: 0 1rem; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 2mm 0 .5mm; }
p, ul, ol { margin: 1mm 0; }
ul, ol { padding-left: 5mm; }
a { color: #1d4ed8; }
.meta { color: #333; }
.crisis { border: 2px solid #111; padding: 1.5mm 2.5mm; margin: 2mm 0; }
.crisis h2 { margin: 0; font-size: 11pt; display: inline; }
.crisis ul { display: inline; padding: 0; margin: 0; }
.crisis li { display: inline; }
.crisis li + li::before { content: " · "; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 2mm 0 1mm; }
th, td { border: 1px solid #777; padding: .8mm 1.2mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
thead th { background: #e8edf3; }
tbody th { background: #f3f3f3; font-weight: 600; }
col.question { width: 15%; }
.nr { font-style: italic; }
caption { text-align: left; }
.pict { margin: 1.5mm 0 0; }
.pict p { margin: 0; }
.pict svg { display: block; width: 100%; max-width: 30mm; height: auto; color: #111; }
.picts { display: flex; flex-wrap: wrap; gap: 0 3mm; }
.notes-space { border-bottom: 1px solid #777; height: 7mm; }
.endnotes ol { columns: 2; column-gap: 6mm; font-size: 7pt; line-height: 1.2; }
.endnotes li { margin: 0 0 .5mm; overflow-wrap: anywhere; }
.ask ul { columns: 2; column-gap: 6mm; }
.page2 { break-before: auto; }
@page { margin: 10mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  thead th, tbody th { background: none; }
  li, .pict, .crisis { break-inside: avoid; page-break-inside: avoid; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
}
"""

CELL = 10  # one figure's square in a pictograph, in SVG units
GAP = 14  # between the option's figures and its comparator's


def _figure(x: float, y: float) -> str:
    """One person: a head and shoulders, as path data, in the square at (x, y)."""
    return (
        f"M{x + 3.4:g},{y + 2.6:g}a1.6,1.6 0 1,0 3.2,0a1.6,1.6 0 1,0 -3.2,0z"
        f"M{x + 2:g},{y + 9.4:g}v-2.6q0,-2.7 3,-2.7q3,0 3,2.7v2.6z"
    )


def _array(people: int, left: float) -> str:
    """A 10 x 10 array: the first ``people`` figures filled, the others outlined."""
    spots = [(left + (i % 10) * CELL, (i // 10) * CELL) for i in range(100)]
    filled = "".join(_figure(x, y) for x, y in spots[:people])
    empty = "".join(_figure(x, y) for x, y in spots[people:])
    parts = []
    if filled:
        parts.append(f'<path fill="currentColor" d="{filled}"/>')
    if empty:
        parts.append(f'<path fill="#fff" stroke="currentColor" stroke-width=".7" d="{empty}"/>')
    return "".join(parts)


def pictograph_html(p: Pictograph) -> str:
    arms = [p.treatment] if p.comparator is None else [p.treatment, p.comparator]
    width = len(arms) * 10 * CELL + (len(arms) - 1) * GAP
    arrays = "".join(_array(a.people, i * (10 * CELL + GAP)) for i, a in enumerate(arms))
    svg = (
        f'<svg role="img" aria-label="{esc(p.alt)}" viewBox="0 0 {width} {10 * CELL}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(p.alt)}</title>{arrays}</svg>'
    )
    return f'<div class="pict"><p>{esc(p.outcome.capitalize())}:</p>{svg}</div>'


def _numbered_anchor(sheet: Sheet) -> Callable[[str], str | None]:
    known = {c.id for c in sheet.sources}

    def anchor(number: str) -> str | None:
        return f"src-{number}" if number in known else None

    return anchor


DETAIL_STYLE = """
.details { break-before: page; page-break-before: always; }
.details section { break-inside: auto; }
"""


def sheet_page(
    out: TextIO,
    view: GridView | SectionsView,
    sheet: Sheet,
    details: Sequence[str] = (),
) -> None:
    """The glance as a sheet to print: page 1 the grid, page 2 questions, notes, sources;
    then, for one option (`explain`), its full sections on the pages after."""
    foot = view.footer
    anchor = _numbered_anchor(sheet)
    names = [o.name for o in view.options] if isinstance(view, GridView) else list(sheet.names)
    caption_text = view.caption if isinstance(view, GridView) else DEFINITIONS
    out.write("<!DOCTYPE html>\n")
    out.write('<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>{esc(view.title)}</title>\n<style>{SHEET_STYLE}{DETAIL_STYLE}</style>\n")
    out.write("</head>\n<body>\n<main>\n<header>\n")
    out.write(f"<h1>{esc(view.title)}</h1>\n")
    out.write(
        f'<p class="meta">From the trd catalogue, version {esc(foot.catalogue_version)}, '
        f"dated {esc(foot.catalogue_date)}.</p>\n"
    )
    out.write(f"<p><strong>{esc(foot.disclaimer)}</strong></p>\n")
    out.write('<section class="crisis" aria-labelledby="crisis">\n')
    out.write('<h2 id="crisis">If you are in crisis:</h2>\n<ul>\n')
    for c in foot.crisis_contacts:
        out.write(
            f"<li>{esc(c.region)}: <strong>{esc(c.contact)}</strong> — {esc(c.description)}</li>\n"
        )
    out.write("</ul>\n</section>\n</header>\n")

    cols = '<colgroup><col class="question">' + "<col>" * len(names) + "</colgroup>"
    head = '<th scope="col">Question</th>' + "".join(
        f'<th scope="col">{esc(n)}</th>' for n in names
    )
    caption = esc(caption_text)
    if sheet.pictograph_row and any(sheet.pictographs):
        caption += (
            f" In each picture, {sheet.denominator} people like those in the study: a filled "
            "figure had the result, an outlined one did not; the option on the left, what it "
            "was compared with on the right."
        )
    out.write(f'<table class="grid">\n<caption class="meta">{caption}</caption>\n')
    out.write(f"{cols}\n<thead><tr>{head}</tr></thead>\n<tbody>\n")
    for question, cells in sheet.rows:
        tds = []
        for i, cell in enumerate(cells):
            body = lines_html(cell, anchor)
            if question == sheet.pictograph_row and sheet.pictographs[i]:
                body += (
                    '<div class="picts">'
                    + "".join(pictograph_html(p) for p in sheet.pictographs[i])
                    + "</div>"
                )
            tds.append(f"<td>{body}</td>")
        out.write(f'<tr><th scope="row">{esc(question)}</th>{"".join(tds)}</tr>\n')
    out.write("</tbody>\n</table>\n")
    out.write('<div class="page2">\n<section class="ask" aria-labelledby="ask">\n')
    out.write('<h2 id="ask">Questions to ask your clinician</h2>\n<ul>\n')
    out.writelines(f"<li>{esc(q)}</li>\n" for q in sheet.questions_to_ask)
    out.write("</ul>\n</section>\n")
    out.write('<section aria-labelledby="notes">\n<h2 id="notes">Notes</h2>\n')
    out.write('<div class="notes-space"></div>\n' * sheet.notes_lines)
    out.write("</section>\n")
    out.write('<section class="endnotes" aria-labelledby="sources">\n')
    out.write('<h2 id="sources">Sources</h2>\n<ol>\n')
    for cite in sheet.sources:
        text = link_urls(esc(cite.reference))
        out.write(f'<li id="src-{esc(cite.id)}" value="{esc(cite.id)}">{text}</li>\n')
    out.write("</ol>\n</section>\n")
    out.write('<section aria-labelledby="updates">\n')
    out.write('<h2 id="updates">How this information is kept up to date</h2>\n')
    out.writelines(f"<p>{esc(line)}</p>\n" for line in sheet.update_policy)
    out.write("</section>\n</div>\n")
    if details:
        out.write('<div class="details">\n<h2>In full, with every source</h2>\n')
        out.writelines(details)
        out.write("</div>\n")
    out.write("</main>\n</body>\n</html>\n")


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
