"""`trd search` scores and snippets as people read them.

Written for mutants of explore/search.py that the rest of the suite let live
(docs/mutation.md): the exact score of a whole word, the start of a word and the inside of a
word; the weight of each kind of field; the snippet's cut at each of its edges; the fields an
entry holds after its review date.
"""

from __future__ import annotations

import dataclasses

import pytest

from trd_cli.catalogue.model import Contraindication, Glance, Short, Therapy
from trd_cli.cli.app import app
from trd_cli.explore import search

from .runner import CliRunner
from .test_search import BETA


def with_summary(text: str) -> Therapy:
    return dataclasses.replace(BETA, summary=text)


def only_hit(entry: Therapy, query: str, conditions: dict[str, str] | None = None) -> search.Hit:
    (result,) = search.search([entry], query, conditions)
    (hit,) = result.hits
    assert result.score == hit.score
    return hit


# --------------------------------------------------------------------------- scores


@pytest.mark.parametrize(
    ("summary", "score"),
    [
        ("zorb comes first here", 4 * 3.0),  # a whole word at the very start of the text
        ("it has a zorb in it", 4 * 3.0),  # a whole word in the middle
        ("it ends with zorb", 4 * 3.0),
        ("a zorbing start", 4 * 2.0),  # the start of a longer word
        ("a subzorb end", 4 * 1.0),  # the end of a longer word is inside it
        ("a subzorbing middle", 4 * 1.0),
    ],
)
def test_a_summary_word_scores_by_how_whole_the_match_is(summary: str, score: float) -> None:
    hit = only_hit(with_summary(summary), "zorb")
    assert hit.field == "summary"
    assert hit.score == score


def test_every_occurrence_in_a_field_is_highlighted_and_the_best_one_counts() -> None:
    hit = only_hit(with_summary("subzorb then zorb then zorbs"), "zorb")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["zorb", "zorb", "zorb"]
    assert hit.score == 4 * 3.0


@pytest.mark.parametrize(
    ("path", "weight"),
    [
        ("id", 8.0),
        ("name", 8.0),
        ("aliases[0]", 8.0),
        ("sources[alpha-trial].title", 1.0),
        ("summary", 4.0),
        ("category", 4.0),
        ("mechanism.text", 4.0),
        ("delivery.route", 4.0),
        ("side_effects.common[0].effect", 3.0),
        ("contraindications[0].text", 3.0),
        ("delivery.schedule.text", 2.0),
        ("glance.what.text", 2.0),
    ],
)
def test_each_kind_of_field_weighs_as_the_ranking_note_says(path: str, weight: float) -> None:
    # search's JSON gives score = weight x match quality; the note under the results orders
    # the kinds of field: name, summary, side effects and cautions, other details, sources.
    assert search.field_weight(path) == weight


def test_a_name_outranks_a_summary_which_outranks_a_source() -> None:
    named = dataclasses.replace(BETA, id="named", name="Zorb tablets")
    summed = dataclasses.replace(BETA, id="summed", name="Other", summary="About zorb.")
    (named_result,) = search.search([named], "zorb")
    (summed_result,) = search.search([summed], "zorb")
    assert named_result.hits[0].field == "name"
    assert named_result.score == 8 * 3.0
    assert summed_result.score == 4 * 3.0


# --------------------------------------------------------------------------- fields


def test_the_short_answers_after_the_review_date_are_searched() -> None:
    short = Short(text="A zorb in a line.", sources=())
    glance = Glance(
        what=short, how=None, time=None, common=None, serious=None, cost=None, daily_life=None
    )
    hit = only_hit(dataclasses.replace(BETA, glance=glance), "zorb")
    assert hit.field == "glance.what.text"
    assert hit.snippet == "A zorb in a line."


def test_a_condition_without_a_description_is_shown_as_its_id_alone() -> None:
    entry = dataclasses.replace(
        BETA,
        contraindications=(
            Contraindication(
                condition="zorb-disorder", strength="caution", text="Take care.", sources=()
            ),
        ),
    )
    hit = only_hit(entry, "zorb", conditions={})
    assert hit.field == "contraindications[0].condition"
    assert hit.snippet == "zorb-disorder"
    described = only_hit(entry, "zorb", conditions={"zorb-disorder": "Zorb trouble"})
    assert described.snippet == "zorb-disorder (Zorb trouble)"


# --------------------------------------------------------------------------- snippets


def snippet(text: str) -> tuple[str, list[str]]:
    hit = only_hit(with_summary(text), "needle")
    return hit.snippet, [hit.snippet[s:e] for s, e in hit.highlights]


def test_a_cut_before_the_match_starts_at_the_first_word_boundary_in_reach() -> None:
    text = "word " * 20 + "needle" + " filler" * 20
    assert snippet(text) == (
        "…word word word word word word word needle filler filler filler filler filler…",
        ["needle"],
    )


def test_a_long_unbroken_run_before_the_match_is_cut_where_it_must_be() -> None:
    text = "a" * 60 + "needle and more words to follow here, enough of them to cut"
    assert snippet(text) == (
        "…" + "a" * 40 + "needle and more words to follow here, enough…",
        ["needle"],
    )


def test_a_long_unbroken_run_after_the_match_is_cut_where_it_must_be() -> None:
    text = "lead needle" + "b" * 60 + " tail words here"
    assert snippet(text) == ("lead needle" + "b" * 40 + "…", ["needle"])


def test_text_within_twelve_characters_of_the_start_is_shown_whole() -> None:
    text = "w" * 11 + " " + "x" * 40 + "needle end"  # the window would start at 12
    assert snippet(text) == (text, ["needle"])
    text = "w" * 12 + " " + "x" * 40 + "needle end"  # ... at 13: cut
    assert snippet(text) == ("…" + "x" * 40 + "needle end", ["needle"])


def test_text_within_twelve_characters_of_the_end_is_shown_whole() -> None:
    text = "needle " + "y" * 39 + " " + "z" * 11  # the window would end 12 before the end
    assert snippet(text) == (text, ["needle"])
    text = "needle " + "y" * 39 + " " + "z" * 12  # ... 13 before: cut
    assert snippet(text) == ("needle…", ["needle"])


def test_a_second_match_outside_the_snippet_is_not_highlighted() -> None:
    text = "needle" + " filler" * 30 + " needle"
    assert snippet(text) == ("needle filler filler filler filler filler…", ["needle"])


@pytest.mark.parametrize(
    ("summary", "query", "marked"),
    [
        ("a zzz b", "zz", ["zzz"]),  # overlapping occurrences make one mark
        ("a zorbing b", "zorbing orb", ["zorbing"]),  # a word inside another: the outer one
        ("a zorbquux b", "zorb quux", ["zorb", "quux"]),  # touching words stay two marks
    ],
)
def test_highlights_join_overlapping_matches_only(
    summary: str, query: str, marked: list[str]
) -> None:
    hit = only_hit(with_summary(summary), query)
    assert [hit.snippet[s:e] for s, e in hit.highlights] == marked


def test_a_query_of_spaces_is_refused_in_whole_words() -> None:
    result = CliRunner().invoke(app, ["search", "  "])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "trd: give a word to search for, e.g. 'trd search seizure'\n"
