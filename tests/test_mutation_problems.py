"""How a catalogue's problems quote its values (catalogue/problems.py): tests written for
mutants the rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

import pytest

from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.problems import CatalogueError

from .conftest import MINI

TEXT = MINI.read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1.0e+19", "10000000000000000000"),  # 20 characters: shown whole
        ("1.0e+20", "1000000000000000000…"),  # 21: cut to 20 with the '…'
    ],
)
def test_a_long_number_in_a_message_is_cut_at_20_characters(written: str, shown: str) -> None:
    assert TEXT.count("        rate: 27.0\n") == 1
    text = TEXT.replace("        rate: 27.0\n", f"        rate: {written}\n")
    assert problems(text) == [
        "cat.yaml:77: therapies[alpha].efficacy[0].rate: a rate is a percentage from 0 to 100, "
        f"got {shown}"
    ]


@pytest.mark.parametrize(
    ("length", "shown"), [(80, "x" * 80), (81, "x" * 79 + "…")], ids=["80", "81"]
)
def test_a_value_in_a_message_is_quoted_whole_up_to_80_characters(length: int, shown: str) -> None:
    assert problems("a: !!int " + "x" * length + "\n") == [
        f"cat.yaml:1: YAML tag 'tag:yaml.org,2002:int' does not fit '{shown}'; leave it out"
    ]


def unknown_keys(count: int) -> str:
    return TEXT + "".join(f"zz{i}: 1\n" for i in range(count))


def test_exactly_the_most_problems_are_all_listed_with_no_word_of_stopping() -> None:
    found = problems(unknown_keys(200))
    assert len(found) == 200
    assert found[-1] == "cat.yaml:334: zz199: unknown key"
    assert problems(unknown_keys(201))[200:] == ["cat.yaml: checking stopped after 200 problems"]


def test_the_error_itself_reads_as_its_problems_one_a_line() -> None:
    """What a program using the catalogue as a library (or a traceback) shows."""
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(unknown_keys(2), "cat.yaml")
    assert str(info.value) == "cat.yaml:135: zz0: unknown key\ncat.yaml:136: zz1: unknown key"
