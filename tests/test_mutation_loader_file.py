"""Reading a catalogue file's bytes (catalogue/loader.py: size, encoding, an empty file):
tests written for mutants the rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trd_cli.catalogue.loader import decode, load_catalogue, parse_catalogue
from trd_cli.catalogue.problems import CatalogueError

MAX_BYTES = 8 * 1024 * 1024  # the largest catalogue file (README)
TOO_BIG = "a catalogue may be at most 8.0 MiB (8,388,608 bytes)"


def refused(call: object, *args: object) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        call(*args)  # type: ignore[operator]
    return [str(p) for p in info.value.problems]


def test_a_file_of_exactly_100_mib_gives_its_size_in_mib_and_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: nothing is written or read
    assert refused(load_catalogue, big) == [f"{big}: is 100.0 MiB (104,857,600 bytes); {TOO_BIG}"]


def test_bytes_of_exactly_the_largest_size_are_decoded_and_one_more_refused() -> None:
    data = b"#" * MAX_BYTES
    assert decode(data, "cat.yaml") == data.decode()
    assert refused(decode, data + b"#", "cat.yaml") == [
        f"cat.yaml: is larger than allowed; {TOO_BIG}"
    ]


def test_a_byte_order_mark_is_not_part_of_the_text() -> None:
    assert decode(b"\xef\xbb\xbfname: x\n", "cat.yaml") == "name: x\n"


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff"], ids=["little-endian", "big-endian"])
def test_utf16_either_way_round_is_named_as_utf16(mark: bytes) -> None:
    text = "name: x\n".encode("utf-16-le" if mark == b"\xff\xfe" else "utf-16-be")
    assert refused(decode, mark + text, "cat.yaml") == [
        "cat.yaml:1: is UTF-16 text, not UTF-8; save it as UTF-8"
    ]


@pytest.mark.parametrize("text", ["", "---\n", "--- \n...\n", "# only a comment\n"])
def test_a_file_with_no_value_is_empty(text: str) -> None:
    assert refused(parse_catalogue, text, "cat.yaml") == [
        "cat.yaml: is empty; expected a catalogue mapping"
    ]


def test_a_loaded_catalogue_names_its_file_where_it_says_where_things_came_from() -> None:
    from trd_cli.catalogue.overlay import stamp
    from trd_cli.catalogue.phrases import origin_text

    from .conftest import MINI

    cat = stamp(parse_catalogue(MINI.read_text(encoding="utf-8"), "mine.yaml"), builtin=False)
    origin = cat.therapies[0].origin
    assert origin_text(origin).endswith(", mine.yaml")
