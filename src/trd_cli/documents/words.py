"""What each command shows a person, as plain strings: shared by every human-facing renderer.

Renderers decide layout (a Rich table, Markdown, HTML); this module decides the words.  It
never produces markup: catalogue text stays data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..catalogue import safety
from ..catalogue.model import (
    Catalogue,
    Efficacy,
    SideEffect,
    Therapy,
    TreatmentClass,
)
from ..catalogue.phrases import (
    NOT_REVIEWED,
    cite,
    fact,
    not_reviewed,
    onset_short,
    origin_text,
    source_line,
)

NONE_LISTED = "none listed"


@dataclass(frozen=True)
class Section:
    """A titled part of `explain`: its lines, as a list or as drawn."""

    title: str
    lines: tuple[str, ...]
    preformatted: bool = False  # lines drawn as they are (a pictograph), not as a list


def per_100(rate: float) -> str:
    """A percentage as people out of 100 ("27 in 100").

    Rare events (under 1 in 100) use 1,000 or 10,000 so the count stays a whole number of
    people a reader can picture ("7 in 10,000"), not "0.1 in 100".
    """
    for scale, label in ((1, "100"), (10, "1,000"), (100, "10,000")):
        count = rate * scale
        if count >= 1 or rate == 0 or scale == 100:
            rounded = round(count)
            whole = scale == 1 or abs(count - rounded) < 0.05 or count >= 10
            text = str(rounded) if whole else f"{count:.1f}"
            return f"{text} in {label}"
    raise AssertionError("unreachable")  # pragma: no cover


def whole_people(rate: float, out_of: int = 100) -> int:
    """People out of ``out_of`` as a pictograph fills them: rounded as ``per_100`` rounds, so
    the icons and the number written beside them always agree."""
    return max(0, min(out_of, round(rate * out_of / 100)))


def efficacy_line(e: Efficacy, *, detail: bool = True) -> str:
    head = f"{e.outcome.replace('-', ' ').capitalize()} ({e.definition}), {e.timeframe}: "
    if e.rate is None:
        body = "no absolute rate given"
    else:
        body = per_100(e.rate)
        if e.n:
            body += f" (of {e.n} treated)"
    if e.comparator:
        if e.comparator_rate is not None:
            body += f" vs {per_100(e.comparator_rate)} with {e.comparator}"
            if e.comparator_n:
                body += f" (of {e.comparator_n})"
        else:
            body += f"; compared with {e.comparator}"
    else:
        body += "; no comparison group"
    line = head + body + f" [{e.source}]"
    if detail:
        line += f". {e.evidence.upper() if e.evidence == 'rct' else e.evidence}; {e.population}."
        if e.note:
            line += f" Note: {e.note}{cite(e.note_sources)}"
    return line


def side_effect_line(s: SideEffect) -> str:
    line = s.effect
    if s.rate is not None:
        line += f": {per_100(s.rate)}"
        if s.comparator_rate is not None:
            line += f" vs {per_100(s.comparator_rate)}" + (
                f" with {s.comparator}" if s.comparator else ""
            )
    if s.note:
        line += f" ({s.note})"
    return line + cite(s.sources)


def side_effect_lines(items: Sequence[SideEffect]) -> list[str]:
    return [side_effect_line(s) for s in items] or [NONE_LISTED]


def regulatory_short(entry: Therapy, agency: str = "FDA") -> str:
    """One word or two for an agency: its first status ('cleared'); the history is in explain."""
    regs = entry.regulatory_for(agency)
    if not regs:
        return NOT_REVIEWED
    return regs[0].status


def regulatory_lines(entry: Therapy) -> list[str]:
    lines = []
    for r in entry.regulatory:
        line = f"{r.agency}: {r.status}"
        if r.year is not None:
            line += f" ({r.year})"
        line += f" for {r.indication}"
        if r.as_of:
            line += f" (as of {r.as_of})"
        extras = []
        if r.schedule:
            extras.append(f"schedule {r.schedule}")
        if r.rems is True:
            extras.append("REMS applies")
        if extras:
            line += f"; {', '.join(extras)}"
        if r.note:
            line += f". {r.note}"
        lines.append(line + cite(r.sources))
    return lines or [NOT_REVIEWED]


def contraindication_lines(
    entry: Therapy, strength: str, classes: Mapping[str, TreatmentClass]
) -> list[str]:
    """The entry's own rules of one strength, then those of its classes (named as such)."""
    lines = []
    for r in safety.rules(entry, classes):
        if r.strength != strength:
            continue
        via = f" [every {classes[r.via].name.lower()} option]" if r.via else ""
        lines.append(f"{r.condition}: {r.text}{via}{cite(r.sources)}")
    return lines or [NONE_LISTED]


