"""`trd list` filters and sorting, on the invented test catalogue and variants of it."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Onset, Quantity, Regulatory, Therapy
from trd_cli.explore import filters
from trd_cli.explore.filters import FilterError, ListFilter

from .conftest import MINI

CAT = load_catalogue(MINI)
ALPHA, BETA = CAT.therapies


def variant(base: Therapy, new_id: str, **delivery: object) -> Therapy:
    changes = {k: v for k, v in delivery.items() if k not in ("onset", "regulatory", "name")}
    extra = {k: v for k, v in delivery.items() if k in ("onset", "regulatory", "name")}
    return dataclasses.replace(
        base,
        id=new_id,
        delivery=dataclasses.replace(base.delivery, **changes),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


GAMMA = variant(
    ALPHA,
    "gamma",
    name="Gamma procedure",
    anesthesia=True,
    invasiveness="minimally-invasive",
    setting=("inpatient", "outpatient"),
    schedule=Quantity(text="Twice a week", visits_per_week=2, sources=()),
    onset=Onset(text="Hours to a day", min=2, max=24, unit="hours", sources=()),
    regulatory=(
        Regulatory(agency="EMA", status="approved", indication="x", sources=()),
        Regulatory(agency="Health Canada", status="approved", indication="x", sources=()),
    ),
)
ENTRIES = [ALPHA, BETA, GAMMA]


def ids(entries: list[Therapy]) -> list[str]:
    return [e.id for e in entries]


def build(**kwargs: object) -> ListFilter:
    return filters.build_filter(**kwargs)  # type: ignore[arg-type]


def test_no_filter_keeps_everything_in_catalogue_order() -> None:
    assert ids(filters.apply(ENTRIES, build())) == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"categories": ["medication"]}, ["beta"]),
        ({"categories": ["medication", "neuromodulation"]}, ["alpha", "beta", "gamma"]),
        ({"statuses": ["cleared"]}, ["alpha"]),
        ({"statuses": ["off-label", "cleared"]}, ["alpha", "beta"]),
        ({"statuses": ["approved"]}, []),  # default agency is FDA
        ({"statuses": ["approved"], "agency": "EMA"}, ["gamma"]),
        ({"statuses": ["approved"], "agency": "health-canada"}, ["gamma"]),
        ({"no_anesthesia": True}, ["alpha", "beta"]),
        ({"non_invasive": True}, ["alpha", "beta"]),
        ({"settings": ["home"]}, ["beta"]),
        ({"settings": ["inpatient"]}, ["gamma"]),
        ({"settings": ["outpatient"]}, ["alpha", "gamma"]),
        ({"max_onset_days": 1}, ["gamma"]),
        ({"max_onset_days": 27}, ["gamma"]),
        ({"max_onset_days": 28}, ["alpha", "gamma"]),  # alpha: 2-4 weeks, ends at day 28
        ({"max_visits_per_week": 0}, ["beta"]),
        ({"max_visits_per_week": 2}, ["beta", "gamma"]),
        ({"max_visits_per_week": 5}, ["alpha", "beta", "gamma"]),
    ],
)
def test_each_filter(kwargs: dict[str, object], expected: list[str]) -> None:
    assert ids(filters.apply(ENTRIES, build(**kwargs))) == expected


def test_filters_combine_with_and() -> None:
    f = build(categories=["neuromodulation"], no_anesthesia=True, max_visits_per_week=5)
    assert ids(filters.apply(ENTRIES, f)) == ["alpha"]
    f = build(settings=["outpatient"], max_onset_days=7)
    assert ids(filters.apply(ENTRIES, f)) == ["gamma"]


def test_values_are_case_insensitive_and_may_be_comma_separated() -> None:
    f = build(categories=["Medication,NEUROMODULATION"], settings=["Home"], agency="fda")
    assert f.categories == ("medication", "neuromodulation")
    assert f.settings == ("home",)
    assert f.agency == "FDA"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"categories": ["medicaton"]},
            "unknown category 'medicaton' (did you mean 'medication'?); choose from: "
            "neuromodulation, medication, psychotherapy, surgical, procedure, no-change",
        ),
        ({"settings": ["hospital"]}, "choose from: home, outpatient, inpatient"),
        ({"statuses": ["aproved"]}, "unknown status 'aproved' (did you mean 'approved'?)"),
        ({"agency": "FDAA"}, "unknown agency 'FDAA' (did you mean 'FDA'?)"),
        ({"max_onset_days": -1}, "--max-onset-days must be 0 or more"),
        ({"max_visits_per_week": -0.5}, "--max-visits-per-week must be 0 or more"),
        ({"categories": [""]}, "unknown category ''"),
    ],
)
def test_unknown_values_name_the_allowed_ones(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FilterError) as info:
        build(**kwargs)
    assert message in str(info.value)


def test_entries_without_a_sourced_value_are_counted_when_left_out() -> None:
    f = build(max_onset_days=100, max_visits_per_week=10)
    assert filters.unsourced(ENTRIES, f) == {"onset": ["beta"], "visits_per_week": []}
    assert filters.unsourced(ENTRIES, build()) == {"onset": [], "visits_per_week": []}


def test_describe_says_what_each_active_filter_keeps() -> None:
    f = build(categories=["medication"], no_anesthesia=True, max_onset_days=7, statuses=["cleared"])
    words = filters.describe(f)
    assert "category: medication" in words
    assert "no anaesthesia" in words
    assert "onset typically within 7 days" in words
    assert "FDA status: cleared" in words
    assert filters.describe(build()) == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("name", ["alpha", "beta", "gamma"]),
        ("onset", ["gamma", "alpha", "beta"]),  # hours, then weeks, then not reviewed
        ("visits", ["beta", "gamma", "alpha"]),  # 0, 2, 5 visits a week
    ],
)
def test_sorting(key: str, expected: list[str]) -> None:
    assert ids(filters.sort_entries(ENTRIES, key)) == expected


def test_sort_by_name_ignores_case_and_unknown_keys_are_refused() -> None:
    lower = dataclasses.replace(BETA, name="aardvark tablets")
    assert ids(filters.sort_entries([ALPHA, lower], "name")) == ["beta", "alpha"]
    with pytest.raises(FilterError, match="choose from: name, onset, visits"):
        filters.check_sort("speed")
    assert filters.check_sort("Onset") == "onset"


@given(
    categories=st.lists(st.sampled_from(filters.CATEGORIES), max_size=2),
    settings=st.lists(st.sampled_from(filters.SETTINGS), max_size=2),
    no_anesthesia=st.booleans(),
    non_invasive=st.booleans(),
    max_onset=st.one_of(st.none(), st.floats(min_value=0, max_value=400)),
    max_visits=st.one_of(st.none(), st.floats(min_value=0, max_value=10)),
)
def test_a_filter_returns_a_subset_in_catalogue_order(
    categories: list[str],
    settings: list[str],
    no_anesthesia: bool,
    non_invasive: bool,
    max_onset: float | None,
    max_visits: float | None,
) -> None:
    f = build(
        categories=categories,
        settings=settings,
        no_anesthesia=no_anesthesia,
        non_invasive=non_invasive,
        max_onset_days=max_onset,
        max_visits_per_week=max_visits,
    )
    kept = filters.apply(ENTRIES, f)
    assert [e for e in ENTRIES if e in kept] == kept
    for entry in kept:
        if categories:
            assert entry.category in categories
        if no_anesthesia:
            assert not entry.delivery.anesthesia
        if max_onset is not None:
            assert entry.onset is not None and entry.onset.max_days <= max_onset
