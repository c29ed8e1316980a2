"""'Did you mean ...?': the one rule for suggesting a near name, used by every message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

LONGEST = 100
"""A longer word is cut before matching: no name is that long, and matching stays cheap."""


def close_matches(word: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """Up to ``n`` of ``choices`` near ``word``, nearest first."""
    cut = word if len(word) <= LONGEST else word[: LONGEST - 1] + "…"
    return difflib.get_close_matches(cut, list(choices), n=n, cutoff=0.6)


def did_you_mean(names: Sequence[str]) -> str:
    """' (did you mean 'a' or 'b'?)', or '' when there is nothing to suggest."""
    if not names:
        return ""
    quoted = " or ".join(f"'{name}'" for name in names)
    return f" (did you mean {quoted}?)"


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest of ``choices``, or ''."""
    return did_you_mean(close_matches(word, choices))
