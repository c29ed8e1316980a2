"""HTML text shared by the page and the printed sheet: escaping (catalogue text is data, never
markup), links for citations and web addresses, and the opening of a document."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TextIO

from ..catalogue import phrases
from ..catalogue.model import CrisisContact

CITE = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)*)\]")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_NOT_REVIEWED = re.compile(re.escape(phrases.NOT_REVIEWED))


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def mark(escaped: str) -> str:
    return _NOT_REVIEWED.sub(lambda m: f'<span class="nr">{m[0]}</span>', escaped)


def link_citations(escaped: str, anchor: Callable[[str], str | None]) -> str:
    """Turn ``[a, b]`` into links where every id in it is a known source."""

    def repl(m: re.Match[str]) -> str:
        ids = m[1].split(", ")
        targets = [anchor(i) for i in ids]
        if any(t is None for t in targets):
            return m[0]
        links = ", ".join(f'<a href="#{t}">{i}</a>' for i, t in zip(ids, targets, strict=True))
        return f"[{links}]"

    return CITE.sub(repl, escaped)


def link_urls(escaped: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', escaped)


def lines_html(value: str, anchor: Callable[[str], str | None]) -> str:
    return "<br>".join(mark(link_citations(esc(line), anchor)) for line in value.split("\n"))


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
