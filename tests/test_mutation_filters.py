"""`trd list` filters and sorting as people read them.

Written for mutants of explore/filters.py that the rest of the suite let live
(docs/mutation.md): sort keys that only a second entry can reveal, the words that say what was
filtered, and the options left out because a figure is not sourced.
"""

from __future__ import annotations

import dataclasses

import pytest

from trd_cli.catalogue.model import Onset, Quantity, Therapy
from trd_cli.explore import filters

from .test_screen import ALPHA, BETA


def entry(
    id: str, name: str, onset: tuple[float, float] | None = None, visits: float | None = None
) -> Therapy:
    schedule = Quantity(text="As given", sources=("alpha-label",), visits_per_week=visits)
    return dataclasses.replace(
        ALPHA,
        id=id,
        name=name,
        onset=None
        if onset is None
        else Onset(text="As given", min=onset[0], max=onset[1], unit="days", sources=()),
        delivery=dataclasses.replace(ALPHA.delivery, schedule=schedule),
    )


def ids(entries: list[Therapy]) -> list[str]:
    return [e.id for e in entries]


def test_onset_sorts_by_the_end_of_the_typical_range_first() -> None:
    early_start = entry("early-start", "A", onset=(1, 28))
    early_end = entry("early-end", "B", onset=(2, 4))
    assert ids(filters.sort_entries([early_start, early_end], "onset")) == [
        "early-end",
        "early-start",
    ]


def test_onset_ties_on_the_end_are_broken_by_the_start_before_the_name() -> None:
    later = entry("later", "A", onset=(3, 7))
    sooner = entry("sooner", "B", onset=(1, 7))
    assert ids(filters.sort_entries([later, sooner], "onset")) == ["sooner", "later"]


def test_visits_sort_puts_none_a_week_before_one_and_unknown_last() -> None:
    unknown = entry("unknown", "A", visits=None)
    one = entry("one", "B", visits=1)
    none = entry("none", "C", visits=0)
    assert ids(filters.sort_entries([unknown, one, none], "visits")) == ["none", "one", "unknown"]


def test_filters_in_words_join_several_values_with_or() -> None:
    f = filters.build_filter(
        categories=["medication", "neuromodulation"],
        statuses=["approved,off-label"],
        non_invasive=True,
    )
    assert filters.describe(f) == [
        "category: medication or neuromodulation",
        "FDA status: approved or off-label",
        "non-invasive",
    ]


def test_options_without_a_visit_count_are_named_only_when_visits_are_filtered() -> None:
    unknown = entry("unknown", "A", visits=None)
    entries = [unknown, BETA]
    by_visits = filters.build_filter(max_visits_per_week=3)
    assert filters.unsourced(entries, by_visits) == {"onset": [], "visits_per_week": ["unknown"]}
    by_category = filters.build_filter(categories=["medication"])
    assert filters.unsourced(entries, by_category) == {"onset": [], "visits_per_week": []}


def test_underscores_hyphens_spaces_and_case_name_the_same_value() -> None:
    f = filters.build_filter(statuses=["Off_Label", "humanitarian device exemption"])
    assert f.statuses == ("off-label", "humanitarian-device-exemption")


def test_a_typo_in_a_value_written_another_way_is_still_suggested() -> None:
    with pytest.raises(filters.FilterError) as info:
        filters.build_filter(statuses=["Off Labl"])
    assert str(info.value).startswith("unknown status 'Off Labl' (did you mean 'off-label'?); ")


@pytest.mark.parametrize(
    ("limits", "words"),
    [
        ((1, 1), ["onset typically within 1 day", "at most 1 visit a week"]),
        ((2, 0.5), ["onset typically within 2 days", "at most 0.5 visits a week"]),
    ],
)
def test_limits_in_words_are_singular_only_for_one(
    limits: tuple[float, float], words: list[str]
) -> None:
    f = filters.build_filter(max_onset_days=limits[0], max_visits_per_week=limits[1])
    assert filters.describe(f) == words


def test_settings_in_words() -> None:
    f = filters.build_filter(settings=["home", "outpatient"])
    assert filters.describe(f) == ["setting: home or outpatient"]
