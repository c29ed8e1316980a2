"""`trd screen`'s preference marks as people read them, at the thresholds' edges.

Written for mutants of explore/screen.py that the rest of the suite let live
(docs/mutation.md): each reason is compared whole, and each threshold is tried exactly at its
value and one step past it.
"""

from __future__ import annotations

import dataclasses

import pytest

from trd_cli.catalogue.model import Onset, Quantity, Therapy
from trd_cli.explore import screen

from .test_screen import ALPHA, BETA, with_entries


def mark(entry: Therapy, preference: str) -> tuple[bool | None, str]:
    (result,) = screen.screen(with_entries(entry), [], [preference])
    (found,) = result.preferences
    return found.met, found.reason


def onset(low: float, high: float, unit: str = "days") -> Therapy:
    return dataclasses.replace(
        ALPHA,
        onset=Onset(text="As given", min=low, max=high, unit=unit, sources=("alpha-trial",)),  # type: ignore[arg-type]
    )


def schedule(entry: Therapy, quantity: Quantity | None) -> Therapy:
    return dataclasses.replace(
        entry, delivery=dataclasses.replace(entry.delivery, schedule=quantity)
    )


def test_anaesthesia_reasons_are_written_in_full() -> None:
    asleep = dataclasses.replace(
        ALPHA, delivery=dataclasses.replace(ALPHA.delivery, anesthesia=True)
    )
    assert mark(asleep, "no-anesthesia") == (
        False,
        "Each session needs general anaesthesia or sedation.",
    )
    assert mark(ALPHA, "no-anesthesia") == (True, "No anaesthesia or sedation is needed.")


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (1, 7, (True, "Typical onset 1-7 days [alpha-trial]: within 7 days.")),
        (
            7,
            8,
            (
                False,
                "Typical onset 7-8 days [alpha-trial]: some people may notice benefit within "
                "7 days, but the typical range runs past it.",
            ),
        ),
        (8, 9, (False, "Typical onset 8-9 days [alpha-trial]: later than 7 days.")),
    ],
)
def test_fast_onset_holds_at_exactly_seven_days_and_not_one_day_later(
    low: float, high: float, expected: tuple[bool, str]
) -> None:
    assert mark(onset(low, high), "fast-onset") == expected


def test_one_week_is_seven_days_for_fast_onset() -> None:
    assert mark(onset(1, 1, "weeks"), "fast-onset")[0] is True


def test_an_onset_not_reviewed_says_so_with_the_reason() -> None:
    assert mark(BETA, "fast-onset") == (None, "Time to onset: not reviewed (No sourced onset.)")


@pytest.mark.parametrize(
    ("visits", "expected"),
    [
        (1, (True, "1 visit a week [alpha-label]: at most 1.")),
        (2, (False, "2 visits a week [alpha-label]: more than 1.")),
        (0.5, (True, "0.5 visits a week [alpha-label]: at most 1.")),
    ],
)
def test_few_visits_holds_at_exactly_one_visit_a_week(
    visits: float, expected: tuple[bool, str]
) -> None:
    given = Quantity(text="Weekly", sources=("alpha-label",), visits_per_week=visits)
    assert mark(schedule(ALPHA, given), "few-visits") == expected


def test_a_schedule_not_reviewed_says_so_with_the_reason() -> None:
    unknown = dataclasses.replace(
        ALPHA,
        delivery=dataclasses.replace(ALPHA.delivery, schedule=None),
        not_reviewed={**ALPHA.not_reviewed, "delivery.schedule": "No sourced schedule."},
    )
    assert mark(unknown, "few-visits") == (None, "Schedule: not reviewed (No sourced schedule.)")


def test_a_schedule_without_a_count_quotes_the_catalogue_and_says_what_is_missing() -> None:
    given = Quantity(text="Varies by clinic", sources=("alpha-label",))
    assert mark(schedule(ALPHA, given), "few-visits") == (
        None,
        "Varies by clinic [alpha-label]: the catalogue gives no number of visits a week.",
    )


def test_at_home_names_every_setting() -> None:
    both = dataclasses.replace(
        ALPHA, delivery=dataclasses.replace(ALPHA.delivery, setting=("outpatient", "inpatient"))
    )
    assert mark(both, "at-home") == (False, "Needs a visit (setting: outpatient, inpatient).")


def test_the_unsourced_thresholds_are_stated_in_full() -> None:
    assert screen.assumptions(["few-visits", "fast-onset"]) == [
        "'fast-onset' means the typical onset range ends within 7 days; this threshold is set "
        "by trd, not by a source.",
        "'few-visits' means at most 1 visit a week during the acute course; this threshold is "
        "set by trd, not by a source.",
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # Words of a condition's description, typed with hyphens as ids are.
        (
            "history-of-seizures",
            "unknown condition 'history-of-seizures' (did you mean 'seizure-disorder'?). "
            "Run 'trd screen --list-conditions' to see every condition.",
        ),
        # A word in two descriptions: one suggestion, the first in catalogue order.
        (
            "past",
            "unknown condition 'past' (did you mean 'bipolar-disorder'?). "
            "Run 'trd screen --list-conditions' to see every condition.",
        ),
    ],
)
def test_an_unknown_condition_is_suggested_from_the_descriptions(typed: str, message: str) -> None:
    with pytest.raises(screen.ScreenError) as info:
        screen.resolve_conditions(with_entries(ALPHA), [typed])
    assert str(info.value) == message


def test_every_condition_given_gets_its_reason_in_the_order_of_strength() -> None:
    (result,) = screen.screen(
        with_entries(ALPHA), ["seizure-disorder", "breastfeeding", "pregnancy"], []
    )
    label = "[alpha-label] Regulator (2008). An invented label"
    assert [(r.condition, r.strength, r.text, r.source, r.source_ids) for r in result.reasons] == [
        ("seizure-disorder", "caution", "Seizure risk is higher.", label, ("alpha-label",)),
        (
            "breastfeeding",
            "not-reviewed",
            "Not reviewed: no source has been checked for this condition yet.",
            "",
            (),
        ),
        (
            "pregnancy",
            "no-known-conflict",
            "The sources checked on 2026-01-02 name nothing for this.",
            label,
            ("alpha-label",),
        ),
    ]


def test_a_rule_citing_two_sources_writes_both_out() -> None:
    (rule, *rest) = ALPHA.contraindications
    two = dataclasses.replace(rule, sources=("alpha-label", "alpha-trial"))
    entry = dataclasses.replace(ALPHA, contraindications=(two, *rest))
    (result,) = screen.screen(with_entries(entry), [rule.condition], [])
    assert result.reasons[0].source == (
        "[alpha-label] Regulator (2008). An invented label; "
        "[alpha-trial] Doe J, et al. (2018). An invented trial. Journal of Tests"
    )
