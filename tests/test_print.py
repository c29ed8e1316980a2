"""The printed decision sheet, printed by a real browser: pages, what page 1 carries, endnotes,
and an accessibility check (axe-core, WCAG 2.1 A and AA).

Needs Chromium, poppler-utils, websocket-client and axe-core (``npm ci --prefix
tests/browser``).  Where one is missing these tests skip and say what is missing; with
``TRD_REQUIRE_BROWSER=1`` (set by .ci/run) they fail instead, so CI never skips them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from trd_cli.documents.command_views import compare_view
from trd_cli.documents.sheet import PRINTED, Sheet

from .conftest import shipped
from .printing import PAPERS, Browser, Reading, missing, page_text, sheet_html

SETS = {
    2: ["tms", "ect"],
    3: ["tms", "ect", "esketamine"],
    4: ["tms", "ect", "esketamine", "lithium"],
}
HEAVY_FOUR = ["ketamine", "psilocybin", "cbt", "exercise"]

# One test process runs them all (pyproject.toml: --dist loadgroup): one browser starts.
pytestmark = pytest.mark.xdist_group("browser")


def sheet_of(ids: list[str]) -> Sheet:
    catalogue = shipped()
    entries = [next(t for t in catalogue.therapies if t.id == i) for i in ids]
    sheet = compare_view(catalogue, entries).sheet
    assert sheet is not None
    return sheet


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    lacking = missing()
    if lacking:
        message = "the print tests need " + ", ".join(lacking)
        if os.environ.get("TRD_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (TRD_REQUIRE_BROWSER=1: CI must run them)")
        pytest.skip(message)
    with Browser() as b:
        yield b


class Printer:
    """The browser with a sheet open.  A sheet is loaded once and printed at once on every
    paper, before anything else runs in the page; the tests of that sheet read those PDFs."""

    def __init__(self, browser: Browser, folder: Path) -> None:
        self.browser = browser
        self.folder = folder
        self.showing: tuple[str, ...] = ()
        self.pdfs: dict[tuple[tuple[str, ...], str], Path] = {}

    def open(self, ids: list[str]) -> None:
        """The sheet comparing ``ids`` open in the browser."""
        key = tuple(ids)
        if self.showing == key:
            return
        name = "-".join(ids)
        page = self.folder / f"{name}.html"
        page.write_text(sheet_html(ids), encoding="utf-8")
        self.browser.open(page)
        self.showing = key
        for paper in PAPERS:
            if (key, paper) not in self.pdfs:
                pdf = self.folder / f"{name}-{paper}.pdf"
                pdf.write_bytes(self.browser.pdf(paper))
                self.pdfs[key, paper] = pdf

    def pdf(self, ids: list[str], paper: str) -> Path:
        if (tuple(ids), paper) not in self.pdfs:
            self.showing = ()  # printed afresh, from a page nothing else has run in
            self.open(ids)
        return self.pdfs[tuple(ids), paper]


@pytest.fixture(scope="module")
def printer(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Printer:
    return Printer(browser, tmp_path_factory.mktemp("sheets"))


def squeeze(text: str) -> str:
    """Text without spaces or hyphens: pdftotext joins a word broken at a line's end."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize(
    "ids", [SETS[2], SETS[3], SETS[4], HEAVY_FOUR], ids=["2", "3", "4", "4-talk-and-drugs"]
)
def test_the_sheet_prints_on_two_pages_crisis_and_date_first_every_source_in_the_endnotes(
    printer: Printer, ids: list[str], paper: str
) -> None:
    read = Reading(printer.pdf(ids, paper))
    count = read.pages
    assert count <= 2, f"{' '.join(ids)} prints to {count} {paper} pages"
    first = read.text[0]
    assert "If you are in crisis: United States: 988" in first
    assert "dated 2026-12-01" in first
    assert "not medical advice" in first
    everything = squeeze(" ".join(read.text))
    columns = squeeze(" ".join(read.columns))
    endnotes = columns[columns.index("Sources") :]
    sheet = sheet_of(ids)
    assert sheet.sources, "the sheet cites nothing"
    for c in sheet.sources:
        assert squeeze(f"{c.id}. {c.reference}") in endnotes, f"endnote {c.id} is missing"
    assert squeeze("Questions to ask your clinician") in everything


