"""The typed output of the commands: one dataclass per JSON document (and its parts).

Commands build these, JSON/YAML/CSV are written from them (``records.plain``), and the JSON
Schemas ``trd schema NAME`` prints are generated from the same classes (``schema.py``), so a
document and its schema cannot drift apart.  A field's ``doc`` is its description; ``rule``
adds what a type cannot say (a pattern, a minimum).  Every field is always present.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from ..catalogue.model import Layer, Origin
from ..catalogue.vocabulary import Category, Invasiveness, RegulatoryStatus, Setting, TimeUnit
from ..explore.screen import Verdict

SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class Document:
    """Marks the classes of this module: their strings are any text unless a rule says.

    Each is ``dataclass(frozen=True, eq=False, repr=False)``: a document is built and written
    out, never compared, hashed or shown as itself, and without those three generated methods
    this module (imported by every data command) is built in a third less time."""


def fields_of(cls: type) -> tuple[str, ...]:
    """The fields of a document, in order: what ``--fields`` may name."""
    return tuple(f.name for f in dataclasses.fields(cls))


def doc(text: str = "", **rule: Any) -> Any:
    """A field's description and extra JSON Schema keywords."""
    return field(metadata={"doc": text, "rule": rule})


def slug(text: str = "") -> Any:
    return doc(text, pattern=SLUG)


def day(text: str = "") -> Any:
    return doc(text, pattern=DATE, format="date")


def count(text: str = "") -> Any:
    return doc(text, minimum=0)


# --------------------------------------------------------------------------- list


@dataclass(frozen=True, eq=False, repr=False)
class OnsetSummary(Document):
    """Typical time to first benefit; min_days and max_days for sorting."""

    text: str
    min: float = doc(minimum=0)
    max: float = doc(minimum=0)
    unit: TimeUnit = doc()
    min_days: float = doc(minimum=0)
    max_days: float = doc(minimum=0)


@dataclass(frozen=True, eq=False, repr=False)
class FdaStatus(Document):
    status: RegulatoryStatus
    year: int | None
    indication: str


@dataclass(frozen=True, eq=False, repr=False)
class ListItem(Document):
    """One option, summarised (`trd list --json`)."""

    id: str = slug()
    name: str = doc()
    category: Category = doc()
    aliases: list[str] = doc()
    investigational: bool = doc()
    route: str = doc()
    setting: list[Setting] = doc()
    anesthesia: bool = doc()
    invasiveness: Invasiveness = doc()
    visits_per_week: float | None = doc("null when not sourced.", minimum=0)
    onset: OnsetSummary | None = doc("null when not reviewed.")
    fda: list[FdaStatus] = doc("US FDA status, if any.")
    last_reviewed: str = day()
    origin: Origin | None = doc("The catalogue file and version the entry came from.")


# --------------------------------------------------------------------------- search


@dataclass(frozen=True, eq=False, repr=False)
class SearchHit(Document):
    field: str = doc(
        "Where it matched, as a path: `name`, `side_effects.serious[0].effect`, "
        "`sources[transform2].title`.",
        minLength=1,
    )
    snippet: str = doc("About 40 characters either side.")
    highlights: list[tuple[int, int]] = doc(
        "[start, end) character offsets of each matched word in `snippet`."
    )


@dataclass(frozen=True, eq=False, repr=False)
class SearchItem(Document):
    id: str = slug()
    name: str = doc()
    score: float = doc(
        "How well the words matched (orders hits; not a rating).", exclusiveMinimum=0
    )
    hits: list[SearchHit] = doc("Every field that matched, best first.", minItems=1)


# --------------------------------------------------------------------------- screen


@dataclass(frozen=True, eq=False, repr=False)
class ScreenReason(Document):
    condition: str = slug()
    strength: Verdict = doc("What the catalogue says for this condition.")
    text: str = doc()
    source: str = doc("The cited sources, written out.")
    source_ids: list[str] = doc()


@dataclass(frozen=True, eq=False, repr=False)
class PreferenceFit(Document):
    preference: str = doc("One of the preferences `trd screen --prefer` takes.")
    met: bool | None = doc("null: the catalogue has no sourced value to judge by.")
    reason: str = doc()


@dataclass(frozen=True, eq=False, repr=False)
class ScreenItem(Document):
    id: str = slug()
    name: str = doc()
    verdict: Verdict = doc()
    reasons: list[ScreenReason] = doc("At least one per condition given, strongest first.")
    preferences: list[PreferenceFit] = doc("One per --prefer, in the order given.")


@dataclass(frozen=True, eq=False, repr=False)
class ConditionItem(Document):
    id: str = slug()
    description: str = doc()


# --------------------------------------------------------------------------- stage


@dataclass(frozen=True, eq=False, repr=False)
class StageEntry(Document):
    name: str
    label: str
    value: float | str | bool = doc("As entered.")
    points: float | None = doc("null where the model stages instead.")
    category: str | None = doc("The table row applied.")


@dataclass(frozen=True, eq=False, repr=False)
class StageCriterion(Document):
    stage: str
    text: str
    met: bool


@dataclass(frozen=True, eq=False, repr=False)
class StageResult(Document):
    """One staging result (`trd stage MODEL --json`)."""

    model: Literal["maudsley", "thase-rush", "mgh"]
    name: str
    items: list[StageEntry]
    score: float | None = doc("null for thase-rush.")
    range: tuple[float, float] | None = doc("[lowest, highest] score; null for a continuous score.")
    band: str | None = doc()
    stage: str | None = doc("thase-rush only: 0 to V.")
    criteria: list[StageCriterion] = doc("thase-rush only: each stage and whether it is met.")
    assumptions: list[str] = doc("Choices the calculator makes where sources leave it open.")
    notes: list[str] = doc()
    source: str = doc()


