"""TAB presses for therapy ids and conditions are answered at the entry point, before the app
is imported; the answer is exactly what the app itself gives for the same line."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from trd_cli.cli import completion
from trd_cli.cli.app import app

from .conftest import MINI
from .runner import CliRunner
from .test_imports import run_trd

LINES = [
    "trd explain al",
    "trd explain ",
    "trd compare alpha ",
    "trd compare alpha b",
    "trd sources b",
    "trd chart onset a",
    "trd screen --condition p",
    "trd screen -c ",
    f"trd --catalog {MINI} explain a",
]


def environ(shell: str, line: str) -> dict[str, str]:
    env = {"_TRD_COMPLETE": f"complete_{shell}", "TRD_CATALOG": str(MINI)}
    if shell == "bash":
        env.update({"COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)})
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


@pytest.mark.parametrize("shell", completion.SHELLS)
@pytest.mark.parametrize("line", LINES)
def test_the_fast_path_answers_as_the_app_does(shell: str, line: str) -> None:
    env = environ(shell, line)
    found = completion.fast(env)
    assert found is not None, "the fast path should answer this line"
    text, code = found
    result = CliRunner().invoke(app, [], env=env, prog_name="trd")
    assert code == result.exit_code == 0
    assert (text + "\n" if text else "") == result.stdout


@pytest.mark.parametrize("line", ["trd ", "trd ex", "trd explain --f", "trd list --format "])
def test_anything_else_is_left_to_the_app(line: str) -> None:
    assert completion.fast(environ("bash", line)) is None


def test_a_therapy_id_is_completed_without_typer_click_rich_or_yaml(tmp_path: Path) -> None:
    env = {k: v for k, v in environ("bash", "trd compare alpha b").items() if k != "TRD_CATALOG"}
    done, loaded = run_trd(tmp_path, **env)
    assert "beta" in done.stdout.split(), done.stderr
    assert not loaded & {"typer", "click", "rich", "yaml"}


def test_the_fast_path_writes_what_the_entry_point_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from trd_cli.__main__ import main

    for key, value in environ("zsh", "trd explain al").items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 0
    assert "alpha" in out.getvalue()
    assert os.environ["_TRD_COMPLETE"] == "complete_zsh"
