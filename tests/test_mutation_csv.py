"""CSV as a spreadsheet or a script reads it.

Written for mutants of render/csv.py that the rest of the suite let live (docs/mutation.md):
line ends, numbers and true/false never treated as formulas, JSON in a cell compact, exact and
strict, an empty object as an empty cell, and columns in the order the fields are given.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from trd_cli.cli.app import app
from trd_cli.render import csv as trd_csv

from .runner import CliRunner


def test_csv_lines_end_with_a_newline_alone(runner: CliRunner, mini: Path) -> None:
    out = runner.invoke(app, ["list", "--format", "csv"]).stdout_bytes  # as written, untranslated
    assert b"\r" not in out and out.endswith(b"\n")
    assert len(out.splitlines()) == 3  # the header and two options


@pytest.mark.parametrize(
    ("value", "shown"),
    [(-5, "-5"), (-2.5, "-2.5"), (3.0, "3"), (True, "true"), (False, "false"), (None, "")],
)
def test_numbers_and_true_false_are_written_as_they_are(value: object, shown: str) -> None:
    assert trd_csv.cell(value) == shown


def test_text_that_starts_like_a_formula_is_neutralised() -> None:
    assert trd_csv.cell("-5 mg") == "'-5 mg"
    assert trd_csv.cell(["=1+1", "x"]) == "'=1+1; x"


def test_objects_in_a_cell_are_compact_exact_json() -> None:
    assert trd_csv.cell([{"a": "é", "b": 1}]) == '[{"a":"é","b":1}]'
    assert trd_csv.cell({"a": "é", "b": None}) == '{"a":"é","b":null}'
    assert trd_csv.cell({}) == ""


@pytest.mark.parametrize("value", [[{"x": float("nan")}], {"x": float("inf")}])
def test_json_in_a_cell_is_strict(value: object) -> None:
    with pytest.raises(ValueError):
        trd_csv.cell(value)


def test_columns_follow_the_fields_given_with_their_dotted_parts() -> None:
    rows = [{"x": 1, "b": 2, "onset.min": 3, "onset.max": 4}]
    assert trd_csv.columns(rows, ["onset", "b", "x"]) == ["onset.min", "onset.max", "b", "x"]


@pytest.mark.parametrize(
    ("cells", "written"),
    [
        (["a\rb", "c"], '"a\rb",c\n'),  # a carriage return alone would end the row
        (["a\nb", 'say "x"', "1,2"], '"a\nb","say ""x""","1,2"\n'),
        ([""], '""\n'),  # one empty cell, not a blank line a reader skips
        (["", ""], ",\n"),
    ],
)
def test_a_row_reads_back_as_the_same_cells(cells: list[str], written: str) -> None:
    assert trd_csv.line(cells) == written
    assert next(csv.reader(io.StringIO(written, newline=""))) == cells


@pytest.mark.parametrize(
    "text", [" =1+1", "\n=1+1", "\ufeff@SUM(A1)", "\u200b -2", "\x00+1", "\x7f=1", "\u3000=1"]
)
def test_a_sign_after_blanks_an_import_may_trim_is_neutralised(text: str) -> None:
    assert trd_csv.cell(text) == "'" + text


@pytest.mark.parametrize("text", ["a =1", " x", " X1", "\uff1d1+1", "'=1", ""])
def test_text_that_cannot_start_a_formula_is_left_as_it_is(text: str) -> None:
    assert trd_csv.cell(text) == text
