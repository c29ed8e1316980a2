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
command; a new command that builds one of the three kinds gets every format.  The views of
the core commands are built in ``command_views.py`` (the chart's in ``chart.py``).

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

from ..catalogue.model import Catalogue, CrisisContact
from ..catalogue.suggest import suggest
from ..catalogue.vocabulary import name_key
from .sheet import Citation, Sheet
from .words import Section

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
    name = name_key(value)
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


@dataclass(frozen=True, eq=False, repr=False)
class RenderOptions:
    """How to draw, decided once by the command line."""

    color: bool = False
    header: bool = False
    width: int | None = None


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
class Column:
    """A column: its key for scripts and its label for people."""

    key: str  # plain header and scripts: lowercase, no spaces
    label: str  # people


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
class Option:
    """An option as a view names it: id, name, and the citations behind it."""

    id: str
    name: str
    sources: tuple[str, ...] = ()  # ids of the citations behind this option

    @property
    def heading(self) -> str:
        return f"{self.name} [{self.id}]"


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
class SectionsView:
    """One subject in titled sections of lines."""

    piped_format: ClassVar[Format] = "table"

    title: str
    sections: tuple[Section, ...]
    data: Data
    footer: Footer
    subtitle: str = ""
    source_ids: tuple[str, ...] = ()
    sheet: Sheet | None = None  # printed first (HTML): the option's glance as a decision sheet


@dataclass(frozen=True, eq=False, repr=False)
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
