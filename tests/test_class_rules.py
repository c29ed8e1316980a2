"""Class effects are stated once and hold for every member, so siblings cannot disagree.

The expected memberships below are a second reading of the labels, kept apart from the
catalogue on purpose: removing an entry from a class (or a class's rule) makes a test fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trd_cli.catalogue import safety
from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Catalogue
from trd_cli.catalogue.problems import CatalogueError
from trd_cli.cli.app import app
from trd_cli.explore import screen

from .conftest import MINI, shipped
from .runner import CliRunner

EXPECTED_MEMBERS: dict[str, set[str]] = {
    "serotonergic": {
        "switch-antidepressant",
        "maoi",
        "tca",
        "mirtazapine-combination",
        "olanzapine-fluoxetine",
        "dextromethorphan-bupropion",
        "lithium",
    },
    "antidepressant-boxed-warning": {
        "switch-antidepressant",
        "maoi",
        "tca",
        "mirtazapine-combination",
        "bupropion-augmentation",
        "olanzapine-fluoxetine",
        "dextromethorphan-bupropion",
        "esketamine",
        "aripiprazole",
        "brexpiprazole",
        "quetiapine-xr",
        "cariprazine",
    },
    "taken-with-an-antidepressant": {
        "esketamine",
        "aripiprazole",
        "brexpiprazole",
        "quetiapine-xr",
        "cariprazine",
        "risperidone",
        "lithium",
        "t3",
        "mirtazapine-combination",
        "bupropion-augmentation",
        "pramipexole",
        "stimulant-augmentation",
    },
    "lowers-seizure-threshold": {
        "bupropion-augmentation",
        "dextromethorphan-bupropion",
        "tca",
        "aripiprazole",
        "brexpiprazole",
        "quetiapine-xr",
        "cariprazine",
        "olanzapine-fluoxetine",
        "risperidone",
    },
    "may-induce-mania": {
        "switch-antidepressant",
        "maoi",
        "tca",
        "mirtazapine-combination",
        "bupropion-augmentation",
        "dextromethorphan-bupropion",
        "olanzapine-fluoxetine",
    },
    "general-anaesthesia": {"ect", "mst"},
    "implanted-device-surgery": {"vns", "dbs"},
    "nmda-antagonist": {"ketamine", "ketamine-other-routes", "esketamine"},
    "misuse-potential": {
        "ketamine",
        "ketamine-other-routes",
        "esketamine",
        "stimulant-augmentation",
    },
    "qt-prolongation": {"quetiapine-xr", "olanzapine-fluoxetine"},
    "antipsychotic-boxed-warning": {
        "aripiprazole",
        "brexpiprazole",
        "quetiapine-xr",
        "cariprazine",
        "olanzapine-fluoxetine",
        "risperidone",
    },
    "antipsychotic-metabolic": {
        "aripiprazole",
        "brexpiprazole",
        "quetiapine-xr",
        "cariprazine",
        "olanzapine-fluoxetine",
        "risperidone",
    },
    "magnetic-stimulation": {"tms", "itbs", "accelerated-itbs", "deep-tms"},
}

# The screening vocabulary the product promises (one id per situation a person may be in).
VOCABULARY = {
    "age-18-24",
    "under-18",
    "older-adult",
    "pregnancy",
    "breastfeeding",
    "bipolar-disorder",
    "seizure-disorder",
    "recent-heart-attack",
    "qt-prolongation",
    "vascular-aneurysm",
    "recent-stroke",
    "uncontrolled-hypertension",
    "serotonergic-or-maoi-drugs",
    "kidney-disease",
    "thyroid-disease",
    "psychosis",
    "substance-use-disorder",
    "dementia-or-cognitive-impairment",
    "intracranial-metal-implant",
    "bleeding-risk",
    "anesthesia-risk",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return shipped()


def members(catalogue: Catalogue, class_id: str) -> set[str]:
    return {t.id for t in catalogue.therapies if any(m.id == class_id for m in t.classes)}


@pytest.mark.parametrize("class_id", sorted(EXPECTED_MEMBERS))
def test_every_expected_member_carries_the_class(catalogue: Catalogue, class_id: str) -> None:
    assert class_id in catalogue.class_named()
    missing = EXPECTED_MEMBERS[class_id] - members(catalogue, class_id)
    assert not missing, f"{sorted(missing)} lack the class '{class_id}'"


@pytest.mark.parametrize("class_id", sorted(EXPECTED_MEMBERS))
def test_siblings_screen_at_least_as_strictly_as_their_class(
    catalogue: Catalogue, class_id: str
) -> None:
    cls = catalogue.class_named()[class_id]
    assert cls.screening or class_id == "", "a class with no screening rule"
    for rule in cls.screening:
        for result in screen.screen(catalogue, [rule.condition], []):
            if result.id not in members(catalogue, class_id):
                continue
            assert safety.RANK.get(result.verdict, 9) <= safety.RANK[rule.strength], (
                f"{result.id} is '{result.verdict}' for {rule.condition}, "
                f"but every {class_id} option is at least '{rule.strength}'"
            )


def test_every_member_shows_its_class_warning(catalogue: Catalogue) -> None:
    runner = CliRunner()
    for entry in catalogue.therapies:
        if not entry.classes:
            continue
        result = runner.invoke(
            app, ["explain", entry.id, "--format", "plain"], env={"COLUMNS": "400"}
        )
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        for membership in entry.classes:
            warning = " ".join(catalogue.class_named()[membership.id].warning.split())
            assert warning in text, f"{entry.id} omits the warning of {membership.id}"


def test_the_screening_vocabulary_covers_every_promised_situation(catalogue: Catalogue) -> None:
    assert set(catalogue.condition_ids()) >= VOCABULARY


def test_every_entry_has_a_dated_safety_review_and_dated_statuses(catalogue: Catalogue) -> None:
    for entry in catalogue.therapies:
        assert entry.label_review is not None, entry.id
        assert entry.label_review.sources, entry.id
        for row in entry.regulatory:
            assert row.as_of, f"{entry.id}: {row.agency} status has no as-of date"


def test_no_shipped_entry_is_older_than_18_months() -> None:
    """Fails as time passes: a reminder to re-review, never a silent drift."""
    today = dt.date.today()
    for entry in shipped().therapies:
        age = (today - dt.date.fromisoformat(entry.last_reviewed)).days
        assert age <= 548, f"{entry.id} was last reviewed {entry.last_reviewed}"


# --------------------------------------------------------------------------- the loader's rules

CLASSES = """classes:
  - id: raises-x
    name: Raises X
    warning: Raises X for everyone.
    screening:
      - {condition: seizure-disorder, strength: contraindicated, text: "X and seizures."}
