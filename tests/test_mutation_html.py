"""HTML pages as a browser shows them and a printer prints them, whole.

Written for mutants of render/html.py that the rest of the suite let live (docs/mutation.md):
each kind of page is compared whole with what a reader should get (the page's frame, the
table, the citations that link and those that must not, the sources with who cites them, the
footer and the crisis contacts, first when asked), the printed sheet with its pictographs
drawn person by person, and the landscape rule for wide tables.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest

from trd_cli.documents.sheet import Arm, Pictograph
from trd_cli.documents.views import Column, Option, RenderOptions, View
from trd_cli.render import html, html_sheet

from .render_views import CARD, CRISIS_FIRST, EMPTY, GLANCE, GRID, ONE_OPTION, RECORDS, SECTIONS


def written(view: View) -> str:
    out = io.StringIO()
    html.render(view, out, RenderOptions())
    return out.getvalue()


def page(view: View) -> str:
    """The page with its (constant) style sheets and its pictographs named, not written out."""
    text = written(view).replace(html.STYLE, "STYLE").replace(html_sheet.SHEET_STYLE, "SHEET_STYLE")
    return re.sub(r"<svg.*?</svg>", "SVG", text)


def test_a_list_is_a_table_in_a_page_with_its_footer() -> None:
    assert page(RECORDS) == (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Options (2)</title>\n"
        "<style>STYLE</style>\n"
        "</head>\n"
        "<body>\n"
        '<p class="notice">Health information, not medical advice.</p>\n'
        "<main>\n"
        "<h1>Options (2)</h1>\n"
        "<table>\n"
        '<thead><tr><th scope="col">id</th><th scope="col">Name</th><th scope="col">Onset</th></tr></thead>\n'
        "<tbody>\n"
        "<tr><td>alpha</td><td>Alpha *one*</td><td>1-2 weeks<br>or longer</td></tr>\n"
        "<tr><td>beta</td><td>Beta</td><td></td></tr>\n"
        "</tbody>\n"
        "</table>\n"
        '<p class="meta">First note.</p>\n'
        '<p class="meta">Second note.</p>\n'
        "</main>\n"
        "<footer>\n"
        '<p class="meta">From the trd catalogue, version 1.2.3, dated 2026-01-02.</p>\n'
        "<p>Health information, not medical advice.</p>\n"
        '<p class="crisis">If you are in crisis:</p>\n'
        "<ul>\n"
        "<li>United States: <strong>988</strong> — Suicide &amp; Crisis Lifeline</li>\n"
        "<li>United Kingdom: <strong>116 123</strong> — Samaritans</li>\n"
        "</ul>\n"
        "</footer>\n"
        "</body>\n"
        "</html>\n"
    )


def test_a_comparison_links_only_the_citations_its_column_makes() -> None:
    assert page(GRID) == (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Comparing Alpha · Beta</title>\n"
        "<style>STYLE</style>\n"
        "</head>\n"
        "<body>\n"
        '<p class="notice">Health information, not medical advice.</p>\n'
        "<main>\n"
        "<h1>Comparing Alpha · Beta</h1>\n"
        '<table class="grid">\n'
        '<colgroup><col class="question"><col><col></colgroup>\n'
        '<thead><tr><th scope="col">Question</th><th scope="col">Alpha <span class="id">[alpha]</span></th><th scope="col">Beta <span class="id">[beta]</span></th></tr></thead>\n'
        "<tbody>\n"
        '<tr><th scope="row">What is it?</th><td>A coil [<a href="#src-1">s1</a>]<br>Second line</td><td>A tablet [<a href="#src-2">s2</a>]</td></tr>\n'
        '<tr><th scope="row">Onset</th><td><span class="nr">not reviewed</span> [s1, s2]</td><td>2 weeks [<a href="#src-1">s1</a>, <a href="#src-2">s2</a>]</td></tr>\n'
        "</tbody>\n"
        "</table>\n"
        '<p class="meta">Rates are people out of 100.</p>\n'
        '<section class="sources">\n'
        "<h2>Sources</h2>\n"
        "<ul>\n"
        '<li id="src-1">[s1] Doe (2018) <span class="meta">(for alpha and beta)</span></li>\n'
        '<li id="src-2">[s2] Label (2020) <span class="meta">(for beta)</span></li>\n'
        "</ul>\n"
        "</section>\n"
        '<p class="meta">Last reviewed: 2026.</p>\n'
        "</main>\n"
        "<footer>\n"
        '<p class="meta">From the trd catalogue, version 1.2.3, dated 2026-01-02.</p>\n'
        "<p>Health information, not medical advice.</p>\n"
        '<p class="crisis">If you are in crisis:</p>\n'
        "<ul>\n"
        "<li>United States: <strong>988</strong> — Suicide &amp; Crisis Lifeline</li>\n"
        "<li>United Kingdom: <strong>116 123</strong> — Samaritans</li>\n"
        "</ul>\n"
        "</footer>\n"
        "</body>\n"
        "</html>\n"
    )


# The mini explanation's sections in full: the whole page of `explain`, and the pages after its
# printed card.
IN_FULL = (
    '<p class="meta">Reviewed 2026-01-02.</p>\n'
    "<section>\n"
    "<h2>Summary</h2>\n"
    "<ul>\n"
    '<li>A coil on the scalp [<a href="#source-s1">s1</a>]</li>\n'
    "<li>1. Not a list</li>\n"
    "</ul>\n"
    "</section>\n"
    "<section>\n"
    "<h2>Sources</h2>\n"
    "<ul>\n"
    '<li id="source-s1">[s1] Doe J. <a href="https://example.org/trial">https://example.org/trial</a>.</li>\n'
    '<li id="source-s2">[s2] Label</li>\n'
    '<li>[<a href="#source-s1">s1</a>] Again</li>\n'
    "<li>[s9] Unknown</li>\n"
    "</ul>\n"
    "</section>\n"
)


def test_an_explanation_gives_each_source_its_anchor_once() -> None:
    assert page(SECTIONS) == (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Alpha [alpha]</title>\n"
        "<style>STYLE</style>\n"
        "</head>\n"
        "<body>\n"
        '<p class="notice">Health information, not medical advice.</p>\n'
        "<main>\n"
        "<h1>Alpha [alpha]</h1>\n" + IN_FULL + "</main>\n"
        "<footer>\n"
        '<p class="meta">From the trd catalogue, version 1.2.3, dated 2026-01-02.</p>\n'
        "<p>Health information, not medical advice.</p>\n"
        '<p class="crisis">If you are in crisis:</p>\n'
        "<ul>\n"
        "<li>United States: <strong>988</strong> — Suicide &amp; Crisis Lifeline</li>\n"
        "<li>United Kingdom: <strong>116 123</strong> — Samaritans</li>\n"
        "</ul>\n"
        "</footer>\n"
        "</body>\n"
        "</html>\n"
    )


PAGE_2 = (
    '<div class="page2">\n'
    '<section class="ask" aria-labelledby="ask">\n'
    '<h2 id="ask">Questions to ask your clinician</h2>\n'
    "<ul>\n"
    "<li>Is it right for me?</li>\n"
    "<li>What if it does not help?</li>\n"
    "</ul>\n"
    "</section>\n"
    '<section aria-labelledby="notes">\n'
    '<h2 id="notes">Notes</h2>\n'
    '<div class="notes-space"></div>\n'
    '<div class="notes-space"></div>\n'
    "</section>\n"
    '<section class="endnotes" aria-labelledby="sources">\n'
    '<h2 id="sources">Sources</h2>\n'
    "<ol>\n"
    '<li id="src-1" value="1">Doe J. <a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a></li>\n'
    '<li id="src-2" value="2">[2] Label (2020)</li>\n'
    "</ol>\n"
    "</section>\n"
    '<section aria-labelledby="updates">\n'
    '<h2 id="updates">How this information is kept up to date</h2>\n'
    "<p>Updated yearly.</p>\n"
    "<p>Overlay: monthly.</p>\n"
    "</section>\n"
    "</div>\n"
)
"""Page 2 of the test sheets: questions, space for notes, endnotes, how it is kept current."""


def test_the_short_comparison_prints_as_a_decision_sheet() -> None:
    assert page(GLANCE) == (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Comparing Alpha · Beta</title>\n"
        "<style>SHEET_STYLE\n"
        ".details { break-before: page; page-break-before: always; }\n"
        ".details section { break-inside: auto; }\n"
        "</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        "<header>\n"
        "<h1>Comparing Alpha · Beta</h1>\n"
        '<p class="meta">From the trd catalogue, version 1.2.3, dated 2026-01-02.</p>\n'
        "<p><strong>Health information, not medical advice.</strong></p>\n"
        '<section class="crisis" aria-labelledby="crisis">\n'
        '<h2 id="crisis">If you are in crisis:</h2>\n'
        "<ul>\n"
        "<li>United States: <strong>988</strong> — Suicide &amp; Crisis Lifeline</li>\n"
        "<li>United Kingdom: <strong>116 123</strong> — Samaritans</li>\n"
        "</ul>\n"
        "</section>\n"
        "</header>\n"
        '<table class="grid">\n'
        '<caption class="meta">Rates are people out of 100. In each picture, 100 people like those in the study: a filled figure had the result, an outlined one did not; the option on the left, what it was compared with on the right.</caption>\n'
        '<colgroup><col class="question"><col><col></colgroup>\n'
        '<thead><tr><th scope="col">Question</th><th scope="col">Alpha</th><th scope="col">Beta</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><th scope="row">What is it?</th><td>A coil [<a href="#src-1">1</a>]</td><td>A tablet [<a href="#src-2">2</a>]</td></tr>\n'
        '<tr><th scope="row">How likely is it to help?</th><td>Response: 30 in 100 [<a href="#src-1">1</a>]<div class="picts"><div class="pict"><p>Response:</p>SVG</div><div class="pict"><p>Remission:</p>SVG</div></div></td><td><span class="nr">not reviewed</span></td></tr>\n'
        "</tbody>\n"
        "</table>\n" + PAGE_2 + "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def test_an_explanation_prints_its_card_then_every_section_in_full() -> None:
    assert page(CARD) == (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Alpha [alpha]</title>\n"
        "<style>SHEET_STYLE\n"
        ".details { break-before: page; page-break-before: always; }\n"
        ".details section { break-inside: auto; }\n"
        "</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        "<header>\n"
        "<h1>Alpha [alpha]</h1>\n"
        '<p class="meta">From the trd catalogue, version 1.2.3, dated 2026-01-02.</p>\n'
        "<p><strong>Health information, not medical advice.</strong></p>\n"
        '<section class="crisis" aria-labelledby="crisis">\n'
        '<h2 id="crisis">If you are in crisis:</h2>\n'
        "<ul>\n"
        "<li>United States: <strong>988</strong> — Suicide &amp; Crisis Lifeline</li>\n"
        "<li>United Kingdom: <strong>116 123</strong> — Samaritans</li>\n"
        "</ul>\n"
        "</section>\n"
        "</header>\n"
        '<table class="grid">\n'
        '<caption class="meta">Response: symptoms fall by half or more. Remission: few or no symptoms left. Sham, placebo: a fake treatment. In each picture, 100 people like those in the study: a filled figure had the result, an outlined one did not; the option on the left, what it was compared with on the right.</caption>\n'
        '<colgroup><col class="question"><col><col></colgroup>\n'
        '<thead><tr><th scope="col">Question</th><th scope="col">Alpha short</th><th scope="col">Beta short</th></tr></thead>\n'
        "<tbody>\n"
        '<tr><th scope="row">What is it?</th><td>A coil [<a href="#src-1">1</a>]</td><td>A tablet [<a href="#src-2">2</a>]</td></tr>\n'
        '<tr><th scope="row">How likely is it to help?</th><td>Response: 30 in 100 [<a href="#src-1">1</a>]<div class="picts"><div class="pict"><p>Response:</p>SVG</div><div class="pict"><p>Remission:</p>SVG</div></div></td><td><span class="nr">not reviewed</span></td></tr>\n'
        "</tbody>\n"
        "</table>\n" + PAGE_2 + '<div class="details">\n'
        "<h2>In full, with every source</h2>\n" + IN_FULL + "</div>\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def test_crisis_contacts_come_first_when_the_request_touches_suicide() -> None:
    text = page(dataclasses.replace(EMPTY, footer=CRISIS_FIRST))
    assert text.split("<body>\n")[1].split("</main>")[0] == (
        '<p class="crisis"><strong>If you are in crisis:</strong> United States: <strong>988</strong> · United Kingdom: <strong>116 123</strong></p>\n'
        '<p class="notice">Health information, not medical advice.</p>\n'
        "<main>\n"
        "<h1>Options (0)</h1>\n"
        "<p>Nothing matches.</p>\n"
        '<p class="meta">A note.</p>\n'
    )


def figures(path: str) -> list[tuple[float, float]]:
    """Where each person in a path is: its head's first point."""
    return [(float(x), float(y)) for x, y in re.findall(r"M([\d.]+),([\d.]+)a", path)]


