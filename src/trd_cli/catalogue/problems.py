"""How a catalogue's problems are found, shown and raised.

Every check reports a ``Problem`` (file, line, field path, message); a file with any is refused
with one ``CatalogueError`` that lists them all, in line order, up to ``MAX_PROBLEMS``.
Catalogue values quoted in a message are cut (``clip``) and repr-quoted (``shown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .textsafe import shown_path

MAX_PROBLEMS = 200
SHOWN_CHARS = 80
"""Longest catalogue value quoted whole in a message; longer ones are cut with '…'."""


@dataclass(frozen=True)
class Problem:
    """One finding.  ``str()`` is the one line shown to people, made inert (see textsafe.py),
    with any line break in it shown as ``\\n``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        file = shown_path(self.file)
        where = f"{file}:{self.line}" if self.line else file
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return shown_path(text)  # one line: a value's line break cannot forge a second


class CatalogueError(Exception):
    """The catalogue could not be read or is invalid; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def of_file(cls, file: str, message: str, line: int = 0) -> CatalogueError:
        """The error for one problem with the file as a whole (or one line of it)."""
        return cls([Problem(file, line, "", message)])


class StopChecking(Exception):
    """Reading or checking cannot usefully go on (too deep, too big, too many problems)."""


class _Invalid:
    pass


INVALID: Any = _Invalid()
"""What a value that failed its check is converted to; its problem has been reported."""


def clip(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters with '…', for quoting catalogue values."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: str) -> str:
    """A catalogue value quoted in a message: repr-quoted (control characters escaped), cut."""
    return repr(clip(value))


def number(value: float) -> str:
    """A number as a message shows it: whole numbers without '.0', long ones cut."""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return clip(text, 20)


def raise_problems(problems: list[Problem], file: str) -> None:
    """Raise ``CatalogueError`` with ``problems`` in line order, if there are any."""
    if not problems:
        return
    found = sorted(set(problems), key=lambda p: (p.line, p.field, p.message))
    if len(found) > MAX_PROBLEMS:
        found = [
            *found[:MAX_PROBLEMS],
            Problem(file, 0, "", f"checking stopped after {MAX_PROBLEMS} problems"),
        ]
    raise CatalogueError(found)
