"""Reading a catalogue's YAML as an author meets it: tests written for mutants of the loader's
YAML reading (limits at their edge, syntax and character problems with their lines) that the
rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

import pytest

from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.problems import CatalogueError

from .conftest import MINI

MAX_NODES = 200_000  # the most values a catalogue may hold (README)
MAX_PROBLEMS = 200  # the most problems listed before reading stops


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


def values(count: int) -> str:
    """A mapping holding exactly ``count`` values: itself, one key, one list, its items."""
    return "therapies: [" + "1," * (count - 3) + "]\n"


def test_a_file_of_exactly_the_most_values_is_read() -> None:
    """(One value more is refused: tests/test_hostile_catalogues.py.)"""
    found = problems(values(MAX_NODES))
    assert not any("values" in p for p in found), found[:3]


def anchors(count: int) -> str:
    return "".join(f"k{i}: &a{i} x\n" for i in range(count))


def test_reading_stops_once_the_most_problems_are_found() -> None:
    found = problems(anchors(MAX_PROBLEMS + 5))
    assert found[MAX_PROBLEMS - 1] == (
        f"cat.yaml:{MAX_PROBLEMS}: YAML anchors (&a{MAX_PROBLEMS - 1}) are not allowed; "
        "write the value out"
    )
    assert found[MAX_PROBLEMS:] == [f"cat.yaml: reading stopped after {MAX_PROBLEMS} problems"]


def test_a_lone_surrogate_in_text_is_refused_at_its_line() -> None:
    assert problems("a: b\nc: d\ne: \ud800\n") == ["cat.yaml:3: holds a lone surrogate code point"]


def nested(levels: int) -> str:
    """A mapping (one level) holding lists nested ``levels - 1`` deep, on line 2."""
    return "# nested lists\na: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def test_values_nested_exactly_the_most_levels_deep_are_read() -> None:
    found = problems(nested(32))
    assert not any("nested" in p for p in found), found


def test_one_level_deeper_is_refused_at_its_line() -> None:
    assert problems(nested(33)) == ["cat.yaml:2: nested more than 32 levels deep"]


def test_the_non_specific_tag_is_plain_yaml() -> None:
    """`!` only says "not resolved": the text and the list read as written."""
    text = (
        MINI.read_text(encoding="utf-8")
        .replace(
            "    summary: An invented tablet used only by the tests.\n",
            "    summary: ! An invented tablet used only by the tests.\n",
        )
        .replace("      setting: [home]\n", "      setting: ! [home]\n")
    )
    beta = parse_catalogue(text, "cat.yaml").therapies[1]
    assert (beta.summary, beta.delivery.setting) == (
        "An invented tablet used only by the tests.",
        ("home",),
    )


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("anesthesia: !!bool sometimes", "tag:yaml.org,2002:bool"),
        ("anesthesia: !!int false", "tag:yaml.org,2002:int"),
    ],
)
def test_a_type_tag_never_turns_text_into_a_value(written: str, tag: str) -> None:
    """`!!bool sometimes` once read as false: a tag that does not fit its text is refused."""
    text = MINI.read_text(encoding="utf-8")
    assert "anesthesia: false\n" in text
    found = problems(text.replace("anesthesia: false\n", written + "\n", 1))
    value = written.rpartition(" ")[2]
    assert any(p.endswith(f"YAML tag '{tag}' does not fit '{value}'; leave it out") for p in found)


def test_a_tag_that_fits_its_value_reads_as_the_value() -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "anesthesia: false\n", "anesthesia: !!bool true\n", 1
    )
    alpha = parse_catalogue(text, "cat.yaml").therapies[0]
    assert alpha.delivery.anesthesia is True
