"""Reading a catalogue's YAML (catalogue/yamlnodes.py) as an author meets it: tests written for
mutants of the event reader that the rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

import pytest

from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.problems import CatalogueError


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_nesting_libyaml_refuses_itself_is_refused_at_its_own_line(opening: str) -> None:
    """libyaml refuses some very deep flow nesting before the reader sees it; the message is
    still the reader's, with the line the nesting is on (not the first line)."""
    text = "# a catalogue\n\nname: " + opening * 100_000 + "\n"
    assert problems(text) == ["cat.yaml:3: nested more than 32 levels deep"]


def test_an_alias_one_value_past_the_limit_is_refused_for_both_at_its_line() -> None:
    """The map, its key, its list and 199,997 numbers make 200,000 values; the alias on
    line 2 is the 200,001st."""
    text = "therapies: [" + "1," * 199_997 + "\n*a]\n"
    assert problems(text) == [
        "cat.yaml:2: YAML aliases (*a) are not allowed; write the value out",
        "cat.yaml:2: holds more than 200,000 values; a catalogue may hold at most 200,000",
    ]


def test_a_type_tag_on_text_it_fits_is_accepted_and_on_other_text_refused() -> None:
    """A whole number fits `!!float` too; each misfit is refused at its own line."""
    text = (
        "a: !!int 12\nb: !!float 7\nc: !!float 1.5\nd: !!null ~\ne: !!timestamp 2024-01-01\n"
        "f: !!int 7.5\ng: !!null x\nh: !!timestamp soon\ni: !!str 12\nj: !!float soon\n"
    )
    assert problems(text) == [
        "cat.yaml:6: YAML tag 'tag:yaml.org,2002:int' does not fit '7.5'; leave it out",
        "cat.yaml:7: YAML tag 'tag:yaml.org,2002:null' does not fit 'x'; leave it out",
        "cat.yaml:8: YAML tag 'tag:yaml.org,2002:timestamp' does not fit 'soon'; leave it out",
        "cat.yaml:10: YAML tag 'tag:yaml.org,2002:float' does not fit 'soon'; leave it out",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("\n\x7f: 1\n", "2: character U+007F (a control character) at column 1"),
        ("a: b\x9f\n", "1: character U+009F (a control character) at column 5"),
        ("\x1f", "1: character U+001F (a control character) at column 1"),
        ("\nb: \ufffe\n", "2: character U+FFFE (a special character) at column 4"),
    ],
    ids=["DEL-after-a-first-empty-line", "last-C1-control", "last-C0-control", "noncharacter"],
)
def test_a_character_yaml_refuses_is_named_with_its_kind_line_and_column(
    text: str, found: str
) -> None:
    assert problems(text) == [f"cat.yaml:{found} is not allowed in YAML; remove it"]


@pytest.mark.parametrize("word", ["=", "<<"])
def test_the_yaml_words_for_merge_and_value_are_plain_text(word: str) -> None:
    from .conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace(
        "        rate: 27.0\n", f"        rate: {word}\n"
    )
    assert problems(text) == [
        f"cat.yaml:77: therapies[alpha].efficacy[0].rate: expected a number, got text ('{word}')"
    ]


def test_a_syntax_error_on_a_line_with_two_tabs_points_at_the_first() -> None:
    assert problems("a:\n\t\tb: 1\n") == [
        "cat.yaml:2: YAML syntax error: found character that cannot start any token (while "
        "scanning for the next token); there is a tab at column 1: YAML indents with spaces only"
    ]


def test_a_tab_on_the_first_line_is_pointed_at_too() -> None:
    assert problems("\ta: 1\n") == [
        "cat.yaml:1: YAML syntax error: found character that cannot start any token (while "
        "scanning for the next token); there is a tab at column 1: YAML indents with spaces only"
    ]


def test_a_lone_surrogate_after_a_first_empty_line_is_on_line_2() -> None:
    assert problems("\n\ud800") == ["cat.yaml:2: holds a lone surrogate code point"]


def test_a_catalogue_is_read_where_pyyaml_has_no_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from .conftest import MINI

    monkeypatch.delattr(yaml, "CSafeLoader")
    cat = parse_catalogue(MINI.read_text(encoding="utf-8"), "cat.yaml")
    assert cat.therapies[0].id == "alpha"


@pytest.mark.parametrize(("length", "label"), [(40, "a" * 40), (41, "a" * 39 + "…")])
def test_an_entry_is_named_in_a_field_path_by_its_id_cut_at_40_characters(
    length: int, label: str
) -> None:
    from .conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace("  - id: alpha\n", f"  - id: {'a' * length}\n")
    text = text.replace("        rate: 27.0\n", "        rate: 270\n")
    found = problems(text)
    assert (
        f"cat.yaml:77: therapies[{label}].efficacy[0].rate: a rate is a percentage from 0 to 100, "
        "got 270"
    ) in found


@pytest.mark.parametrize(
    ("value", "described"),
    [("yes", "true/false ('yes')"), ("2024-01-01", "a date ('2024-01-01')")],
)
def test_a_value_of_the_wrong_type_is_described_by_its_yaml_type(
    value: str, described: str
) -> None:
    from .conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace(
        "        rate: 27.0\n", f"        rate: {value}\n"
    )
    assert problems(text) == [
        f"cat.yaml:77: therapies[alpha].efficacy[0].rate: expected a number, got {described}"
    ]


def test_a_null_list_item_is_described_as_null() -> None:
    from .conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace("  - id: alpha\n", "  - ~\n  - id: alpha\n")
    assert problems(text) == [
        "cat.yaml:52: therapies[0]: expected a mapping of Therapy fields, got null ('~')"
    ]


def test_a_refused_character_met_twice_is_pointed_at_where_it_first_is() -> None:
    assert problems("\x1f\n\x1f") == [
        "cat.yaml:1: character U+001F (a control character) at column 1 is not allowed in YAML; "
        "remove it"
    ]
