"""Staging calculators: every boundary of the published scoring tables, and bad input."""

from __future__ import annotations

import pytest

from trd_cli.explore import staging
from trd_cli.explore.staging import StagingError


def msm(
    months: int = 6,
    severity: str = "moderate",
    failed: int = 2,
    augmentation: bool = False,
    ect: bool = False,
) -> staging.StageResult:
    return staging.maudsley(
        duration_months=months,
        severity=severity,
        failed_antidepressants=failed,
        augmentation=augmentation,
        ect=ect,
    )


def points(result: staging.StageResult, name: str) -> float | None:
    (item,) = [i for i in result.items if i.name == name]
    return item.points


# --------------------------------------------------------------------------- Maudsley


@pytest.mark.parametrize(
    ("months", "expected"),
    [(0, 1), (1, 1), (12, 1), (13, 2), (24, 2), (25, 3), (240, 3)],
)
def test_maudsley_duration_boundaries(months: int, expected: int) -> None:
    assert points(msm(months=months), "duration") == expected


@pytest.mark.parametrize(
    ("failed", "expected"),
    [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 4), (10, 4), (11, 5), (30, 5)],
)
def test_maudsley_failed_antidepressant_boundaries(failed: int, expected: int) -> None:
    assert points(msm(failed=failed), "failed_antidepressants") == expected


@pytest.mark.parametrize(
    ("severity", "expected"),
    [("subsyndromal", 1), ("mild", 2), ("moderate", 3), ("severe", 4), ("severe-psychotic", 5)],
)
def test_maudsley_severity_points(severity: str, expected: int) -> None:
    assert points(msm(severity=severity), "severity") == expected


def test_maudsley_augmentation_and_ect_are_one_point_each_in_total() -> None:
    plain = msm()
    both = msm(augmentation=True, ect=True)
    assert points(plain, "augmentation") == 0 and points(plain, "ect") == 0
    assert points(both, "augmentation") == 1 and points(both, "ect") == 1
    assert both.score == plain.score + 2  # type: ignore[operator]


@pytest.mark.parametrize(
    ("total", "band"),
    [(3, "mild"), (6, "mild"), (7, "moderate"), (10, "moderate"), (11, "severe"), (15, "severe")],
)
def test_maudsley_band_boundaries(total: int, band: str) -> None:
    assert staging.maudsley_band(total) == band


@pytest.mark.parametrize("total", [2, 16])
def test_maudsley_band_refuses_impossible_totals(total: int) -> None:
    with pytest.raises(ValueError):
        staging.maudsley_band(total)


def test_maudsley_lowest_and_highest_totals() -> None:
    low = msm(months=0, severity="subsyndromal", failed=1)
    assert (low.score, low.band) == (3, "mild")
    high = msm(months=36, severity="severe-psychotic", failed=11, augmentation=True, ect=True)
    assert (high.score, high.band) == (15, "severe")
    assert low.score_range == (3, 15)


def test_maudsley_band_edges_through_the_whole_calculation() -> None:
    # 1 (<=12 months) + 2 (mild) + 2 (3-4 failures) + 1 augmentation = 6 -> mild
    six = msm(months=12, severity="mild", failed=3, augmentation=True)
    assert (six.score, six.band) == (6, "mild")
    # one more month: 2 + 2 + 2 + 1 = 7 -> moderate
    seven = msm(months=13, severity="mild", failed=3, augmentation=True)
    assert (seven.score, seven.band) == (7, "moderate")
    # 3 + 4 + 2 + 1 = 10 -> moderate; 11 with ECT -> severe
    assert msm(months=25, severity="severe", failed=4, augmentation=True).band == "moderate"
    eleven = msm(months=25, severity="severe", failed=4, augmentation=True, ect=True)
    assert (eleven.score, eleven.band) == (11, "severe")


def test_maudsley_names_its_source_and_states_its_assumptions() -> None:
    result = msm()
    text = " ".join(result.sources)
    assert "10.1186/s12888-018-1679-x" in text
    assert "10.1371/journal.pone.0236434" in text
    assert any("whole months" in a for a in result.assumptions)
    assert result.model == "maudsley"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"months": -1}, "--duration-months must be 0 or more"),
        ({"failed": 0}, "--failed-antidepressants must be 1 or more"),
        ({"failed": -3}, "--failed-antidepressants must be 1 or more"),
        (
            {"severity": "extreme"},
            "--severity must be one of: subsyndromal, mild, moderate, severe, severe-psychotic",
        ),
        ({"severity": "sever"}, "did you mean 'severe'?"),
    ],
)
def test_maudsley_refuses_out_of_range_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(StagingError) as info:
        msm(**kwargs)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_maudsley_severity_is_case_insensitive() -> None:
    assert points(msm(severity="Severe-Psychotic"), "severity") == 5