def class_warning_lines(entry: Therapy, classes: Mapping[str, TreatmentClass]) -> list[str]:
    return [
        f"{cls.name}: {cls.warning}{cite(ids)}" for cls, ids in safety.warnings(entry, classes)
    ] or [NONE_LISTED]


def review_lines(entry: Therapy, conditions: Sequence[str]) -> list[str]:
    """What the safety review read and when, and the conditions it has not covered."""
    review = entry.label_review
    if review is None:
        return ["Safety review: " + NOT_REVIEWED]
    lines = [f"Safety review on {review.date}{cite(review.sources)}"]
    if review.note:
        lines.append(review.note)
    covered = set(review.no_known_conflict) | {r.condition for r in entry.contraindications}
    if review.no_known_conflict:
        lines.append("No known conflict found for: " + ", ".join(review.no_known_conflict))
    left = [c for c in conditions if c not in covered]
    if left:
        lines.append("Not reviewed for: " + ", ".join(left))
    return lines


def how_given(entry: Therapy) -> str:
    d = entry.delivery
    setting = ", ".join(d.setting)
    anaesthesia = "with anaesthesia" if d.anesthesia else "no anaesthesia"
    return f"{d.route} ({setting}; {anaesthesia}; {d.invasiveness})"


def schedule_text(entry: Therapy) -> str:
    d = entry.delivery
    return "\n".join(
        [
            "Session: " + fact(entry, d.session_length, "delivery.session_length"),
            "Schedule: " + fact(entry, d.schedule, "delivery.schedule"),
            "Course: " + fact(entry, d.course, "delivery.course"),
            "Afterwards: " + fact(entry, d.maintenance, "delivery.maintenance"),
        ]
    )


def efficacy_lines(entry: Therapy, *, detail: bool) -> list[str]:
    if entry.efficacy is None:
        return [not_reviewed(entry, "efficacy")]
    return [efficacy_line(e, detail=detail) for e in entry.efficacy] or [NONE_LISTED]


# --------------------------------------------------------------------------- per command


def list_columns() -> tuple[str, ...]:
    return ("id", "name", "category", "how it is given", "time to onset", "US (FDA) status")


def list_row(entry: Therapy) -> tuple[str, ...]:
    flagged = entry.investigational and "investigational" not in entry.name.casefold()
    name = entry.name + (" (investigational)" if flagged else "")
    return (
        entry.id,
        name,
        entry.category,
        entry.delivery.route,
        onset_short(entry),
        regulatory_short(entry, "FDA"),
    )


def compare_rows(
    entries: Sequence[Therapy], classes: Mapping[str, TreatmentClass]
) -> list[tuple[str, list[str]]]:
    """The questions a patient asks, one row each, with one cell per option."""
    rows: list[tuple[str, list[str]]] = [
        ("What is it?", [e.summary + cite(e.summary_sources) for e in entries]),
        ("How is it given?", [how_given(e) for e in entries]),
        ("How often, for how long?", [schedule_text(e) for e in entries]),
        ("How soon might it help?", [fact(e, e.onset, "onset") for e in entries]),
        (
            "How likely is it to help?",
            ["\n".join(efficacy_lines(e, detail=False)) for e in entries],
        ),
        (
            "Common side effects",
            ["\n".join(side_effect_lines(e.side_effects.common)) for e in entries],
        ),
        (
            "Serious risks",
            ["\n".join(side_effect_lines(e.side_effects.serious)) for e in entries],
        ),
        (
            "Warnings for its class",
            ["\n".join(class_warning_lines(e, classes)) for e in entries],
        ),
        (
            "Who should not have it?",
            ["\n".join(contraindication_lines(e, "contraindicated", classes)) for e in entries],
        ),
        (
            "Who needs extra care?",
            ["\n".join(contraindication_lines(e, "caution", classes)) for e in entries],
        ),
        (
            "Monitoring, driving, work",
            [
                "\n".join(
                    [
                        "Monitoring: " + fact(e, e.delivery.monitoring, "delivery.monitoring"),
                        "Driving: " + fact(e, e.delivery.driving, "delivery.driving"),
                        "Work: " + fact(e, e.delivery.time_off_work, "delivery.time_off_work"),
                    ]
                )
                for e in entries
            ],
        ),
        ("Regulatory status", ["\n".join(regulatory_lines(e)) for e in entries]),
    ]
    if any(e.origin is not None and e.origin.overlay is not None for e in entries):
        rows.append(("Where this entry comes from", [origin_text(e.origin) for e in entries]))
    return rows


