"""Catalogue values as an author writes them: tests written for mutants of the loader's
conversion of fields (true/false, numbers, text, dates, closed vocabularies, lists) that the
rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

import pytest

from .test_mutation_loader_checks import TEXT, edited, line, loads, problems

ANESTHESIA = "      anesthesia: false\n      invasiveness: non-invasive\n      session_length: {not"


def with_anesthesia(value: str) -> str:
    return edited((ANESTHESIA, ANESTHESIA.replace("false", value)))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("true", True),
        ("TRUE", True),
        ("yes", True),
        ("On", True),
        ("!!bool y", True),
        ("!!bool Y", True),
        ("off", False),
        ("No", False),
    ],
)
def test_every_yaml_spelling_of_true_and_false_is_read_as_written(written: str, read: bool) -> None:
    assert loads(with_anesthesia(written)).therapies[1].delivery.anesthesia is read


@pytest.mark.parametrize(
    ("written", "read"), [("1_000", 1000), ("1__000", 1000), ("1_000_", 1000), ("+7", 7)]
)
def test_a_whole_number_may_be_written_with_underscores(written: str, read: int) -> None:
    text = edited(("        n: 205\n", f"        n: {written}\n"))
    figures = loads(text).therapies[0].efficacy
    assert figures is not None and figures[0].n == read


@pytest.mark.parametrize(
    ("written", "read"), [("2_7.5", 27.5), ("2__7.5", 27.5), ("2__7", 27.0), ("1.5e+1", 15.0)]
)
def test_a_number_may_be_written_with_underscores(written: str, read: float) -> None:
    text = edited(("        rate: 27.0\n", f"        rate: {written}\n"))
    figures = loads(text).therapies[0].efficacy
    assert figures is not None and figures[0].rate == read


# -- keys ----------------------------------------------------------------------------------

ALPHA_LABEL = (
    '      - {id: alpha-label, kind: label, authors: "Regulator", year: 2008, '
    'title: "An invented label"}\n'
)


def with_second_label(extra: str) -> str:
    """alpha cites a second source under the same id, with ``extra`` keys in it: a source that
    holds a wrong key is set aside whole, so its id is not also reported as a duplicate."""
    again = f'      - {{id: alpha-label, kind: label, year: 2009, title: "Again"{extra}}}\n'
    return edited((ALPHA_LABEL, ALPHA_LABEL + again))


SECOND = "therapies[alpha].sources[alpha-label]"


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        (", 3: x", [f"{SECOND}: keys must be plain names, got a whole number ('3')"]),
        (
            ", 3: x, colour: blue",
            [
                f"{SECOND}: keys must be plain names, got a whole number ('3')",
                f"{SECOND}.colour: unknown key",
            ],
        ),
        (", " + "k" * 81 + ": x", [f"{SECOND}.{'k' * 79}…: unknown key (far too long)"]),
        (", " + "k" * 80 + ": x", [f"{SECOND}.{'k' * 80}: unknown key"]),
        (
            ", " + "k" * 81 + ": x, colour: blue",
            [f"{SECOND}.colour: unknown key", f"{SECOND}.{'k' * 79}…: unknown key (far too long)"],
        ),
        (", title: Twice", [f"{SECOND}.title: duplicate key (first given at line {{line}})"]),
        (", colour: blue", [f"{SECOND}.colour: unknown key"]),
    ],
)
def test_a_wrong_key_sets_its_mapping_aside_and_is_reported_once(
    extra: str, found: list[str]
) -> None:
    text = with_second_label(extra)
    at = line(text, '"Again"')
    assert problems(text) == [f"cat.yaml:{at}: {p.replace('{line}', str(at))}" for p in found]


def test_a_duplicate_key_names_the_line_of_the_first_key() -> None:
    text = edited(("    aliases: [betamax]\n", "    aliases:\n      - betamax\n    aliases: [b]\n"))
    assert problems(text) == [
        f"cat.yaml:{line(text, 'aliases: [b]')}: therapies[beta].aliases: duplicate key "
        f"(first given at line {line(text, 'aliases:' + chr(10) + '      - betamax')})"
    ]


# -- text, dates and closed vocabularies ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        (
            "    summary: An invented tablet used only by the tests.\n",
            "    summary: 2026-01-02\n",
            "therapies[beta].summary: expected text, got a date ('2026-01-02'); quote it",
        ),
        (
            "    summary: An invented tablet used only by the tests.\n",
            '    summary: "\\u200b\\u2060 "\n',
            "therapies[beta].summary: holds only invisible characters, controls or marks; it must "
            "show some text",
        ),
        (
            "    category: medication\n",
            "    category: [medication]\n",
            "therapies[beta].category: a list is not one of: neuromodulation, "
            "medication, psychotherapy, surgical, procedure, no-change",
        ),
        (
            '    last_reviewed: "2026-01-02"\n    label_review: {date: "2026-01-02", sources: '
            "[beta-label]",
            '    last_reviewed: ["2026-01-02"]\n    label_review: {date: "2026-01-02", sources: '
            "[beta-label]",
            "therapies[beta].last_reviewed: expected a date as YYYY-MM-DD, got a list",
        ),
        (
            '    last_reviewed: "2026-01-02"\n    label_review: {date: "2026-01-02", sources: '
            "[beta-label]",
            '    last_reviewed: "1899-12-31"\n    label_review: {date: "2026-01-02", sources: '
            "[beta-label]",
            "therapies[beta].last_reviewed: '1899-12-31' is not a plausible date "
            "(expected 1900-2100)",
        ),
        (
            '    mechanism: {not_reviewed: "Unknown."}\n',
            '    mechanism: {not_reviewed: "Unknown.", text: "Invented.", sources: [beta-label]}\n',
            "therapies[beta].mechanism: 'not_reviewed' must stand alone: give a value or a "
            "reason, not both",
        ),
    ],
)
def test_a_wrong_value_is_named_with_its_line_and_field(old: str, new: str, found: str) -> None:
    text = edited((old, new))
    assert problems(text) == [f"cat.yaml:{line(text, new.split(chr(10))[0])}: {found}"]


@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_the_first_and_last_plausible_dates_are_valid(day: str) -> None:
    text = edited(
        (
            'label_review: {date: "2026-01-02", sources: [alpha-label]',
            f'label_review: {{date: "{day}", sources: [alpha-label]',
        )
    )
    review = loads(text).therapies[0].label_review
    assert review is not None and review.date == day


def test_each_not_reviewed_reason_is_kept_under_its_field_path_in_the_entry() -> None:
    beta = loads(TEXT).therapies[1]
    assert dict(beta.not_reviewed) == {
        "mechanism": "Unknown.",
        "delivery.session_length": "Not applicable to a tablet.",
        "delivery.course": "No source.",
        "delivery.maintenance": "No source.",
        "delivery.monitoring": "No source.",
        "delivery.driving": "No source.",
        "delivery.time_off_work": "No source.",
        "delivery.cost": "No source.",
        "onset": "No sourced onset.",
        "efficacy": "No trial in this population.",
        "who_for": "No source.",
        "guidelines": "No guideline seen.",
    }
