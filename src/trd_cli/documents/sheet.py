"""What the printed decision sheet holds, page by page, for the formats that print it.

``trd compare ... --format html`` prints the short answers as a sheet to take to an
appointment.  Page 1: the title, the catalogue's date and version, the disclaimer, the crisis
contacts, then the grid of short answers, where the "How likely is it to help?" row carries
pictographs: 100 people, those with the outcome filled, the others outlined, for the option
and beside it for its comparator.  Page 2: questions to ask a clinician, space for notes, the
full citation of every numbered source on the sheet, and how and when the catalogue is updated.

This module says what goes on the sheet; ``render.html`` decides how it looks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..catalogue import phrases
from ..catalogue.model import Catalogue, Efficacy, Source, Therapy
from . import glance
from .words import whole_people

DENOMINATOR = 100
"""Every pictograph shows this many people: one denominator on the whole sheet."""

PRINTED = ("what", "onset", "chance", "common", "serious", "avoid")
"""The questions the sheet prints when none are chosen: what fits two pages, with the full
citation of every source they cite, for up to three options (``--questions`` picks others)."""

PRINTED_FOUR = ("what", "onset", "chance", "common", "serious")
"""For four options: who should not have it gives way (its sources would fill a third page);
the sheet's last line points to `trd compare ... --questions avoid` and `trd screen`."""


def printed_rows(options: int) -> tuple[str, ...]:
    return PRINTED if options <= 3 else PRINTED_FOUR


PICTOGRAPH_ROW = "chance"
"""The question whose cells carry the pictographs (none when it is not asked)."""

OUTCOMES = ("response", "remission")

QUESTIONS_TO_ASK = (
    "Which of these options would you suggest for me, and why?",
    "What results have people like me had with it?",
    "Which side effects should I watch for, and who do I call if they happen?",
    "How often would I come in, and what would it cost me?",
    "What happens if it does not help? What would we try next?",
    "Is there anything about my health or my other medicines that rules an option out?",
)
"""What a patient may ask at the appointment: general, not about any one option."""

NOTES_LINES = 3
"""Ruled lines left blank on page 2 for the patient's notes."""


@dataclass(frozen=True, eq=False, repr=False)
class Citation:
    """One source as people read it (``text`` starts ``[id] ``), and the options citing it.

    Source ids are unique within an entry, not across the catalogue: two entries may use the
    same id for different documents, so a citation is keyed by id *and* text.  ``full`` is the
    whole reference where ``text`` is a short label (the glance's "[1] Berlim MT et al.
    (2014)"), for endnotes; empty where ``text`` is the whole reference already.
    """

    id: str
    text: str
    cited_by: tuple[str, ...]
    full: str = ""

    @property
    def reference(self) -> str:
        """The whole reference: ``full``, or ``text`` where that is the whole of it."""
        return self.full or self.text


@dataclass(frozen=True, eq=False, repr=False)
class Arm:
    """One side of a comparison: who had the outcome, in people out of ``DENOMINATOR``."""

    label: str  # "rTMS", "sham rTMS"
    rate: float  # percent, as the catalogue holds it

    @property
    def people(self) -> int:
        """Filled figures in the pictograph (the rate rounded to whole people)."""
        return whole_people(self.rate, DENOMINATOR)

    @property
    def count_text(self) -> str:
        if 0 < self.rate * DENOMINATOR / 100 < 0.5:
            return f"fewer than 1 in {DENOMINATOR}"
        return f"{self.people} in {DENOMINATOR}"


@dataclass(frozen=True, eq=False, repr=False)
class Pictograph:
    """The headline figure for one outcome of one option, against its comparator."""

    option_id: str
    outcome: str  # "response" or "remission"
    treatment: Arm
    comparator: Arm | None  # None when the study had no comparison group, or gave no rate
    alt: str  # the text alternative: the whole picture in words


