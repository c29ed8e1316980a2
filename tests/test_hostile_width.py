"""At any terminal width, 0 and 1 included, output for people carries the disclaimer and the
crisis contacts whole: a terminal that reports 0 columns, or a narrow one, gets text drawn 20
columns wide (the terminal wraps it), never one letter a line or nothing at all."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios

import pytest
import yaml

from .conftest import MINI
from .test_hostile_env import ESCAPE, env, in_terminal

RAW = yaml.safe_load(MINI.read_text(encoding="utf-8"))
DISCLAIMER = " ".join(RAW["disclaimer"].split())
CONTACTS = [c["contact"] for c in RAW["crisis_contacts"]]


def words(text: str) -> str:
    return " ".join(text.split())


WIDTHS = [0, 1, 2, 19]
COMMANDS = {
    "list": ["list"],
    "compare": ["compare", "alpha", "beta"],
    "explain": ["explain", "alpha"],
    "chart": ["chart", "onset", "alpha"],
}

# trd run once per entry of $TRD_TEST_RUNS in one interpreter, its standard output each time
# a pseudo-terminal of the width under test (the terminal's width is read afresh by every
# command): one process for every command and width instead of one each.
TERMINALS = """
import json, os, sys

from trd_cli.__main__ import main

for run in json.loads(os.environ["TRD_TEST_RUNS"]):
    sys.stdout.flush()
    saved = os.dup(1)
    tty = os.open(run["tty"], os.O_WRONLY | os.O_NOCTTY)
    os.dup2(tty, 1)
    os.close(tty)
    sys.argv = ["trd", *run["args"]]
    try:
        main()
    except SystemExit as stop:
        if stop.code not in (None, 0):
            raise
    sys.stdout.flush()
    os.dup2(saved, 1)
    os.close(saved)
"""


@pytest.fixture(scope="module")
def terminals() -> dict[tuple[str, int], str]:
    """What each command draws on a terminal of each width (ANSI colour removed)."""
    keys = [(name, columns) for name in COMMANDS for columns in WIDTHS]
    ends = {}
    for key in keys:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, key[1], 0, 0))
        ends[key] = (master, slave)
    runs = [{"tty": os.ttyname(ends[k][1]), "args": COMMANDS[k[0]]} for k in keys]
    chunks: dict[tuple[str, int], list[bytes]] = {key: [] for key in keys}
    by_fd = {ends[k][0]: k for k in keys}
    with subprocess.Popen(
        [sys.executable, "-c", TERMINALS],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,  # a pipe, as unseekable as the terminals it is swapped for
        stderr=subprocess.PIPE,
        env={**env(TERM="xterm-256color"), "TRD_TEST_RUNS": json.dumps(runs)},
    ) as proc:
        while proc.poll() is None or select.select(list(by_fd), [], [], 0)[0]:
            for fd in select.select(list(by_fd), [], [], 0.05)[0]:
                chunks[by_fd[fd]].append(os.read(fd, 65536))
        assert proc.stdout is not None and proc.stderr is not None
        assert (proc.wait(timeout=60), proc.stdout.read(), proc.stderr.read()) == (0, b"", b"")
    for master, slave in ends.values():
        os.close(slave)
        os.close(master)
    return {
        key: ESCAPE.sub("", b"".join(parts).decode().replace("\r\n", "\n"))
        for key, parts in chunks.items()
    }


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_any_width_shows_the_disclaimer_and_every_crisis_contact(
    terminals: dict[tuple[str, int], str], name: str, columns: int
) -> None:
    out = terminals[name, columns]
    assert DISCLAIMER in words(out)
    lines = [line.strip() for line in out.splitlines()]
    for contact in CONTACTS:  # each one that fits in 20 columns whole on one line, never cut
        assert contact in words(out)
        if len(contact) <= 20:
            assert any(contact in line for line in lines), (contact, out[-400:])
    drawn = max(len(line) for line in out.splitlines())
    assert drawn <= (80 if columns == 0 else 20)  # 0 columns: unknown, so 80 as for a pipe


def test_a_wide_terminal_keeps_the_contacts_on_one_line() -> None:
    out = ESCAPE.sub("", in_terminal("explain", "alpha", columns=200))
    assert re.search(r"If you are in crisis: United States: 988 · .*Anywhere", out)


@pytest.mark.parametrize("columns", ["0", "1", "-5", "abc", ""])
def test_columns_that_make_no_sense_are_not_a_width(columns: str) -> None:
    from trd_cli.render.terminal import MIN_WIDTH, width

    assert width({"COLUMNS": columns}) >= MIN_WIDTH == 20
