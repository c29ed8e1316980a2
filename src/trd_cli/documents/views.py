"""Output formats, and the views every renderer draws.

A command builds one *view*, a plain description of what it shows, and hands it to the
renderer of the format asked for.  There are three kinds of view:

* ``RecordsView``: one row per item under named columns (``list``, and any list-shaped
  command).  Table, plain, Markdown and HTML draw the rows; JSON, YAML and CSV write the
  records of its ``Data``.
* ``GridView``: options as columns and questions as rows (``compare``), with sources.
* ``SectionsView``: one subject in titled sections of lines (``explain``).

Every view carries ``Data``, the records a script reads (the JSON document), and a ``Footer``
with what a person needs beside the information: the catalogue's date, the disclaimer and the
crisis contacts.  A renderer for a new format handles the three kinds and so works for every
command; a new command that builds one of the three kinds gets every format.

Each format's renderer is a module ``trd_cli.render.<format>`` with a function
``render(view, out, options)``.  This module names them; it imports no renderer itself, so a
script asking for JSON never loads a terminal library.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeAlias

from ..catalogue import phrases
from ..catalogue.glance import ROWS, WRITTEN
from ..catalogue.model import Catalogue, CrisisContact, Source, Therapy
from ..catalogue.suggest import suggest
from . import glance, records, types
from . import words as views
from .sheet import Citation, Sheet, printed_rows, reference
from .sheet import build as build_sheet

Format = Literal["table", "plain", "json", "yaml", "csv", "markdown", "html"]

FORMATS: tuple[Format, ...] = ("table", "plain", "json", "yaml", "csv", "markdown", "html")
"""Every output format, in the order help and errors list them."""

FIELD_FORMATS: tuple[Format, ...] = ("json", "yaml", "csv")
"""Formats that write ``Data`` records, and so accept ``--fields``."""

HEADER_FORMATS: tuple[Format, ...] = ("plain", "csv")
"""Formats with a header line: ``--header`` adds one to plain; csv always has one."""

READER_FORMATS: tuple[Format, ...] = ("table", "markdown", "html")
"""Formats a person reads: they carry the disclaimer and the crisis contacts."""


def renderer_module(fmt: Format) -> str:
    """The module that renders ``fmt``; it has ``render(view, out, options)``."""
    return f"trd_cli.render.{fmt}"


def parse_format(value: str) -> Format:
    """A format name, any case; raises ``ValueError`` with a helpful message."""
    name = value.strip().lower()
    for fmt in FORMATS:
        if fmt == name:
            return fmt
    if name in ("md", "gfm"):
        return "markdown"
    if name in ("tsv", "text", "txt"):
        return "plain"
    if name == "yml":
        return "yaml"
    hint = suggest(name, FORMATS)
    raise ValueError(f"unknown format '{value}'{hint}; choose one of: {', '.join(FORMATS)}")


def parse_fields(value: str) -> tuple[str, ...]:
    """``a,b, c`` as ``("a", "b", "c")``, dropping empty items and repeats."""
    names = [part.strip() for part in value.split(",")]
    return tuple(dict.fromkeys(n for n in names if n))


# --------------------------------------------------------------------------- view parts


@dataclass(frozen=True)
class RenderOptions:
    """How to draw, decided once by the command line."""

    color: bool = False
    header: bool = False
    width: int | None = None


@dataclass(frozen=True)
class Footer:
    """What a person reading needs with every page (never written to data formats)."""

    catalogue_version: str
    catalogue_date: str
    disclaimer: str
    crisis_contacts: tuple[CrisisContact, ...]
    crisis_first: bool = False  # the request touches suicide or self-harm: contacts go on top

    @classmethod
    def of(cls, catalogue: Catalogue, *, crisis_first: bool = False) -> Footer:
        return cls(
            catalogue.version,
            catalogue.date,
            catalogue.disclaimer,
            catalogue.crisis_contacts,
            crisis_first,
        )


CRISIS_WORDS = re.compile(
    r"suicid|self[- ]?harm|kill (?:my|him|her|them)sel|end (?:my|his|her|their) life|"
    r"want(?:ing)? to die|hurt(?:ing)? (?:my|him|her|them)sel|overdos",
    re.IGNORECASE,
)
CRISIS_CONDITIONS = frozenset({"suicidal-thoughts"})


def touches_crisis(words: Sequence[str] = (), conditions: Sequence[str] = ()) -> bool:
    """True when what a person asked about is suicide or self-harm."""
    return bool(CRISIS_CONDITIONS & set(conditions)) or any(CRISIS_WORDS.search(w) for w in words)


@dataclass(frozen=True)
class Data:
    """The records a script reads, and how they sit in the JSON document.

    ``shape`` is ``"array"`` (the document is the list of records), ``"single"`` (the document
    is the one record) or ``"envelope"`` (the records are a list under ``key`` in
    ``envelope``).  ``fields`` names every field a record may have, in order: what
    ``--fields`` accepts.
    """

    records: tuple[dict[str, Any], ...]
    fields: tuple[str, ...]
    shape: Literal["array", "single", "envelope"] = "array"
    envelope: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""

    def unknown(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n not in self.fields]

    def only(self, names: Sequence[str]) -> Data:
        """These fields of every record, in the order given."""
        records = tuple({n: r[n] for n in names if n in r} for r in self.records)
        return dataclasses.replace(self, records=records, fields=tuple(names))

    def document(self) -> Any:
        if self.shape == "single":
            return self.records[0] if self.records else {}
        if self.shape == "envelope":
            return {**self.envelope, self.key: list(self.records)}
        return list(self.records)


@dataclass(frozen=True)
class Column:
    key: str  # plain header and scripts: lowercase, no spaces
    label: str  # people


@dataclass(frozen=True)
class RecordsView:
    """One row per item under named columns."""

    piped_format: ClassVar[Format] = "plain"  # the default when stdout is not a terminal

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    data: Data
    footer: Footer
    notes: tuple[str, ...] = ()
    empty: str = "Nothing to show."


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    sources: tuple[str, ...] = ()  # ids of the citations behind this option

    @property
    def heading(self) -> str:
        return f"{self.name} [{self.id}]"


@dataclass(frozen=True)
class GridView:
    """Options as columns, questions as rows; a cell may hold several lines."""

    piped_format: ClassVar[Format] = "table"

    title: str
    options: tuple[Option, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    data: Data
    footer: Footer
    caption: str = ""
    sources: tuple[Citation, ...] = ()
    notes: tuple[str, ...] = ()
    numbered: bool = False  # cells cite "[1, 2]", numbers into ``sources`` (the glance)
    sheet: Sheet | None = None  # what a printed sheet adds (the glance): pictographs, questions

    def citation(self, option_id: str, source_id: str) -> Citation | None:
        """The citation that ``[source_id]`` means in the column of ``option_id``."""
        for c in self.sources:
            if c.id == source_id and option_id in c.cited_by:
                return c
        return None


@dataclass(frozen=True)
class SectionsView:
    """One subject in titled sections of lines."""

    piped_format: ClassVar[Format] = "table"

    title: str
    sections: tuple[views.Section, ...]
    data: Data
    footer: Footer
    subtitle: str = ""
    source_ids: tuple[str, ...] = ()
    sheet: Sheet | None = None  # printed first (HTML): the option's glance as a decision sheet


@dataclass(frozen=True)
class ChartView(RecordsView):
    """A chart: one row per bar for every format, and the chart itself for drawing bars.

    The terminal table draws ``chart`` as bars; every other format writes the rows (people)
    or the chart's document (scripts). Written as it is to a pipe: a chart is for people.
    """

    piped_format: ClassVar[Format] = "table"
    chart: object = None  # a documents.chart.Chart (that module builds the view)


View: TypeAlias = RecordsView | GridView | SectionsView


def with_fields(view: View, names: Sequence[str]) -> View:
    return dataclasses.replace(view, data=view.data.only(names))


# --------------------------------------------------------------------------- text helpers

_SPACE = re.compile(r"[\t\r\n\v\f]+")


def one_line(text: str) -> str:
    """Text for one tab-separated field: tabs and line breaks become single spaces."""
    return _SPACE.sub(" ", text)


def key_of(label: str) -> str:
    """A column label as a header key: 'US (FDA) status' -> 'us_fda_status'."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "column"