def cost_text(entry: Therapy) -> str:
    cost = entry.delivery.cost
    if cost is None:
        return not_reviewed(entry, "delivery.cost")
    return f"{cost.text} (as of {cost.as_of}){cite(cost.sources)}"


def guideline_lines(entry: Therapy) -> list[str]:
    if entry.guidelines is None:
        return [not_reviewed(entry, "guidelines")]
    return [
        f"{g.guideline}: {g.recommendation}"
        + (f", {g.level}" if g.level else "")
        + f" — {g.condition}"
        + (f" ({g.outcome})" if g.outcome else "")
        + cite(g.sources)
        for g in entry.guidelines
    ] or [NONE_LISTED]


def explain_sections(entry: Therapy, catalogue: Catalogue) -> list[Section]:
    classes = catalogue.class_named()
    d = entry.delivery
    return [
        Section("What it is", (entry.summary + cite(entry.summary_sources),)),
        Section("How it is thought to work", (fact(entry, entry.mechanism, "mechanism"),)),
        Section("Who it is for", (fact(entry, entry.who_for, "who_for"),)),
        Section(
            "What it involves",
            (
                "How: " + how_given(entry),
                *schedule_text(entry).split("\n"),
                "Monitoring: " + fact(entry, d.monitoring, "delivery.monitoring"),
                "Driving: " + fact(entry, d.driving, "delivery.driving"),
                "Time off work: " + fact(entry, d.time_off_work, "delivery.time_off_work"),
                "Cost: " + cost_text(entry),
            ),
        ),
        Section("How soon it may help", (fact(entry, entry.onset, "onset"),)),
        Section("How likely it is to help", tuple(efficacy_lines(entry, detail=True))),
        Section("Common side effects", tuple(side_effect_lines(entry.side_effects.common))),
        Section("Serious risks", tuple(side_effect_lines(entry.side_effects.serious))),
        Section("Warnings for its class", tuple(class_warning_lines(entry, classes))),
        Section(
            "Who should not have it",
            tuple(contraindication_lines(entry, "contraindicated", classes)),
        ),
        Section("Who needs extra care", tuple(contraindication_lines(entry, "caution", classes))),
        Section("Safety review", tuple(review_lines(entry, catalogue.condition_ids()))),
        Section("Regulatory status", tuple(regulatory_lines(entry))),
        Section("What guidelines say", tuple(guideline_lines(entry))),
        Section("Sources", tuple(source_line(s) for s in entry.sources)),
    ]


def explain_title(entry: Therapy) -> str:
    aliases = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
    flag = " — investigational" if entry.investigational else ""
    return f"{entry.name} [{entry.id}]{aliases}{flag}"


def reviewed_line(entry: Therapy, catalogue: Catalogue) -> str:
    if entry.origin is not None and entry.origin.overlay is not None:
        return (
            f"Entry last reviewed {entry.last_reviewed}; from {origin_text(entry.origin)}, "
            f"laid over catalogue {catalogue.version} ({catalogue.date})."
        )
    return (
        f"Entry last reviewed {entry.last_reviewed}; catalogue {catalogue.version} "
        f"({catalogue.date})."
    )
