"""Catalogue validation as an author meets it: tests written for mutants of the loader's checks
(ids, ranges, onsets, sources, conditions, classes, headlines, duplicates, freshness) that the
rest of the suite let live (docs/mutation.md).

Each problem is compared whole, with its line: where a mapping spans several lines, the line
is the one of the field at fault, not the one the mapping starts on.
"""

from __future__ import annotations

import pytest

from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.model import Catalogue
from trd_cli.catalogue.problems import CatalogueError

from .conftest import MINI
from .test_class_rules import CLASSES

TEXT = MINI.read_text(encoding="utf-8")


def edited(*edits: tuple[str, str], text: str = TEXT) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line(text: str, snippet: str, nth: int = 1) -> int:
    """The line (from 1) holding the ``nth`` occurrence of ``snippet``."""
    at = -1
    for _ in range(nth):
        at = text.index(snippet, at + 1)
    return text.count("\n", 0, at) + 1


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


def loads(text: str) -> Catalogue:
    return parse_catalogue(text, "cat.yaml")


# -- ids -------------------------------------------------------------------------------------


def test_a_condition_id_that_is_not_a_slug_is_reported_at_its_own_line() -> None:
    text = edited(
        (
            '  - {id: breastfeeding, description: "Breastfeeding"}\n',
            "  - description: Breastfeeding\n    id: Breast_Feeding\n",
        )
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'id: Breast_Feeding')}: conditions[Breast_Feeding].id: "
        "'Breast_Feeding' is not a lowercase slug (letters, digits, hyphens)"
    ]


def test_a_source_cited_twice_by_id_is_reported_at_the_second() -> None:
    text = edited(
        (
            '      - {id: beta-label, kind: label, year: 2020, title: "An invented label"}\n',
            '      - {id: beta-label, kind: label, year: 2020, title: "An invented label"}\n'
            '      - {id: beta-label, kind: label, year: 2021, title: "Again"}\n',
        )
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'Again')}: therapies[beta].sources[beta-label].id: "
        "duplicate source id 'beta-label'"
    ]


def test_a_condition_given_three_times_names_the_first_each_time() -> None:
    text = edited(
        (
            '  - {id: breastfeeding, description: "Breastfeeding"}\n',
            '  - {id: breastfeeding, description: "Breastfeeding"}\n'
            '  - {id: breastfeeding, description: "Again"}\n'
            '  - {id: breastfeeding, description: "And again"}\n',
        )
    )
    first = line(text, "id: breastfeeding")
    assert problems(text) == [
        f"cat.yaml:{first + 1}: conditions[breastfeeding]: duplicate condition id "
        f"(first given at line {first})",
        f"cat.yaml:{first + 2}: conditions[breastfeeding]: duplicate condition id "
        f"(first given at line {first})",
    ]


def test_a_class_given_three_times_names_the_first_each_time() -> None:
    rule = '      - {condition: seizure-disorder, strength: contraindicated, text: "X."}\n'
    again = "  - id: raises-x\n    name: Again\n    warning: Again.\n    screening:\n" + rule
    text = TEXT.replace(
        "therapies:\n", CLASSES.replace("therapies:\n", again + again + "therapies:\n"), 1
    )
    first = line(text, "id: raises-x")
    second, third = line(text, "id: raises-x", 2), line(text, "id: raises-x", 3)
    assert problems(text) == [
        f"cat.yaml:{second}: classes[raises-x]: duplicate class id (first given at line {first})",
        f"cat.yaml:{third}: classes[raises-x]: duplicate class id (first given at line {first})",
    ]


# -- numbers and onsets ------------------------------------------------------------------------


def test_every_range_holds_its_highest_value() -> None:
    cat = loads(
        edited(
            (
                '{effect: "Headache", rate: 30, comparator_rate: 15,',
                '{effect: "Headache", rate: 100, comparator_rate: 0,',
            ),
            (
                '    onset: {not_reviewed: "No sourced onset."}\n',
                "    onset: {text: Slow, min: 3653, max: 3653, unit: days, sources: [beta-label]}\n",
            ),
        )
    )
    headache = cat.therapies[0].side_effects.common[0]
    assert (headache.rate, headache.comparator_rate) == (100, 0)
    onset = cat.therapies[1].onset
    assert onset is not None and (onset.min, onset.max) == (3653, 3653)


BLOCK_ONSET = (
    "    onset:\n"
    "      text: Within days\n"
    "      min: {min}\n"
    "      max: {max}\n"
    "      unit: {unit}\n"
    "      sources: [beta-label]\n"
)


def with_onset(low: int, high: int, unit: str = "days") -> str:
    return edited(
        (
            '    onset: {not_reviewed: "No sourced onset."}\n',
            BLOCK_ONSET.format(min=low, max=high, unit=unit),
        )
    )


