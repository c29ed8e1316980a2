"""Full-text search over every text field of every entry, sources included.

Matching ignores case and accents ("Électro" finds "electro" and the other way round).  Every
word of the query must occur somewhere in an entry for the entry to match; a word may match
the start of a longer word ("pregnan" finds "pregnancy").  Each hit names the field it is in
(``side_effects.serious[0].effect``, ``sources[transform2].title``) and carries a short
snippet with the matched words' positions, for renderers to highlight.

Ranking is by a simple, stable score: a field's weight (names over summaries over details over
sources) times how well each word matched (whole word, start of a word, inside a word), with a
bonus when the words occur together as typed.  Ties are broken by name.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalogue.model import Contraindication, Therapy
from ..catalogue.textsafe import hidden

SNIPPET_RADIUS = 40
SNIPPET_SLACK = 12  # text this close to either end is shown whole
SKIPPED_FIELDS = frozenset({"not_reviewed", "last_reviewed", "label_review"})

# Field weights: what a person most likely means when a word appears there.
NAME_WEIGHT = 8.0
SUMMARY_WEIGHT = 4.0
SAFETY_WEIGHT = 3.0
DETAIL_WEIGHT = 2.0
SOURCE_WEIGHT = 1.0

WHOLE_WORD = 3.0
WORD_START = 2.0
INSIDE_WORD = 1.0
PHRASE_BONUS = 2.0


class SearchError(ValueError):
    """A query that cannot be searched for (empty)."""


@dataclass(frozen=True)
class Hit:
    """Where a search matched in one field: a snippet with the matched spans, and a score."""

    field: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) offsets into ``snippet``
    score: float


@dataclass(frozen=True)
class Result:
    """One option that matched every word, with its hits and total score."""

    id: str
    name: str
    score: float
    hits: tuple[Hit, ...]


# --------------------------------------------------------------------------- folding


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if hidden(ch):  # shows nothing: a soft hyphen or a zero-width space never stops a match
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Text without case or accents, for comparing."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Folded text and, for each folded character, the index of the original it came from."""
    if text.isascii():  # most catalogue text: one character stays one character
        return text.lower(), range(len(text))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def terms(query: str) -> tuple[str, ...]:
    words = tuple(dict.fromkeys(w for w in fold(query).split() if w))
    if not words:
        raise SearchError("give a word to search for, e.g. 'trd search seizure'")
    return words


# --------------------------------------------------------------------------- fields


def _label(item: Any, index: int) -> str:
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) and ident else str(index)


def _walk(value: Any, path: str, conditions: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{_label(item, i)}]", conditions)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name in SKIPPED_FIELDS:
                continue
            child = getattr(value, f.name)
            sub = f"{path}.{f.name}" if path else f.name
            if isinstance(value, Contraindication) and f.name == "condition":
                described = conditions.get(child)
                yield sub, f"{child} ({described})" if described else child
            else:
                yield from _walk(child, sub, conditions)


def text_fields(
    entry: Therapy, conditions: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Every text value of an entry as (field path, text), whitespace collapsed.

    A contraindication's condition id is searched together with its plain description from
    the catalogue's vocabulary, so 'epilepsy' finds 'seizure-disorder'.
    """
    return [
        (path, " ".join(text.split()))
        for path, text in _walk(entry, "", conditions or {})
        if text.strip()
    ]


def field_weight(path: str) -> float:
    if path in ("id", "name") or path.startswith("aliases["):
        return NAME_WEIGHT
    if path.startswith("sources["):
        return SOURCE_WEIGHT
    if path in ("summary", "category", "mechanism.text", "delivery.route"):
        return SUMMARY_WEIGHT
    if path.startswith(("side_effects.", "contraindications[")):
        return SAFETY_WEIGHT
    return DETAIL_WEIGHT


# --------------------------------------------------------------------------- matching


def _occurrences(folded: str, term: str) -> Iterator[tuple[int, float]]:
    start = folded.find(term)
    while start != -1:
        end = start + len(term)
        at_start = start == 0 or not folded[start - 1].isalnum()
        at_end = end == len(folded) or not folded[end].isalnum()
        quality = WHOLE_WORD if at_start and at_end else WORD_START if at_start else INSIDE_WORD
        yield start, quality
        start = folded.find(term, start + 1)


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first span, with the spans inside it re-based."""
    first_start, first_end = spans[0]
    lo = max(0, first_start - SNIPPET_RADIUS)
    hi = min(len(text), first_end + SNIPPET_RADIUS)
    if lo <= SNIPPET_SLACK:
        lo = 0  # not worth an ellipsis
    if len(text) - hi <= SNIPPET_SLACK:
        hi = len(text)
    if lo > 0:
        space = text.find(" ", lo, first_start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", first_end, hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    snippet = prefix + text[lo:hi] + suffix
    shift = len(prefix) - lo
    inside = tuple((s + shift, e + shift) for s, e in sorted(spans) if s >= lo and e <= hi)
    return snippet, inside


def _match_field(path: str, text: str, words: Sequence[str]) -> tuple[Hit | None, set[str]]:
    folded, where = fold_with_map(text)
    found: set[str] = set()
    spans: list[tuple[int, int]] = []
    quality = 0.0
    for word in words:
        best = 0.0
        for start, q in _occurrences(folded, word):
            best = max(best, q)
            spans.append((where[start], where[start + len(word) - 1] + 1))
        if best:
            found.add(word)
            quality += best
    if not found:
        return None, found
    if len(words) > 1 and " ".join(words) in " ".join(folded.split()):
        quality += PHRASE_BONUS * len(words)
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    snippet, highlights = _snippet(text, merged)
    return Hit(path, snippet, highlights, field_weight(path) * quality), found


def search_entry(
    entry: Therapy, words: Sequence[str], conditions: Mapping[str, str] | None = None
) -> Result | None:
    hits: list[Hit] = []
    found: set[str] = set()
    for path, text in text_fields(entry, conditions):
        hit, words_here = _match_field(path, text, words)
        if hit is not None:
            hits.append(hit)
            found |= words_here
    if found != set(words):
        return None
    order = {hit.field: i for i, hit in enumerate(hits)}
    hits.sort(key=lambda h: (-h.score, order[h.field]))
    return Result(entry.id, entry.name, sum(h.score for h in hits), tuple(hits))


def search(
    entries: Sequence[Therapy], query: str, conditions: Mapping[str, str] | None = None
) -> list[Result]:
    """Entries matching every word of ``query``, best first (ties by name)."""
    words = terms(query)
    results = [r for e in entries if (r := search_entry(e, words, conditions)) is not None]
    return sorted(results, key=lambda r: (-r.score, r.name.casefold(), r.id))