def test_a_pictograph_fills_as_many_people_as_its_count_row_by_row() -> None:
    picture = html_sheet.pictograph_html(
        Pictograph("alpha", "remission", Arm("Alpha", 11.0), Arm("sham", 0.0), 'with "Alpha"')
    )
    assert picture.startswith(
        '<div class="pict"><p>Remission:</p><svg role="img" aria-label="with &quot;Alpha&quot;" '
        'viewBox="0 0 214 100" xmlns="http://www.w3.org/2000/svg">'
        "<title>with &quot;Alpha&quot;</title>"
    )
    paths = re.findall(r'<path ([^>]*)d="([^"]*)"/>', picture)
    assert [attrs for attrs, _ in paths] == [
        'fill="currentColor" ',
        'fill="#fff" stroke="currentColor" stroke-width=".7" ',
        'fill="#fff" stroke="currentColor" stroke-width=".7" ',
    ]  # the comparator's none-in-100 has no filled figure at all
    filled, empty, comparator = (figures(d) for _, d in paths)
    assert len(filled) == 11 and len(empty) == 89 and len(comparator) == 100
    assert filled[:2] == [(3.4, 2.6), (13.4, 2.6)] and filled[10] == (3.4, 12.6)
    assert empty[0] == (13.4, 12.6) and empty[-1] == (93.4, 92.6)
    assert comparator[0] == (117.4, 2.6)  # 10 figures and a gap of 14 to the right
    assert paths[0][1].startswith(
        "M3.4,2.6a1.6,1.6 0 1,0 3.2,0a1.6,1.6 0 1,0 -3.2,0zM2,9.4v-2.6q0,-2.7 3,-2.7q3,0 3,2.7v2.6z"
        "M13.4,2.6"
    )


