"""Numbers in a catalogue: every one has a plausible range that `validate` checks, and JSON is
strict (no NaN or Infinity, ever).  Each case edits one number of the mini catalogue."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.problems import CatalogueError
from trd_cli.catalogue.vocabulary import RANGES
from trd_cli.cli.app import app
from trd_cli.render.json import write

from .conftest import FIXTURES, MINI
from .runner import CliRunner

TEXT = MINI.read_text(encoding="utf-8")


def problems_after(old: str, new: str) -> list[str]:
    assert old in TEXT, old
    try:
        parse_catalogue(TEXT.replace(old, new, 1), "edited.yaml")
    except CatalogueError as err:
        return [str(p) for p in err.problems]
    return []


# (the text in the mini catalogue, a plausible edit, an implausible edit, the field's path)
NUMBERS = [
    ("minutes: 40", "minutes: 10080", "minutes: 100000", "session_length.minutes"),
    ("minutes: 40", "minutes: 0.5", "minutes: -1", "session_length.minutes"),
    ("visits_per_week: 5", "visits_per_week: 50", "visits_per_week: 1000", "visits_per_week"),
    ("weeks: 6", "weeks: 520", "weeks: 100000", "course.weeks"),
    ("n: 205", "n: 10000000", "n: 1000000000000", "].n"),
    ("n: 205", "n: 1", "n: 0", "].n"),
    ("comparator_n: 204", "comparator_n: 3", "comparator_n: 99999999999", "comparator_n"),
    ("rate: 27.0", "rate: 100", "rate: 100.5", "].rate"),
    ("comparator_rate: 12.0", "comparator_rate: 0", "comparator_rate: -0.1", "comparator_rate"),
    ("year: 2018", "year: 2100", "year: 20180", "year"),
    ("year: 2008, indication", "year: 1900, indication", "year: 1899, indication", "year"),
    ("min: 2, max: 4", "min: 0, max: 4", "max: 4, min: -2", "onset.min"),
    ("min: 2, max: 4", "min: 2, max: 520", "min: 2, max: 1000", "onset.max"),
    ("rate: 30, comparator", "rate: 99.9, comparator", "rate: 300, comparator", "rate"),
]


@pytest.mark.parametrize(("old", "good", "bad", "field"), NUMBERS)
def test_every_number_has_a_plausible_range(old: str, good: str, bad: str, field: str) -> None:
    assert problems_after(old, good) == []
    found = problems_after(old, bad)
    assert len(found) == 1, found
    assert field in found[0] and found[0].startswith("edited.yaml:")
    assert bad.split(": ")[-1].split(",")[0] in found[0]


def test_every_number_field_of_the_model_has_a_range() -> None:
    """A number added to the model without a range fails here."""
    import dataclasses
    import typing

    from trd_cli.catalogue import model

    numbers = set()
    for name in dir(model):
        cls = getattr(model, name)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            args = set(typing.get_args(hints[f.name])) or {hints[f.name]}
            if args & {int, float} and not f.metadata.get("derived") and cls is not model.Notice:
                numbers.add(f"{cls.__name__}.{f.name}")
    ranged = {f"{cls}.{name}" for cls, fields in RANGES.items() for name in fields}
    assert numbers == ranged


def test_an_onset_of_years_in_months_is_refused_by_its_length_in_days() -> None:
    found = problems_after("min: 2, max: 4, unit: weeks", "min: 2, max: 200, unit: months")
    assert len(found) == 1 and "200 months is not a plausible onset" in found[0]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+400"])
def test_not_a_number_and_infinity_are_refused(value: str) -> None:
    found = problems_after("rate: 27.0", f"rate: {value}")
    assert len(found) == 1 and "finite" in found[0], found


def test_json_is_strict_even_if_a_nan_were_to_reach_it() -> None:
    import io

    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="JSON compliant"):
            write({"rate": bad}, io.StringIO())


def test_validate_reports_an_implausible_number_with_file_line_and_exit_1(
    tmp_path: Path,
) -> None:
    edited = tmp_path / "edited.yaml"
    edited.write_text(TEXT.replace("n: 205", "n: 205000000000"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(edited)])
    assert result.exit_code == 1
    line = TEXT[: TEXT.index("n: 205")].count("\n") + 1
    assert f"{edited}:{line}: therapies[alpha].efficacy[0].n:" in result.stderr


def test_the_catalogue_schema_states_the_same_ranges(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "catalogue"])
    schema = json.loads(result.stdout)
    minutes = schema["$defs"]["Quantity"]["properties"]["minutes"]["anyOf"][0]
    assert (minutes["minimum"], minutes["maximum"]) == RANGES["Quantity"]["minutes"][:2]
    assert schema["properties"]["crisis_contacts"]["minItems"] == 1


# --------------------------------------------------------------------------- what must be shown


def test_an_empty_crisis_list_is_refused() -> None:
    head, rest = TEXT.split("crisis_contacts:\n", 1)
    text = head + "crisis_contacts: []\n" + rest[rest.index("conditions:") :]
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(text, "edited.yaml")
    assert [str(p) for p in err.value.problems] == [
        "edited.yaml:15: crisis_contacts: must list at least one crisis contact; they are shown "
        "wherever a person reads"
    ]


@pytest.mark.parametrize(
    "blank",
    [
        '"\\u200b"',
        '"\\u200b \\u2060\\ufeff"',
        '"\\u202e\\u202c"',
        '"\\u00ad\\u034f"',
        '"\\e\\a\\b"',  # control characters only: shown as escapes, no words
        '"\\x9b\\x7f"',  # C1 and DEL
        '"\\u0301\\u0302\\u0303"',  # combining marks with nothing to sit on
        '"\\u034f\\u0301"',
        '"\\u2800\\u2800"',  # blank Braille patterns
        '"\\ufff9\\ufffb"',  # interlinear annotation controls (format characters)
        '"\\U0001BCA0 \\u0600"',  # shorthand format control, Arabic number sign
    ],
)
@pytest.mark.parametrize("where", ["disclaimer", "contact"])
def test_a_blank_or_invisible_disclaimer_or_crisis_contact_is_refused(
    blank: str, where: str
) -> None:
    if where == "disclaimer":
        old = TEXT[TEXT.index("disclaimer: >-") : TEXT.index("update_policy:")]
        new = f"disclaimer: {blank}\n"
    else:
        old, new = 'contact: "988"', f"contact: {blank}"
    found = problems_after(old, new)
    assert len(found) == 1, found
    assert "holds only invisible characters" in found[0]


# --------------------------------------------------------------------------- read the same everywhere


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("n: 205", "n: 0205", "without the leading 0"),  # octal 133 to PyYAML
        ("n: 205", "n: 0_205", "without the leading 0"),
        ("comparator_n: 204", "comparator_n: 0209", "without the leading 0"),  # text to PyYAML
        ("rate: 27.0", "rate: 027", "without the leading 0"),
        ("year: 2018", "year: 02018", "without the leading 0"),
        ("minutes: 40", "minutes: 040", "without the leading 0"),
    ],
)
def test_a_number_other_yaml_readers_take_otherwise_is_refused(
    old: str, new: str, why: str
) -> None:
    found = problems_after(old, new)
    value = new.split(": ")[1]
    assert len(found) == 1 and f"got '{value}'; write it {why}" in found[0], found


def test_a_number_in_an_overlay_is_held_to_the_same_rule(tmp_path: Path) -> None:
    overlay = FIXTURES / "overlay-clinic.yaml"
    edited = tmp_path / "overlay.yaml"
    edited.write_text(overlay.read_text(encoding="utf-8").replace("n: 205", "n: 0205", 1))
    result = CliRunner().invoke(app, ["--catalog", str(MINI), "validate", str(edited)])
    assert result.exit_code == 1
    assert "efficacy[0].n: expected a whole number in decimal digits, got '0205'" in result.stderr


def test_a_negative_zero_is_read_as_zero(runner: CliRunner, tmp_path: Path) -> None:
    edited = tmp_path / "edited.yaml"
    edited.write_text(TEXT.replace("rate: 27.0", "rate: -0.0", 1), encoding="utf-8")
    out = runner.invoke(app, ["--catalog", str(edited), "explain", "alpha", "--json"]).stdout
    assert '"rate": 0.0' in out and '"rate": -0.0' not in out


def test_a_tiny_number_within_its_range_is_written_without_an_exponent(
    runner: CliRunner, tmp_path: Path
) -> None:
    edited = tmp_path / "edited.yaml"
    text = TEXT.replace("min: 2, max: 4", "min: 0.000001, max: 4", 1)
    edited.write_text(text.replace("visits_per_week: 5", "visits_per_week: 0.00001", 1))
    assert problems_after("min: 2, max: 4", "min: 0.000001, max: 4") == []
    args = ["--catalog", str(edited)]
    explained = runner.invoke(app, [*args, "explain", "alpha", "--format", "plain"]).stdout
    assert "Often 0.000001-4 weeks." in explained
    screened = runner.invoke(app, [*args, "screen", "--prefer", "few-visits"]).stdout
    assert "0.00001 visits a week" in screened
    listed = runner.invoke(app, [*args, "list", "--max-onset-days", "1e-7", "--format", "markdown"])
    assert "within 0.0000001 days" in listed.stdout
    for out in (explained, screened, listed.stdout):
        assert "e-0" not in out
