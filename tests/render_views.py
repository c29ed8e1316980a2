"""Small views built by hand, for the renderers' own tests (tests/test_mutation_*.py).

Each renderer is handed the same few views, so that what one format writes can be compared
whole with what a person or a script should read: a title, columns and rows with catalogue
text that looks like markup, notes, sources cited by one option or by both, the footer with
its disclaimer and crisis contacts.
"""

from __future__ import annotations

import dataclasses

from trd_cli.catalogue.model import CrisisContact
from trd_cli.documents.command_views import CARD_TITLE
from trd_cli.documents.sheet import Arm, Citation, Pictograph, Sheet
from trd_cli.documents.views import (
    Column,
    Data,
    Footer,
    GridView,
    Option,
    RecordsView,
    SectionsView,
)
from trd_cli.documents.words import Section

CONTACTS = (
    CrisisContact("United States", "988", "Suicide & Crisis Lifeline"),
    CrisisContact("United Kingdom", "116 123", "Samaritans"),
)
FOOTER = Footer("1.2.3", "2026-01-02", "Health information, not medical advice.", CONTACTS)
CRISIS_FIRST = Footer(
    "1.2.3", "2026-01-02", "Health information, not medical advice.", CONTACTS, True
)

RECORDS = RecordsView(
    title="Options (2)",
    columns=(Column("id", "id"), Column("name", "Name"), Column("onset", "Onset")),
    rows=(("alpha", "Alpha *one*", "1-2 weeks\nor longer"), ("beta", "Beta", "")),
    data=Data(({"id": "alpha"}, {"id": "beta"}), ("id",)),
    footer=FOOTER,
    notes=("First note.", "Second note."),
    empty="Nothing matches.",
)
EMPTY = RecordsView(
    title="Options (0)",
    columns=RECORDS.columns,
    rows=(),
    data=Data((), ("id",)),
    footer=FOOTER,
    notes=("A note.",),
    empty="Nothing matches.",
)

GRID = GridView(
    title="Comparing Alpha · Beta",
    options=(Option("alpha", "Alpha"), Option("beta", "Beta")),
    rows=(
        ("What is it?", ("A coil [s1]\nSecond line", "A tablet [s2]")),
        ("Onset", ("not reviewed [s1, s2]", "2 weeks [s1, s2]")),
    ),
    data=Data(({"id": "alpha"}, {"id": "beta"}), ("id",)),
    footer=FOOTER,
    caption="Rates are people out of 100.",
    sources=(
        Citation("s1", "[s1] Doe (2018)", ("alpha", "beta"), full="Doe J. A trial. 2018"),
        Citation("s2", "[s2] Label (2020)", ("beta",)),
    ),
    notes=("Last reviewed: 2026.",),
)
ONE_OPTION = GridView(
    title="Comparing Alpha",
    options=(Option("alpha", "Alpha"),),
    rows=(("What is it?", ("A coil [s1]",)),),
    data=Data(({"id": "alpha"},), ("id",)),
    footer=FOOTER,
    sources=(Citation("s1", "[s1] Doe (2018)", ("alpha",)),),
)

SECTIONS = SectionsView(
    title="Alpha [alpha]",
    sections=(
        Section("Summary", ("A coil on the scalp [s1]", "1. Not a list")),
        Section(
            "Sources",
            ("[s1] Doe J. https://example.org/trial.", "[s2] Label", "[s1] Again", "[s9] Unknown"),
        ),
    ),
    data=Data(({"id": "alpha"},), ("id",), shape="single"),
    footer=FOOTER,
    subtitle="Reviewed 2026-01-02.",
    source_ids=("s1", "s2"),
)

SHEET = Sheet(
    rows=(
        ("What is it?", ("A coil [1]", "A tablet [2]")),
        ("How likely is it to help?", ("Response: 30 in 100 [1]", "not reviewed")),
    ),
    sources=(
        Citation("1", "[1] Doe (2018)", ("alpha",), full="Doe J. https://doi.org/10.1/x"),
        Citation("2", "[2] Label (2020)", ("beta",)),
    ),
    pictographs=(
        (
            Pictograph(
                "alpha",
                "response",
                Arm("Alpha", 30.0),
                Arm("sham", 12.0),
                '30 in 100 people had a response with "Alpha"; 12 in 100 with sham.',
            ),
            Pictograph(
                "alpha", "remission", Arm("Alpha", 5.0), None, "5 in 100 (no comparison group)."
            ),
        ),
        (),
    ),
    pictograph_row="How likely is it to help?",
    questions_to_ask=("Is it right for me?", "What if it does not help?"),
    notes_lines=2,
    update_policy=("Updated yearly.", "Overlay: monthly."),
    names=("Alpha short", "Beta short"),
)
GLANCE = dataclasses.replace(GRID, sheet=SHEET, numbered=True)
CARD = dataclasses.replace(
    SECTIONS,
    sheet=SHEET,
    sections=(Section(CARD_TITLE, ("What: A coil",)), *SECTIONS.sections),
)