def test_a_pictograph_without_a_comparator_is_one_array() -> None:
    picture = html_sheet.pictograph_html(
        Pictograph("alpha", "response", Arm("Alpha", 100.0), None, "All 100")
    )
    assert 'viewBox="0 0 100 100"' in picture
    paths = re.findall(r'<path ([^>]*)d="([^"]*)"/>', picture)
    assert len(paths) == 1 and len(figures(paths[0][1])) == 100


@pytest.mark.parametrize(("columns", "landscape"), [(6, False), (7, True)])
def test_a_list_of_more_than_six_columns_prints_in_landscape(columns: int, landscape: bool) -> None:
    view = dataclasses.replace(
        RECORDS,
        columns=tuple(Column(f"c{i}", f"C{i}") for i in range(columns)),
        rows=(tuple("x" for _ in range(columns)),),
    )
    assert (html.LANDSCAPE in written(view)) is landscape


@pytest.mark.parametrize(("options", "landscape"), [(3, False), (4, True)])
def test_a_comparison_of_four_or_more_prints_in_landscape(options: int, landscape: bool) -> None:
    view = dataclasses.replace(
        GRID,
        options=tuple(Option(f"o{i}", f"O{i}") for i in range(options)),
        rows=(("Q", tuple("x" for _ in range(options))),),
    )
    assert (html.LANDSCAPE in written(view)) is landscape


