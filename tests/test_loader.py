"""The loader validates the whole file and names file, line and field for every problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trd_cli.catalogue.loader import load_catalogue, parse_catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path
from trd_cli.catalogue.problems import CatalogueError
from trd_cli.documents.records import entry_doc

from .conftest import MINI

TEXT = MINI.read_text(encoding="utf-8")


def problems_for(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    return [str(p).replace(str(path), "cat.yaml") for p in info.value.problems]


def mutate(old: str, new: str) -> str:
    assert TEXT.count(old) == 1, old
    return TEXT.replace(old, new)


def test_mini_fixture_loads() -> None:
    cat = load_catalogue(MINI)
    assert [t.id for t in cat.therapies] == ["alpha", "beta"]
    assert cat.therapies[0].delivery.schedule is not None
    assert cat.therapies[0].delivery.schedule.visits_per_week == 5


def test_builtin_catalogue_loads() -> None:
    cat = load_catalogue(builtin_catalogue_path())
    assert cat.version and cat.date


CASES = {
    "yaml syntax": (
        ("    category: medication\n", "    category: [medication\n"),
        [
            "cat.yaml:108: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 107)"
        ],
    ),
    "unknown key with suggestion": (
        ("      route: Tablet by mouth\n", "      route: Tablet by mouth\n      setings: [home]\n"),
        ["cat.yaml:112: therapies[beta].delivery.setings: unknown key (did you mean 'setting'?)"],
    ),
    "missing required field": (
        ("    summary: An invented tablet used only by the tests.\n", ""),
        ["cat.yaml:104: therapies[beta].summary: required field is missing"],
    ),
    "wrong type": (
        (
            "      anesthesia: false\n      invasiveness: non-invasive\n      session_length: {not",
            "      anesthesia: sometimes\n      invasiveness: non-invasive\n      session_length: {not",
        ),
        [
            "cat.yaml:113: therapies[beta].delivery.anesthesia: expected true or false, got text ('sometimes')"
        ],
    ),
    "closed vocabulary": (
        ("    category: medication\n", "    category: medicine\n"),
        [
            "cat.yaml:107: therapies[beta].category: 'medicine' is not one of: neuromodulation, "
            "medication, psychotherapy, surgical, procedure, no-change (did you mean 'medication'?)"
        ],
    ),
    "duplicate key": (
        ("    aliases: [betamax]\n", "    aliases: [betamax]\n    aliases: [b]\n"),
        ["cat.yaml:107: therapies[beta].aliases: duplicate key (first given at line 106)"],
    ),
    "duplicate id": (
        ("  - id: beta\n", "  - id: alpha\n"),
        ["cat.yaml:104: therapies[alpha]: 'alpha' is already the id or alias of 'alpha' (line 52)"],
    ),
    "duplicate alias across entries": (
        ("    aliases: [betamax]\n", "    aliases: [Alpha-Brand]\n"),
        [
            "cat.yaml:104: therapies[beta]: 'Alpha-Brand' is already the id or alias of 'alpha' (line 52)"
        ],
    ),
    "dangling source reference": (
        (
            '      schedule: {text: "Once a day", visits_per_week: 0, sources: [beta-label]}\n',
            '      schedule: {text: "Once a day", visits_per_week: 0, sources: [beta-lable]}\n',
        ),
        [
            "cat.yaml:116: therapies[beta].delivery.schedule.sources: cites source 'beta-lable', "
            "which is not in this entry's sources (did you mean 'beta-label'?)"
        ],
    ),
    "unknown condition": (
        ("condition: seizure-disorder,", "condition: seizures,"),
        [
            "cat.yaml:93: therapies[alpha].contraindications[1].condition: 'seizures' is not in the "
            "catalogue's conditions (did you mean 'seizure-disorder'?)"
        ],
    ),
    "object-constructing tag": (
        ("    name: Beta tablets\n", "    name: !!python/object/apply:os.system [echo hi]\n"),
        [
            "cat.yaml:105: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
            "plain values only"
        ],
    ),
    "alias": (
        ("    aliases: [betamax]\n", "    aliases: &a [betamax]\n    name2: *a\n"),
        [
            "cat.yaml:106: YAML anchors (&a) are not allowed; write the value out",
            "cat.yaml:107: YAML aliases (*a) are not allowed; write the value out",
        ],
    ),
    "null instead of not_reviewed": (
        ('    mechanism: {not_reviewed: "Unknown."}\n', "    mechanism: null\n"),
        [
            'cat.yaml:109: therapies[beta].mechanism: no value; write {not_reviewed: "why there is '
            'no sourced answer"}'
        ],
    ),
    "bad date": (
        (
            '    last_reviewed: "2026-01-02"\n  - id: beta',
            '    last_reviewed: "2 Jan 2026"\n  - id: beta',
        ),
        [
            "cat.yaml:103: therapies[alpha].last_reviewed: expected a date as YYYY-MM-DD, got '2 Jan 2026'"
        ],
    ),
    "rate out of range": (
        ("        rate: 27.0\n", "        rate: 270\n"),
        [
            "cat.yaml:77: therapies[alpha].efficacy[0].rate: a rate is a percentage from 0 to 100, got 270"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_error_is_reported_exactly(case: str, tmp_path: Path) -> None:
    (old, new), expected = CASES[case]
    assert problems_for(mutate(old, new), tmp_path) == expected


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = TEXT.replace("    category: medication\n", "    category: medicine\n")
    text = text.replace("      route: Tablet by mouth\n", "      rout: Tablet by mouth\n")
    text = text.replace("        rate: 27.0\n", "        rate: -3\n")
    found = problems_for(text, tmp_path)
    assert len(found) == 4, found  # the typo also leaves 'route' missing
    assert any("category" in p for p in found)
    assert any("rout: unknown key (did you mean 'route'?)" in p for p in found)
    assert any("delivery.route: required field is missing" in p for p in found)
    assert any("rate: a rate is a percentage" in p for p in found)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    assert problems_for("", tmp_path) == ["cat.yaml: is empty; expected a catalogue mapping"]
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path / "nope.yaml")
    assert str(info.value).endswith("nope.yaml: no such file")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems_for("- a\n- b\n", tmp_path) == [
        "cat.yaml:1: expected a mapping of Catalogue fields, got a list"
    ]


def test_not_reviewed_is_kept_apart_from_none() -> None:
    beta = load_catalogue(MINI).therapies[1]
    assert beta.efficacy is None
    assert beta.not_reviewed["efficacy"] == "No trial in this population."
    assert beta.side_effects.common == ()  # "none", which is a different answer


def test_dates_stay_strings_in_json() -> None:
    cat = load_catalogue(MINI)
    doc = entry_doc(cat.therapies[0])
    assert doc["last_reviewed"] == "2026-01-02"
    json.dumps(doc)  # no date objects
    unquoted = TEXT.replace('last_reviewed: "2026-01-02"', "last_reviewed: 2026-01-02")
    assert entry_doc(parse_catalogue(unquoted, "x").therapies[0])["last_reviewed"] == "2026-01-02"
