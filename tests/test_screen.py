"""Screening every option against a person's conditions and preferences."""

from __future__ import annotations

import dataclasses

import pytest

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Catalogue, Onset, Quantity
from trd_cli.explore import screen
from trd_cli.explore.screen import ScreenError

from .conftest import MINI

CAT = load_catalogue(MINI)
ALPHA, BETA = CAT.therapies


def with_entries(*entries: object) -> Catalogue:
    return dataclasses.replace(CAT, therapies=tuple(entries))  # type: ignore[arg-type]


def verdicts(results: list[screen.Screened]) -> dict[str, str]:
    return {r.id: r.verdict for r in results}


def test_contraindicated_with_condition_text_and_source() -> None:
    results = screen.screen(CAT, ["intracranial-metal-implant"], [])
    assert verdicts(results) == {"alpha": "contraindicated", "beta": "no-known-conflict"}
    (reason,) = results[0].reasons
    assert reason.condition == "intracranial-metal-implant"
    assert reason.strength == "contraindicated"
    assert reason.text == "Metal near the coil."
    assert reason.source_ids == ("alpha-label",)
    assert "[alpha-label] Regulator (2008). An invented label" in reason.source


def test_caution() -> None:
    results = screen.screen(CAT, ["seizure-disorder"], [])
    assert verdicts(results) == {"alpha": "caution", "beta": "no-known-conflict"}
    assert results[0].reasons[0].text == "Seizure risk is higher."


def test_no_known_conflict_cites_the_safety_review() -> None:
    results = screen.screen(CAT, ["pregnancy"], [])
    assert verdicts(results) == {"alpha": "no-known-conflict", "beta": "no-known-conflict"}
    (reason,) = results[1].reasons
    assert reason.strength == "no-known-conflict"
    assert reason.source_ids == ("beta-label",)
    assert "2026-01-02" in reason.text


def test_a_condition_no_source_was_checked_for_is_shown_as_not_reviewed() -> None:
    results = screen.screen(CAT, ["breastfeeding"], [])
    assert verdicts(results) == {"alpha": "not-reviewed", "beta": "not-reviewed"}
    assert [r.reasons[0].strength for r in results] == ["not-reviewed", "not-reviewed"]


def test_not_reviewed_outweighs_no_known_conflict_but_not_caution() -> None:
    results = screen.screen(CAT, ["pregnancy", "breastfeeding"], [])
    assert verdicts(results) == {"alpha": "not-reviewed", "beta": "not-reviewed"}
    results = screen.screen(CAT, ["seizure-disorder", "breastfeeding"], [])
    assert verdicts(results) == {"alpha": "caution", "beta": "not-reviewed"}


def test_an_entry_without_a_safety_review_is_never_no_known_conflict() -> None:
    bare = dataclasses.replace(BETA, label_review=None)
    (result,) = screen.screen(with_entries(bare), ["pregnancy"], [])
    assert result.verdict == "not-reviewed"


def test_the_strongest_finding_decides_and_every_reason_is_kept() -> None:
    results = screen.screen(CAT, ["seizure-disorder", "intracranial-metal-implant"], [])
    alpha = results[0]
    assert alpha.verdict == "contraindicated"
    assert [(r.condition, r.strength) for r in alpha.reasons] == [
        ("intracranial-metal-implant", "contraindicated"),
        ("seizure-disorder", "caution"),
    ]


def test_every_option_is_shown_in_catalogue_order_whatever_its_verdict() -> None:
    results = screen.screen(
        CAT, ["intracranial-metal-implant"], ["at-home", "fast-onset", "few-visits"]
    )
    assert [r.id for r in results] == ["alpha", "beta"]


def test_preferences_mark_but_never_change_verdict_or_order() -> None:
    plain = screen.screen(CAT, ["seizure-disorder"], [])
    preferring = screen.screen(CAT, ["seizure-disorder"], list(screen.PREFERENCES))
    assert [(r.id, r.verdict, r.reasons) for r in plain] == [
        (r.id, r.verdict, r.reasons) for r in preferring
    ]
    assert plain[0].preferences == ()
    assert [p.preference for p in preferring[0].preferences] == list(screen.PREFERENCES)


def marks(results: list[screen.Screened], preference: str) -> dict[str, bool | None]:
    return {r.id: next(p.met for p in r.preferences if p.preference == preference) for r in results}