@pytest.mark.parametrize("ids", [SETS[2], SETS[4]], ids=["2", "4"])
def test_the_sheet_has_no_wcag_21_aa_violations(printer: Printer, ids: list[str]) -> None:
    printer.open(ids)
    assert printer.browser.axe() == []


# --------------------------------------------------------------------------- without a browser


def test_pictographs_are_images_of_100_people_with_a_text_alternative() -> None:
    page = sheet_html(SETS[2])
    alts = re.findall(r'<svg role="img" aria-label="([^"]*)"', page)
    assert "29 in 100 people had a response with rTMS; 10 in 100 with sham rTMS." in alts
    assert "19 in 100 people had remission with rTMS; 5 in 100 with sham rTMS." in alts
    assert len(alts) == 4  # response and remission, for each option
    svg = page[page.index('<svg role="img"') : page.index("</svg>")]
    people: dict[str, int] = {}
    for fill, d in re.findall(r'<path fill="([^"]*)"[^>]* d="([^"]*)"', svg):
        people[fill] = people.get(fill, 0) + d.count("a1.6") // 2  # a head is two arcs
    # two arrays of 100 (rTMS, sham): 29 + 10 people filled, the rest outlined
    assert people == {"currentColor": 29 + 10, "#fff": 200 - 39}


def test_the_sheet_prints_the_chosen_questions_and_no_script() -> None:
    page = sheet_html(SETS[2], "--questions", "cost,chance")
    rows = re.findall(r'<th scope="row">(.*?)</th>', page)
    assert rows == ["Cost and coverage", "How likely is it to help?"]
    assert "<script" not in page
    default = re.findall(r'<th scope="row">(.*?)</th>', sheet_html(SETS[2]))
    assert len(default) == len(PRINTED)
    assert "Questions to ask your clinician" in page


def test_detail_gives_the_long_view_not_the_sheet() -> None:
    page = sheet_html(SETS[2], "--detail")
    assert "Questions to ask your clinician" not in page
    assert 'role="img"' not in page
    assert "[mayo-def-2015]" in page  # the full source list, by catalogue id


def test_explain_html_opens_with_the_option_as_a_sheet_then_every_section() -> None:
    """One option printed: crisis contacts and the short answers first, then the full text."""
    from trd_cli.cli.app import app

    from .runner import CliRunner

    result = CliRunner().invoke(
        app, ["explain", "esketamine", "--format", "html"], env={"TRD_CATALOG": ""}
    )
    assert result.exit_code == 0
    page = result.stdout
    crisis, grid, details = (
        page.index('id="crisis"'),
        page.index('<table class="grid">'),
        page.index('class="details"'),
    )
    assert crisis < grid < details
    assert '<th scope="col">Spravato</th>' in page
    assert 'role="img"' in page[grid:details]  # the pictographs sit in the grid
    assert page.count(">At a glance<") == 0  # the card is the sheet, not repeated
    assert "Who needs extra care" in page[details:]


def test_explain_sheet_has_no_wcag_21_aa_violations_and_page_1_has_crisis_and_date(
    printer: Printer, tmp_path: Path
) -> None:
    browser = printer.browser
    from trd_cli.cli.app import app

    from .runner import CliRunner

    result = CliRunner().invoke(
        app, ["explain", "esketamine", "--format", "html"], env={"TRD_CATALOG": ""}
    )
    page = tmp_path / "explain.html"
    page.write_text(result.stdout, encoding="utf-8")
    browser.open(page)
    printer.showing = ()  # another page
    assert browser.axe() == []
    pdf = tmp_path / "explain.pdf"
    pdf.write_bytes(browser.pdf("letter"))
    first = page_text(pdf, 1)
    assert "If you are in crisis: United States: 988" in first
    assert "dated 2026-12-01" in first
