"""The catalogue's typed model: frozen dataclasses, one per YAML mapping.

The annotations ARE the schema: the loader (``convert.py``) walks these classes to check
types, closed vocabularies (``Literal``), required and unknown keys; the field metadata it
reads is described in ``fields.py``.  The closed vocabularies (``Literal`` types), the name
rule and the plausible ranges of numbers are in ``vocabulary.py``.

This module imports nothing outside the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import derived, doc, opt, refs, reviewable
from .vocabulary import (
    UNIT_DAYS,
    Agency,
    Category,
    EvidenceKind,
    Invasiveness,
    Outcome,
    RegulatoryStatus,
    Setting,
    SourceKind,
    Strength,
    TimeUnit,
)


@dataclass(frozen=True)
class Fact:
    """A sourced statement in plain language."""

    text: str = doc("The statement, in plain language.")
    sources: tuple[str, ...] = refs()


@dataclass(frozen=True)
class Source:
    id: str = doc("Short id that claims in this entry cite, e.g. 'transform2'.")
    kind: SourceKind = doc("What kind of source this is.")
    title: str = doc("Title of the paper, label, guideline or page.")
    year: int | None = doc("Year of publication; null for an undated page (give `accessed`).")
    authors: str | None = opt("First author et al., or the issuing body.")
    venue: str | None = opt("Journal, regulator or guideline body.")
    doi: str | None = opt("DOI, only where it was seen in a source.")
    pmid: str | None = opt("PubMed id, only where it was seen in a source.")
    url: str | None = opt("Web address, only where it was seen.")
    note: str | None = opt("Anything a reader needs to weigh this source.")
    accessed: str | None = opt("When an undated page was read (year or YYYY-MM-DD).")


@dataclass(frozen=True)
class Quantity:
    """A sourced amount: a duration, a count, a price."""

    text: str = doc("The amount in words, as a person would say it.")
    sources: tuple[str, ...] = refs()
    minutes: float | None = opt("Minutes per session (session length).")
    visits_per_week: float | None = opt("In-person visits per week during the acute course.")
    weeks: float | None = opt("Length in weeks (course length).")


@dataclass(frozen=True)
class Cost:
    text: str = doc("The cost as the source states it, with currency.")
    as_of: str = doc("When the price was stated (year or ISO date).")
    sources: tuple[str, ...] = refs()


@dataclass(frozen=True)
class Delivery:
    route: str = doc("How it is given, in a few words (shown in `trd list`).")
    setting: tuple[Setting, ...] = doc("Where it happens: home, outpatient, inpatient.")
    anesthesia: bool = doc("Whether each session needs general anaesthesia or sedation.")
    invasiveness: Invasiveness = doc(
        "Non-invasive, minimally invasive (needle), invasive, surgical."
    )
    session_length: Quantity | None = reviewable("How long one session or dose visit takes.")
    schedule: Quantity | None = reviewable("How often, during the acute course.")
    course: Quantity | None = reviewable("How long the acute course lasts.")
    maintenance: Fact | None = reviewable("What happens after the acute course.")
    monitoring: Fact | None = reviewable("Monitoring needed during or after a dose or session.")
    driving: Fact | None = reviewable("Driving restrictions.")
    time_off_work: Fact | None = reviewable("Time away from work or usual activities.")
    cost: Cost | None = reviewable("Cost, with its date and source.")


@dataclass(frozen=True)
class Onset:
    text: str = doc("When benefit may first be noticed, in words.")
    min: float = doc("Earliest typical onset, in `unit`.")
    max: float = doc("Latest typical onset, in `unit`.")
    unit: TimeUnit = doc("Unit of min and max.")
    sources: tuple[str, ...] = refs()

    @property
    def min_days(self) -> float:
        return self.min * UNIT_DAYS[self.unit]

    @property
    def max_days(self) -> float:
        return self.max * UNIT_DAYS[self.unit]


@dataclass(frozen=True)
class Efficacy:
    """One outcome from one study, in absolute numbers."""

    outcome: Outcome = doc("Response, remission, relapse, ...")
    definition: str = doc("How the outcome is defined: scale and threshold.")
    rate: float | None = doc("Percent of people in the treatment arm with the outcome.")
    population: str = doc("Who was studied.")
    timeframe: str = doc("When the outcome was measured.")
    source: str = doc("Id of the source in this entry.", source_refs=True)
    evidence: EvidenceKind = doc("Kind of evidence: rct, meta-analysis, open-label, ...")
    n: int | None = opt("People analysed in the treatment arm (the denominator), where stated.")
    comparator: str | None = opt("What it was compared with; null when uncontrolled.")
    comparator_rate: float | None = opt("Percent with the outcome in the comparator arm.")
    comparator_n: int | None = opt("People analysed in the comparator arm, where stated.")
    note: str | None = opt("Caveats: conflicting sources, definition differences.")
    note_sources: tuple[str, ...] = refs(
        "Ids of sources behind the note (critiques, reanalyses).", default=()
    )
    headline: bool = opt(
        "Shown in the at-a-glance compare: at most one response and one remission figure.",
        default=False,
    )


@dataclass(frozen=True)
class SideEffect:
    effect: str = doc("The side effect or risk, in plain language.")
    sources: tuple[str, ...] = refs()
    rate: float | None = opt("Percent of people affected, where a source gives it.")
    comparator_rate: float | None = opt("Percent affected in the comparator arm.")
    comparator: str | None = opt("What the comparator was.")
    note: str | None = opt("Context: timeframe, severity, how it was measured.")


@dataclass(frozen=True)
class SideEffects:
    common: tuple[SideEffect, ...] = doc("Common, usually short-lived effects.")
    serious: tuple[SideEffect, ...] = doc("Serious or lasting risks, however rare.")


@dataclass(frozen=True)
class Contraindication:
    condition: str = doc("A condition id from the catalogue's `conditions` vocabulary.")
    strength: Strength = doc("contraindicated or caution.")
    text: str = doc("What the source says, in plain language.")
    sources: tuple[str, ...] = refs()


@dataclass(frozen=True)
class Regulatory:
    agency: Agency = doc("Regulator or guideline body.")
    status: RegulatoryStatus = doc("Status in that jurisdiction.")
    indication: str = doc("The exact indication or scope of the status.")
    sources: tuple[str, ...] = refs()
    year: int | None = opt("Year the status was granted; null when not applicable or unsourced.")
    schedule: str | None = opt("Controlled-substance schedule, e.g. 'C-III'.")
    rems: bool | None = opt("Whether a REMS programme applies (US).")
    note: str | None = opt("Anything needed to read the status correctly.")
    as_of: str | None = opt(
        "Date the status was last confirmed in a source (YYYY-MM-DD).", date=True
    )


@dataclass(frozen=True)
class Guideline:
    guideline: str = doc("Guideline and year, e.g. 'CANMAT 2016'.")
    recommendation: str = doc("Line of treatment or wording, e.g. 'second-line', 'consider'.")
    condition: str = doc("The clinical situation the recommendation applies to.")
    sources: tuple[str, ...] = refs()
    level: str | None = opt("Level of evidence as the guideline states it, e.g. 'Level 1'.")
    outcome: str | None = opt("What the grading is for: acute efficacy, maintenance, safety.")


SHORT_MAX = 120
"""Most characters a short answer may have."""


@dataclass(frozen=True)
class Short:
    """A short plain answer (one line, US grade 6 to 8) beside the full one."""

    text: str = doc(f"At most {SHORT_MAX} characters, in plain words.")
    sources: tuple[str, ...] = refs("Ids of the sources behind it: those of its full answer.")


@dataclass(frozen=True)
class Glance:
    """Short answers for the at-a-glance compare and the printed sheet.

    The other rows of the glance (how soon it may help, the chance it helps, who should not have
    it, regulatory status) are drawn from the structured fields, so they are never retyped.
    """

    what: Short | None = reviewable("What it is, in a line.")
    how: Short | None = reviewable("How it is given: where, by whom, with or without anaesthesia.")
    time: Short | None = reviewable("The time it takes: visits, hours, weeks.")
    common: Short | None = reviewable("The common side effects.")
    serious: Short | None = reviewable("The serious risks, however rare.")
    cost: Short | None = reviewable("Cost and coverage, with the year.")
    daily_life: Short | None = reviewable("Driving and work.")


@dataclass(frozen=True)
class Membership:
    """An entry's place in a class of treatments, with the sources that say it belongs."""

    id: str = doc("A class id from the catalogue's `classes`.")
    sources: tuple[str, ...] = refs("Ids of the entry's sources (a label, say) that place it here.")


