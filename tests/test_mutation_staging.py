"""`trd stage` results read whole, as a person reads them.

Written for mutants of explore/staging.py that the rest of the suite let live
(docs/mutation.md): every label, table row, assumption, note and source of each model's
result; each model's limits at both ends and its messages whole.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from trd_cli.explore import staging
from trd_cli.explore.staging import StagingError


def read(result: staging.StageResult) -> dict[str, Any]:
    """The result as its JSON gives it: items and criteria as rows."""
    data = dataclasses.asdict(result)
    data["items"] = [tuple(item.values()) for item in data["items"]]
    data["criteria"] = [tuple(c.values()) for c in data["criteria"]]
    return data


MAUDSLEY = {
    "model": "maudsley",
    "title": "Maudsley Staging Method (MSM)",
    "items": [
        ("duration", "Duration of the current episode (months)", 13, 2, "13-24 months (sub-acute)"),
        ("severity", "Symptom severity at baseline", "severe", 4, "severe without psychosis"),
        ("failed_antidepressants", "Failed antidepressants", 5, 3, "level 3: 5-6 medications"),
        ("augmentation", "Augmentation used", True, 1, "used"),
        ("ect", "ECT used", False, 0, "not used"),
    ],
    "score": 10,
    "score_range": (3, 15),
    "band": "moderate",
    "stage": None,
    "criteria": [],
    "assumptions": (
        "The episode's length is counted in whole months, so 12 months scores 1 "
        "point and 13 months 2 (the table reads '12 months or less' and '13-24'; one "
        "secondary source writes 'less than 12').",
        "Failed antidepressants are taken as entered; the Maudsley Treatment "
        "Inventory, which defines an adequate trial, was not checked.",
    ),
    "notes": (
        "Bands: mild 3-6, moderate 7-10, severe 11-15.",
        "Augmentation and ECT add 1 point each in total, however many were tried.",
    ),
    "sources": (
        "Fekadu et al. 2009 (the original Maudsley Staging Method)",
        "Fekadu, Donocik & Cleare 2018, standardisation framework for the Maudsley "
        "Staging Method, BMC Psychiatry 18:100, doi:10.1186/s12888-018-1679-x "
        "(PMC5896127), Table 3: duration, severity, total and bands",
        "Overview panel of TRD staging models, PLoS One 2020;15(7):e0236434, "
        "doi:10.1371/journal.pone.0236434 (PMC7392234): treatment failures, augmentation "
        "and ECT",
    ),
}

THASE_RUSH = {
    "model": "thase-rush",
    "title": "Thase-Rush staging model (TRSM)",
    "items": [
        ("failed_classes", "Failed antidepressant classes other than TCAs and MAOIs", 2, None, ""),
        ("tca", "Failed an adequate TCA trial", True, None, ""),
        ("maoi", "Failed an adequate MAOI trial", False, None, ""),
        ("bilateral_ect", "Failed a course of bilateral ECT", True, None, ""),
    ],
    "score": None,
    "score_range": None,
    "band": None,
    "stage": "III",
    "criteria": [
        ("I", "Failure of at least one adequate trial of one major antidepressant class", True),
        (
            "II",
            "Stage I plus failure of an adequate trial of an antidepressant from a "
            "distinctly different class",
            True,
        ),
        (
            "III",
            "Stage II plus failure of an adequate trial of a tricyclic antidepressant (TCA)",
            True,
        ),
        (
            "IV",
            "Stage III plus failure of an adequate trial of a monoamine oxidase inhibitor (MAOI)",
            False,
        ),
        ("V", "Stage IV plus failure of a course of bilateral ECT", False),
    ],
    "assumptions": (
        "Each failed trial counts once: a TCA or MAOI that makes up stage II does "
        "not also count for stage III or IV (so one other class plus a TCA is stage "
        "II).",
        "A TCA or MAOI failure on its own counts as failure of one major class (stage I).",
        "Stages are reached in order: a later step (an MAOI, bilateral ECT) does not "
        "count until every earlier stage is met.",
        "'Adequate' is as you judge it; the model does not define dose or duration.",
    ),
    "notes": (
        "Known limitations: the model implies that TCAs and MAOIs work better than newer "
        "antidepressants, assumes a fixed order of treatments, does not define an adequate "
        "dose or duration, and does not count augmentation.",
        "It is categorical; its reliability is untested, and in a chart review (Petersen "
        "et al. 2005) it did not predict who would not remit.",
        "Bilateral ECT was entered but counts only at stage V, after stage IV is reached; "
        "in this model it does not raise a lower stage.",
    ),
    "sources": (
        "Thase & Rush 1997 (the original model; not checked against the paper)",
        "Stage wording as given by medicalalgorithms.com, citing Fava 2003, Biological "
        "Psychiatry, for its limitations (a secondary source)",
    ),
}

MGH = {
    "model": "mgh",
    "title": "Massachusetts General Hospital staging (MGH-S)",
    "items": [
        (
            "failed_trials",
            "Failed antidepressant trials (each at least 6 weeks at an adequate dose)",
            3,
            3.0,
            "1 point each",
        ),
        ("optimised", "Trials optimised by raising the dose", 2, 1.0, "0.5 point each"),
        ("augmented", "Trials augmented with another medicine", 1, 0.5, "0.5 point each"),
        ("ect", "ECT", True, 3.0, "3 points"),
    ],
    "score": 7.5,
    "score_range": None,
    "band": None,
    "stage": None,
    "criteria": [],
    "assumptions": (
        "Optimisation and augmentation are counted per trial (0.5 for each trial "
        "optimised and 0.5 for each trial augmented); the overview panel suggests "
        "this, but the original paper was not checked.",
        "ECT scores 3 points once, however many courses were given; the sources seen "
        "do not say whether it counts per course.",
    ),
    "notes": (
        "The score is continuous, with no bands: a higher score means more, and more "
        "intensively optimised, failed treatment.",
        "In a chart review of 115 patients (Petersen et al. 2005), a higher MGH-S score "
        "predicted not remitting.",
    ),
    "sources": (
        "Fava 2003, Biological Psychiatry (the original model)",
        "Overview panel of TRD staging models, PLoS One 2020;15(7):e0236434, "
        "doi:10.1371/journal.pone.0236434 (PMC7392234): point values",
        "Petersen et al. 2005, J Clin Psychopharmacol 25(4):336-41, "
        "doi:10.1097/01.jcp.0000169036.40755.16: validation",
    ),
}


def test_a_maudsley_result_reads_whole() -> None:
    result = staging.maudsley(
        duration_months=13,
        severity="Severe",
        failed_antidepressants=5,
        augmentation=True,
        ect=False,
    )
    assert read(result) == MAUDSLEY


def test_a_thase_rush_result_reads_whole() -> None:
    result = staging.thase_rush(failed_classes=2, tca=True, maoi=False, bilateral_ect=True)
    assert read(result) == THASE_RUSH


def test_an_mgh_result_reads_whole() -> None:
    result = staging.mgh(failed_trials=3, optimised=2, augmented=1, ect=True)
    assert read(result) == MGH


def test_mgh_without_ect_says_not_used_and_scores_nothing_for_it() -> None:
    result = staging.mgh(failed_trials=1, optimised=0, augmented=0, ect=False)
    assert read(result)["items"][-1] == ("ect", "ECT", False, 0.0, "not used")
    assert result.score == 1.0


def test_thase_rush_with_no_failed_trial_says_it_is_not_treatment_resistant() -> None:
    result = staging.thase_rush(failed_classes=0, tca=False, maoi=False, bilateral_ect=False)
    assert result.notes[2:] == (
        "No failed adequate trial was entered: stage 0, not treatment-resistant.",
    )
    assert [c.met for c in result.criteria] == [False] * 5


@pytest.mark.parametrize(
    ("months", "row"),
    [
        (12, "12 months or less (acute)"),
        (13, "13-24 months (sub-acute)"),
        (24, "13-24 months (sub-acute)"),
        (25, "more than 24 months (chronic)"),
    ],
)
def test_maudsley_names_the_duration_row_that_applied(months: int, row: str) -> None:
    assert staging.maudsley_duration_points(months)[1] == row


@pytest.mark.parametrize(
    ("failed", "row"),
    [
        (1, "level 1: 1-2 medications"),
        (3, "level 2: 3-4 medications"),
        (6, "level 3: 5-6 medications"),
        (7, "level 4: 7-10 medications"),
        (10, "level 4: 7-10 medications"),
        (11, "level 5: more than 10 medications"),
    ],
)
def test_maudsley_names_the_failure_row_that_applied(failed: int, row: str) -> None:
    assert staging.maudsley_failure_points(failed)[1] == row


@pytest.mark.parametrize(
    ("severity", "points", "row"),
    [
        ("subsyndromal", 1, "subsyndromal"),
        ("mild", 2, "mild"),
        ("moderate", 3, "moderate"),
        ("severe", 4, "severe without psychosis"),
        ("severe-psychotic", 5, "severe with psychosis"),
    ],
)
def test_maudsley_names_the_severity_row_that_applied(severity: str, points: int, row: str) -> None:
    result = staging.maudsley(
        duration_months=1,
        severity=f" {severity.upper()} ",
        failed_antidepressants=1,
        augmentation=False,
        ect=False,
    )
    (item,) = [i for i in result.items if i.name == "severity"]
    assert (item.value, item.points, item.category) == (severity, points, row)


def maudsley(**given: Any) -> staging.StageResult:
    args: dict[str, Any] = {
        "duration_months": 1,
        "severity": "mild",
        "failed_antidepressants": 1,
        "augmentation": False,
        "ect": False,
    }
    return staging.maudsley(**{**args, **given})


def test_the_longest_episode_and_the_most_failures_are_taken() -> None:
    result = maudsley(duration_months=1200, failed_antidepressants=100)
    assert (result.score, result.band) == (3 + 2 + 5, "moderate")
    assert maudsley(duration_months=0).score == 1 + 2 + 1


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"duration_months": 1201}, "--duration-months must be between 0 and 1200, got 1201"),
        (
            {"duration_months": -(10**13)},
            "--duration-months must be 0 or more, got a 14-digit negative number",
        ),
        (
            {"duration_months": -999_999_999_999},
            "--duration-months must be 0 or more, got -999999999999",
        ),
        (
            {"failed_antidepressants": 101},
            "--failed-antidepressants must be between 1 and 100, got 101",
        ),
        (
            {"failed_antidepressants": 10**12},
            "--failed-antidepressants must be between 1 and 100, got a 13-digit number",
        ),
        (
            {"severity": " MILDD "},
            "--severity must be one of: subsyndromal, mild, moderate, severe, severe-psychotic; "
            "got ' MILDD ' (did you mean 'mild'?)",
        ),
    ],
)
def test_maudsley_refuses_what_its_table_does_not_cover_in_whole_words(
    given: dict[str, Any], message: str
) -> None:
    with pytest.raises(StagingError) as info:
        maudsley(**given)
    assert str(info.value) == message


def test_thase_rush_takes_up_to_a_hundred_classes() -> None:
    assert staging.thase_rush(failed_classes=100, tca=False, maoi=False, bilateral_ect=False)
    with pytest.raises(StagingError) as info:
        staging.thase_rush(failed_classes=101, tca=False, maoi=False, bilateral_ect=False)
    assert str(info.value) == "--failed-classes must be between 0 and 100, got 101"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"optimised": -1},
            "--optimised must be between 0 and 2 (the number of failed trials), got -1",
        ),
        (
            {"augmented": 3},
            "--augmented must be between 0 and 2 (the number of failed trials), got 3",
        ),
        (
            {"failed_trials": 101, "optimised": 0},
            "--failed-trials must be between 1 and 100, got 101",
        ),
    ],
)
def test_mgh_refuses_what_its_table_does_not_cover_in_whole_words(
    given: dict[str, int], message: str
) -> None:
    args: dict[str, Any] = {"failed_trials": 2, "optimised": 0, "augmented": 0, "ect": False}
    with pytest.raises(StagingError) as info:
        staging.mgh(**{**args, **given})
    assert str(info.value) == message


def test_mgh_takes_every_trial_optimised_and_augmented() -> None:
    result = staging.mgh(failed_trials=2, optimised=2, augmented=2, ect=False)
    assert result.score == 4.0
    assert staging.mgh(failed_trials=100, optimised=0, augmented=0, ect=False).score == 100.0


def test_maudsley_says_which_of_augmentation_and_ect_was_used() -> None:
    result = maudsley(augmentation=False, ect=True)
    rows = {item.name: (item.value, item.points, item.category) for item in result.items}
    assert rows["augmentation"] == (False, 0, "not used")
    assert rows["ect"] == (True, 1, "used")


@pytest.mark.parametrize("total", [2, 16])
def test_a_maudsley_band_outside_the_table_is_refused_with_the_range(total: int) -> None:
    with pytest.raises(ValueError) as info:
        staging.maudsley_band(total)
    assert str(info.value) == f"a Maudsley total is 3 to 15, got {total}"
