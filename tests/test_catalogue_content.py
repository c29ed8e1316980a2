"""The shipped catalogue: complete, sourced, balanced and dated."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from trd_cli.catalogue.model import Catalogue, Therapy
from trd_cli.explore.queries import resolve

from .conftest import shipped

FLAGSHIP = ("tms", "ect", "ketamine", "esketamine", "dbs")
CORE_FIELDS = (
    "mechanism",
    "onset",
    "efficacy",
    "who_for",
    "guidelines",
    "delivery.schedule",
    "delivery.course",
)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^\d{5,9}$")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return shipped()


def entries(catalogue: Catalogue) -> tuple[Therapy, ...]:
    return catalogue.therapies


def test_at_least_24_options_across_every_kind(catalogue: Catalogue) -> None:
    assert len(catalogue.therapies) >= 24
    kinds = {t.category for t in catalogue.therapies}
    assert {"neuromodulation", "medication", "psychotherapy", "surgical", "no-change"} <= kinds
    assert any(t.investigational for t in catalogue.therapies)


@pytest.mark.parametrize("tid", FLAGSHIP)
def test_flagship_entries_are_complete(catalogue: Catalogue, tid: str) -> None:
    entry = resolve(catalogue, tid)
    missing = [f for f in CORE_FIELDS if f in entry.not_reviewed]
    assert not missing, f"{tid}: {missing} not reviewed"
    assert entry.efficacy and entry.side_effects.common and entry.side_effects.serious
    assert entry.contraindications
    assert entry.regulatory_for("FDA")


@pytest.mark.parametrize(("alias", "tid"), [("spravato", "esketamine"), ("RTMS", "tms")])
def test_brand_names_and_abbreviations_resolve(catalogue: Catalogue, alias: str, tid: str) -> None:
    assert resolve(catalogue, alias).id == tid


def test_every_option_has_a_us_status_and_harms_beside_benefits(catalogue: Catalogue) -> None:
    for entry in catalogue.therapies:
        assert entry.regulatory_for("FDA"), entry.id
        if entry.efficacy and entry.category != "no-change":
            harms = entry.side_effects.common + entry.side_effects.serious
            assert harms, f"{entry.id} lists benefits but no harms"


def test_identifiers_look_real(catalogue: Catalogue) -> None:
    for entry in catalogue.therapies:
        for src in entry.sources:
            where = f"{entry.id}/{src.id}"
            assert src.doi is None or DOI.match(src.doi), f"{where}: doi {src.doi!r}"
            assert src.pmid is None or PMID.match(src.pmid), f"{where}: pmid {src.pmid!r}"
            assert src.url is None or src.url.startswith(("https://", "http://")), where


def test_every_source_is_cited(catalogue: Catalogue) -> None:
    """A listed source that no claim cites is either dead weight or a claim missing its source."""
    import dataclasses

    def cited(value: object) -> set[str]:
        found: set[str] = set()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                item = getattr(value, f.name)
                if f.metadata.get("source_refs"):
                    found |= {item} if isinstance(item, str) else set(item)
                elif f.name != "sources":
                    found |= cited(item)
        elif isinstance(value, tuple):
            for item in value:
                found |= cited(item)
        return found

    for entry in catalogue.therapies:
        unused = {s.id for s in entry.sources} - cited(entry)
        assert not unused, f"{entry.id}: sources never cited: {sorted(unused)}"


def test_entries_are_dated_and_not_stale(catalogue: Catalogue) -> None:
    date = dt.date.fromisoformat(catalogue.date)
    for entry in catalogue.therapies:
        reviewed = dt.date.fromisoformat(entry.last_reviewed)
        assert reviewed <= date, entry.id
        assert (date - reviewed).days <= 366, f"{entry.id} is past its review date"


def test_not_reviewed_reasons_are_given(catalogue: Catalogue) -> None:
    for entry in catalogue.therapies:
        for path, reason in entry.not_reviewed.items():
            assert len(reason.strip()) >= 8, f"{entry.id}.{path}: reason too thin"


def test_numbers_in_summaries_are_sourced(catalogue: Catalogue) -> None:
    """A summary that states a number or a year must say where it comes from."""
    for entry in catalogue.therapies:
        if re.search(r"\d", entry.summary):
            assert entry.summary_sources, f"{entry.id}: summary states numbers without sources"
