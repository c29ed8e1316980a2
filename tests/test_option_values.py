"""Option values that parse but mean nothing: a usage error that says what is wanted."""

from __future__ import annotations

from pathlib import Path

import pytest

from trd_cli.cli.app import app

from .runner import CliRunner

MAUDSLEY = ["stage", "maudsley", "--severity", "mild"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("flag", ["--max-onset-days", "--max-visits-per-week"])
@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_a_limit_that_is_not_a_finite_number_says_so(
    runner: CliRunner, mini: Path, flag: str, value: str
) -> None:
    code, out, err = run(runner, "list", flag, value)
    assert code == 2 and out == ""
    assert err.startswith(f"trd: {flag} must be a number (finite, 0 or more), got "), err
    assert err.count("\n") == 1


def test_a_negative_limit_says_0_or_more(runner: CliRunner, mini: Path) -> None:
    code, _, err = run(runner, "list", "--max-visits-per-week", "-0.5")
    assert code == 2
    assert err == "trd: --max-visits-per-week must be 0 or more, got -0.5\n"


def test_large_finite_limits_still_work(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "list", "--max-onset-days", "1e300", "--format", "plain")
    assert code == 0 and out.startswith("alpha\t")


HUGE = "9" * 400


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["stage", "mgh", "--failed-trials", HUGE],
            "--failed-trials must be between 1 and 100, got a 400-digit number",
        ),
        (["stage", "mgh", "--failed-trials", "101"], "--failed-trials must be between 1 and 100"),
        (
            ["stage", "mgh", "--failed-trials", "100", "--optimised", HUGE],
            "--optimised must be between 0 and 100 (the number of failed trials), "
            "got a 400-digit number",
        ),
        (
            [*MAUDSLEY, "--duration-months", "1201", "--failed-antidepressants", "2"],
            "--duration-months must be between 0 and 1200, got 1201",
        ),
        (
            [*MAUDSLEY, "--duration-months", "2", "--failed-antidepressants", HUGE],
            "--failed-antidepressants must be between 1 and 100",
        ),
        (
            ["stage", "thase-rush", "--failed-classes", "-" + HUGE],
            "--failed-classes must be 0 or more, got a 400-digit negative number",
        ),
    ],
)
def test_staging_counts_beyond_a_lifetime_are_usage_errors(
    runner: CliRunner, mini: Path, args: list[str], message: str
) -> None:
    code, out, err = run(runner, *args, "--json")
    assert code == 2 and out == ""
    assert err.startswith("trd: " + message), err
    assert err.count("\n") == 1 and len(err) < 200


def test_staging_takes_the_largest_counts_it_allows(runner: CliRunner, mini: Path) -> None:
    code, _, err = run(
        runner, "stage", "mgh", "--failed-trials", "100", "--optimised", "100", "--json"
    )
    assert code == 0, err
    args = [*MAUDSLEY, "--duration-months", "1200", "--failed-antidepressants", "100", "--json"]
    assert run(runner, *args)[0] == 0


@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "markdown", "html"])
def test_header_with_a_format_that_has_no_header_line_is_a_usage_error(
    runner: CliRunner, mini: Path, fmt: str
) -> None:
    for command in (["list"], ["explain", "alpha"], ["stage", "mgh", "--failed-trials", "2"]):
        code, out, err = run(runner, *command, "--format", fmt, "--header")
        assert code == 2 and out == ""
        assert err == (
            f"trd: --header works with --format plain or csv (csv always has one), not {fmt}\n"
        )
    code, _, err = run(runner, "list", "--json", "--header")
    assert code == 2 and "not json" in err


def test_header_works_with_plain_csv_and_the_default(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "list", "--format", "plain", "--header")
    assert code == 0 and out.startswith("id\tname\t")
    _, csv_out, _ = run(runner, "list", "--format", "csv")
    assert run(runner, "list", "--format", "csv", "--header")[1] == csv_out  # always has one
    code, out, _ = run(runner, "list", "--header")  # piped: plain, with the header
    assert code == 0 and out.startswith("id\tname\t")


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--condition", "{}", "--json"],
        ["screen", "--prefer", "{}", "--json"],
        ["chart", "{}", "--json"],
        ["list", "--format", "{}"],
        ["compare", "alpha", "beta", "--questions", "{}", "--json"],
        ["schema", "{}"],
        ["completion", "{}"],
        [*MAUDSLEY[:3], "{}", "--duration-months", "3", "--failed-antidepressants", "2", "--json"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
@pytest.mark.parametrize("typed", ["fullwidth", "zero-width", "no-break-space"])
def test_every_word_typed_is_matched_by_the_rule_ids_are(
    runner: CliRunner, mini: Path, args: list[str], typed: str
) -> None:
    """One rule for every name typed (``vocabulary.name_key``): what finds an entry by its id
    finds a condition, a chart, a format or a shell by its name."""
    word = {
        "screen --condition": "pregnancy",
        "screen --prefer": "at-home",
        "chart {}": "onset",
        "list --format": "json",
        "compare alpha": "cost",
        "schema {}": "catalogue",
        "completion {}": "bash",
        "stage maudsley": "mild",
    }[" ".join(args[:2])]
    form = {
        "fullwidth": "".join(chr(ord(c) + 0xFEE0) if c.isalpha() else c for c in word.upper()),
        "zero-width": word[:2] + "\u200b" + word[2:],
        "no-break-space": "\u00a0" + word + "\u00a0",
    }[typed]
    exact, _, _ = run(runner, *[a.format(word) for a in args])
    code, _, err = run(runner, *[a.format(form) for a in args])
    assert exact == 0 and code == 0, err
