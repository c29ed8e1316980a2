"""`trd chart response|remission --pictograph`: 100 people as icons, readable without colour."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from trd_cli.cli.app import app
from trd_cli.documents.pictograph import Glyphs, icon_rows

from .runner import CliRunner


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"TRD_CATALOG": "", "COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def grids(out: str, filled: str, empty: str) -> list[str]:
    return [line for line in out.splitlines() if line and set(line) <= {filled, empty, " "}]


@pytest.mark.parametrize("count", [0, 1, 19, 50, 99, 100])
def test_an_icon_array_is_ten_by_ten_with_exactly_count_filled(count: int) -> None:
    rows = icon_rows(count, Glyphs("●", "○"))
    assert len(rows) == 10 and all(len(r.split(" ")) == 10 for r in rows)
    assert "".join(rows).count("●") == count and "".join(rows).count("○") == 100 - count


def test_option_beside_comparator_with_the_numbers_spelled_out() -> None:
    code, out, _ = run("chart", "response", "tms", "--pictograph", "--format", "table")
    assert code == 0
    assert "29 in 100 people had a response with rTMS." in out
    assert "10 in 100 with sham rTMS." in out
    rows = grids(out, "●", "○")
    assert len(rows) == 10
    left = "".join(r[:19] for r in rows)
    right = "".join(r[22:] for r in rows)
    assert left.count("●") == 29 and right.count("●") == 10
    assert "\x1b[" not in out  # shape, not colour, tells them apart


def test_ascii_fallback_on_request_and_when_the_output_cannot_carry_round_icons() -> None:
    code, out, _ = run("chart", "remission", "tms", "--pictograph", "--ascii", "--format", "table")
    assert code == 0 and "●" not in out
    assert "".join(grids(out, "#", ".")).count("#") == 19 + 5
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "TRD_CATALOG": "", "COLUMNS": "80"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trd_cli",
            "chart",
            "remission",
            "tms",
            "--pictograph",
            "--format",
            "table",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "".join(grids(done.stdout, "#", ".")).count("#") == 19 + 5


def test_onset_has_no_pictograph() -> None:
    code, out, err = run("chart", "onset", "--pictograph")
    assert (code, out) == (2, "")
    assert "--pictograph draws response or remission" in err


def test_an_option_without_a_figure_is_named_not_drawn_as_zero() -> None:
    code, out, _ = run(
        "chart", "response", "behavioural-activation", "--pictograph", "--format", "table"
    )
    assert code == 0
    assert "Not drawn: no sourced response figure" in out
    assert grids(out, "●", "○") == []


def test_the_icons_filled_always_match_the_number_written_beside_them() -> None:
    from trd_cli.documents.words import per_100, whole_people

    for tenth in range(10, 1001):  # 1.0% to 100.0%, halves included (18.5 must not split)
        rate = tenth / 10
        assert per_100(rate) == f"{whole_people(rate)} in 100", rate
