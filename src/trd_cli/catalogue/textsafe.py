"""Make catalogue text inert for people: nothing in it can move the cursor, change colours,
reorder or hide text on a terminal or in a page.

The catalogue is data edited by hand, and ids typed on a command line are echoed in messages.
Before any of it is shown to a person (tables, plain text, Markdown, HTML, messages on stderr,
shell completion) it goes through :func:`inert`.  It is applied where every path for people
passes, not in each renderer: ``cli.show`` makes the whole view inert for the table, plain,
Markdown and HTML renderers; commands that draw from the model directly (``about``,
``sources``, ``chart``, ``--version``) pass it :func:`inert_all` copies; ``cli.fail``, usage
messages and ``catalog.Problem`` make messages inert.  Data formats (JSON, YAML, CSV) are
written exactly as the catalogue holds them.

The rule, character by character:

* Printable characters of every script, emoji, combining marks, spaces and line breaks
  (``\\n``) are shown as written.
* A tab becomes one space; ``\\r\\n`` becomes ``\\n``.
* Other C0 control characters, DEL and the C1 controls (U+0080-U+009F), which include ESC and
  every ANSI escape sequence, are shown as Python-style escapes: ESC is ``\\x1b``, a lone
  carriage return is ``\\r``.  ``"\\x1b[31mred"`` prints as the 11 characters ``\\x1b[31mred``.
* Invisible format characters, which can reorder text or hide it, are shown as ``<U+XXXX>``:
  bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), zero-width spaces and
  joiners, the byte order mark, soft hyphens, line and paragraph separators, Unicode tag
  characters, surrogates, and letters that draw as blank space (Hangul fillers, the blank
  Braille pattern).  Two uses that text needs are kept: a zero-width joiner inside an emoji
  sequence or between letters of a script that is not Latin, Greek or Cyrillic, and the tag
  characters of a flag emoji such as England's.
* More than 8 combining marks on one character ("Zalgo" text, which paints over the lines
  around it): the 9th and later are shown as ``<U+XXXX>``.

The result holds no character that :func:`inert` would change, so applying it twice changes
nothing.

JSON stays exact: :func:`json_escapes` writes the same characters (controls, format
characters, separators, blank letters) as ``\\uXXXX`` escapes, which a JSON reader turns back
into exactly the text the catalogue holds, while the raw output stays harmless when it lands
on a terminal.  Standard library only.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")

MAX_MARKS = 8
"""Combining marks kept on one base character; later ones are shown as escapes."""

_HIDDEN_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cs"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_IGNORABLE = re.compile(  # the marks and reserved code points Unicode calls default-ignorable
    "[\u034f\u17b4\u17b5\u180b-\u180f\u2065\ufe00-\ufe0f\ufff0-\ufff8\U000e0000-\U000e0fff]"
)
_JOINERS = frozenset("\u200c\u200d")
_EMOJI_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_SHOWS_ASCII = re.compile("[!-~]")


def hidden(ch: str) -> bool:
    """Whether ``ch`` shows nothing by itself: every format character (Unicode category Cf:
    zero-width spaces and joiners, bidirectional controls, the byte order mark, soft hyphens,
    tag characters), line and paragraph separators (Zl, Zp), surrogates (Cs), the letters
    drawn as blank space (Hangul fillers, the blank Braille pattern), and the marks and
    reserved code points Unicode names default-ignorable (variation selectors, the combining
    grapheme joiner, Mongolian free variation selectors, Khmer inherent vowels).

    The one definition: names match without these characters (``vocabulary.name_key``),
    ``trd validate`` warns of them in names and refuses text made of nothing else, and
    output for people shows them as ``<U+XXXX>`` (marks excepted: they are kept, since
    emoji need their variation selectors)."""
    cat = unicodedata.category(ch)
    return (
        cat in _HIDDEN_CATEGORIES
        or ch in _BLANK_LETTERS
        or (cat in ("Mn", "Cn") and _IGNORABLE.match(ch) is not None)
    )


def without_hidden(text: str) -> str:
    """``text`` without the characters :func:`hidden` names."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if not hidden(ch))