# --------------------------------------------------------------------------- about


@dataclass(frozen=True, eq=False, repr=False)
class FileCounts(Document):
    """What a catalogue file holds."""

    entries: int = count()
    sources: int = count()
    not_reviewed_fields: int = count()


@dataclass(frozen=True, eq=False, repr=False)
class Counts(FileCounts):
    """What the catalogue in use holds."""

    efficacy_outcomes: int = count()


@dataclass(frozen=True, eq=False, repr=False)
class About(Document):
    """Facts about the catalogue in use (`trd about --json`)."""

    version: str
    date: str = day()
    path: str = doc("The catalogue file read.")
    update_policy: str = doc()
    funding: str = doc()
    counts: Counts = doc()
    catalogues: list[Layer] = doc("Every catalogue file in use, base first.")


# --------------------------------------------------------------------------- chart


@dataclass(frozen=True, eq=False, repr=False)
class CatalogueMeta(Document):
    version: str
    date: str


@dataclass(frozen=True, eq=False, repr=False)
class NotDrawn(Document):
    id: str
    name: str
    reason: Literal["not-reviewed", "no-figure", "no-rate"]
    text: str


@dataclass(frozen=True, eq=False, repr=False)
class Tick(Document):
    label: str
    days: float = doc(minimum=0)


@dataclass(frozen=True, eq=False, repr=False)
class OnsetAxis(Document):
    scale: Literal["log"]
    unit: Literal["days"]
    min_days: float = doc(minimum=0)
    max_days: float = doc(minimum=0)
    ticks: list[Tick] = doc()


@dataclass(frozen=True, eq=False, repr=False)
class OnsetBar(Document):
    id: str
    name: str
    text: str
    min: float = doc(minimum=0)
    max: float = doc(minimum=0)
    unit: TimeUnit = doc()
    min_days: float = doc(minimum=0)
    max_days: float = doc(minimum=0)
    sources: list[str] = doc()


@dataclass(frozen=True, eq=False, repr=False)
class OnsetChart(Document):
    """How soon each option may help: ranges in days on a log axis."""

    metric: Literal["onset"]
    catalogue: CatalogueMeta
    axis: OnsetAxis
    options: list[OnsetBar]
    not_drawn: list[NotDrawn]


@dataclass(frozen=True, eq=False, repr=False)
class RateAxis(Document):
    scale: Literal["linear"]
    unit: Literal["people in 100"]
    min: Literal[0]
    max: Literal[100]


@dataclass(frozen=True, eq=False, repr=False)
class ChartSource(Document):
    id: str
    kind: str
    authors: str | None
    year: int | None
    title: str
    venue: str | None
    doi: str | None
    pmid: str | None
    url: str | None


@dataclass(frozen=True, eq=False, repr=False)
class SourceRef(Document):
    """Only the id, where the entry does not hold the source it cites."""

    id: str


@dataclass(frozen=True, eq=False, repr=False)
class RateBar(Document):
    id: str
    name: str
    outcome: Literal["response", "remission"]
    definition: str
    timeframe: str
    population: str
    evidence: str
    rate: float = doc(minimum=0, maximum=100)
    n: int | None = doc(minimum=1)
    comparator: str | None = doc()
    comparator_rate: float | None = doc(minimum=0, maximum=100)
    comparator_n: int | None = doc(minimum=1)
    note: str | None = doc()
    source: ChartSource | SourceRef = doc()


@dataclass(frozen=True, eq=False, repr=False)
class RateChart(Document):
    """Response or remission: one bar per study figure, as people out of 100."""

    metric: Literal["response", "remission"]
    catalogue: CatalogueMeta
    axis: RateAxis
    bars: list[RateBar]
    not_drawn: list[NotDrawn]


# --------------------------------------------------------------------------- validate


@dataclass(frozen=True, eq=False, repr=False)
class ProblemDoc(Document):
    file: str
    line: int = doc("0 when not known.", minimum=0)
    field: str = doc("Dotted path; empty for the file.")
    message: str = doc()


@dataclass(frozen=True, eq=False, repr=False)
class FileReport(Document):
    """What `trd validate --json` found in one file."""

    path: str
    valid: bool
    kind: Literal["catalogue", "overlay"] | None
    name: str | None
    version: str | None
    date: str | None
    counts: FileCounts | None = doc("null when invalid.")
    added: list[str] = doc()
    replaced: list[str] = doc()
    problems: list[ProblemDoc] = doc()
    warnings: list[ProblemDoc] = doc(
        "Worth a look, but the file is valid (e.g. an entry not reviewed for more than 12 "
        "months, an invisible character in a name)."
    )


# --------------------------------------------------------------------------- the glance


@dataclass(frozen=True, eq=False, repr=False)
class GlanceAnswer(Document):
    id: str = slug("The option.")
    text: str = doc("The short answer as people read it (without citation markers).")
    sources: list[str] = doc("Ids of the option's sources behind the answer.")
    kind: Literal["short", "full", "data", "not-reviewed"] = doc(
        "short: written in the catalogue; full: the full answer (no short one is written); "
        "data: drawn from structured fields; not-reviewed: no sourced answer."
    )


@dataclass(frozen=True, eq=False, repr=False)
class GlanceRow(Document):
    key: str = doc("The question's key, as `--questions` takes it.")
    question: str = doc("The question, as people read it.")
    answers: list[GlanceAnswer] = doc("One answer per option, in the order of `ids`.")


@dataclass(frozen=True, eq=False, repr=False)
class QuestionItem(Document):
    key: str = doc("What `trd compare --questions` takes.")
    question: str = doc("The question, as people read it.")
    answered_from: Literal["short answer", "structured data"] = doc(
        "Whether the answers are written in the catalogue or drawn from its data."
    )