def test_preferences_met_and_not_met_from_catalogue_data() -> None:
    results = screen.screen(CAT, [], list(screen.PREFERENCES))
    assert marks(results, "at-home") == {"alpha": False, "beta": True}
    assert marks(results, "few-visits") == {"alpha": False, "beta": True}  # 5 vs 0 a week
    assert marks(results, "no-anesthesia") == {"alpha": True, "beta": True}
    assert marks(results, "non-invasive") == {"alpha": True, "beta": True}
    assert marks(results, "fast-onset") == {"alpha": False, "beta": None}  # beta: not reviewed


def test_preference_reasons_say_why() -> None:
    results = screen.screen(CAT, [], ["fast-onset", "few-visits", "at-home"])
    alpha = {p.preference: p.reason for p in results[0].preferences}
    beta = {p.preference: p.reason for p in results[1].preferences}
    assert alpha["fast-onset"] == "Typical onset 2-4 weeks [alpha-trial]: later than 7 days."
    assert "not reviewed (No sourced onset.)" in beta["fast-onset"]
    assert alpha["few-visits"] == "5 visits a week [alpha-label]: more than 1."
    assert beta["few-visits"] == "0 visits a week [beta-label]: at most 1."
    assert "outpatient" in alpha["at-home"]


def test_anaesthesia_invasiveness_and_unknown_visits() -> None:
    gamma = dataclasses.replace(
        ALPHA,
        id="gamma",
        delivery=dataclasses.replace(
            ALPHA.delivery,
            anesthesia=True,
            invasiveness="surgical",
            schedule=Quantity(text="Varies", sources=()),
        ),
        onset=Onset(text="Within a day", min=1, max=1, unit="days", sources=()),
    )
    results = screen.screen(with_entries(gamma), [], list(screen.PREFERENCES))
    got = {p.preference: p for p in results[0].preferences}
    assert got["no-anesthesia"].met is False
    assert "anaesthesia" in got["no-anesthesia"].reason
    assert got["non-invasive"].met is False and "surgical" in got["non-invasive"].reason
    assert got["fast-onset"].met is True
    assert got["few-visits"].met is None and "visits a week" in got["few-visits"].reason


def test_condition_names_are_resolved_and_unknown_ones_suggested() -> None:
    assert screen.resolve_conditions(CAT, ["Pregnancy", "seizure-disorder,under-18"]) == (
        "pregnancy",
        "seizure-disorder",
        "under-18",
    )
    with pytest.raises(ScreenError) as info:
        screen.resolve_conditions(CAT, ["pregnacy"])
    assert "unknown condition 'pregnacy' (did you mean 'pregnancy'?)" in str(info.value)
    assert "trd screen --list-conditions" in str(info.value)


def test_unknown_condition_matched_through_its_description() -> None:
    with pytest.raises(ScreenError, match="did you mean 'seizure-disorder'"):
        screen.resolve_conditions(CAT, ["epilepsy"])


def test_unknown_preference_lists_the_allowed_ones() -> None:
    with pytest.raises(ScreenError) as info:
        screen.resolve_preferences(["no-anaesthesia-please"])
    message = str(info.value)
    assert "unknown preference 'no-anaesthesia-please'" in message
    assert "no-anesthesia, non-invasive, fast-onset, few-visits, at-home" in message


def test_british_spelling_of_anaesthesia_is_accepted() -> None:
    assert screen.resolve_preferences(["No-Anaesthesia", "at-home,few-visits"]) == (
        "no-anesthesia",
        "at-home",
        "few-visits",
    )


def test_repeats_are_dropped() -> None:
    assert screen.resolve_conditions(CAT, ["pregnancy", "PREGNANCY"]) == ("pregnancy",)


def test_the_statement_of_purpose_names_the_unsourced_thresholds() -> None:
    notes = " ".join(screen.assumptions(["fast-onset", "few-visits"]))
    assert "7 days" in notes and "1 visit a week" in notes
    assert screen.assumptions(["at-home"]) == []
    assert "not a prescription" in screen.PURPOSE


def test_an_onset_range_that_starts_within_the_threshold_says_so() -> None:
    early = dataclasses.replace(
        ALPHA, onset=Onset(text="Some within days", min=1, max=28, unit="days", sources=())
    )
    (result,) = screen.screen(with_entries(early), [], ["fast-onset"])
    (mark,) = result.preferences
    assert mark.met is False
    assert mark.reason == (
        "Typical onset 1-28 days: some people may notice benefit within 7 days, but the "
        "typical range runs past it."
    )