@dataclass(frozen=True)
class LabelReview:
    """What was read to review an entry's safety content, and when."""

    date: str = doc("When the review was done (YYYY-MM-DD).", date=True)
    sources: tuple[str, ...] = refs("Ids of the entry's sources read for the review.")
    no_known_conflict: tuple[str, ...] = opt(
        "Condition ids the review checked for, where those sources name nothing.", default=()
    )
    note: str | None = opt("What differs between sources, or could not be checked.")


@dataclass(frozen=True)
class Therapy:
    id: str = doc("Short lowercase slug, e.g. 'esketamine'.")
    name: str = doc("Name a person would recognise.", line=True)
    aliases: tuple[str, ...] = doc("Other names: brand names, abbreviations.", line=True)
    category: Category = doc("Kind of option.")
    summary: str = doc("Two or three plain-language sentences.")
    mechanism: Fact | None = reviewable("How it is thought to work.")
    delivery: Delivery = doc("How it is given and what it asks of a person.")
    onset: Onset | None = reviewable("How soon it may help.")
    efficacy: tuple[Efficacy, ...] | None = reviewable("Outcomes in absolute numbers.")
    side_effects: SideEffects = doc("Harms, common and serious.")
    contraindications: tuple[Contraindication, ...] = doc(
        "Who should not have it, or only with care."
    )
    who_for: Fact | None = reviewable("Who it is typically offered to.")
    regulatory: tuple[Regulatory, ...] = doc("Status per agency.")
    guidelines: tuple[Guideline, ...] | None = reviewable("How guidelines grade it.")
    sources: tuple[Source, ...] = doc("Every source the entry's claims cite.")
    last_reviewed: str = doc("Date this entry was last reviewed (YYYY-MM-DD).", date=True)
    summary_sources: tuple[str, ...] = refs(
        "Ids of the sources behind any number or fact stated in the summary.", default=()
    )
    investigational: bool = opt("True when not approved for depression anywhere.", default=False)
    classes: tuple[Membership, ...] = opt(
        "Classes of treatment this entry belongs to (their warnings and screening apply).",
        default=(),
    )
    label_review: LabelReview | None = opt("The safety review: what was read, and when.")
    glance: Glance | None = opt("Short plain answers for the at-a-glance compare.")
    not_reviewed: dict[str, str] = derived(
        "Field path -> why it has no sourced answer.", default_factory=dict
    )
    origin: Origin | None = derived(
        "The catalogue file and version this entry came from.", default=None
    )

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)

    def regulatory_for(self, agency: str) -> tuple[Regulatory, ...]:
        return tuple(r for r in self.regulatory if r.agency == agency)