therapies:
"""


def with_class(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = MINI.read_text(encoding="utf-8").replace("therapies:\n", CLASSES, 1)
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    return [f"{p.field}: {p.message}" for p in info.value.problems]


JOIN_BETA = (
    '    label_review: {date: "2026-01-02", sources: [beta-label], no_known_conflict: '
    "[intracranial-metal-implant, seizure-disorder, pregnancy]}",
    "    classes: [{id: raises-x, sources: [beta-label]}]\n"
    '    label_review: {date: "2026-01-02", sources: [beta-label], no_known_conflict: '
    "[intracranial-metal-implant, pregnancy]}",
)


def test_a_member_inherits_its_class_rule_in_screen(tmp_path: Path) -> None:
    cat = load_catalogue(with_class(tmp_path, JOIN_BETA))
    beta = screen.screen(cat, ["seizure-disorder"], [])[1]
    assert beta.verdict == "contraindicated"
    assert beta.reasons[0].source_ids == ("beta-label",)
    assert "applies to every raises x option" in beta.reasons[0].text


def test_an_unknown_class_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = with_class(tmp_path, (JOIN_BETA[0], JOIN_BETA[1].replace("id: raises-x", "id: raise-x")))
    assert problems(path) == [
        "therapies[beta].classes[raise-x].id: 'raise-x' is not in the catalogue's classes "
        "(did you mean 'raises-x'?)"
    ]


def test_no_known_conflict_for_a_condition_the_class_names_is_refused(tmp_path: Path) -> None:
    path = with_class(
        tmp_path,
        (
            JOIN_BETA[0],
            JOIN_BETA[1].replace("[intracranial-metal-implant, pregnancy]", "[seizure-disorder]"),
        ),
    )
    assert problems(path) == [
        "therapies[beta].label_review.no_known_conflict: 'seizure-disorder' is listed as no "
        "known conflict, but class 'raises-x' lists it (contraindicated)"
    ]


def test_an_entry_may_not_be_weaker_than_its_class(tmp_path: Path) -> None:
    path = with_class(
        tmp_path,
        JOIN_BETA,
        (
            "    contraindications: []\n",
            "    contraindications:\n"
            '      - {condition: seizure-disorder, strength: caution, text: "Mild.", sources: [beta-label]}\n',
        ),
    )
    assert problems(path) == [
        "therapies[beta].contraindications: 'seizure-disorder' is 'caution' here but "
        "'contraindicated' for every member of class 'raises-x'; an entry may be stricter than "
        "its class, not weaker"
    ]


def test_a_class_rule_must_name_a_known_condition(tmp_path: Path) -> None:
    path = with_class(
        tmp_path,
        (
            "condition: seizure-disorder, strength: contraindicated",
            "condition: seizures, strength: contraindicated",
        ),
    )
    assert problems(path) == [
        "classes[raises-x].screening[0].condition: 'seizures' is not in the catalogue's "
        "conditions (did you mean 'seizure-disorder'?)"
    ]


def test_the_review_log_index_lists_every_entry_as_the_catalogue_says() -> None:
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    script, index = root / "scripts" / "review_index.py", root / "docs" / "review-log" / "README.md"
    if not script.is_file():
        pytest.skip("needs the source checkout")
    spec = importlib.util.spec_from_file_location("review_index", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render(shipped())
    assert index.read_text(encoding="utf-8") == expected, "run: python scripts/review_index.py"
    for entry in shipped().therapies:
        assert f"| {entry.id} | {entry.label_review.date if entry.label_review else ''}" in expected
