"""Bad command lines: each is a usage error (exit 2) with one line on stderr that says what is
wrong and how to put it right; nothing on stdout, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trd_cli.cli.app import app

from .runner import CliRunner

FULLWIDTH_TYPO = "\uff41\uff4c\uff50\uff41\uff48"  # "alpah", full-width


def usage_error(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("trd: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err[len("trd: ") : -1]


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["explain", "alpah"],
            "no therapy called 'alpah' (did you mean 'alpha'?). Run 'trd list' to see every id.",
        ),
        (
            ["compare", "alpha", "bta"],
            "no therapy called 'bta' (did you mean 'beta'?). Run 'trd list' to see every id.",
        ),
        (["sources", "gamma"], "no therapy called 'gamma'. Run 'trd list' to see every id."),
        (["explain", ""], "no therapy called '(empty)'. Run 'trd list' to see every id."),
        (["explain", "   "], "no therapy called '(empty)'. Run 'trd list' to see every id."),
        (
            ["explain", FULLWIDTH_TYPO],
            f"no therapy called '{FULLWIDTH_TYPO}' (did you mean 'alpha'?). "
            "Run 'trd list' to see every id.",
        ),
        (["explain", "αλφα"], "no therapy called 'αλφα'. Run 'trd list' to see every id."),
        (
            ["explain", "$(rm -rf ~); `reboot` | cat > /etc/x && ls *"],
            "no therapy called '$(rm -rf ~); `reboot` | cat > /etc/x && ls *'. "
            "Run 'trd list' to see every id.",
        ),
        (["explain", "--", "-rf"], "no therapy called '-rf'. Run 'trd list' to see every id."),
        (
            ["compare", "alpha", "alpha"],
            "compare needs two or more different therapies, e.g. 'trd compare tms ect'",
        ),
        (
            ["compare", "alpha", "ALS", "alpha-brand"],
            "compare needs two or more different therapies, e.g. 'trd compare tms ect'",
        ),
    ],
    ids=[
        "near-miss",
        "near-miss-in-compare",
        "unknown",
        "empty",
        "blank",
        "fullwidth",
        "greek",
        "shell-metacharacters",
        "dash",
        "same-id-twice",
        "one-option-by-three-names",
    ],
)
def test_bad_ids(args: list[str], message: str, runner: CliRunner, mini: Path) -> None:
    assert usage_error(runner, *args) == message


def test_missing_and_extra_arguments_point_to_help(runner: CliRunner, mini: Path) -> None:
    assert usage_error(runner, "explain") == "missing argument 'therapy'. See 'trd explain --help'."
    assert usage_error(runner, "explain", "alpha", "beta").endswith("See 'trd explain --help'.")
    assert (
        usage_error(runner, "lst")
        == "no such command 'lst'. Did you mean 'list'? See 'trd --help'."
    )
    assert usage_error(runner, "list", "--bogus") == (
        "no such option: --bogus. See 'trd list --help'."
    )


def test_500_ids_are_compared_in_the_order_given(
    runner: CliRunner, five_hundred: list[str]
) -> None:
    ids = list(reversed(five_hundred))
    result = runner.invoke(app, ["compare", *ids, *ids[:10], "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ids"] == ids  # repeats dropped, order kept


def test_500_unknown_ids_are_one_usage_error(runner: CliRunner, five_hundred: list[str]) -> None:
    ids = [f"zeta-{i}" for i in range(500)]
    assert usage_error(runner, "compare", *ids) == (
        "no therapy called 'zeta-0'. Run 'trd list' to see every id."
    )


# --------------------------------------------------------------------------- formats and fields


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list", "--format", "xml"],
            "unknown format 'xml'; choose one of: table, plain, json, yaml, csv, markdown, html",
        ),
        (
            ["explain", "alpha", "--format", "JSN"],
            "unknown format 'JSN' (did you mean 'json'?); choose one of: table, plain, json, "
            "yaml, csv, markdown, html",
        ),
        (
            ["list", "--json", "--format", "csv"],
            "--json and --format csv ask for different formats; give one",
        ),
        (
            ["list", "--fields", "name", "--format", "table"],
            "--fields works with --format json, yaml, csv, not table",
        ),
        (["list", "--fields", " , ,"], "--fields needs field names, e.g. --fields id,name"),
    ],
    ids=["unknown-format", "near-miss-format", "json-and-csv", "fields-with-table", "no-fields"],
)
def test_conflicting_and_unknown_output_options(
    args: list[str], message: str, runner: CliRunner, mini: Path
) -> None:
    assert usage_error(runner, *args) == message


def test_an_unknown_field_lists_the_fields_there_are(runner: CliRunner, mini: Path) -> None:
    message = usage_error(runner, "list", "--fields", "id,nme", "--format", "json")
    assert message.startswith("unknown field 'nme'; available: id, name, category,")


# --------------------------------------------------------------------------- numbers and words


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["list", "--max-onset-days", "abc"], "'abc' is not a valid float"),
        (["list", "--max-onset-days", "-5"], "--max-onset-days must be 0 or more, got -5"),
        (["list", "--max-onset-days", "nan"], "--max-onset-days must be"),
        (["list", "--max-visits-per-week", ""], "'' is not a valid float"),
        (["list", "--category", "medicne"], "(did you mean 'medication'?)"),
        (["list", "--setting", "moon"], "choose from: home, outpatient, inpatient"),
        (["list", "--sort", "speed"], "choose from: name, onset, visits"),
        (["screen", "-c", "pregnacy"], "(did you mean 'pregnancy'?)"),
        (["screen", "-p", "fast"], "choose from: no-anesthesia, non-invasive"),
        (["search", ""], "give a word to search for"),
        (["chart", "speed"], "choose one of: onset, response, remission"),
        (
            [
                "stage",
                "maudsley",
                "--duration-months",
                "-1",
                "--severity",
                "mild",
                "--failed-antidepressants",
                "2",
            ],
            "--duration-months must be 0 or more, got -1",
        ),
        (
            [
                "stage",
                "maudsley",
                "--duration-months",
                "1.5",
                "--severity",
                "mild",
                "--failed-antidepressants",
                "2",
            ],
            "'1.5' is not a valid int",
        ),
        (
            [
                "stage",
                "maudsley",
                "--duration-months",
                "3",
                "--severity",
                "mildd",
                "--failed-antidepressants",
                "2",
            ],
            "(did you mean 'mild'?)",
        ),
        (
            [
                "stage",
                "maudsley",
                "--duration-months",
                "3",
                "--severity",
                "mild",
                "--failed-antidepressants",
                "0",
            ],
            "--failed-antidepressants must be 1 or more, got 0",
        ),
        (["stage", "maudsley", "--severity", "mild"], "missing option"),
    ],
)
def test_invalid_values_say_what_is_allowed(
    args: list[str], hint: str, runner: CliRunner, mini: Path
) -> None:
    assert hint in usage_error(runner, *args)
