"""What a person or a script sees from each command (through the CLI runner)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from trd_cli import __version__
from trd_cli.cli.app import app

from .runner import CliRunner

ESC = "\x1b["


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_names_program_and_catalogue(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "--version")
    assert code == 0
    age = (dt.date.today() - dt.date(2026, 1, 2)).days
    assert out == (
        f"trd {__version__}\ncatalogue 9.9.9-test (2026-01-02) from {mini}\n"
        f"age: {age} days since 2026-01-02; oldest entry review 2026-01-02 ({age} days ago)\n"
    )


def test_help_on_every_command(runner: CliRunner) -> None:
    for args in ([], ["list"], ["compare"], ["explain"]):
        code, out, _ = run(runner, *args, "--help")
        assert code == 0, args
        assert "--help" in out
        if args:
            assert "--json" in out


def test_list_table_shows_every_entry_with_status(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "list", "--format", "table")
    assert code == 0, err
    for text in (
        "alpha",
        "Alpha stimulation",
        "beta",
        "Beta tablets",
        "cleared",
        "off-label",
        "2-4 weeks",
        "not reviewed",
        "neuromodulation",
    ):
        assert text in out
    assert ESC not in out
    assert "not medical advice" in out
    assert "988" in out


def test_list_json_is_a_plain_array(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "list", "--json")
    assert code == 0
    doc = json.loads(out)
    assert isinstance(doc, list)
    assert [d["id"] for d in doc] == ["alpha", "beta"]
    for item in doc:
        assert {"id", "name", "category"} <= set(item)
    assert doc[0]["onset"]["min_days"] == 14
    assert doc[0]["fda"] == [
        {"status": "cleared", "year": 2008, "indication": "Invented indication"}
    ]
    assert doc[1]["onset"] is None
    assert "988" not in out and "medical advice" not in out


def test_compare_json_keeps_the_order_asked_and_resolves_aliases(
    runner: CliRunner, mini: Path
) -> None:
    code, out, _ = run(runner, "compare", "BETAMAX", "als", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["ids"] == ["beta", "alpha"]
    assert [t["id"] for t in doc["therapies"]] == ["beta", "alpha"]
    assert doc["catalogue"] == {"version": "9.9.9-test", "date": "2026-01-02"}
    assert doc["therapies"][0]["not_reviewed"]["efficacy"] == "No trial in this population."


def test_compare_table_has_patient_questions_and_absolute_numbers(
    runner: CliRunner, mini: Path
) -> None:
    code, out, _ = run(runner, "compare", "alpha", "beta")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    _, plain, _ = run(runner, "compare", "alpha", "beta", "--format", "plain")
    questions = {line.split("\t")[0] for line in plain.splitlines()}
    for question in (
        "What is it?",
        "How is it given?",
        "How soon might it help?",
        "How likely is it to help?",
        "Common side effects",
        "Serious risks",
        "Who should not have it?",
        "Regulatory status",
    ):
        assert question in questions
    assert "27 in 100" in flat and "12 in 100" in flat
    assert re.search(r"\[\d+\] Doe J et al\. \(2018\)", flat)  # numbered sources under the grid
    _, out, _ = run(runner, "compare", "alpha", "beta", "--detail")
    assert "alpha-trial" in " ".join(out.replace("│", " ").split())


def test_compare_needs_two_different_options(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "compare", "alpha", "ALS")
    assert code == 2
    assert out == ""
    assert "two or more different therapies" in err


def test_explain_json_is_the_full_entry_with_catalogue(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "explain", "Alpha", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == "alpha" and doc["category"] == "neuromodulation"
    assert doc["catalogue"]["version"] == "9.9.9-test"
    assert doc["efficacy"][0]["rate"] == 27.0
    assert doc["sources"][0]["id"] == "alpha-trial"
    assert doc["last_reviewed"] == "2026-01-02"


def test_explain_lists_sections_and_sources(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "explain", "beta")
    assert code == 0
    for heading in ("What it is", "How likely it is to help", "Common side effects", "Sources"):
        assert heading in out
    assert "not reviewed (No trial in this population.)" in out
    assert "none listed" in out  # common side effects: an empty list, not "not reviewed"
    assert "[beta-label]" in out


def test_catalogue_text_is_never_markup(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "explain", "alpha")
    assert "[bold]markup[/bold]" in out


def test_unknown_id_suggests_the_near_one(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "explain", "alpah")
    assert code == 2
    assert out == ""
    assert "no therapy called 'alpah' (did you mean 'alpha'?)" in err


def test_invalid_catalogue_exits_1_with_located_problems(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(bad))
    code, out, err = run(runner, "list", "--json")
    assert code == 1
    assert out == ""
    assert f"{bad}:1: version: expected text, got a whole number ('1'); put it in quotes" in err
    assert "date: required field is missing" in err
    assert "Traceback" not in err


def test_rates_read_as_people_out_of_a_whole_number() -> None:
    from trd_cli.documents.words import per_100

    assert [per_100(r) for r in (41, 27.3, 5.2, 0, 100)] == [
        "41 in 100",
        "27 in 100",
        "5 in 100",
        "0 in 100",
        "100 in 100",
    ]
    # Rare harms keep a denominator that shows them: not "0 in 100".
    assert per_100(0.2) == "2 in 1,000"
    assert per_100(0.071) == "7.1 in 10,000"


def test_ids_match_in_any_case_and_in_full_width_letters(runner: CliRunner, mini: Path) -> None:
    for name in ("ALPHA", " alpha ", "\uff41\uff4c\uff50\uff48\uff41", "Alpha-Brand"):
        result = runner.invoke(app, ["explain", name, "--json"])
        assert result.exit_code == 0, name
        assert json.loads(result.stdout)["id"] == "alpha"