def test_an_explanation_never_prints_in_landscape() -> None:
    assert html.LANDSCAPE not in written(SECTIONS)


PICTURE = re.compile(
    r'<svg role="img" aria-label="[^"]*" viewBox="[^"]*" xmlns="http://www.w3.org/2000/svg">'
    r"<title>[^<]*</title>(?:<path [^>]*/>)+</svg>"
)
PERSON = (
    r"M[\d.]+,[\d.]+a1\.6,1\.6 0 1,0 3\.2,0a1\.6,1\.6 0 1,0 -3\.2,0z"
    r"M[\d.]+,[\d.]+v-2\.6q0,-2\.7 3,-2\.7q3,0 3,2\.7v2\.6z"
)


def test_a_printed_picture_is_only_people_one_after_another() -> None:
    sheet = written(GLANCE)
    pictures = re.findall(r"<svg.*?</svg>", sheet)
    assert len(pictures) == 2
    for picture in pictures:
        assert PICTURE.fullmatch(picture), picture[:300]
        for d in re.findall(r' d="([^"]*)"', picture):
            assert re.fullmatch(f"(?:{PERSON})+", d), d[:300]


def test_a_sheet_without_pictures_does_not_explain_them() -> None:
    assert GLANCE.sheet is not None
    bare = dataclasses.replace(GLANCE.sheet, pictographs=((), ()))
    sheet = written(dataclasses.replace(GLANCE, sheet=bare))
    assert '<caption class="meta">Rates are people out of 100.</caption>' in sheet
    assert "<svg" not in sheet
    unplaced = dataclasses.replace(GLANCE.sheet, pictograph_row="")
    sheet = written(dataclasses.replace(GLANCE, sheet=unplaced))
    assert '<caption class="meta">Rates are people out of 100.</caption>' in sheet
    assert "<svg" not in sheet


def test_one_option_needs_no_for_after_its_sources() -> None:
    assert '<li id="src-1">[s1] Doe (2018)</li>\n</ul>' in written(ONE_OPTION)


def test_an_explanation_without_a_subtitle_has_no_empty_line_for_it() -> None:
    text = written(dataclasses.replace(SECTIONS, subtitle=""))
    assert "<h1>Alpha [alpha]</h1>\n<section>\n<h2>Summary</h2>" in text