def test_an_onset_that_ends_before_it_starts_is_reported_at_its_max() -> None:
    text = with_onset(5, 3)
    assert problems(text) == [
        f"cat.yaml:{line(text, 'max: 3')}: therapies[beta].onset.max: "
        "onset range 5-3 is not min <= max"
    ]


def test_an_onset_may_start_and_end_on_the_same_day() -> None:
    onset = loads(with_onset(4, 4)).therapies[1].onset
    assert onset is not None and (onset.min, onset.max) == (4, 4)


def test_an_onset_longer_than_ten_years_is_reported_at_its_max() -> None:
    text = with_onset(1, 523, "weeks")  # 3661 days
    assert problems(text) == [
        f"cat.yaml:{line(text, 'max: 523')}: therapies[beta].onset.max: "
        "523 weeks is not a plausible onset (at most 3,653 days, 10 years)"
    ]


def test_an_onset_of_exactly_ten_years_is_allowed() -> None:
    onset = loads(with_onset(1, 3653)).therapies[1].onset
    assert onset is not None and onset.max_days == 3653


# -- what every catalogue and source must give ---------------------------------------------


def test_a_catalogue_without_crisis_contacts_is_refused_at_that_key() -> None:
    start = TEXT.index("crisis_contacts:\n")
    end = TEXT.index("conditions:\n")
    text = TEXT[:start] + "crisis_contacts: []\n" + TEXT[end:]
    assert problems(text) == [
        f"cat.yaml:{line(text, 'crisis_contacts: []')}: crisis_contacts: must list at least one "
        "crisis contact; they are shown wherever a person reads"
    ]


BLOCK_SOURCE = (
    "      - id: beta-label\n"
    "        kind: label\n"
    "        year: null\n"
    '        title: "An invented label"\n'
)


def test_an_undated_source_without_accessed_is_reported_at_its_year() -> None:
    text = edited(
        (
            '      - {id: beta-label, kind: label, year: 2020, title: "An invented label"}\n',
            BLOCK_SOURCE,
        )
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'year: null')}: therapies[beta].sources[beta-label].year: "
        "an undated source needs `accessed`"
    ]


def test_an_undated_source_with_accessed_is_valid() -> None:
    text = edited(
        (
            '      - {id: beta-label, kind: label, year: 2020, title: "An invented label"}\n',
            BLOCK_SOURCE + '        accessed: "2025-06-01"\n',
        )
    )
    [source] = loads(text).therapies[1].sources
    assert (source.year, source.accessed) == (None, "2025-06-01")


# -- conditions and classes named -------------------------------------------------------------


def test_an_unknown_condition_in_a_contraindication_is_reported_at_its_condition() -> None:
    text = edited(
        (
            '      - {condition: seizure-disorder, strength: caution, text: "Seizure risk is '
            'higher.", sources: [alpha-label]}\n',
            "      - strength: caution\n"
            "        condition: seizures\n"
            '        text: "Seizure risk is higher."\n'
            "        sources: [alpha-label]\n",
        )
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'condition: seizures')}: "
        "therapies[alpha].contraindications[1].condition: 'seizures' is not in the catalogue's "
        "conditions (did you mean 'seizure-disorder'?)"
    ]


def test_an_unknown_condition_in_a_class_rule_is_reported_at_its_condition() -> None:
    block = CLASSES.replace(
        '      - {condition: seizure-disorder, strength: contraindicated, text: "X and seizures."}\n',
        "      - strength: contraindicated\n"
        "        condition: seizures\n"
        '        text: "X and seizures."\n',
    )
    assert block != CLASSES
    text = TEXT.replace("therapies:\n", block, 1)
    assert problems(text) == [
        f"cat.yaml:{line(text, 'condition: seizures')}: classes[raises-x].screening[0].condition: "
        "'seizures' is not in the catalogue's conditions (did you mean 'seizure-disorder'?)"
    ]


def test_an_unknown_condition_in_a_label_review_is_reported_at_its_list() -> None:
    text = edited(
        (
            '    label_review: {date: "2026-01-02", sources: [beta-label], no_known_conflict: '
            "[intracranial-metal-implant, seizure-disorder, pregnancy]}",
            "    label_review:\n"
            '      date: "2026-01-02"\n'
            "      sources: [beta-label]\n"
            "      no_known_conflict: [intracranial-metal-implant, seizures, pregnancy]",
        )
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'no_known_conflict: [intra')}: "
        "therapies[beta].label_review.no_known_conflict[1]: 'seizures' is not in the "
        "catalogue's conditions (did you mean 'seizure-disorder'?)"
    ]