@dataclass(frozen=True, eq=False, repr=False)
class Sheet:
    """What the printed sheet holds beyond the grid of short answers."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]  # question, a short answer per option
    sources: tuple[Citation, ...]  # what the numbers in ``rows`` mean: the endnotes
    pictographs: tuple[tuple[Pictograph, ...], ...]  # per option, in the grid's column order
    pictograph_row: str  # the question (row label) whose cells carry them; "" for none
    questions_to_ask: tuple[str, ...]
    notes_lines: int
    update_policy: tuple[str, ...]  # how and when the catalogue is updated, and its date
    denominator: int = DENOMINATOR
    names: tuple[str, ...] = ()  # the options' names, in the grid's column order


def _had(outcome: str) -> str:
    return "had a response" if outcome == "response" else f"had {outcome}"


def pictograph(entry: Therapy, figure: Efficacy) -> Pictograph:
    name = glance.short_name(entry)
    treatment = Arm(name, figure.rate or 0.0)
    alt = f"{treatment.count_text.capitalize()} people {_had(figure.outcome)} with {name}"
    comparator = None
    if figure.comparator and figure.comparator_rate is not None:
        comparator = Arm(glance.lower_first(figure.comparator), figure.comparator_rate)
        alt += f"; {comparator.count_text} with {comparator.label}."
    elif figure.comparator:
        alt += f" (the rate with {glance.lower_first(figure.comparator)} was not given)."
    else:
        alt += " (no comparison group)."
    return Pictograph(entry.id, figure.outcome, treatment, comparator, alt)


def pictographs(entry: Therapy) -> tuple[Pictograph, ...]:
    """The headline response and remission figures of ``entry`` (those the grid states)."""
    figures = (glance.headline(entry, outcome) for outcome in OUTCOMES)
    return tuple(pictograph(entry, f) for f in figures if f is not None and f.rate is not None)


def update_lines(catalogue: Catalogue, entries: Sequence[Therapy]) -> tuple[str, ...]:
    reviewed = "; ".join(f"{glance.short_name(e)} {e.last_reviewed}" for e in entries)
    lines = [
        f"From the trd catalogue version {catalogue.version}, dated {catalogue.date}; "
        f"last reviewed: {reviewed}. {catalogue.update_policy}"
    ]
    lines += [
        f"{phrases.origin_text(layer.origin)}: {layer.update_policy}"
        for layer in catalogue.layers
        if layer.update_policy
    ]
    ids = " ".join(e.id for e in entries)
    missing = "" if "avoid" in printed_rows(len(entries)) else " (who should not have it too)"
    lines.append(
        f"Every question{missing}, with full answers and sources: trd compare {ids} --detail"
    )
    return tuple(lines)


def build(
    catalogue: Catalogue,
    entries: Sequence[Therapy],
    rows: tuple[tuple[str, tuple[str, ...]], ...],
    sources: tuple[Citation, ...],
) -> Sheet:
    question = next(r.question for r in glance.questions(None) if r.key == PICTOGRAPH_ROW)
    return Sheet(
        rows=rows,
        sources=sources,
        pictographs=tuple(pictographs(e) for e in entries),
        pictograph_row=question if any(q == question for q, _ in rows) else "",
        questions_to_ask=QUESTIONS_TO_ASK,
        notes_lines=NOTES_LINES,
        update_policy=update_lines(catalogue, entries),
        names=tuple(glance.short_name(e) for e in entries),
    )


def reference(source: Source) -> str:
    """The full citation as an endnote gives it: authors, year, title, venue and where to find
    it (its DOI, else its PMID, else its address), without the catalogue's id or editorial
    note: what finds the document, in the fewest words a page can hold."""
    url = None if source.doi or source.pmid else source.url
    pmid = None if source.doi else source.pmid
    line = phrases.source_line(dataclasses.replace(source, note=None, url=url, pmid=pmid))
    return line.split("] ", 1)[1] if line.startswith("[") and "] " in line else line