def shows_text(text: str) -> bool:
    """Whether ``text`` shows something: a letter, digit, punctuation mark or symbol that is
    not :func:`hidden`.  Spaces, controls, combining marks and invisible characters alone
    show nothing (a disclaimer made of them would be blank)."""
    if _SHOWS_ASCII.search(text):
        return True
    return any(unicodedata.category(ch)[0] in "LNPS" and not hidden(ch) for ch in text)


# Characters JSON output writes as escapes: DEL and C1 controls (JSON escapes C0 already), and
# every character :func:`hidden` names that is not a mark.  Written out for speed; a test
# checks it against :func:`hidden` code point by code point (unassigned ones may be added).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ud800-\udfff\ufeff"
    "\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def inert(text: str) -> str:
    """``text`` with every character that could act on a terminal made visible (see above)."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return text
    return _slow(text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\r":
        return "\\r"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def _keep_joiner(text: str, i: int) -> bool:
    """A zero-width (non-)joiner that shapes an emoji sequence or a non-Latin script."""
    if i == 0 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    if text[i] == "\u200d":
        cat_b, cat_a = unicodedata.category(before), unicodedata.category(after)
        if (cat_b == "So" or before == "\ufe0f" or 0x1F3FB <= ord(before) <= 0x1F3FF) and (
            cat_a == "So"
        ):
            return True
    return all(
        ord(c) >= 0x0590 and unicodedata.category(c)[0] in "LM" and c not in _BLANK_LETTERS
        for c in (before, after)
    )


def _slow(text: str) -> str:
    text = text.replace("\r\n", "\n")
    keep = [False] * len(text)
    for match in _EMOJI_FLAG.finditer(text):
        for i in range(match.start(), match.end()):
            keep[i] = True
    out: list[str] = []
    marks = 0
    for i, ch in enumerate(text):
        if keep[i]:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "M":
            marks += 1
            out.append(ch if marks <= MAX_MARKS else _escape(ch))
            continue
        marks = 0
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif cat == "Cf" and ch in _JOINERS:
            out.append(ch if _keep_joiner(text, i) else _escape(ch))
        elif cat == "Cc" or hidden(ch):
            out.append(_escape(ch))
        else:
            out.append(ch)
    return "".join(out)


def shown_path(path: object) -> str:
    """A file name or path as shown to people: :func:`inert`, and a line break in it escaped
    as ``\\n`` too, so a name can never start a line of its own (a forged message)."""
    return inert(str(path)).replace("\n", "\\n")


def escape_unencodable(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: a character the output's encoding cannot write is shown as
    ``<U+XXXX>``, as :func:`inert` shows invisible ones, so output in a narrow locale stays
    exact instead of holding '?' (registered as ``trd-escape`` by the command line)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    shown = "".join(f"<U+{ord(ch):04X}>" for ch in exc.object[exc.start : exc.end])
    return shown, exc.end


def json_escapes(text: str) -> str:
    """JSON text with every character that could act on a terminal written as ``\\uXXXX``.

    Only for text produced by ``json.dumps``: there such characters can only stand inside
    strings, where an escape means the same character, so the document decodes unchanged.
    """
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the only way JSON escapes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def inert_all(value: T) -> T:
    """A copy of ``value`` with :func:`inert` applied to every string inside it.

    Walks strings, lists, tuples, dicts (keys and values) and dataclass instances, so a whole
    view or model object can be made safe for people in one call.  Other values are returned
    as they are.
    """
    return _walk(value)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, tuple):
        items = tuple(_walk(v) for v in value)
        if hasattr(value, "_fields"):  # a named tuple
            return type(value)(*items)
        return items
    if isinstance(value, list):
        return [_walk(v) for v in value]
    if isinstance(value, Mapping):
        return {_walk(k): _walk(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value
