"""Screening every option against a person's conditions and preferences.

Every option is returned, in catalogue order, with a verdict for the conditions given:
``contraindicated`` (the entry or one of its classes lists at least one of them as a
contraindication), ``caution`` (listed only as needing extra care), ``not-reviewed`` (no
source has been checked for at least one of them: shown, never hidden) or
``no-known-conflict`` (the entry's safety review checked its sources for every one of them and
they name nothing, which is not the same as "safe").  Each verdict carries its reasons:
condition, strength, the catalogue's words and the source.

Preferences are read from catalogue data (delivery and onset fields) and only mark whether an
option fits, with the reason; they never exclude an option or change the order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..catalogue import phrases, safety
from ..catalogue.model import Catalogue, LabelReview, Therapy
from ..catalogue.suggest import close_matches, did_you_mean, suggest
from ..catalogue.vocabulary import name_key
from .filters import split_values
from .search import fold

Verdict = Literal["contraindicated", "caution", "not-reviewed", "no-known-conflict"]
VERDICTS: tuple[Verdict, ...] = ("contraindicated", "caution", "not-reviewed", "no-known-conflict")

FAST_ONSET_DAYS = 7
FEW_VISITS_PER_WEEK = 1

PURPOSE = (
    "This is a conversation aid, not a prescription: it shows what the catalogue lists for "
    "the conditions you chose, to raise with a clinician. 'no-known-conflict' means the "
    "sources checked for this option name nothing for those conditions, not that it is safe "
    "for you. 'not-reviewed' means no source has been checked for that condition yet."
)

PREFERENCES: dict[str, str] = {
    "no-anesthesia": "No general anaesthesia or sedation",
    "non-invasive": "Nothing goes into the body through the skin (no needle, no surgery)",
    "fast-onset": f"Benefit typically noticed within {FAST_ONSET_DAYS} days",
    "few-visits": f"At most {FEW_VISITS_PER_WEEK} visit a week during the course",
    "at-home": "Can be done at home",
}
PREFERENCE_ALIASES = {"no-anaesthesia": "no-anesthesia", "home": "at-home"}


class ScreenError(ValueError):
    """An unknown condition or preference; the message suggests the near one."""


@dataclass(frozen=True)
class Reason:
    """Why a condition matters for an option: what the catalogue says, how strongly, and where."""

    condition: str
    description: str
    strength: str
    text: str
    source_ids: tuple[str, ...]
    source: str  # the cited sources, written out


@dataclass(frozen=True)
class PreferenceMark:
    """Whether an option meets one preference, and why."""

    preference: str
    met: bool | None  # None: the catalogue has no sourced value to judge by
    reason: str


@dataclass(frozen=True)
class Screened:
    """One option screened: its verdict, its reasons and its preferences."""

    id: str
    name: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    preferences: tuple[PreferenceMark, ...]


# --------------------------------------------------------------------------- input


def resolve_conditions(catalogue: Catalogue, names: Iterable[str]) -> tuple[str, ...]:
    """Condition ids for ``names`` (any case; commas split), or ScreenError with a suggestion."""
    known = {c.id: c.description for c in catalogue.conditions}
    out: list[str] = []
    for name in split_values(names):
        key = name_key(name)
        if key in known:
            out.append(key)
            continue
        close = close_matches(key, known)
        if not close and key:
            folded = fold(key).replace("-", " ")
            close = [cid for cid, text in known.items() if folded in fold(text)][:1]
        hint = did_you_mean(close)
        raise ScreenError(
            f"unknown condition '{name}'{hint}. "
            "Run 'trd screen --list-conditions' to see every condition."
        )
    return tuple(dict.fromkeys(out))


def resolve_preferences(names: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in split_values(names):
        key = name_key(name)
        key = PREFERENCE_ALIASES.get(key, key)
        if key not in PREFERENCES:
            hint = suggest(key, PREFERENCES)
            raise ScreenError(
                f"unknown preference '{name}'{hint}; choose from: {', '.join(PREFERENCES)}"
            )
        out.append(key)
    return tuple(dict.fromkeys(out))


def assumptions(preferences: Sequence[str]) -> list[str]:
    """Thresholds this tool sets (no source defines them) for the preferences chosen."""
    notes = []
    if "fast-onset" in preferences:
        notes.append(
            f"'fast-onset' means the typical onset range ends within {FAST_ONSET_DAYS} days; "
            "this threshold is set by trd, not by a source."
        )
    if "few-visits" in preferences:
        notes.append(
            f"'few-visits' means at most {FEW_VISITS_PER_WEEK} visit a week during the acute "
            "course; this threshold is set by trd, not by a source."
        )
    return notes


# --------------------------------------------------------------------------- preferences


def _no_anesthesia(entry: Therapy) -> tuple[bool | None, str]:
    if entry.delivery.anesthesia:
        return False, "Each session needs general anaesthesia or sedation."
    return True, "No anaesthesia or sedation is needed."


def _non_invasive(entry: Therapy) -> tuple[bool | None, str]:
    d = entry.delivery
    if d.invasiveness == "non-invasive":
        return True, f"Non-invasive ({d.route})."
    return False, f"Invasiveness: {d.invasiveness} ({d.route})."


def _fast_onset(entry: Therapy) -> tuple[bool | None, str]:
    if entry.onset is None:
        return None, "Time to onset: " + phrases.not_reviewed(entry, "onset")
    onset = entry.onset
    said = f"Typical onset {phrases.onset_short(entry)}{phrases.cite(onset.sources)}"
    limit = FAST_ONSET_DAYS + 1e-9
    if onset.max_days <= limit:
        return True, f"{said}: within {FAST_ONSET_DAYS} days."
    if onset.min_days <= limit:
        return False, (
            f"{said}: some people may notice benefit within {FAST_ONSET_DAYS} days, but the "
            "typical range runs past it."
        )
    return False, f"{said}: later than {FAST_ONSET_DAYS} days."


def _few_visits(entry: Therapy) -> tuple[bool | None, str]:
    schedule = entry.delivery.schedule
    if schedule is None:
        return None, "Schedule: " + phrases.not_reviewed(entry, "delivery.schedule")
    visits = schedule.visits_per_week
    if visits is None:
        return None, (
            phrases.fact(entry, schedule, "delivery.schedule")
            + ": the catalogue gives no number of visits a week."
        )
    cited = phrases.cite(schedule.sources)
    said = f"{phrases.number(visits)} visit{'s' * (visits != 1)} a week{cited}"
    if visits <= FEW_VISITS_PER_WEEK:
        return True, f"{said}: at most {FEW_VISITS_PER_WEEK}."
    return False, f"{said}: more than {FEW_VISITS_PER_WEEK}."


def _at_home(entry: Therapy) -> tuple[bool | None, str]:
    settings = ", ".join(entry.delivery.setting)
    if "home" in entry.delivery.setting:
        return True, f"Can be done at home (setting: {settings})."
    return False, f"Needs a visit (setting: {settings})."


CHECKS: dict[str, Callable[[Therapy], tuple[bool | None, str]]] = {
    "no-anesthesia": _no_anesthesia,
    "non-invasive": _non_invasive,
    "fast-onset": _fast_onset,
    "few-visits": _few_visits,
    "at-home": _at_home,
}


def check_preference(entry: Therapy, preference: str) -> PreferenceMark:
    met, reason = CHECKS[preference](entry)
    return PreferenceMark(preference, met, reason)


# --------------------------------------------------------------------------- screening


def screen_entry(
    catalogue: Catalogue, entry: Therapy, conditions: Sequence[str], preferences: Sequence[str]
) -> Screened:
    described = {c.id: c.description for c in catalogue.conditions}
    sources = {s.id: s for s in entry.sources}
    order = {c: i for i, c in enumerate(conditions)}
    classes = catalogue.class_named()

    def written(ids: Sequence[str]) -> str:
        return "; ".join(phrases.source_line(sources[s]) for s in ids if s in sources)

    found = [r for r in safety.rules(entry, classes) if r.condition in order]
    found.sort(key=lambda r: (safety.RANK[r.strength], order[r.condition]))
    reasons = [
        Reason(
            condition=r.condition,
            description=described.get(r.condition, ""),
            strength=r.strength,
            text=r.text
            if r.via is None
            else f"{r.text} (applies to every {classes[r.via].name.lower()} option)",
            source_ids=r.sources,
            source=written(r.sources),
        )
        for r in found
    ]
    named = {r.condition for r in found}
    reasons += [
        _unnamed(cond, described.get(cond, ""), entry.label_review, written)
        for cond in conditions
        if cond not in named
    ]
    strengths = {r.strength for r in reasons}
    verdict: Verdict = next((v for v in VERDICTS if v in strengths), "no-known-conflict")
    marks = tuple(check_preference(entry, p) for p in preferences)
    return Screened(entry.id, entry.name, verdict, tuple(reasons), marks)


def _unnamed(
    cond: str,
    description: str,
    review: LabelReview | None,
    written: Callable[[Sequence[str]], str],
) -> Reason:
    """The reason for a condition no rule names: the safety review checked it, or nobody has."""
    if review is not None and cond in review.no_known_conflict:
        return Reason(
            cond,
            description,
            "no-known-conflict",
            f"The sources checked on {review.date} name nothing for this.",
            review.sources,
            written(review.sources),
        )
    return Reason(
        cond,
        description,
        "not-reviewed",
        "Not reviewed: no source has been checked for this condition yet.",
        (),
        "",
    )


def screen(
    catalogue: Catalogue, conditions: Sequence[str], preferences: Sequence[str]
) -> list[Screened]:
    """Every option, in catalogue order, with its verdict, reasons and preference marks."""
    return [screen_entry(catalogue, e, conditions, preferences) for e in catalogue.therapies]