def test_an_unknown_class_is_reported_at_its_id() -> None:
    text = TEXT.replace("therapies:\n", CLASSES, 1)
    text = edited(
        (
            '    label_review: {date: "2026-01-02", sources: [beta-label], no_known_conflict: '
            "[intracranial-metal-implant, seizure-disorder, pregnancy]}",
            "    classes:\n      - sources: [beta-label]\n        id: raises-y",
        ),
        text=text,
    )
    assert problems(text) == [
        f"cat.yaml:{line(text, 'id: raises-y')}: therapies[beta].classes[raises-y].id: "
        "'raises-y' is not in the catalogue's classes (did you mean 'raises-x'?)"
    ]


# -- the glance's headline figure ---------------------------------------------------------------

SECOND_FIGURE = (
    "      - outcome: {outcome}\n"
    '        definition: "MADRS of 10 or less"\n'
    "        rate: 20\n"
    "        n: 100\n"
    "        population: Adults\n"
    "        timeframe: after 8 weeks\n"
    "        evidence: rct\n"
    "        source: alpha-trial\n"
    "        headline: true\n"
)


def with_figures(outcome: str, first_headline: bool) -> str:
    first = "        source: alpha-trial\n    side_effects:"
    mark = "        headline: true\n" if first_headline else ""
    return edited(
        (
            first,
            "        source: alpha-trial\n"
            + mark
            + SECOND_FIGURE.format(outcome=outcome)
            + "    side_effects:",
        )
    )


def test_two_headline_figures_for_one_outcome_are_refused_at_the_efficacy_key() -> None:
    text = with_figures("remission", first_headline=True)
    assert problems(text) == [
        f"cat.yaml:{line(text, 'efficacy:')}: therapies[alpha].efficacy: more than one remission "
        "figure has `headline: true`; the glance shows one"
    ]


def test_one_headline_figure_per_outcome_is_valid() -> None:
    for outcome, first_headline in (("remission", False), ("response", True)):
        figures = loads(with_figures(outcome, first_headline)).therapies[0].efficacy
        assert figures is not None
        assert [f.headline for f in figures] == [first_headline, True]


# -- freshness ------------------------------------------------------------------------------


def reviewed(day: str) -> str:
    return edited(
        (
            '    last_reviewed: "2026-01-02"\n    label_review: {date: "2026-01-02", sources: '
            "[beta-label]",
            f'    last_reviewed: "{day}"\n    label_review: {{date: "2026-01-02", sources: '
            "[beta-label]",
        )
    )


def test_an_entry_reviewed_a_year_and_a_day_before_the_file_is_flagged_at_its_date() -> None:
    text = reviewed("2025-01-01")
    [notice] = loads(text).notices
    assert (notice.line, notice.field, notice.message) == (
        line(text, 'last_reviewed: "2025-01-01"'),
        "therapies[beta].last_reviewed",
        "reviewed 2025-01-01, 366 days before the file's date (2026-01-02); entries are "
        "re-reviewed at least every 12 months",
    )


def test_an_entry_reviewed_exactly_a_year_before_the_file_is_not_flagged() -> None:
    assert loads(reviewed("2025-01-02")).notices == ()


# -- invisible characters in names -------------------------------------------------------------


def test_an_invisible_character_in_a_name_or_alias_is_a_notice_at_its_line() -> None:
    text = edited(
        ("    name: Beta tablets\n", "    name: Beta\u200b tablets\n"),
        ("    aliases: [betamax]\n", "    aliases: [beta\u2060max]\n"),
    )
    found = [(n.line, n.field, n.message) for n in loads(text).notices]
    tail = ", which lookup ignores; remove it so the text shows every character it matches by"
    assert found == [
        (
            line(text, "name: Beta\u200b"),
            "therapies[beta].name",
            "holds an invisible character (U+200B)" + tail,
        ),
        (
            line(text, "aliases: [beta\u2060"),
            "therapies[beta].aliases[0]",
            "holds an invisible character (U+2060)" + tail,
        ),
    ]


def test_duplicates_are_found_among_the_entries_wherever_the_classes_are_written() -> None:
    """Classes written after the entries are not mistaken for them."""
    text = edited(("    aliases: [betamax]\n", "    aliases: [Alpha-Brand]\n"))
    text = text + CLASSES.removesuffix("therapies:\n")
    assert problems(text) == [
        f"cat.yaml:{line(text, '- id: beta')}: therapies[beta]: 'Alpha-Brand' is already the id "
        f"or alias of 'alpha' (line {line(text, '- id: alpha')})"
    ]


def test_a_class_id_is_a_slug_like_every_other_id() -> None:
    """Class ids are named by entries and written in JSON: no bidi control, no line break."""
    written = 'id: "X\\u202ey\\nz"'
    text = TEXT.replace("therapies:\n", CLASSES.replace("id: raises-x", written), 1)
    assert problems(text) == [
        f"cat.yaml:{line(text, written)}: classes[X<U+202E>y\\nz].id: 'X<U+202E>y\\nz' is not a "
        "lowercase slug (letters, digits, hyphens)"
    ]
