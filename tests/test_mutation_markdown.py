"""Markdown as a person pastes it into notes or an issue, whole.

Written for mutants of render/markdown.py that the rest of the suite let live (docs/mutation.md):
each kind of view is compared whole with the document a reader should get (headings, the
table's delimiter row, an empty cell, notes, sources with the options citing them, the footer,
the crisis contacts first when asked); catalogue text keeps its spaces and tabs, never starts a
list, and loses the carriage returns of Windows line ends.
"""

from __future__ import annotations

import dataclasses
import io

import pytest

from trd_cli.documents.views import RenderOptions, View
from trd_cli.render import markdown

from .render_views import CRISIS_FIRST, EMPTY, GRID, ONE_OPTION, RECORDS, SECTIONS

FOOT = (
    "\n---\n\n"
    "*Health information, not medical advice.*\n\n"
    "**If you are in crisis:**\n\n"
    "- United States: **988** — Suicide \\& Crisis Lifeline\n"
    "- United Kingdom: **116 123** — Samaritans\n"
)


def written(view: View) -> str:
    out = io.StringIO()
    markdown.render(view, out, RenderOptions())
    return out.getvalue()


def test_a_list_is_a_table_with_its_notes_and_footer() -> None:
    assert written(RECORDS) == (
        "# Options (2)\n\n"
        "| id | Name | Onset |\n"
        "| --- | --- | --- |\n"
        "| alpha | Alpha \\*one\\* | 1-2 weeks<br>or longer |\n"
        "| beta | Beta |   |\n"
        "\nFirst note.\n"
        "\nSecond note.\n" + FOOT
    )


def test_an_empty_list_says_so_and_keeps_its_notes() -> None:
    assert written(EMPTY) == "# Options (0)\n\nNothing matches.\n\nA note.\n" + FOOT


def test_crisis_contacts_come_first_when_the_request_touches_suicide() -> None:
    view = dataclasses.replace(EMPTY, footer=CRISIS_FIRST)
    assert written(view) == (
        "**If you are in crisis:** United States: **988** · United Kingdom: **116 123**\n\n"
        + written(EMPTY)
    )


def test_a_comparison_names_who_cites_each_source() -> None:
    assert written(GRID) == (
        "# Comparing Alpha · Beta\n\n"
        "| Question | Alpha \\[alpha\\] | Beta \\[beta\\] |\n"
        "| --- | --- | --- |\n"
        "| What is it? | A coil \\[s1\\]<br>Second line | A tablet \\[s2\\] |\n"
        "| Onset | not reviewed \\[s1, s2\\] | 2 weeks \\[s1, s2\\] |\n"
        "\nRates are people out of 100.\n"
        "\n## Sources\n\n"
        "- \\[s1\\] Doe J. A trial. 2018 (for alpha and beta)\n"
        "- \\[s2\\] Label (2020) (for beta)\n"
        "\nLast reviewed: 2026.\n" + FOOT
    )


def test_one_option_needs_no_for_after_its_sources() -> None:
    assert written(ONE_OPTION) == (
        "# Comparing Alpha\n\n"
        "| Question | Alpha \\[alpha\\] |\n"
        "| --- | --- |\n"
        "| What is it? | A coil \\[s1\\] |\n"
        "\n## Sources\n\n"
        "- \\[s1\\] Doe (2018)\n" + FOOT
    )


def test_an_explanation_is_headings_and_lists() -> None:
    assert written(SECTIONS) == (
        "# Alpha \\[alpha\\]\n"
        "\n*Reviewed 2026-01-02.*\n"
        "\n## Summary\n\n"
        "- A coil on the scalp \\[s1\\]\n"
        "- 1\\. Not a list\n"
        "\n## Sources\n\n"
        "- \\[s1\\] Doe J. https://example.org/trial.\n"
        "- \\[s2\\] Label\n"
        "- \\[s1\\] Again\n"
        "- \\[s9\\] Unknown\n" + FOOT
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("two  spaces\tand a tab", "two  spaces\tand a tab"),
        ("a line\nand the next", "a line and the next"),
        ("1. not a list", "1\\. not a list"),
        ("12) not a list", "12\\) not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("= not a heading", "\\= not a heading"),
        ("# not a heading", "\\# not a heading"),
        ("  - not a bullet after spaces", "\\- not a bullet after spaces"),
        ("   1. not a list after spaces", "1\\. not a list after spaces"),
        ("    not code", "not code"),
        (" 988 ", "988"),
    ],
)
def test_catalogue_text_reads_as_written_on_one_line(text: str, shown: str) -> None:
    assert markdown.escape(text) == shown


@pytest.mark.parametrize(
    "text", ["  - a", "   + a", "  1. a", "   2) a", "    a", "\t- a", "  = a", " > a", "  ---"]
)
@pytest.mark.parametrize("where", ["- {}", "{}", "# {}", "**{}**"])
def test_text_after_white_space_starts_no_list_code_or_quote(text: str, where: str) -> None:
    """As a list item, a paragraph (a note), a heading and in bold (a crisis contact), what a
    Markdown reader shows is the text, in that one block, never a list, code or a quote."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(where.format(markdown.escape(text)))
    assert rendered.count("<ul>") == where.startswith("- "), rendered
    assert "<li>\n" not in rendered, rendered  # nothing nested in the one list item
    for block in ("<ol", "<pre>", "<blockquote>", "<hr", "<h2"):
        assert block not in rendered, rendered
    assert text.strip().replace(">", "&gt;") in rendered, rendered


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Windows\r\nline ends", "Windows<br>line ends"),
        ("a\ttab", "a tab"),
        ("a | b", "a \\| b"),
        ("", " "),
    ],
)
def test_a_table_cell_stays_one_cell(text: str, shown: str) -> None:
    assert markdown.cell(text) == shown
