"""The terminal table as a person sees it, whole, in colour, at the widths where it changes.

Written for mutants of render/table.py that the rest of the suite let live (docs/mutation.md).
Each case draws one view at one width with colour on and compares every character, escape
codes included, with ``tests/fixtures/table/CASE.txt``: the layout chosen at each width (a
table, the compact paragraphs, the stacked blocks), what is bold, dim or underlined, the
'not reviewed' and 'none listed' marks, notes, sources, the footer. A changed fixture is a
changed screen: read the difference (``cat -v``) before accepting it.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from trd_cli.documents.views import Option, RenderOptions, View
from trd_cli.documents.words import Section
from trd_cli.render import table

from .render_views import CRISIS_FIRST, EMPTY, GRID, ONE_OPTION, RECORDS, SECTIONS

FIXTURES = Path(__file__).parent / "fixtures" / "table"

NONE_LISTED = dataclasses.replace(
    RECORDS, rows=(("alpha", "None listed.", "not reviewed"), *RECORDS.rows[1:])
)
NUMBERED = dataclasses.replace(
    GRID, numbered=True, rows=(("How likely is it to help?", GRID.rows[0][1]), *GRID.rows[1:])
)
LONG = dataclasses.replace(
    RECORDS,
    rows=(
        (
            "alpha",
            "Alpha with a very-long-hyphenated-name and more words",
            "one two three four five six seven eight nine ten eleven twelve",
        ),
        *RECORDS.rows[1:],
    ),
)
PICTURE = dataclasses.replace(
    SECTIONS,
    sections=(Section("Picture", ("##########  long line " * 4, "#####"), preformatted=True),),
)
WORD = "https://example.org/a/very/long/address/that/has/no/spaces/at/all"
LONG_WORDS = dataclasses.replace(
    RECORDS,
    rows=(("alpha-beta-gamma-delta-epsilon", WORD, "x"),),
    notes=(),
)
EDGES = dataclasses.replace(
    RECORDS,
    rows=(
        ("alpha", "b" * 52, "c"),
        ("beta", "x" * 40 + " well-known-hyphenated", WORD),
        ("", "", ""),
    ),
)
LONG_GRID = dataclasses.replace(
    GRID,
    options=(Option("alpha", "Alpha with a long name"), Option("beta", "Beta")),
    rows=(
        ("What is it? " + WORD, ("A coil " * 12 + WORD, "A tablet")),
        ("Onset", ("2 weeks", "3 weeks " * 10)),
    ),
    caption="",
)
TWO_KINDS = dataclasses.replace(
    SECTIONS,
    sections=(
        Section("Picture", ("#" * 50,), preformatted=True),
        Section("Sources", ("[s1] " + WORD,)),
    ),
)

CASES: dict[str, tuple[View, int]] = {
    "records-wide-66": (RECORDS, 66),
    "records-compact-65": (RECORDS, 65),
    "records-compact-60": (NONE_LISTED, 60),
    "records-stacked-59": (NONE_LISTED, 59),
    "records-compact-wrapped": (LONG, 62),
    "records-stacked-narrow": (RECORDS, 12),
    "records-empty": (dataclasses.replace(EMPTY, footer=CRISIS_FIRST), 80),
    "grid-wide-70": (GRID, 70),
    "grid-stacked-69": (GRID, 69),
    "grid-numbered-wide": (NUMBERED, 100),
    "grid-numbered-stacked": (NUMBERED, 50),
    "grid-one-option": (ONE_OPTION, 80),
    "records-wide-long-words": (LONG_WORDS, 66),
    "records-compact-edges": (EDGES, 60),
    "grid-wide-long": (LONG_GRID, 70),
    "grid-numbered-long": (dataclasses.replace(LONG_GRID, numbered=True), 70),
    "grid-stacked-long": (LONG_GRID, 30),
    "grid-stacked-heading-fits": (LONG_GRID, 31),
    "sections": (SECTIONS, 60),
    "sections-long-words": (TWO_KINDS, 40),
    "sections-preformatted": (PICTURE, 40),
}


def drawn(view: View, width: int) -> str:
    out = io.StringIO()
    table.render(view, out, RenderOptions(color=True, width=width))
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_screen_is_drawn_as_expected(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")  # the 8 standard colours, whatever the terminal
    monkeypatch.delenv("COLORTERM", raising=False)
    view, width = CASES[case]
    expected = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    assert drawn(view, width) == expected
