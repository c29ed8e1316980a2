"""The shipped catalogue's short answers: present, short, plain, and true to the full answers."""

from __future__ import annotations

import re
import statistics

import pytest

from trd_cli.catalogue.glance import WRITTEN, full_parts
from trd_cli.catalogue.model import SHORT_MAX, Catalogue, Therapy

from .conftest import shipped

textstat = pytest.importorskip("textstat")

NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
UNITS = {100.0, 1000.0, 10000.0, 100000.0}  # "x in 100", "1 in 1,000": the denominators


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return shipped()


def numbers_in(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


def allowed_numbers(entry: Therapy, key: str) -> set[float]:
    parts = full_parts(entry, key)
    found = set(UNITS)
    for text in parts.texts:
        found |= numbers_in(text)
    for n in parts.numbers:
        found |= {float(n), float(round(n))}
    for e in entry.efficacy or ():
        for rate in (e.rate, e.comparator_rate):
            if rate is not None:
                found |= {float(rate), float(round(rate))}
    return found


def shorts(catalogue: Catalogue) -> list[tuple[Therapy, str]]:
    return [(e, k) for e in catalogue.therapies for k in WRITTEN]


def test_every_entry_has_a_short_answer_wherever_it_has_a_full_one(catalogue: Catalogue) -> None:
    missing = []
    for entry, key in shorts(catalogue):
        short = getattr(entry.glance, key) if entry.glance else None
        if short is None and full_parts(entry, key).reviewed:
            missing.append(f"{entry.id}.{key}")
    assert not missing, f"short answers missing: {missing}"


def test_short_answers_are_short(catalogue: Catalogue) -> None:
    long = [
        f"{e.id}.{k} ({len(getattr(e.glance, k).text)})"
        for e, k in shorts(catalogue)
        if e.glance and getattr(e.glance, k) and len(getattr(e.glance, k).text) > SHORT_MAX
    ]
    assert not long, f"longer than {SHORT_MAX} characters: {long}"


def test_short_answers_cite_sources_of_their_full_answer(catalogue: Catalogue) -> None:
    wrong = []
    for entry, key in shorts(catalogue):
        short = getattr(entry.glance, key) if entry.glance else None
        if short is None:
            continue
        if not short.sources or not set(short.sources) <= full_parts(entry, key).sources:
            wrong.append(f"{entry.id}.{key}: {short.sources}")
    assert not wrong, f"cite sources their full answer does not: {wrong}"


def test_short_answers_state_no_number_the_full_answer_lacks(catalogue: Catalogue) -> None:
    wrong = []
    for entry, key in shorts(catalogue):
        short = getattr(entry.glance, key) if entry.glance else None
        if short is None:
            continue
        extra = numbers_in(short.text) - allowed_numbers(entry, key)
        if extra:
            wrong.append(f"{entry.id}.{key}: {sorted(extra)} in {short.text!r}")
    assert not wrong, f"numbers found in neither the full answer nor the data: {wrong}"


def test_patient_facing_text_reads_at_grade_8_or_below(catalogue: Catalogue) -> None:
    import importlib.util
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "readability.py"
    if not script.is_file():
        pytest.skip("needs the source checkout")
    spec = importlib.util.spec_from_file_location("readability", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["readability"] = module
    spec.loader.exec_module(module)
    graded = [(where, module.grade(text)) for _, where, text in module.texts(catalogue)]
    assert statistics.median(g for _, g in graded) <= module.TARGET_MEDIAN
    hard = [f"{where} ({g:.1f})" for where, g in graded if g > module.CEILING]
    assert not hard, f"above grade {module.CEILING:g}: {hard}"


def test_at_most_one_headline_figure_per_outcome_and_one_for_each_option_with_figures(
    catalogue: Catalogue,
) -> None:
    for entry in catalogue.therapies:
        rated = [
            e
            for e in entry.efficacy or ()
            if e.rate is not None and e.outcome in ("response", "remission")
        ]
        if rated:
            assert any(e.headline for e in rated), f"{entry.id} marks no headline figure"