# --------------------------------------------------------------------------- Thase-Rush


@pytest.mark.parametrize(
    ("classes", "tca", "maoi", "ect", "stage"),
    [
        (0, False, False, False, "0"),
        (1, False, False, False, "I"),
        (0, True, False, False, "I"),  # a TCA alone is one failed class
        (2, False, False, False, "II"),
        (5, False, False, False, "II"),  # more classes alone never pass stage II
        (1, True, False, False, "II"),  # the TCA is the second class: stage II, not III
        (2, True, False, False, "III"),
        (1, True, True, False, "III"),  # stage II from a class and the MAOI, plus a TCA
        (2, True, True, False, "IV"),
        (2, False, True, False, "II"),  # an MAOI without a TCA does not reach IV
        (2, True, True, True, "V"),
        (2, True, False, True, "III"),  # bilateral ECT counts only after stage IV
    ],
)
def test_thase_rush_stages(classes: int, tca: bool, maoi: bool, ect: bool, stage: str) -> None:
    result = staging.thase_rush(failed_classes=classes, tca=tca, maoi=maoi, bilateral_ect=ect)
    assert result.stage == stage
    assert result.score is None and result.band is None


def test_thase_rush_criteria_say_which_steps_are_met() -> None:
    result = staging.thase_rush(failed_classes=2, tca=True, maoi=False, bilateral_ect=False)
    met = {c.stage: c.met for c in result.criteria}
    assert met == {"I": True, "II": True, "III": True, "IV": False, "V": False}


def test_thase_rush_states_assumptions_and_its_secondary_source() -> None:
    result = staging.thase_rush(failed_classes=1, tca=False, maoi=False, bilateral_ect=False)
    assert result.assumptions, "the original paper was not seen: the counting rules are assumed"
    assert any("counts once" in a for a in result.assumptions)
    assert any("Thase" in s and "1997" in s for s in result.sources)
    assert any("medicalalgorithms.com" in s for s in result.sources)


def test_thase_rush_notes_ect_that_does_not_count() -> None:
    result = staging.thase_rush(failed_classes=2, tca=False, maoi=False, bilateral_ect=True)
    assert result.stage == "II"
    assert any("ECT" in n and "stage V" in n for n in result.notes)


def test_thase_rush_refuses_negative_counts() -> None:
    with pytest.raises(StagingError, match="--failed-classes must be 0 or more"):
        staging.thase_rush(failed_classes=-1, tca=False, maoi=False, bilateral_ect=False)


# --------------------------------------------------------------------------- MGH-S


@pytest.mark.parametrize(
    ("trials", "optimised", "augmented", "ect", "score"),
    [
        (1, 0, 0, False, 1.0),
        (2, 0, 0, False, 2.0),
        (2, 1, 0, False, 2.5),
        (2, 0, 1, False, 2.5),
        (2, 2, 2, False, 4.0),
        (1, 0, 0, True, 4.0),
        (3, 2, 1, True, 7.5),
    ],
)
def test_mgh_scores(trials: int, optimised: int, augmented: int, ect: bool, score: float) -> None:
    result = staging.mgh(failed_trials=trials, optimised=optimised, augmented=augmented, ect=ect)
    assert result.score == score
    assert result.band is None and result.stage is None
    assert sum(i.points or 0 for i in result.items) == score


def test_mgh_states_the_unsourced_details_as_assumptions() -> None:
    result = staging.mgh(failed_trials=2, optimised=1, augmented=1, ect=True)
    joined = " ".join(result.assumptions)
    assert "per trial" in joined
    assert "once" in joined  # ECT scored once, however many courses
    assert any("10.1371/journal.pone.0236434" in s for s in result.sources)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"failed_trials": 0}, "--failed-trials must be 1 or more"),
        ({"failed_trials": -1}, "--failed-trials must be 1 or more"),
        ({"optimised": 3}, "--optimised must be between 0 and 2"),
        ({"optimised": -1}, "--optimised must be between 0 and 2"),
        ({"augmented": 5}, "--augmented must be between 0 and 2"),
    ],
)
def test_mgh_refuses_out_of_range_input(kwargs: dict[str, int], message: str) -> None:
    args: dict[str, int | bool] = {"failed_trials": 2, "optimised": 0, "augmented": 0, "ect": False}
    args.update(kwargs)
    with pytest.raises(StagingError) as info:
        staging.mgh(**args)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_every_model_is_listed_with_its_source() -> None:
    assert set(staging.MODELS) == {"maudsley", "thase-rush", "mgh"}
    for info in staging.MODELS.values():
        assert info.sources and info.title