@dataclass(frozen=True)
class Condition:
    id: str = doc("Slug used in contraindications, e.g. 'pregnancy'.")
    description: str = doc("Plain description shown to people.")


@dataclass(frozen=True)
class ClassRule:
    """What a class of treatments means for people with one condition."""

    condition: str = doc("A condition id from the catalogue's `conditions` vocabulary.")
    strength: Strength = doc("contraindicated or caution.")
    text: str = doc("What it means, in plain language.")


@dataclass(frozen=True)
class TreatmentClass:
    """A class effect, stated once: every member shows its warning and screens the same way."""

    id: str = doc("Slug that entries name in `classes`, e.g. 'serotonergic'.")
    name: str = doc("Plain name of the class.", line=True)
    warning: str = doc("The class's warning, shown for every member.")
    screening: tuple[ClassRule, ...] = opt("What the class means per condition.", default=())


@dataclass(frozen=True)
class CrisisContact:
    region: str = doc("Where the contact serves.", line=True)
    contact: str = doc("Number or address.", line=True)
    description: str = doc("Who answers.")


@dataclass(frozen=True)
class Notice:
    """Something `trd validate` warns about in a file that is still valid."""

    line: int = doc("Line in the file (0 when it has none).")
    field: str = doc("Field path.")
    message: str = doc("The warning.")


