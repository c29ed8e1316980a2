"""GitHub-flavoured Markdown: tables, headings and lists, to paste into notes or an issue.

Catalogue text is data: every character Markdown could read as syntax (``\\ ` * _ [ ] < > |
# ~ & $``) is escaped with a backslash, and a line break in a table cell becomes ``<br>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from ..documents.views import Footer, GridView, RecordsView, RenderOptions, SectionsView, View

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape(value: str) -> str:
    """Text that Markdown shows exactly as written, on one line (also at a line's start).

    White space at either end is dropped: Markdown shows none there, and before a ``-`` or
    ``1.`` it would start a list (four spaces, a code block) and after ``**`` end the bold."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(value.split("\n")).strip())
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def cell(value: str) -> str:
    """A table cell: escaped, line breaks kept as ``<br>``, never empty."""
    lines = [_SPECIAL.sub(r"\\\1", line) for line in value.split("\n")]
    return "<br>".join(lines).replace("\r", "").replace("\t", " ") or " "


def table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    out.write("| " + " | ".join(cell(h) for h in header) + " |\n")
    out.write("|" + "|".join(" --- " for _ in header) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(cell(c) for c in row) + " |\n")


def footer(out: TextIO, foot: Footer) -> None:
    out.write("\n---\n\n")
    out.write(f"*{escape(foot.disclaimer)}*\n\n")
    out.write("**If you are in crisis:**\n\n")
    for c in foot.crisis_contacts:
        out.write(f"- {escape(c.region)}: **{escape(c.contact)}** — {escape(c.description)}\n")


def crisis_first(out: TextIO, foot: Footer) -> None:
    """The crisis contacts before anything else, when the request touches suicide."""
    if foot.crisis_first:
        contacts = " · ".join(
            f"{escape(c.region)}: **{escape(c.contact)}**" for c in foot.crisis_contacts
        )
        out.write(f"**If you are in crisis:** {contacts}\n\n")


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    crisis_first(out, view.footer)
    if isinstance(view, RecordsView):
        out.write(f"# {escape(view.title)}\n\n")
        if view.rows:
            table(out, [c.label for c in view.columns], view.rows)
        else:
            out.write(escape(view.empty) + "\n")
        for note in view.notes:
            out.write(f"\n{escape(note)}\n")
    elif isinstance(view, GridView):
        out.write(f"# {escape(view.title)}\n\n")
        table(
            out,
            ["Question", *(o.heading for o in view.options)],
            [[question, *cells] for question, cells in view.rows],
        )
        if view.caption:
            out.write(f"\n{escape(view.caption)}\n")
        out.write("\n## Sources\n\n")
        for citation in view.sources:
            line = escape(citation.text)
            if citation.full:  # a short label ("[1] Berlim MT et al. (2014)"): the whole of it
                line = escape(f"[{citation.id}] {citation.full}")
            if len(view.options) > 1:
                line += f" (for {escape(' and '.join(citation.cited_by))})"
            out.write(f"- {line}\n")
        for note in view.notes:
            out.write(f"\n{escape(note)}\n")
    elif isinstance(view, SectionsView):
        out.write(f"# {escape(view.title)}\n")
        if view.subtitle:
            out.write(f"\n*{escape(view.subtitle)}*\n")
        for section in view.sections:
            out.write(f"\n## {escape(section.title)}\n\n")
            for line in section.lines:
                out.write(f"- {escape(line)}\n")
    else:  # pragma: no cover - every view kind is handled above
        raise TypeError(f"no Markdown rendering for {type(view).__name__}")
    footer(out, view.footer)
