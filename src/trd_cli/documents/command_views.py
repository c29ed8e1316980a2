"""The views of the core commands (``list``, ``compare``, ``explain``, ``sources``, ``about``):
each built from the catalogue as the rows people read (``words.py``, ``glance.py``) and the
records scripts read (``records.py``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..catalogue import phrases
from ..catalogue.glance import ROWS, WRITTEN
from ..catalogue.model import Catalogue, Source, Therapy
from . import about, glance, records, types, words
from .sheet import Citation, printed_rows, reference
from .sheet import build as build_sheet
from .views import (
    Column,
    Data,
    Footer,
    GridView,
    Option,
    RecordsView,
    SectionsView,
    key_of,
)


def list_view(catalogue: Catalogue, entries: Sequence[Therapy]) -> RecordsView:
    labels = words.list_columns()
    return RecordsView(
        title=f"Treatment options for treatment-resistant depression ({len(entries)})",
        columns=tuple(Column(key_of(label), label) for label in labels),
        rows=tuple(words.list_row(e) for e in entries),
        data=Data(tuple(records.list_doc(entries)), records.LIST_FIELDS),
        footer=Footer.of(catalogue),
        notes=(f"Catalogue {catalogue.version} ({catalogue.date}). 'trd explain ID' for details.",),
        empty="No options match.",
    )


def compare_view(
    catalogue: Catalogue,
    entries: Sequence[Therapy],
    *,
    detail: bool = False,
    questions: Sequence[str] | None = None,
) -> GridView:
    """The glance (short answers, numbered sources) or, with ``detail``, every full answer."""
    if not detail:
        return glance_view(catalogue, entries, questions)
    reviewed = "; ".join(f"{e.id} {e.last_reviewed}" for e in entries)
    cited: dict[tuple[str, str], list[str]] = {}
    for e in entries:
        for src in e.sources:
            cited.setdefault((src.id, phrases.source_line(src)), []).append(e.id)
    return GridView(
        title="Comparing " + " · ".join(e.name for e in entries),
        options=tuple(Option(e.id, e.name, tuple(s.id for s in e.sources)) for e in entries),
        rows=tuple(
            (q, tuple(cells)) for q, cells in words.compare_rows(entries, catalogue.class_named())
        ),
        data=compare_data(catalogue, entries, questions),
        footer=Footer.of(catalogue),
        caption=(
            "Rates are people out of 100 in each study; studies differ in who they enrolled "
            "and how they measured, so compare across columns with care."
        ),
        sources=tuple(Citation(sid, text, tuple(ids)) for (sid, text), ids in cited.items()),
        notes=(f"Last reviewed: {reviewed}. Catalogue {catalogue.version} ({catalogue.date}).",),
    )


def compare_data(
    catalogue: Catalogue, entries: Sequence[Therapy], questions: Sequence[str] | None
) -> Data:
    """Full entries and, beside them, the short answer to each question."""
    doc = records.compare_doc(catalogue, entries)
    asked = [records.record(row) for row in glance.document(entries, catalogue, questions)]
    return Data(
        tuple(doc["therapies"]),
        records.ENTRY_FIELDS,
        shape="envelope",
        envelope={"catalogue": doc["catalogue"], "ids": doc["ids"], "questions": asked},
        key="therapies",
    )


def numbered_grid(
    catalogue: Catalogue, entries: Sequence[Therapy], questions: Sequence[str] | None
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[Citation, ...]]:
    """The short answers to ``questions``, each ending with the numbers of its sources, and
    the citations those numbers mean (a short label, and the full reference for endnotes)."""
    numbers: dict[tuple[str, str], int] = {}
    labels: dict[int, tuple[str, list[str]]] = {}
    full: dict[int, str] = {}
    grid: list[tuple[str, tuple[str, ...]]] = []
    for row, cells in glance.rows(entries, catalogue, questions):
        shown = []
        for entry, c in zip(entries, cells, strict=True):
            marks = []
            for sid in c.sources:
                src = next((s for s in entry.sources if s.id == sid), None)
                key = (sid, phrases.source_line(src) if src else sid)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    labels[numbers[key]] = (glance.short_source(sid, entry), [])
                    full[numbers[key]] = reference(src) if src else sid
                if entry.id not in labels[numbers[key]][1]:
                    labels[numbers[key]][1].append(entry.id)
                marks.append(numbers[key])
            cite = f" [{', '.join(map(str, dict.fromkeys(marks)))}]" if marks else ""
            shown.append(c.text + cite)
        grid.append((row.question, tuple(shown)))
    if any(e.origin is not None and e.origin.overlay is not None for e in entries):
        grid.append(
            ("Where this entry comes from", tuple(phrases.origin_text(e.origin) for e in entries))
        )
    citations = tuple(
        Citation(str(n), f"[{n}] {label}", tuple(cited), full[n])
        for n, (label, cited) in labels.items()
    )
    return tuple(grid), citations


def glance_view(
    catalogue: Catalogue, entries: Sequence[Therapy], questions: Sequence[str] | None
) -> GridView:
    """One short plain answer per question and option; sources as numbers under the grid.

    The view carries the printed sheet too (``sheet``): with no ``questions`` it prints the
    rows of ``sheet.printed_rows``, numbered on their own, so two pages hold them and their sources.
    """
    grid, citations = numbered_grid(catalogue, entries, questions)
    chosen = questions or printed_rows(len(entries))
    printed = (grid, citations) if questions else numbered_grid(catalogue, entries, chosen)
    ids = " ".join(e.id for e in entries)
    return GridView(
        title="Comparing " + " · ".join(glance.short_name(e) for e in entries),
        options=tuple(Option(e.id, glance.short_name(e)) for e in entries),
        rows=grid,
        data=compare_data(catalogue, entries, questions),
        footer=Footer.of(catalogue),
        caption=glance.DEFINITIONS,
        sources=citations,
        notes=(
            f"Full answers and sources: trd compare {ids} --detail. "
            f"Catalogue {catalogue.version} ({catalogue.date}).",
        ),
        numbered=True,
        sheet=build_sheet(catalogue, entries, *printed),
    )


QUESTION_FIELDS = types.fields_of(types.QuestionItem)


def questions_view(catalogue: Catalogue) -> RecordsView:
    """`trd compare --list-questions`: the rows of the glance and their keys."""
    items = [
        types.QuestionItem(
            row.key,
            row.question,
            "short answer" if row.key in WRITTEN else "structured data",
        )
        for row in ROWS
    ]
    return RecordsView(
        title="Questions 'trd compare' answers",
        columns=(Column("key", "key"), Column("question", "question"), Column("from", "from")),
        rows=tuple((i.key, i.question, i.answered_from) for i in items),
        data=Data(tuple(records.record(i) for i in items), QUESTION_FIELDS),
        footer=Footer.of(catalogue),
        notes=("Use: trd compare ID ID --questions chance,serious,avoid",),
    )


CARD_TITLE = "At a glance"


def glance_card(catalogue: Catalogue, entry: Therapy) -> words.Section:
    """The short answers, one line each, as the first section of `explain`.

    Written answers cite their sources; answers drawn from the data (onset, chance, who should
    not have it, status) are the sections below in brief, and those sections cite them.
    """
    lines = []
    for row, (c,) in glance.rows([entry], catalogue):
        cite = phrases.cite(c.sources) if c.kind != "data" else ""
        lines.append(f"{row.label}: {c.text}{cite}")
    return words.Section(CARD_TITLE, tuple(lines))


def explain_view(catalogue: Catalogue, entry: Therapy) -> SectionsView:
    return SectionsView(
        title=words.explain_title(entry),
        subtitle=words.reviewed_line(entry, catalogue),
        sections=(glance_card(catalogue, entry), *words.explain_sections(entry, catalogue)),
        data=Data(
            (
                {
                    **records.explain_doc(catalogue, entry),
                    "questions": [records.record(r) for r in glance.document([entry], catalogue)],
                },
            ),
            (*records.ENTRY_FIELDS, "catalogue", "questions"),
            shape="single",
        ),
        footer=Footer.of(catalogue),
        source_ids=tuple(s.id for s in entry.sources),
        sheet=build_sheet(catalogue, [entry], *numbered_grid(catalogue, [entry], None)),
    )


def sources_view(
    catalogue: Catalogue, cited: Sequence[tuple[Source, Sequence[str]]]
) -> RecordsView:
    """`trd sources`: one row per citation, with the options that cite it."""
    rows = records.sources_doc([(src, list(ids)) for src, ids in cited])
    return RecordsView(
        title=f"Sources ({len(cited)})",
        columns=(Column("citation", "citation"), Column("cited_by", "cited by")),
        rows=tuple((phrases.source_line(src), ", ".join(ids)) for src, ids in cited),
        data=Data(tuple(rows), (*(f.name for f in dataclasses.fields(Source)), "cited_by")),
        footer=Footer.of(catalogue),
        notes=(f"Catalogue {catalogue.version} ({catalogue.date}).",),
        empty="No sources.",
    )


def about_view(catalogue: Catalogue, counts: dict[str, int]) -> SectionsView:
    """`trd about`: the catalogue's facts; the disclaimer and crisis lines are the footer."""
    footer_titles = {"This is not medical advice", "If you are in crisis"}
    doc = records.about_doc(catalogue, counts)
    return SectionsView(
        title="trd — treatment options for treatment-resistant depression",
        sections=tuple(
            s for s in about.about_sections(catalogue, counts) if s.title not in footer_titles
        ),
        data=Data((doc,), tuple(doc), shape="single"),
        footer=Footer.of(catalogue),
    )