def cell_lines(cell: str) -> list[str]:
    return cell.split("\n")


# --------------------------------------------------------------------------- core commands


def list_view(catalogue: Catalogue, entries: Sequence[Therapy]) -> RecordsView:
    labels = views.list_columns()
    return RecordsView(
        title=f"Treatment options for treatment-resistant depression ({len(entries)})",
        columns=tuple(Column(key_of(label), label) for label in labels),
        rows=tuple(views.list_row(e) for e in entries),
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
            (q, tuple(cells)) for q, cells in views.compare_rows(entries, catalogue.class_named())
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


def glance_card(catalogue: Catalogue, entry: Therapy) -> views.Section:
    """The short answers, one line each, as the first section of `explain`.

    Written answers cite their sources; answers drawn from the data (onset, chance, who should
    not have it, status) are the sections below in brief, and those sections cite them.
    """
    lines = []
    for row, (c,) in glance.rows([entry], catalogue):
        cite = phrases.cite(c.sources) if c.kind != "data" else ""
        lines.append(f"{row.label}: {c.text}{cite}")
    return views.Section(CARD_TITLE, tuple(lines))


def explain_view(catalogue: Catalogue, entry: Therapy) -> SectionsView:
    return SectionsView(
        title=views.explain_title(entry),
        subtitle=views.reviewed_line(entry, catalogue),
        sections=(glance_card(catalogue, entry), *views.explain_sections(entry, catalogue)),
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
            s for s in views.about_sections(catalogue, counts) if s.title not in footer_titles
        ),
        data=Data((doc,), tuple(doc), shape="single"),
        footer=Footer.of(catalogue),
    )
