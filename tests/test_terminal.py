"""Terminal conventions: colour, width, paging and one-line errors, as a person sees them."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from trd_cli.cli.app import app
from trd_cli.render import terminal

from .conftest import MINI
from .runner import CliRunner

ESC = "\x1b["
TRD = Path(sys.executable).with_name("trd")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input and output behave as a terminal."""
    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LINES", "1000")  # tall enough that nothing is paged


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


# --------------------------------------------------------------------------- colour rules


@pytest.mark.parametrize(
    ("is_tty", "flag", "env", "expected"),
    [
        (True, False, {}, True),
        (False, False, {}, False),
        (True, True, {}, False),  # --no-color
        (True, False, {"NO_COLOR": "1"}, False),
        (True, False, {"NO_COLOR": ""}, True),  # empty means unset (no-color.org)
        (False, False, {"FORCE_COLOR": "1"}, True),
        (True, False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (True, True, {"FORCE_COLOR": "1"}, False),
        (True, False, {"TERM": "dumb"}, False),
        (False, False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_rules(is_tty: bool, flag: bool, env: dict[str, str], expected: bool) -> None:
    assert terminal.colour(FakeStream(is_tty), flag, env) is expected


def test_a_terminal_gets_a_coloured_table(runner: CliRunner, mini: Path, tty: None) -> None:
    code, out, _ = run(runner, "list")
    assert code == 0
    assert ESC in out
    assert "Alpha stimulation" in out and "\t" not in out


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})],
)
def test_colour_can_be_turned_off_on_a_terminal(
    runner: CliRunner,
    mini: Path,
    tty: None,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for command in (["list"], ["compare", "alpha", "beta"], ["explain", "alpha"]):
        code, out, _ = run(runner, *command, *args)
        assert code == 0
        assert ESC not in out, command
        assert "Alpha stimulation" in out


def test_force_color_colours_a_table_in_a_pipe(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC in run(runner, "explain", "alpha")[1]
    # A list in a pipe is plain text, which never has colour.
    assert ESC not in run(runner, "list")[1]


def test_data_formats_never_have_colour(
    runner: CliRunner, mini: Path, tty: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    for fmt in ("plain", "json", "yaml", "csv", "markdown", "html"):
        out = run(runner, "compare", "alpha", "beta", "--format", fmt)[1]
        assert ESC not in out, fmt


# --------------------------------------------------------------------------- width


def test_a_dumb_colour_terminal_keeps_the_width_asked_for(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Emacs' shell and some CI logs: colour forced on a `TERM=dumb` terminal once drew 80
    columns whatever COLUMNS said."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = run(runner, "explain", "alpha", "--format", "table")
    assert code == 0 and ESC in out
    shown = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.split("\n")]
    assert max(cell_len(line) for line in shown) <= 40


@pytest.mark.parametrize("command", [["list"], ["compare", "alpha", "beta"], ["explain", "alpha"]])
def test_forty_columns_still_read_well(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = run(runner, *command, "--format", "table")
    assert code == 0
    lines = out.split("\n")
    assert max(cell_len(line) for line in lines) <= 40
    # Nothing is cut short: the phrases a reader looks for are whole.
    for phrase in ("Alpha stimulation", "not reviewed", "not medical advice", "988"):
        assert phrase in " ".join(out.split()), phrase
    if command[0] == "compare":
        assert "│" not in out  # stacked per question, not squeezed into columns
        assert "How soon might it help?" in lines
        assert "27 in 100" in " ".join(out.split())
    if command[0] == "list":
        assert "  time to onset:   2-4 weeks" in [line.rstrip() for line in lines]


def test_wide_terminals_get_the_grid(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = run(runner, "compare", "alpha", "beta", "--format", "table")[1]
    lines = out.split("\n")
    assert "│" in out
    assert max(cell_len(line) for line in lines) <= 120
    assert max(cell_len(line) for line in lines) > 100  # it uses the width it has


# --------------------------------------------------------------------------- pager


@pytest.fixture
def pager_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PAGER is a small program that saves what it is given."""
    target = tmp_path / "paged.txt"
    monkeypatch.setenv(
        "PAGER",
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.stdin.read())\" {target}",
    )
    monkeypatch.delenv("TRD_PAGER", raising=False)
    monkeypatch.setenv("LINES", "10")
    return target


def test_long_explain_goes_through_the_pager_on_a_terminal(
    runner: CliRunner, mini: Path, pager_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    code, out, _ = run(runner, "explain", "alpha")
    assert code == 0
    assert out == ""
    paged = pager_file.read_text(encoding="utf-8")
    assert "Alpha stimulation" in paged and ESC in paged  # colour survives (less -R)


def test_no_pager_and_pipes_write_straight_out(
    runner: CliRunner, mini: Path, pager_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(runner, "explain", "alpha")[1]  # not a terminal
    assert "Alpha stimulation" in out and not pager_file.exists()
    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    out = run(runner, "explain", "alpha", "--no-pager")[1]
    assert "Alpha stimulation" in out and not pager_file.exists()


def test_short_output_and_pager_cat_are_not_paged(
    runner: CliRunner, mini: Path, pager_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    monkeypatch.setenv("LINES", "1000")
    assert "Alpha stimulation" in run(runner, "explain", "alpha")[1]
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("TRD_PAGER", "cat")
    assert "Alpha stimulation" in run(runner, "explain", "alpha")[1]
    assert not pager_file.exists()


def test_a_pager_that_is_not_installed_is_not_an_error(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("PAGER", "no-such-pager-anywhere --quiet")
    code, out, err = run(runner, "explain", "alpha")
    assert code == 0 and "Alpha stimulation" in out and err == ""


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["less"]),
        ({"PAGER": "more -d"}, ["more", "-d"]),
        ({"PAGER": "more", "TRD_PAGER": "less -S"}, ["less", "-S"]),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "less", "TRD_PAGER": ""}, None),
    ],
)
def test_which_pager(env: dict[str, str], expected: list[str] | None) -> None:
    assert terminal.pager_command(env) == expected


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["list", "--bogus"], "trd: no such option: --bogus"),
        (["nope"], "trd: no such command 'nope'"),
        (["explain"], "trd: missing argument 'therapy'"),
        (["explain", "alpah"], "trd: no therapy called 'alpah' (did you mean 'alpha'?)"),
        (["list", "--format", "tabel"], "trd: unknown format 'tabel' (did you mean 'table'?)"),
        (["compare", "alpha"], "trd: compare needs two or more different therapies"),
    ],
)
def test_errors_are_one_line_on_stderr(
    runner: CliRunner, mini: Path, args: list[str], start: str
) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert out == ""
    assert err.startswith(start), err
    assert err.count("\n") == 1 and err.endswith("\n")


def test_usage_errors_say_where_to_look(runner: CliRunner, mini: Path) -> None:
    err = run(runner, "list", "--bogus")[2]
    assert err == "trd: no such option: --bogus. See 'trd list --help'.\n"


# --------------------------------------------------------------------------- a real terminal


def _in_pty(args: list[str], columns: int, extra: dict[str, str]) -> str:
    """Run the installed trd on a pseudo-terminal of the given width; return what it shows."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")
    }
    env.update({"TERM": "xterm-256color", "TRD_CATALOG": str(MINI), "PAGER": "cat", **extra})
    proc = subprocess.Popen([str(TRD), *args], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.skipif(not TRD.exists(), reason="needs the installed trd program")
def test_on_a_real_terminal_colour_and_width_follow_it() -> None:
    out = _in_pty(["compare", "alpha", "beta"], 50, {})
    assert ESC in out
    assert "Alpha stimulation" in out
    visible = [line for line in out.split("\n") if ESC not in line]
    assert visible and max(cell_len(line) for line in visible) <= 50
    plain = _in_pty(["compare", "alpha", "beta"], 50, {"NO_COLOR": "1"})
    assert ESC not in plain
    assert max(cell_len(line) for line in plain.split("\n")) <= 50
    assert "│" not in plain  # too narrow for the grid at 50 columns