@dataclass(frozen=True)
class Catalogue:
    version: str = doc("Catalogue version (semantic version).", line=True)
    date: str = doc("Date of this version (YYYY-MM-DD).", date=True)
    disclaimer: str = doc("Information, not advice: shown once where a person reads.")
    update_policy: str = doc("When entries are re-reviewed.")
    funding: str = doc("Who funds the catalogue, and conflicts of interest.")
    crisis_contacts: tuple[CrisisContact, ...] = doc("Crisis lines shown where a person reads.")
    conditions: tuple[Condition, ...] = doc("Shared vocabulary for contraindications.")
    therapies: tuple[Therapy, ...] = doc("The options.")
    classes: tuple[TreatmentClass, ...] = opt(
        "Classes of treatment whose effects apply to every member.", default=()
    )
    path: str = derived("Where it was loaded from.", default="")
    layers: tuple[Layer, ...] = derived("Every catalogue file loaded, base first.", default=())
    notices: tuple[Notice, ...] = derived(
        "Warnings about the file (valid, but worth a look).", default=()
    )

    def condition_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.conditions)

    def class_named(self) -> dict[str, TreatmentClass]:
        return {c.id: c for c in self.classes}


# --------------------------------------------------------------------------- your own catalogue


@dataclass(frozen=True)
class Origin:
    """Which catalogue file, and which version of it, something came from."""

    path: str = doc("The file as it was given.")
    version: str = doc("The file's `version`.")
    date: str = doc("The file's `date`.")
    overlay: str | None = opt("The overlay's name; null for a whole catalogue.")
    builtin: bool = opt("True for the catalogue shipped with trd.", default=False)


@dataclass(frozen=True)
class Layer:
    """One loaded catalogue file and what it contributed."""

    origin: Origin = doc("The file.")
    added: tuple[str, ...] = opt("Ids of the entries it added.", default=())
    replaced: tuple[str, ...] = opt("Ids of earlier entries it replaced.", default=())
    conditions: tuple[str, ...] = opt("Ids of the conditions it added.", default=())
    update_policy: str | None = opt("An overlay's own update policy.")
    funding: str | None = opt("An overlay's own funding and conflicts statement.")


@dataclass(frozen=True)
class Overlay:
    """A partial catalogue laid over another (`trd --catalog FILE`).

    Each entry replaces the entry with the same id, or is added after the others; conditions
    and crisis contacts are added to those of the catalogue beneath.
    """

    overlay: str = doc("Name of the overlay, e.g. 'Riverside Clinic: local costs'.", line=True)
    version: str = doc("Version of this overlay.", line=True)
    date: str = doc("Date of this version (YYYY-MM-DD).", date=True)
    therapies: tuple[Therapy, ...] = opt("Entries that replace or add to the catalogue's.", ())
    conditions: tuple[Condition, ...] = opt("Conditions added to the vocabulary.", ())
    crisis_contacts: tuple[CrisisContact, ...] = opt("Crisis lines added to the catalogue's.", ())
    update_policy: str | None = opt("When this overlay's entries are re-reviewed.")
    funding: str | None = opt("Who funds this overlay, and conflicts of interest.")
    path: str = derived("Where it was loaded from.", default="")
    notices: tuple[Notice, ...] = derived(
        "Warnings about the file (valid, but worth a look).", default=()
    )
