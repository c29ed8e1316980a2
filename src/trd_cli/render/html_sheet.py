"""The short-answer ``compare`` (and ``explain``) as a decision sheet for two printed pages:
what each page holds is decided in ``documents/sheet.py``; here is how it looks, with
pictographs drawn as inline SVG.  All catalogue text is escaped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from ..documents.glance import DEFINITIONS
from ..documents.sheet import Pictograph, Sheet
from ..documents.views import GridView, SectionsView
from .html_text import crisis_items, esc, head, lines_html, linked

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
    head(out, view.title, SHEET_STYLE + DETAIL_STYLE)
    out.write("<main>\n")
    _top(out, view)
    names = [o.name for o in view.options] if isinstance(view, GridView) else list(sheet.names)
    caption = view.caption if isinstance(view, GridView) else DEFINITIONS
    _grid(out, sheet, names, caption)
    _page2(out, sheet)
    if details:
        out.write('<div class="details">\n<h2>In full, with every source</h2>\n')
        out.writelines(details)
        out.write("</div>\n")
    out.write("</main>\n</body>\n</html>\n")


def _top(out: TextIO, view: GridView | SectionsView) -> None:
    """Title, catalogue, disclaimer and the crisis contacts, before anything else."""
    foot = view.footer
    out.write("<header>\n")
    out.write(f"<h1>{esc(view.title)}</h1>\n")
    out.write(
        f'<p class="meta">From the trd catalogue, version {esc(foot.catalogue_version)}, '
        f"dated {esc(foot.catalogue_date)}.</p>\n"
    )
    out.write(f"<p><strong>{esc(foot.disclaimer)}</strong></p>\n")
    out.write('<section class="crisis" aria-labelledby="crisis">\n')
    out.write('<h2 id="crisis">If you are in crisis:</h2>\n<ul>\n')
    out.write(crisis_items(foot.crisis_contacts))
    out.write("</ul>\n</section>\n</header>\n")


def _grid(out: TextIO, sheet: Sheet, names: Sequence[str], caption_text: str) -> None:
    """Page 1: the short answers, options as columns, with pictographs in their row."""
    anchor = _numbered_anchor(sheet)
    cols = '<colgroup><col class="question">' + "<col>" * len(names) + "</colgroup>"
    heads = '<th scope="col">Question</th>' + "".join(
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
    out.write(f"{cols}\n<thead><tr>{heads}</tr></thead>\n<tbody>\n")
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


def _page2(out: TextIO, sheet: Sheet) -> None:
    """Page 2: questions to ask, space for notes, the numbered sources, the update policy."""
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
        text = linked(cite.reference, marks=False)
        out.write(f'<li id="src-{esc(cite.id)}" value="{esc(cite.id)}">{text}</li>\n')
    out.write("</ol>\n</section>\n")
    out.write('<section aria-labelledby="updates">\n')
    out.write('<h2 id="updates">How this information is kept up to date</h2>\n')
    out.writelines(f"<p>{esc(line)}</p>\n" for line in sheet.update_policy)
    out.write("</section>\n</div>\n")
