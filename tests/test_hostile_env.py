"""The installed `trd` in awkward surroundings: closed and full outputs, readers that stop
early, odd homes, locales and terminals.  Real processes, real pipes and a real terminal
(a pseudo-terminal), as a user or a script runs it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from .conftest import FIXTURES, MINI, Shared

TRD = Path(sys.executable).with_name("trd")
HOSTILE = FIXTURES / "hostile.yaml"
ROOT = os.geteuid() == 0
TRACE = "Traceback"

pytestmark = pytest.mark.skipif(not TRD.exists(), reason="the trd console script is not installed")


def env(**extra: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR", "TTY_COMPATIBLE", "COLUMNS")
    }
    base["TRD_CATALOG"] = str(MINI)
    base.update(extra)
    return {k: v for k, v in base.items() if v is not None}


def shell(command: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run a bash command line with $TRD set to the installed program."""
    return subprocess.run(
        command,
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env={**env(**extra), "TRD": str(TRD)},
        timeout=120,
    )


def run(
    *args: str,
    cwd: Path | None = None,
    encoding: str = "utf-8",
    extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRD), *args],
        capture_output=True,
        encoding=encoding,
        cwd=cwd,
        env=env(**(extra or {})),
        timeout=60,
    )


def in_terminal(*args: str, columns: int = 80, extra: dict[str, str] | None = None) -> str:
    """stdout of trd writing to a pseudo-terminal ``columns`` wide (stdin is not one: no pager)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    with subprocess.Popen(
        [str(TRD), *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env(**(extra or {})),
    ) as proc:
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the program has exited and closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert proc.wait(timeout=60) == 0
        assert proc.stderr is not None and proc.stderr.read() == b""
    return b"".join(chunks).decode().replace("\r\n", "\n")


# --------------------------------------------------------------------------- where output goes


@pytest.mark.parametrize(
    "args",
    [
        "list --json",
        "list --format plain",
        "list --format yaml",
        "compare alpha-1 alpha-2 alpha-3",
        "sources",
    ],
)
def test_a_reader_that_takes_one_byte_and_leaves_ends_trd_quietly(args: str, big: Shared) -> None:
    result = shell(
        f'"$TRD" {args} | head -c 1; echo " exit=${{PIPESTATUS[0]}}"',
        TRD_CATALOG=str(big.path),
        XDG_CACHE_HOME=str(big.cache),
    )
    assert result.stderr == ""
    assert len(result.stdout) == 1 + len(" exit=0\n")
    assert result.stdout.endswith(" exit=0\n")


@pytest.mark.parametrize("args", ["list --json", "explain alpha"])
def test_a_full_disk_is_an_error_with_a_message(args: str) -> None:
    result = shell(f'"$TRD" {args} > /dev/full')
    assert result.returncode == 1
    assert result.stderr == "trd: cannot write output: No space left on device\n"


def test_a_closed_stdout_ends_quietly() -> None:
    result = shell('"$TRD" list --json >&-; echo "exit=$?"')
    assert result.stdout == "exit=0\n"
    assert result.stderr == ""


def test_a_closed_stderr_still_gives_the_exit_code() -> None:
    result = shell('"$TRD" explain nope 2>&-; echo "exit=$?"')
    assert result.stdout == "exit=2\n"


# --------------------------------------------------------------------------- home and directory


def test_no_home(tmp_path: Path) -> None:
    base = env()
    base.pop("HOME", None)
    base.pop("XDG_CACHE_HOME", None)
    result = subprocess.run(
        [str(TRD), "list", "--json"], capture_output=True, text=True, env=base, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)] == ["alpha", "beta"]


@pytest.mark.parametrize("home", ["file", "relative", "empty"])
def test_a_home_nothing_can_be_written_under(home: str, tmp_path: Path) -> None:
    value = {"file": str(tmp_path / "a-file"), "relative": "not/absolute", "empty": ""}[home]
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = run("explain", "alpha", cwd=tmp_path, extra={"HOME": value, "XDG_CACHE_HOME": value})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.skipif(ROOT, reason="root may write anywhere")
def test_a_read_only_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    try:
        result = run("explain", "alpha", extra={"HOME": str(home), "XDG_CACHE_HOME": ""})
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    finally:
        home.chmod(0o755)


@pytest.mark.skipif(ROOT, reason="root may read any directory")
def test_running_from_a_directory_without_read_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o000)
    try:
        result = run("list", "--json", cwd=locked)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr


def test_running_from_a_directory_that_was_deleted() -> None:
    result = shell('d=$(mktemp -d) && cd "$d" && rmdir "$d" && "$TRD" explain alpha --json')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "alpha"


# --------------------------------------------------------------------------- locales


@pytest.mark.parametrize(
    "locale",
    [{"LANG": "C", "LC_ALL": "C"}, {"LC_ALL": "POSIX"}, {"LANG": "C.UTF-8", "LC_ALL": ""}],
    ids=["C", "POSIX", "C.UTF-8"],
)
def test_the_c_locale(locale: dict[str, str]) -> None:
    result = run("explain", "alpha", "--json", extra={"TRD_CATALOG": str(HOSTILE), **locale})
    assert result.returncode == 0, result.stderr
    raw = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    assert json.loads(result.stdout)["name"] == raw["therapies"][0]["name"]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_unicode(encoding: str) -> None:
    """Output for people shows what cannot be written as <U+XXXX>; JSON stays exact."""
    unable = {"TRD_CATALOG": str(HOSTILE), "PYTHONIOENCODING": encoding}
    shown = run("explain", "alpha", encoding=encoding, extra=unable)
    assert shown.returncode == 0 and shown.stderr == ""
    assert "Alpha stimulation" in shown.stdout
    wrong = run("explain", "n\u00f6pe", encoding=encoding, extra=unable)
    assert wrong.returncode == 2 and TRACE not in wrong.stderr
    result = run("list", "--json", encoding=encoding, extra=unable)
    assert result.returncode == 0
    raw = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    assert [t["name"] for t in json.loads(result.stdout)] == [t["name"] for t in raw["therapies"]]


# --------------------------------------------------------------------------- terminals

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def test_a_colour_terminal_gets_colour() -> None:
    """The check the next tests rely on: on a real terminal, colour is used."""
    assert "\x1b[" in in_terminal("explain", "alpha", extra={"TERM": "xterm-256color"})


@pytest.mark.parametrize(
    "extra",
    [{"TERM": "dumb"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
    ids=["TERM=dumb", "NO_COLOR"],
)
def test_no_colour_where_it_is_not_wanted(extra: dict[str, str]) -> None:
    for args in (["list"], ["explain", "alpha"]):
        out = in_terminal(*args, extra=extra)
        assert "\x1b" not in out, args
        assert "not medical advice" in out


@pytest.mark.parametrize("args", [["list"], ["compare", "alpha", "beta"], ["explain", "alpha"]])
def test_a_terminal_20_columns_wide(args: list[str]) -> None:
    out = ESCAPE.sub("", in_terminal(*args, columns=20, extra={"TERM": "xterm-256color"}))
    assert out.strip()
    assert max(cell_len(line) for line in out.splitlines()) <= 20
