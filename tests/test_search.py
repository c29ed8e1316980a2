"""Full-text search: every text field, case- and accent-insensitive, ranked, with snippets."""

from __future__ import annotations

import dataclasses

import pytest

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Contraindication, Fact, Therapy
from trd_cli.explore import search
from trd_cli.explore.search import SearchError

from .conftest import MINI

CAT = load_catalogue(MINI)
ALPHA, BETA = CAT.therapies
CONDITIONS = {c.id: c.description for c in CAT.conditions}


def find(query: str, entries: list[Therapy] | None = None) -> list[search.Result]:
    return search.search(entries if entries is not None else list(CAT.therapies), query, CONDITIONS)


def fields(result: search.Result) -> list[str]:
    return [h.field for h in result.hits]


def test_fold_ignores_case_and_accents() -> None:
    assert search.fold("Électro-Convulsive ÄNÆSTHÉSIA") == "electro-convulsive anæsthesia"
    assert search.fold("Straße") == "strasse"


@pytest.mark.parametrize("query", ["alpha", "ALPHA", "Álpha", "alphá"])
def test_case_and_accents_do_not_matter(query: str) -> None:
    results = find(query)
    assert results and results[0].id == "alpha"


def test_accented_catalogue_text_is_found_by_plain_letters() -> None:
    accented = dataclasses.replace(
        BETA, mechanism=Fact(text="Acts on the glutamaté system (NMDA).", sources=())
    )
    (result,) = find("GLUTAMATE", [ALPHA, accented])
    assert result.id == "beta"
    (hit,) = result.hits
    assert hit.field == "mechanism.text"
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "glutamaté"


def test_hits_name_the_field_path() -> None:
    (result,) = find("seizure")
    assert result.id == "alpha"
    assert "side_effects.serious[0].effect" in fields(result)
    assert "contraindications[1].condition" in fields(result)
    assert "contraindications[1].text" in fields(result)


def test_sources_are_searched_and_labelled_by_their_id() -> None:
    (result,) = find("journal of tests")
    assert result.id == "alpha"
    assert fields(result)[0] == "sources[alpha-trial].venue"  # the whole phrase ranks first
    result = next(r for r in find("tests") if r.id == "alpha")
    assert "sources[alpha-trial].venue" in fields(result)


def test_condition_descriptions_make_plain_words_find_contraindications() -> None:
    (result,) = find("epilepsy")
    assert result.id == "alpha"
    assert fields(result) == ["contraindications[1].condition"]
    assert "Epilepsy or a history of seizures" in result.hits[0].snippet


def test_prefix_finds_longer_words() -> None:
    pregnant = dataclasses.replace(
        BETA,
        contraindications=(
            Contraindication(
                condition="pregnancy",
                strength="caution",
                text="Not studied in pregnancy.",
                sources=("beta-label",),
            ),
        ),
    )
    (result,) = find("pregnan", [ALPHA, pregnant])
    assert result.id == "beta"
    assert "contraindications[0].text" in fields(result)


def test_every_word_must_appear_somewhere_in_the_entry() -> None:
    (result,) = find("headache sham")
    assert result.id == "alpha"
    assert find("headache tablet") == []
    assert find("zzzz-no-such-word") == []


def test_name_matches_rank_above_source_only_matches() -> None:
    named = dataclasses.replace(BETA, name="Beta zorbital tablets")
    cited = dataclasses.replace(
        ALPHA,
        sources=tuple(
            dataclasses.replace(s, title="A zorbital study") if s.id == "alpha-trial" else s
            for s in ALPHA.sources
        ),
    )
    results = find("zorbital", [cited, named])
    assert [r.id for r in results] == ["beta", "alpha"]
    assert results[0].score > results[1].score


def test_whole_word_ranks_above_a_match_inside_a_word() -> None:
    inside = dataclasses.replace(BETA, summary="Contains the word subtest inside.")
    whole = dataclasses.replace(ALPHA, summary="Contains the test word whole.")
    results = find("test", [inside, whole])
    assert results[0].id == "alpha"


def test_snippet_is_short_and_marks_what_was_cut() -> None:
    long_text = "word " * 60 + "needle" + " filler" * 60
    entry = dataclasses.replace(BETA, summary=long_text)
    (result,) = find("needle", [entry])
    hit = result.hits[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 2 * search.SNIPPET_RADIUS + len("needle") + 2
    assert len(hit.snippet) < len(long_text) / 3
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "needle"


def test_snippet_collapses_line_breaks() -> None:
    entry = dataclasses.replace(BETA, summary="First line\n\n  second   line with target")
    (result,) = find("target", [entry])
    assert result.hits[0].snippet == "First line second line with target"


def test_highlights_cover_every_word_in_the_snippet() -> None:
    (result,) = find("invented trial")
    hit = next(h for h in result.hits if h.field == "sources[alpha-trial].title")
    marked = [hit.snippet[s:e].lower() for s, e in hit.highlights]
    assert marked == ["invented", "trial"]


def test_not_reviewed_reasons_and_dates_are_not_searched() -> None:
    # beta's mechanism is {not_reviewed: "Unknown."}; last_reviewed is 2026-01-02
    assert find("unknown") == []
    assert find("2026-01-02") == []


def test_results_are_ranked_best_first_with_ties_by_name() -> None:
    results = find("invented")
    assert {r.id for r in results} == {"alpha", "beta"}
    keys = [(-r.score, r.name.casefold()) for r in results]
    assert keys == sorted(keys)
    for r in results:
        weights = [h.score for h in r.hits]
        assert weights == sorted(weights, reverse=True)


@pytest.mark.parametrize("query", ["", "   ", "\t", "\u200b", "\u00ad \u2060", "\ufeff\U000e0041"])
def test_empty_query_is_refused(query: str) -> None:
    with pytest.raises(SearchError, match="give a word to search for"):
        find(query)


@pytest.mark.parametrize("query", ["al\u200bpha", "alp\u00adha", "\ufeffalpha", "alpha\u2060"])
def test_characters_that_show_nothing_never_stop_a_match(query: str) -> None:
    """Text pasted from a web page or a PDF holds soft hyphens and zero-width spaces: search
    drops them as lookup does (``textsafe.hidden``), in the query and in the catalogue."""
    results = find(query)
    assert results and results[0].id == "alpha"
    hyphenated = dataclasses.replace(ALPHA, name="Alpha stim\u00adu\u200blation")
    assert [r.id for r in find("stimulation", [hyphenated])] == ["alpha"]
