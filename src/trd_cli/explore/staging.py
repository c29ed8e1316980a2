"""Calculators for published staging models of treatment-resistant depression.

Scoring follows the published tables exactly.  Where a source leaves a detail open, the
calculator makes one stated choice and lists it in ``StageResult.assumptions`` so the output
can say so.  No Typer, no Rich: results are plain data for any renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.suggest import suggest
from ..catalogue.vocabulary import name_key

# --------------------------------------------------------------------------- shared types


class StagingError(ValueError):
    """Input outside what a model's table covers; the message names the allowed range."""


@dataclass(frozen=True)
class Item:
    """One input to a staging model, and the points or category it gave."""

    name: str  # stable key, used in JSON
    label: str  # words for people
    value: int | float | str | bool
    points: float | None  # None where the model stages instead of scoring
    category: str = ""  # the table row that applied, e.g. "13-24 months (sub-acute)"


@dataclass(frozen=True)
class Criterion:
    """One criterion of a stage, and whether it was met."""

    stage: str
    text: str
    met: bool


@dataclass(frozen=True)
class StageResult:
    """What one staging model says: its inputs, score or stage, and its sources."""

    model: str
    title: str
    items: tuple[Item, ...]
    score: float | None
    score_range: tuple[float, float] | None
    band: str | None
    stage: str | None
    criteria: tuple[Criterion, ...]
    assumptions: tuple[str, ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ModelInfo:
    """A staging model's title and sources."""

    title: str
    sources: tuple[str, ...]


PLOS_2020 = (
    "Overview panel of TRD staging models, PLoS One 2020;15(7):e0236434, "
    "doi:10.1371/journal.pone.0236434 (PMC7392234)"
)

MODELS: dict[str, ModelInfo] = {
    "maudsley": ModelInfo(
        "Maudsley Staging Method (MSM)",
        (
            "Fekadu et al. 2009 (the original Maudsley Staging Method)",
            "Fekadu, Donocik & Cleare 2018, standardisation framework for the Maudsley Staging "
            "Method, BMC Psychiatry 18:100, doi:10.1186/s12888-018-1679-x (PMC5896127), Table 3: "
            "duration, severity, total and bands",
            PLOS_2020 + ": treatment failures, augmentation and ECT",
        ),
    ),
    "thase-rush": ModelInfo(
        "Thase-Rush staging model (TRSM)",
        (
            "Thase & Rush 1997 (the original model; not checked against the paper)",
            "Stage wording as given by medicalalgorithms.com, citing Fava 2003, "
            "Biological Psychiatry, for its limitations (a secondary source)",
        ),
    ),
    "mgh": ModelInfo(
        "Massachusetts General Hospital staging (MGH-S)",
        (
            "Fava 2003, Biological Psychiatry (the original model)",
            PLOS_2020 + ": point values",
            "Petersen et al. 2005, J Clin Psychopharmacol 25(4):336-41, "
            "doi:10.1097/01.jcp.0000169036.40755.16: validation",
        ),
    ),
}


MAX_MONTHS = 1200
"""The longest episode a calculator takes, in months (100 years)."""
MAX_TREATMENTS = 100
"""The most failed trials, antidepressants or classes a calculator takes."""


def _shown(value: int) -> str:
    """A number as typed, or its size when it is too long to echo."""
    digits = str(abs(value))
    if len(digits) <= 12:
        return str(value)
    return f"a {len(digits)}-digit {'negative ' * (value < 0)}number"


def _count(flag: str, value: int, low: int, high: int = MAX_TREATMENTS) -> None:
    """``value`` is in ``low..high``: counts beyond a lifetime are typing mistakes (and a
    number too large for a float would end in an overflow)."""
    if value < low:
        raise StagingError(f"{flag} must be {low} or more, got {_shown(value)}")
    if value > high:
        raise StagingError(f"{flag} must be between {low} and {high}, got {_shown(value)}")


def result(
    model: str,
    items: tuple[Item, ...],
    *,
    assumptions: tuple[str, ...],
    notes: tuple[str, ...],
    score: float | None = None,
    score_range: tuple[float, float] | None = None,
    band: str | None = None,
    stage: str | None = None,
    criteria: tuple[Criterion, ...] = (),
) -> StageResult:
    """A result of ``model``, with its title and sources; what the model does not give is
    None (or no criteria)."""
    info = MODELS[model]
    return StageResult(
        model=model,
        title=info.title,
        items=items,
        score=score,
        score_range=score_range,
        band=band,
        stage=stage,
        criteria=criteria,
        assumptions=assumptions,
        notes=notes,
        sources=info.sources,
    )


# --------------------------------------------------------------------------- Maudsley

SEVERITIES: dict[str, tuple[int, str]] = {
    "subsyndromal": (1, "subsyndromal"),
    "mild": (2, "mild"),
    "moderate": (3, "moderate"),
    "severe": (4, "severe without psychosis"),
    "severe-psychotic": (5, "severe with psychosis"),
}
MAUDSLEY_RANGE = (3, 15)


def maudsley_duration_points(months: int) -> tuple[int, str]:
    """Points for the current episode's length in whole months: <=12, 13-24, >24."""
    if months <= 12:
        return 1, "12 months or less (acute)"
    if months <= 24:
        return 2, "13-24 months (sub-acute)"
    return 3, "more than 24 months (chronic)"


def maudsley_failure_points(failed: int) -> tuple[int, str]:
    """Points for failed antidepressants: 1-2, 3-4, 5-6, 7-10, more than 10."""
    for upper, points, label in (
        (2, 1, "level 1: 1-2 medications"),
        (4, 2, "level 2: 3-4 medications"),
        (6, 3, "level 3: 5-6 medications"),
        (10, 4, "level 4: 7-10 medications"),
    ):
        if failed <= upper:
            return points, label
    return 5, "level 5: more than 10 medications"


def maudsley_band(total: int) -> str:
    """The Maudsley band for a total: mild 3-6, moderate 7-10, severe 11-15."""
    if not MAUDSLEY_RANGE[0] <= total <= MAUDSLEY_RANGE[1]:
        raise ValueError(f"a Maudsley total is 3 to 15, got {total}")
    if total <= 6:
        return "mild"
    if total <= 10:
        return "moderate"
    return "severe"


def _severity(value: str) -> str:
    key = name_key(value)
    if key in SEVERITIES:
        return key
    hint = suggest(key, SEVERITIES)
    raise StagingError(f"--severity must be one of: {', '.join(SEVERITIES)}; got '{value}'{hint}")


def maudsley(
    *,
    duration_months: int,
    severity: str,
    failed_antidepressants: int,
    augmentation: bool,
    ect: bool,
) -> StageResult:
    _count("--duration-months", duration_months, 0, MAX_MONTHS)
    sev = _severity(severity)
    _count("--failed-antidepressants", failed_antidepressants, 1)
    d_points, d_label = maudsley_duration_points(duration_months)
    s_points, s_label = SEVERITIES[sev]
    f_points, f_label = maudsley_failure_points(failed_antidepressants)
    items = (
        Item(
            "duration",
            "Duration of the current episode (months)",
            duration_months,
            d_points,
            d_label,
        ),
        Item("severity", "Symptom severity at baseline", sev, s_points, s_label),
        Item(
            "failed_antidepressants",
            "Failed antidepressants",
            failed_antidepressants,
            f_points,
            f_label,
        ),
        Item(
            "augmentation",
            "Augmentation used",
            augmentation,
            int(augmentation),
            "used" if augmentation else "not used",
        ),
        Item("ect", "ECT used", ect, int(ect), "used" if ect else "not used"),
    )
    total = d_points + s_points + f_points + int(augmentation) + int(ect)
    return result(
        "maudsley",
        items,
        score=total,
        score_range=MAUDSLEY_RANGE,
        band=maudsley_band(total),
        assumptions=(
            "The episode's length is counted in whole months, so 12 months scores 1 point and "
            "13 months 2 (the table reads '12 months or less' and '13-24'; one secondary source "
            "writes 'less than 12').",
            "Failed antidepressants are taken as entered; the Maudsley Treatment Inventory, "
            "which defines an adequate trial, was not checked.",
        ),
        notes=(
            "Bands: mild 3-6, moderate 7-10, severe 11-15.",
            "Augmentation and ECT add 1 point each in total, however many were tried.",
        ),
    )


# --------------------------------------------------------------------------- Thase-Rush

ROMAN = ("0", "I", "II", "III", "IV", "V")
THASE_RUSH_CRITERIA = (
    ("I", "Failure of at least one adequate trial of one major antidepressant class"),
    (
        "II",
        "Stage I plus failure of an adequate trial of an antidepressant from a distinctly "
        "different class",
    ),
    ("III", "Stage II plus failure of an adequate trial of a tricyclic antidepressant (TCA)"),
    ("IV", "Stage III plus failure of an adequate trial of a monoamine oxidase inhibitor (MAOI)"),
    ("V", "Stage IV plus failure of a course of bilateral ECT"),
)


def thase_rush(*, failed_classes: int, tca: bool, maoi: bool, bilateral_ect: bool) -> StageResult:
    """Thase-Rush stage 0-V. ``failed_classes`` counts classes other than TCAs and MAOIs."""
    _count("--failed-classes", failed_classes, 0)
    total = failed_classes + int(tca) + int(maoi)
    met = {
        "I": total >= 1,
        "II": total >= 2,
        # Each failed trial counts once: stage II must stand without the TCA,
        # and stage III without the MAOI.
        "III": tca and failed_classes + int(maoi) >= 2,
        "IV": tca and maoi and failed_classes >= 2,
    }
    met["V"] = met["IV"] and bilateral_ect
    stage = 0
    for number, (name, _) in enumerate(THASE_RUSH_CRITERIA, start=1):
        if met[name] and stage == number - 1:
            stage = number
    notes = [
        "Known limitations: the model implies that TCAs and MAOIs work better than newer "
        "antidepressants, assumes a fixed order of treatments, does not define an adequate "
        "dose or duration, and does not count augmentation.",
        "It is categorical; its reliability is untested, and in a chart review "
        "(Petersen et al. 2005) it did not predict who would not remit.",
    ]
    if bilateral_ect and not met["V"]:
        notes.append(
            "Bilateral ECT was entered but counts only at stage V, after stage IV is reached; "
            "in this model it does not raise a lower stage."
        )
    if total == 0:
        notes.append("No failed adequate trial was entered: stage 0, not treatment-resistant.")
    items = (
        Item(
            "failed_classes",
            "Failed antidepressant classes other than TCAs and MAOIs",
            failed_classes,
            None,
        ),
        Item("tca", "Failed an adequate TCA trial", tca, None),
        Item("maoi", "Failed an adequate MAOI trial", maoi, None),
        Item("bilateral_ect", "Failed a course of bilateral ECT", bilateral_ect, None),
    )
    return result(
        "thase-rush",
        items,
        stage=ROMAN[stage],
        criteria=tuple(Criterion(name, text, met[name]) for name, text in THASE_RUSH_CRITERIA),
        assumptions=(
            "Each failed trial counts once: a TCA or MAOI that makes up stage II does not also "
            "count for stage III or IV (so one other class plus a TCA is stage II).",
            "A TCA or MAOI failure on its own counts as failure of one major class (stage I).",
            "Stages are reached in order: a later step (an MAOI, bilateral ECT) does not count "
            "until every earlier stage is met.",
            "'Adequate' is as you judge it; the model does not define dose or duration.",
        ),
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- MGH-S


def mgh(*, failed_trials: int, optimised: int, augmented: int, ect: bool) -> StageResult:
    """MGH-S: 1 per failed trial, +0.5 per optimised trial, +0.5 per augmented trial, +3 ECT."""
    _count("--failed-trials", failed_trials, 1)
    for flag, value in (("--optimised", optimised), ("--augmented", augmented)):
        if not 0 <= value <= failed_trials:
            raise StagingError(
                f"{flag} must be between 0 and {failed_trials} (the number of failed trials), "
                f"got {_shown(value)}"
            )
    items = (
        Item(
            "failed_trials",
            "Failed antidepressant trials (each at least 6 weeks at an adequate dose)",
            failed_trials,
            float(failed_trials),
            "1 point each",
        ),
        Item(
            "optimised",
            "Trials optimised by raising the dose",
            optimised,
            0.5 * optimised,
            "0.5 point each",
        ),
        Item(
            "augmented",
            "Trials augmented with another medicine",
            augmented,
            0.5 * augmented,
            "0.5 point each",
        ),
        Item("ect", "ECT", ect, 3.0 if ect else 0.0, "3 points" if ect else "not used"),
    )
    score = sum(item.points or 0.0 for item in items)
    return result(
        "mgh",
        items,
        score=score,
        assumptions=(
            "Optimisation and augmentation are counted per trial (0.5 for each trial optimised "
            "and 0.5 for each trial augmented); the overview panel suggests this, but the "
            "original paper was not checked.",
            "ECT scores 3 points once, however many courses were given; the sources seen do not "
            "say whether it counts per course.",
        ),
        notes=(
            "The score is continuous, with no bands: a higher score means more, and more "
            "intensively optimised, failed treatment.",
            "In a chart review of 115 patients (Petersen et al. 2005), a higher MGH-S score "
            "predicted not remitting.",
        ),
    )
