"""Overlays and `trd validate` as people read them.

Written for mutants of catalogue/overlay.py that the rest of the suite let live
(docs/mutation.md): the OK line's words for one and for none, an overlay's JSON report, the
hint to make an overlay given only when two catalogue-wide fields are missing, a name listed
twice in one file, and the names a replaced entry gives up.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Literal

import pytest

from trd_cli.catalogue.overlay import OVERLAY_HINT, Report, assemble, summary
from trd_cli.cli.app import app
from trd_cli.explore.queries import resolve

from .conftest import FIXTURES, MINI
from .runner import CliRunner

CLINIC_TEXT = (FIXTURES / "overlay-clinic.yaml").read_text(encoding="utf-8")
HEAD, ENTRIES = CLINIC_TEXT.split("therapies:\n")
GAMMA_ONLY = HEAD + "therapies:\n" + ENTRIES[ENTRIES.index("  - id: gamma") :]
NAME = "overlay 'Riverside Clinic local details' 2026.1 (2026-03-01)"


def validate(runner: CliRunner, path: Path, *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", str(path), *extra])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "clinic.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_overlay_of_one_entry_is_counted_in_the_singular(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, GAMMA_ONLY)
    assert validate(runner, path) == (
        0,
        f"OK {path}: {NAME}: 1 entry (0 replacing, 1 new), 1 source, 10 fields not reviewed\n",
        "",
    )


def test_an_overlay_without_entries_says_so_without_a_breakdown(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, HEAD + "therapies: []\n")
    assert validate(runner, path) == (
        0,
        f"OK {path}: {NAME}: 0 entries, 0 sources, 0 fields not reviewed\n",
        "",
    )


def test_an_overlays_json_report_names_it_and_what_it_adds(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, GAMMA_ONLY)
    code, out, err = validate(runner, path, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "path": str(path),
            "valid": True,
            "kind": "overlay",
            "name": "Riverside Clinic local details",
            "version": "2026.1",
            "date": "2026-03-01",
            "counts": {"entries": 1, "sources": 1, "not_reviewed_fields": 10},
            "added": ["gamma"],
            "replaced": [],
            "problems": [],
            "warnings": [],
        }
    ]


def without(text: str, *fields: str) -> str:
    for field in fields:
        text, count = re.subn(rf"{field}: >-\n(  .*\n)+", "", text)
        assert count == 1, field
    return text


def test_a_file_missing_two_catalogue_wide_fields_is_told_how_to_become_an_overlay(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    path = write(tmp_path, without(mini, "disclaimer", "funding"))
    code, out, err = validate(runner, path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:3: disclaimer: required field is missing",
        f"{path}:3: funding: required field is missing",
        f"{path}: {OVERLAY_HINT}",
        f"trd: {path} is invalid (3 problems)",
    ]


def test_a_catalogue_missing_one_field_is_only_told_of_that_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    path = write(tmp_path, without(mini, "funding"))
    assert validate(runner, path) == (
        1,
        "",
        f"{path}:3: funding: required field is missing\ntrd: {path} is invalid (1 problem)\n",
    )


def test_a_whole_catalogue_that_mentions_overlays_is_still_a_whole_catalogue(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    path = write(tmp_path, mini.replace("An invented tablet", "An overlay tablet"))
    code, out, _ = validate(runner, path)
    assert code == 0
    assert out.startswith(f"OK {path}: catalogue 9.9.9-test (2026-01-02): 2 entries")


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("[gamma-box, Gamma]", "'Gamma' is listed twice"),
        (
            "[gamma-box, ALPHA-brand]",
            "'ALPHA-brand' is already the id or alias of 'alpha' (line 12)",
        ),
    ],
)
def test_a_name_used_twice_in_one_overlay_is_refused_with_its_line(
    runner: CliRunner, mini: Path, tmp_path: Path, aliases: str, message: str
) -> None:
    path = write(tmp_path, CLINIC_TEXT.replace("aliases: [gamma-box]", f"aliases: {aliases}"))
    assert validate(runner, path) == (
        1,
        "",
        f"{path}:55: therapies[gamma]: {message}\ntrd: {path} is invalid (1 problem)\n",
    )


def test_a_replaced_entry_gives_up_its_old_names_to_the_overlays_entries(
    tmp_path: Path,
) -> None:
    text = CLINIC_TEXT.replace("aliases: [alpha-brand, ALS]", "aliases: [alpha-local]")
    path = write(tmp_path, text.replace("aliases: [gamma-box]", "aliases: [gamma-box, als]"))
    cat = assemble([MINI, path], Path("/nonexistent/builtin.yaml"))
    assert resolve(cat, "ALS").id == "gamma"
    assert resolve(cat, "alpha-local").id == "alpha"
    assert [c.contact for c in cat.crisis_contacts][-1] == "555 0100"
    assert [c.id for c in cat.conditions][-1] == "claustrophobia"


def test_an_overlay_without_conditions_of_its_own_is_valid(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    head = HEAD.replace(
        'conditions:\n  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""
    )
    gamma = GAMMA_ONLY[len(HEAD) :].replace("{condition: claustrophobia,", "{condition: pregnancy,")
    path = write(tmp_path, head + gamma)
    assert validate(runner, path) == (
        0,
        f"OK {path}: {NAME}: 1 entry (0 replacing, 1 new), 1 source, 10 fields not reviewed\n",
        "",
    )


def test_an_invalid_condition_of_an_overlay_is_reported_once_with_its_line(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        CLINIC_TEXT.replace(', description: "Fear of enclosed spaces"}', "}"),
    )
    code, out, err = validate(runner, path)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"{path}:8: conditions[claustrophobia].description: " + (
        "required field is missing"
    )
    assert err.splitlines()[-1] == f"trd: {path} is invalid (2 problems)"


def test_an_overlay_wrong_everywhere_is_checked_up_to_two_hundred_problems(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    gamma = GAMMA_ONLY[len(HEAD) + len("therapies:\n") :]
    entries = "".join(
        gamma.replace("id: gamma", f"id: g{i}")
        .replace("[gamma-box]", f"[box{i}]")
        .replace("category: procedure", "category: nope")
        for i in range(210)
    )
    path = write(tmp_path, HEAD + "therapies:\n" + entries)
    code, out, err = validate(runner, path)
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 202
    assert lines[-2:] == [
        f"{path}: checking stopped after 200 problems",
        f"trd: {path} is invalid (201 problems)",
    ]


def test_about_shows_how_an_overlay_is_funded(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CLINIC_TEXT.replace(
            "update_policy: Reviewed by the clinic each quarter.\n",
            "update_policy: Reviewed by the clinic each quarter.\n"
            "funding: Paid for by the Riverside Clinic.\n",
        ),
    )
    result = runner.invoke(app, ["--catalog", str(MINI), "--catalog", str(path), "about"])
    assert result.exit_code == 0
    assert "Paid for by the Riverside Clinic." in result.stdout


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        (
            "catalogue",
            "OK c.yaml: catalogue 1 (2026-01-02): 1 entry, 1 source, 1 field not reviewed",
        ),
        (
            "overlay",
            "OK c.yaml: overlay 'o' 1 (2026-01-02): 1 entry (0 replacing, 1 new), 1 source, "
            "1 field not reviewed",
        ),
    ],
)
def test_an_ok_line_counts_one_of_each_in_the_singular(
    kind: Literal["catalogue", "overlay"], line: str
) -> None:
    report = Report(
        "c.yaml",
        kind=kind,
        name="o",
        version="1",
        date="2026-01-02",
        entries=1,
        sources=1,
        not_reviewed=1,
        added=("x",),
    )
    assert summary(report) == line


def test_an_overlay_that_is_not_yaml_names_its_file(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "overlay: [unclosed\n")
    code, out, err = validate(runner, path)
    assert (code, out) == (1, "")
    assert err.startswith(f"{path}:2: YAML syntax error: ")


def test_a_condition_given_twice_in_an_overlay_is_refused_with_both_lines(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        CLINIC_TEXT.replace(
            "conditions:\n", 'conditions:\n  - {id: claustrophobia, description: "Again"}\n'
        ),
    )
    assert validate(runner, path) == (
        1,
        "",
        f"{path}:9: conditions[claustrophobia]: duplicate condition id (first given at line 8)\n"
        f"trd: {path} is invalid (1 problem)\n",
    )


def test_an_overlay_over_an_invalid_catalogue_is_reported_as_an_overlay_in_json(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    bad = write(tmp_path, mini.replace("    category: medication\n", "    category: medicine\n"))
    monkeypatch.setenv("TRD_CATALOG", str(bad))
    clinic = str(FIXTURES / "overlay-clinic.yaml")
    code, out, _ = validate(runner, Path(clinic), "--json")
    assert code == 1
    (report,) = json.loads(out)
    assert (report["path"], report["kind"], report["valid"]) == (clinic, "overlay", False)
    assert report["problems"][0] == {
        "file": clinic,
        "line": 0,
        "field": "",
        "message": "cannot be checked: the catalogue beneath it is invalid",
    }
    assert report["problems"][1]["file"] == str(bad)


def test_an_overlay_over_two_layers_reports_what_it_does_to_the_top_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = FIXTURES / "overlay-clinic.yaml"
    monkeypatch.setenv("TRD_CATALOG", f"{MINI}{os.pathsep}{clinic}")
    head = HEAD.replace("Riverside Clinic local details", "Second").replace(
        'conditions:\n  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""
    )
    path = write(tmp_path, head + GAMMA_ONLY[len(HEAD) :])
    assert validate(runner, path) == (
        0,
        f"OK {path}: overlay 'Second' 2026.1 (2026-03-01): 1 entry (1 replacing, 0 new), "
        "1 source, 10 fields not reviewed\n",
        "",
    )


def test_a_whole_catalogue_is_validated_with_its_warnings(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    path = write(tmp_path, mini.replace("aliases: [betamax]", "aliases: [beta\u200bmax]"))
    code, out, err = validate(runner, path)
    assert code == 0
    assert out.startswith(f"OK {path}: catalogue 9.9.9-test")
    assert err.startswith(
        f"{path}:106: therapies[beta].aliases[0]: warning: holds an invisible character (U+200B)"
    )


def test_the_overlay_hint_is_a_problem_of_the_whole_file_in_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    mini = MINI.read_text(encoding="utf-8")
    path = write(tmp_path, without(mini, "disclaimer", "funding"))
    code, out, _ = validate(runner, path, "--json")
    assert code == 1
    (report,) = json.loads(out)
    assert report["problems"][-1] == {
        "file": str(path),
        "line": 0,
        "field": "",
        "message": OVERLAY_HINT,
    }


def gamma_joining(class_id: str) -> str:
    """An overlay whose one entry, gamma, joins class ``class_id`` of the catalogue beneath
    (its own conditions left out: it names only the built-in ones)."""
    head = HEAD.replace(
        'conditions:\n  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""
    )
    gamma = (
        GAMMA_ONLY[len(HEAD) :]
        .replace("{condition: claustrophobia,", "{condition: pregnancy,")
        .replace(
            '    last_reviewed: "2026-03-01"\n',
            '    last_reviewed: "2026-03-01"\n'
            f"    classes:\n      - {{id: {class_id}, sources: [gamma-leaflet]}}\n",
        )
    )
    return head + gamma


def test_an_overlay_entry_may_join_a_class_of_the_catalogue_beneath(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_CATALOG", raising=False)  # the built-in catalogue, with classes
    path = write(tmp_path, gamma_joining("magnetic-stimulation"))
    assert validate(runner, path) == (
        0,
        f"OK {path}: {NAME}: 1 entry (0 replacing, 1 new), 1 source, 10 fields not reviewed\n",
        "",
    )


def test_an_overlay_entry_naming_an_unknown_class_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_CATALOG", raising=False)
    code, out, err = validate(runner, write(tmp_path, gamma_joining("magnetic-stimulaton")))
    assert (code, out) == (1, "")
    assert "'magnetic-stimulaton'" in err and "did you mean 'magnetic-stimulation'?" in err


def test_a_catalog_overlay_that_is_not_yaml_names_its_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path, "overlay: [unclosed\n")
    result = runner.invoke(app, ["--catalog", str(MINI), "--catalog", str(path), "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("trd: the catalogue is invalid (1 problem):\n")
    assert f"\n  {path}:2: YAML syntax error: " in result.stderr


def test_a_catalog_overlay_may_join_a_class_of_the_built_in_catalogue(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_CATALOG", raising=False)
    path = write(tmp_path, gamma_joining("magnetic-stimulation"))
    result = runner.invoke(app, ["--catalog", str(path), "list", "--json"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "gamma" in [item["id"] for item in json.loads(result.stdout)]


def test_a_clash_with_the_built_in_catalogue_names_it_as_built_in(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_CATALOG", raising=False)
    head = HEAD.replace(
        'conditions:\n  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""
    )
    gamma = (
        GAMMA_ONLY[len(HEAD) :]
        .replace("{condition: claustrophobia,", "{condition: pregnancy,")
        .replace("aliases: [gamma-box]", "aliases: [esketamine]")
    )
    path = write(tmp_path, head + gamma)
    result = runner.invoke(app, ["--catalog", str(path), "list"])
    assert result.exit_code == 1
    assert "'esketamine' is already the id or alias of 'esketamine' in the built-in catalogue " in (
        result.stderr
    )
