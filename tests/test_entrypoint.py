"""The installed `trd` program, run as a user runs it: a real process, real pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, Shared

TRD = Path(sys.executable).with_name("trd")


def env(**extra: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TRD_CATALOG", "TTY_COMPATIBLE")
    }
    base.update(extra)
    return base


def trd(
    *args: str, cwd: Path | None = None, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    assert TRD.exists(), f"the trd console script is not installed beside {sys.executable}"
    return subprocess.run(
        [str(TRD), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env(**(extra or {})),
        timeout=60,
    )


def test_installed_program_runs_from_any_directory(tmp_path: Path) -> None:
    result = trd("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert len(ids) == len(set(ids))


def test_version_from_the_installed_program() -> None:
    result = trd("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("trd ")
    assert "\ncatalogue " in result.stdout


def test_python_dash_m_works_too() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trd_cli", "--version"],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("trd ")


@pytest.mark.parametrize("extra", [{}, {"NO_COLOR": "1"}, {"TERM": "xterm-256color"}])
def test_piped_output_carries_no_colour(extra: dict[str, str]) -> None:
    result = trd("explain", "alpha", extra={"TRD_CATALOG": str(MINI), **extra})
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "Alpha stimulation" in result.stdout


@pytest.mark.parametrize("args", ["list --json", "list", "compare alpha-1 alpha-2"])
def test_a_reader_that_stops_early_ends_quietly(args: str, big: Shared) -> None:
    result = subprocess.run(
        f"'{TRD}' {args} | head -c 10; echo \" exit=${{PIPESTATUS[0]}}\"",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=env(TRD_CATALOG=str(big.path), XDG_CACHE_HOME=str(big.cache)),
        timeout=120,
    )
    assert result.stderr == ""
    assert result.stdout.endswith(" exit=0\n")
    assert len(result.stdout) == 10 + len(" exit=0\n")


def test_unknown_id_exits_2_on_stderr_without_traceback() -> None:
    result = trd("explain", "alpah", extra={"TRD_CATALOG": str(MINI)})
    assert result.returncode == 2
    assert result.stdout == ""
    assert "did you mean 'alpha'?" in result.stderr
    assert "Traceback" not in result.stderr
