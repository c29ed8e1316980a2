"""HTML text shared by the page and the printed sheet: escaping (catalogue text is data, never
markup), links for citations and web addresses, and the opening of a document."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TextIO

from ..catalogue import phrases
from ..catalogue.model import CrisisContact

_IDS = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)*"
CITE = re.compile(rf"\[({_IDS})\]")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_NOT_REVIEWED = re.compile(re.escape(phrases.NOT_REVIEWED))


def esc(value: str) -> str:
    return html.escape(value, quote=True)


_TOKEN = re.compile(
    rf"(?P<url>{_URL.pattern})|\[(?P<cite>{_IDS})\]|(?P<nr>{_NOT_REVIEWED.pattern})"
)


def linked(
    value: str,
    anchor: Callable[[str], str | None] | None = None,
    *,
    urls: bool = True,
    marks: bool = True,
) -> str:
    """Catalogue text as HTML: escaped, with web addresses as links (``urls``), ``[a, b]`` as
    links to the sources where ``anchor`` knows every id, and "not reviewed" marked (``marks``).

    The text is cut into those pieces first and each piece is escaped on its own, so a link is
    found in the text as written (never in its escapes: ``"https://a.org/x"`` links
    ``https://a.org/x``, not ``https://a.org/x&quot``) and nothing is found inside a link (a
    ``[id]`` or "not reviewed" within an address stays part of the address)."""
    parts: list[str] = []
    end = 0
    for m in _TOKEN.finditer(value):
        parts.append(esc(value[end : m.start()]))
        end = m.end()
        text = esc(m[0])
        if m["url"] is not None and urls:
            parts.append(f'<a href="{text}">{text}</a>')
        elif m["cite"] is not None and anchor is not None:
            ids = m["cite"].split(", ")
            targets = [anchor(i) for i in ids]
            if any(t is None for t in targets):
                parts.append(text)
            else:
                pairs = zip(ids, targets, strict=True)
                links = (f'<a href="#{esc(str(t))}">{esc(i)}</a>' for i, t in pairs)
                parts.append(f"[{', '.join(links)}]")
        elif m["nr"] is not None and marks:
            parts.append(f'<span class="nr">{text}</span>')
        else:
            parts.append(text)
    parts.append(esc(value[end:]))
    return "".join(parts)


def lines_html(value: str, anchor: Callable[[str], str | None]) -> str:
    return "<br>".join(linked(line, anchor, urls=False) for line in value.split("\n"))


def no_anchor(_: str) -> str | None:
    return None


def head(out: TextIO, title: str, style: str) -> None:
    """The document up to ``<body>``: its title and inline styles."""
    out.write("<!DOCTYPE html>\n")
    out.write('<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n")


def crisis_items(contacts: Sequence[CrisisContact]) -> str:
    """The crisis contacts as list items: region, contact (strong) and who answers."""
    return "".join(
        f"<li>{esc(c.region)}: <strong>{esc(c.contact)}</strong> — {esc(c.description)}</li>\n"
        for c in contacts
    )
