"""`trd list` filters, `trd search`, `trd screen` and `trd stage`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trd_cli.cli.app import app

from .runner import CliRunner


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    """Table text with borders and wrapping removed, for phrase checks."""
    for ch in "│┃─━┏┓┗┛┡┩└┘┌┐╭╮╰╯├┤":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def usage_error(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert err.startswith("trd: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# --------------------------------------------------------------------------- list filters


def test_filtered_list_json_keeps_the_item_shape(runner: CliRunner, mini: Path) -> None:
    _, everything, _ = run(runner, "list", "--json")
    code, out, _ = run(runner, "list", "--category", "medication", "--json")
    assert code == 0
    doc = json.loads(out)
    assert isinstance(doc, list) and [d["id"] for d in doc] == ["beta"]
    assert doc[0] == json.loads(everything)[1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--no-anesthesia", "--non-invasive"], ["alpha", "beta"]),
        (["--setting", "home"], ["beta"]),
        (["--setting", "home", "--setting", "outpatient"], ["alpha", "beta"]),
        (["--status", "cleared"], ["alpha"]),
        (["--status", "approved", "--agency", "EMA"], []),
        (["--max-onset-days", "28"], ["alpha"]),
        (["--max-visits-per-week", "1"], ["beta"]),
        (["--category", "neuromodulation", "--max-visits-per-week", "1"], []),
        (["--sort", "visits"], ["beta", "alpha"]),
        (["--sort", "name"], ["alpha", "beta"]),
    ],
)
def test_list_filters_and_sort(
    runner: CliRunner, mini: Path, args: list[str], expected: list[str]
) -> None:
    code, out, err = run(runner, "list", *args, "--json")
    assert code == 0, err
    assert [d["id"] for d in json.loads(out)] == expected


def test_filtered_table_says_what_was_filtered_and_what_lacks_data(
    runner: CliRunner, mini: Path
) -> None:
    code, out, _ = run(runner, "list", "--max-onset-days", "30", "--format", "table")
    assert code == 0
    text = flat(out)
    assert "(1 of 2)" in text
    assert "onset typically within 30 days" in text
    assert "Not shown because no time to onset is sourced: beta" in text
    assert "not medical advice" in text


def test_list_with_nothing_matching_says_so(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "list", "--category", "surgical", "--format", "table")
    assert code == 0
    assert "No options match: category: surgical." in flat(out)
    code, out, _ = run(runner, "list", "--category", "surgical", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "drug"], "unknown category 'drug'; choose from: neuromodulation,"),
        (["--setting", "hom"], "unknown setting 'hom' (did you mean 'home'?)"),
        (["--status", "aproved"], "(did you mean 'approved'?)"),
        (["--sort", "speed"], "unknown sort key 'speed'; choose from: name, onset, visits"),
        (["--max-onset-days", "-3"], "--max-onset-days must be 0 or more"),
    ],
)
def test_list_refuses_unknown_values(
    runner: CliRunner, mini: Path, args: list[str], message: str
) -> None:
    err = usage_error(*run(runner, "list", *args))
    assert message in err


# --------------------------------------------------------------------------- search


def test_search_json_has_field_and_snippet(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "search", "Seizure", "--json")
    assert code == 0
    (hit,) = json.loads(out)
    assert hit["id"] == "alpha" and hit["name"] == "Alpha stimulation"
    assert set(hit) == {"id", "name", "score", "hits"}
    fields = {h["field"]: h for h in hit["hits"]}
    assert fields["contraindications[1].text"]["snippet"] == "Seizure risk is higher."
    assert fields["contraindications[1].text"]["highlights"] == [[0, 7]]
    assert "not medical advice" not in out


def test_search_table_shows_where_it_matched(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "search", "invented", "trial", "--format", "table")
    assert code == 0
    text = flat(out)
    assert "sources[alpha-trial].title: An invented trial" in text
    assert "Options mentioning 'invented trial' (1)" in text
    assert "988" in text


def test_search_words_may_be_given_separately_or_quoted(runner: CliRunner, mini: Path) -> None:
    _, apart, _ = run(runner, "search", "headache", "sham", "--json")
    _, quoted, _ = run(runner, "search", "headache sham", "--json")
    assert apart == quoted and json.loads(apart)[0]["id"] == "alpha"


def test_search_without_matches_is_not_an_error(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "search", "zzzz", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(runner, "search", "zzzz", "--format", "table")
    assert code == 0 and "No option mentions 'zzzz'" in flat(out)


def test_search_needs_a_word(runner: CliRunner, mini: Path) -> None:
    err = usage_error(*run(runner, "search", "  "))
    assert "give a word to search for" in err


# --------------------------------------------------------------------------- screen


def test_screen_json_shape(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(
        runner,
        "screen",
        "--condition",
        "seizure-disorder",
        "--condition",
        "intracranial-metal-implant",
        "--prefer",
        "at-home",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert [d["id"] for d in doc] == ["alpha", "beta"]
    alpha, beta = doc
    assert alpha["verdict"] == "contraindicated" and beta["verdict"] == "no-known-conflict"
    assert [r["strength"] for r in alpha["reasons"]] == ["contraindicated", "caution"]
    assert set(alpha["reasons"][0]) == {"condition", "strength", "text", "source", "source_ids"}
    assert alpha["reasons"][0]["source"].startswith("[alpha-label] Regulator (2008)")
    assert alpha["preferences"] == [
        {"preference": "at-home", "met": False, "reason": "Needs a visit (setting: outpatient)."}
    ]
    assert beta["preferences"][0]["met"] is True
    assert "prescription" not in out and "988" not in out


def test_screen_table_says_once_it_is_a_conversation_aid(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # one line per cell, so phrases stay whole
    code, out, _ = run(
        runner, "screen", "-c", "seizure-disorder", "-p", "fast-onset", "--format", "table"
    )
    assert code == 0
    text = flat(out)
    assert text.count("conversation aid, not a prescription") == 1
    for phrase in (
        "seizure-disorder (caution): Seizure risk is higher. [alpha-label]",
        "no-known-conflict",
        "does not fit fast-onset",
        "unknown fast-onset",
        "set by trd, not by a source",
        "not medical advice",
    ):
        assert phrase in text, phrase


def test_screen_list_conditions(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "screen", "--list-conditions", "--format", "table")
    assert code == 0
    text = flat(out)
    assert "seizure-disorder" in text and "Epilepsy or a history of seizures" in text
    code, out, _ = run(runner, "screen", "--list-conditions", "--json")
    doc = json.loads(out)
    assert len(doc) == 25
    assert {"id": "pregnancy", "description": "Pregnant or planning a pregnancy"} in doc


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--condition", "pregnacy"], "unknown condition 'pregnacy' (did you mean 'pregnancy'?)"),
        (["--condition", "epilepsy"], "(did you mean 'seizure-disorder'?)"),
        (["--prefer", "cheap"], "unknown preference 'cheap'; choose from: no-anesthesia,"),
        ([], "give at least one --condition or --prefer"),
    ],
)
def test_screen_refuses_unknown_input(
    runner: CliRunner, mini: Path, args: list[str], message: str
) -> None:
    err = usage_error(*run(runner, "screen", *args))
    assert message in err


# --------------------------------------------------------------------------- stage


MAUDSLEY = [
    "stage",
    "maudsley",
    "--duration-months",
    "13",
    "--severity",
    "mild",
    "--failed-antidepressants",
    "3",
    "--augmentation",
]


def test_stage_maudsley_json(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, *MAUDSLEY, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["model"] == "maudsley"
    assert (doc["score"], doc["band"], doc["range"]) == (7, "moderate", [3, 15])
    assert [(i["name"], i["value"], i["points"]) for i in doc["items"]] == [
        ("duration", 13, 2),
        ("severity", "mild", 2),
        ("failed_antidepressants", 3, 2),
        ("augmentation", True, 1),
        ("ect", False, 0),
    ]
    assert "10.1186/s12888-018-1679-x" in doc["source"]
    assert doc["assumptions"]


def test_stage_maudsley_table(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, *MAUDSLEY)
    assert code == 0
    text = flat(out)
    for phrase in (
        "Maudsley Staging Method (MSM): Score 7 (of 3-15): moderate",
        "Duration of the current episode (months): 13 → 2 points, 13-24 months (sub-acute)",
        "Assumptions this calculator makes",
        "10.1186/s12888-018-1679-x",
    ):
        assert phrase in text, phrase


def test_stage_thase_rush_and_mgh(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "stage", "thase-rush", "--failed-classes", "2", "--tca", "--json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["stage"], doc["score"]) == ("III", None)
    assert [c["met"] for c in doc["criteria"]] == [True, True, True, False, False]
    code, out, _ = run(
        runner,
        "stage",
        "mgh",
        "--failed-trials",
        "2",
        "--optimised",
        "1",
        "--augmented",
        "1",
        "--ect",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert (doc["score"], doc["band"]) == (6.0, None)
    assert any("per trial" in a for a in doc["assumptions"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
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
        (
            [
                "maudsley",
                "--duration-months",
                "3",
                "--severity",
                "awful",
                "--failed-antidepressants",
                "2",
            ],
            "--severity must be one of: subsyndromal, mild,",
        ),
        (
            ["mgh", "--failed-trials", "2", "--optimised", "3"],
            "--optimised must be between 0 and 2",
        ),
        (["thase-rush", "--failed-classes", "-2"], "--failed-classes must be 0 or more"),
    ],
)
def test_stage_out_of_range_is_a_usage_error(
    runner: CliRunner, mini: Path, args: list[str], message: str
) -> None:
    err = usage_error(*run(runner, "stage", *args))
    assert message in err


def test_stage_help_lists_the_models(runner: CliRunner) -> None:
    code, out, _ = run(runner, "stage", "--help")
    assert code == 0
    for name in ("maudsley", "thase-rush", "mgh"):
        assert name in out


# --------------------------------------------------------------------------- every format

COMMANDS = [
    ["list", "--no-anesthesia", "--sort", "onset"],
    ["search", "seizure"],
    ["screen", "--condition", "seizure-disorder", "--prefer", "at-home"],
    ["screen", "--list-conditions"],
    [
        "stage",
        "maudsley",
        "--duration-months",
        "3",
        "--severity",
        "mild",
        "--failed-antidepressants",
        "1",
    ],
    ["stage", "thase-rush", "--failed-classes", "1"],
    ["stage", "mgh", "--failed-trials", "1"],
]


@pytest.mark.parametrize("fmt", ["table", "plain", "json", "yaml", "csv", "markdown", "html"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_format_works_and_the_disclaimer_is_only_for_readers(
    runner: CliRunner, mini: Path, args: list[str], fmt: str
) -> None:
    code, out, err = run(runner, *args, "--format", fmt)
    assert code == 0, err
    assert out.strip()
    for_people = fmt in ("table", "markdown", "html")
    assert ("not medical advice" in flat(out)) is for_people
    if fmt == "json":
        json.loads(out)
