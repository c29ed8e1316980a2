"""`trd validate PATH ...`: every problem with file, line and field; never changes a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trd_cli.cli.app import app

from .conftest import FIXTURES, MINI
from .runner import CliRunner

CLINIC = FIXTURES / "overlay-clinic.yaml"
MINI_OK = (
    f"OK {MINI}: catalogue 9.9.9-test (2026-01-02): 2 entries, 3 sources, 14 fields not reviewed\n"
)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def broken(tmp_path: Path) -> Path:
    """The mini catalogue with two mistakes in it."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("    category: medication\n", "    category: medicine\n")
    text = text.replace(
        "      route: Tablet by mouth\n", "      route: Tablet by mouth\n      setings: [home]\n"
    )
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_catalogue_gets_one_ok_line(runner: CliRunner) -> None:
    code, out, err = run(runner, "validate", str(MINI))
    assert (code, out, err) == (0, MINI_OK, "")


def test_an_overlay_is_checked_over_the_catalogue_it_would_be_used_with(
    runner: CliRunner, mini: Path
) -> None:
    code, out, err = run(runner, "validate", str(CLINIC))
    assert (code, err) == (0, "")
    assert out == (
        f"OK {CLINIC}: overlay 'Riverside Clinic local details' 2026.1 (2026-03-01): "
        "2 entries (1 replacing, 1 new), 3 sources, 16 fields not reviewed\n"
    )


def test_every_problem_goes_to_stderr_with_file_line_and_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = broken(tmp_path)
    code, out, err = run(runner, "validate", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:107: therapies[beta].category: 'medicine' is not one of: neuromodulation, "
        "medication, psychotherapy, surgical, procedure, no-change (did you mean 'medication'?)",
        f"{path}:112: therapies[beta].delivery.setings: unknown key (did you mean 'setting'?)",
        f"trd: {path} is invalid (2 problems)",
    ]


def test_several_files_each_get_their_verdict_and_any_invalid_one_fails(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = broken(tmp_path)
    code, out, err = run(runner, "validate", str(MINI), str(bad), str(tmp_path / "nope.yaml"))
    assert code == 1
    assert out == MINI_OK
    assert f"trd: {bad} is invalid (2 problems)" in err
    assert f"{tmp_path / 'nope.yaml'}: no such file\n" in err
    assert "Traceback" not in err


def test_an_overlay_clash_is_reported_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    text = CLINIC.read_text(encoding="utf-8").replace("aliases: [gamma-box]", "aliases: [betamax]")
    path = tmp_path / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "--catalog", str(MINI), "validate", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{path}:55: therapies[gamma]: 'betamax' is already the id or alias of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {MINI}"
    )


def test_an_overlay_over_an_invalid_catalogue_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = broken(tmp_path)
    monkeypatch.setenv("TRD_CATALOG", str(bad))
    code, _, err = run(runner, "validate", str(CLINIC))
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == f"{CLINIC}: cannot be checked: the catalogue beneath it is invalid"
    assert lines[1].startswith(f"{bad}:107: therapies[beta].category:")


def test_json_lists_each_file_with_its_problems(runner: CliRunner, tmp_path: Path) -> None:
    bad = broken(tmp_path)
    code, out, err = run(runner, "validate", str(MINI), str(bad), "--json")
    assert (code, err) == (1, "")
    good, wrong = json.loads(out)
    assert good == {
        "path": str(MINI),
        "valid": True,
        "kind": "catalogue",
        "name": None,
        "version": "9.9.9-test",
        "date": "2026-01-02",
        "counts": {"entries": 2, "sources": 3, "not_reviewed_fields": 14},
        "added": ["alpha", "beta"],
        "replaced": [],
        "problems": [],
        "warnings": [],
    }
    assert wrong["valid"] is False and wrong["counts"] is None
    assert wrong["problems"][1] == {
        "file": str(bad),
        "line": 112,
        "field": "therapies[beta].delivery.setings",
        "message": "unknown key (did you mean 'setting'?)",
    }


@pytest.mark.parametrize("which", ["valid", "invalid", "overlay"])
def test_validate_never_writes_to_the_file(
    runner: CliRunner, tmp_path: Path, which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if which == "valid":
        path = tmp_path / "mini.yaml"
        path.write_bytes(MINI.read_bytes())
    elif which == "invalid":
        path = broken(tmp_path)
    else:
        path = tmp_path / "clinic.yaml"
        path.write_bytes(CLINIC.read_bytes())
        monkeypatch.setenv("TRD_CATALOG", str(MINI))
    # An old, exact modification time: any write would move it.
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before_bytes, before = path.read_bytes(), path.stat()
    code, _, _ = run(runner, "validate", str(path))
    assert code == (1 if which == "invalid" else 0)
    after = path.stat()
    assert path.read_bytes() == before_bytes
    assert after.st_mtime_ns == before.st_mtime_ns == 1_000_000_000_000_000_000
    assert after.st_size == before.st_size
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no backup or temp file


def test_validate_needs_a_path(runner: CliRunner) -> None:
    code, _, err = run(runner, "validate")
    assert code == 2
    assert err.startswith("trd: ")


def test_validate_json_satisfies_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    schema = json.loads(run(runner, "schema", "validate")[1])
    Draft202012Validator.check_schema(schema)
    bad = broken(tmp_path)
    doc = json.loads(run(runner, "validate", str(MINI), str(bad), str(CLINIC), "--json")[1])
    assert [r["valid"] for r in doc] == [True, False, True]
    assert list(Draft202012Validator(schema).iter_errors(doc)) == []
