"""`trd about` and `trd sources`: what the catalogue is, and what it rests on."""

from __future__ import annotations

import json
from pathlib import Path

from trd_cli.cli.app import app

from .runner import CliRunner


def test_about_shows_version_policy_funding_disclaimer_and_crisis(
    runner: CliRunner, mini: Path
) -> None:
    result = runner.invoke(app, ["about"])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Version 9.9.9-test, dated 2026-01-02." in out
    assert "2 options, 1 outcome figures, 3 sources; 14 fields not reviewed." in out
    assert "re-reviewed at least once every 12 months" in out
    assert "no conflicts of interest" in out
    assert "not medical advice" in out
    assert "988" in out and "116 123" in out


def test_about_json_has_facts_but_no_crisis_lines(runner: CliRunner, mini: Path) -> None:
    result = runner.invoke(app, ["about", "--json"])
    doc = json.loads(result.stdout)
    assert doc["version"] == "9.9.9-test"
    assert doc["counts"] == {
        "entries": 2,
        "sources": 3,
        "not_reviewed_fields": 14,
        "efficacy_outcomes": 1,
    }
    assert "988" not in result.stdout


def test_sources_for_one_entry_and_for_all(runner: CliRunner, mini: Path) -> None:
    one = json.loads(runner.invoke(app, ["sources", "betamax", "--json"]).stdout)
    assert [s["id"] for s in one] == ["beta-label"]
    assert one[0]["cited_by"] == ["beta"]
    every = json.loads(runner.invoke(app, ["sources", "--json"]).stdout)
    assert [s["id"] for s in every] == ["alpha-label", "alpha-trial", "beta-label"]
    table = runner.invoke(app, ["sources"]).stdout
    assert "[alpha-trial] Doe J, et al. (2018). An invented trial. Journal of" in table
    assert "[beta-label] (2020). An invented label" in table


def test_sources_of_an_unknown_id_is_a_usage_error(runner: CliRunner, mini: Path) -> None:
    result = runner.invoke(app, ["sources", "gamma"])
    assert result.exit_code == 2
    assert "no therapy called 'gamma'" in result.stderr
