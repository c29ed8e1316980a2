"""At any terminal width, 0 and 1 included, output for people carries the disclaimer and the
crisis contacts whole: a terminal that reports 0 columns, or a narrow one, gets text drawn 20
columns wide (the terminal wraps it), never one letter a line or nothing at all."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import MINI
from .test_hostile_env import ESCAPE, in_terminal

RAW = yaml.safe_load(MINI.read_text(encoding="utf-8"))
DISCLAIMER = " ".join(RAW["disclaimer"].split())
CONTACTS = [c["contact"] for c in RAW["crisis_contacts"]]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("columns", [0, 1, 2, 19])
@pytest.mark.parametrize(
    "args",
    [["list"], ["compare", "alpha", "beta"], ["explain", "alpha"], ["chart", "onset", "alpha"]],
    ids=["list", "compare", "explain", "chart"],
)
def test_any_width_shows_the_disclaimer_and_every_crisis_contact(
    args: list[str], columns: int
) -> None:
    out = ESCAPE.sub("", in_terminal(*args, columns=columns, extra={"TERM": "xterm-256color"}))
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
