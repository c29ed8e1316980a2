"""Bad catalogues: every one is answered with located problems and exit 1, never a traceback,
a hang or a change to the file.

Each file in fixtures/bad/ has beside it, in NAME.expected, the exact text `trd` writes on
stderr for it.  The other cases here are built by the tests (very large, very deep, files that
cannot be read).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from trd_cli.catalogue import yamlnodes
from trd_cli.catalogue.loader import MAX_BYTES, load_catalogue, parse_catalogue
from trd_cli.catalogue.problems import MAX_PROBLEMS, CatalogueError
from trd_cli.catalogue.yamlnodes import MAX_DEPTH, MAX_NODES
from trd_cli.cli.app import app

from .conftest import FIXTURES
from .runner import CliRunner

BAD = FIXTURES / "bad"
TINY = FIXTURES / "tiny.yaml"
TINY_TEXT = TINY.read_text(encoding="utf-8")
FIXTURE_NAMES = sorted(p.stem for p in BAD.glob("*.yaml"))
TRD = Path(sys.executable).with_name("trd")


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    return [str(p) for p in info.value.problems]


def problems_in(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


def test_every_fixture_has_its_expected_message() -> None:
    assert len(FIXTURE_NAMES) >= 20
    for name in FIXTURE_NAMES:
        assert (BAD / f"{name}.expected").is_file(), name


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_bad_catalogue_gives_its_exact_message_and_exit_1(
    name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    monkeypatch.setenv("TRD_CATALOG", f"{name}.yaml")
    before = hashlib.sha256((BAD / f"{name}.yaml").read_bytes()).hexdigest()
    for args in (["list"], ["list", "--json"], ["explain", "alpha"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout == ""
        assert result.stderr == (BAD / f"{name}.expected").read_text(encoding="utf-8")
    # trd never writes to a catalogue it was given.
    assert hashlib.sha256((BAD / f"{name}.yaml").read_bytes()).hexdigest() == before


def test_every_problem_line_names_file_and_line() -> None:
    """Problems inside the file carry a line; only whole-file problems may go without."""
    whole_file = {"empty", "comments-only", "utf16"}
    for name in FIXTURE_NAMES:
        lines = (BAD / f"{name}.expected").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("trd: the catalogue is invalid ("), name
        for line in lines[1:]:
            assert line.startswith(f"  {name}.yaml:"), (name, line)
            if name not in whole_file:
                assert line.split(":")[1].isdigit(), (name, line)


def test_the_clean_base_of_the_fixtures_is_valid() -> None:
    """Each bad fixture is tiny.yaml with one kind of mistake, so tiny.yaml itself must load."""
    assert [t.id for t in load_catalogue(TINY).therapies] == ["alpha", "beta"]


# --------------------------------------------------------------------------- encodings


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY_TEXT.encode())
    assert load_catalogue(path).version == "1.0.0-test"


def test_windows_line_endings_are_accepted_and_lines_still_count(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(TINY_TEXT.replace("\n", "\r\n").encode())
    assert load_catalogue(path).therapies[1].delivery.route == "Tablet by mouth"
    broken = TINY_TEXT.replace("    category: medication\n", "    category: medicine\n")
    path.write_bytes(broken.replace("\n", "\r\n").encode())
    [found] = problems(path)
    assert found.startswith(f"{path}:60: therapies[beta].category: 'medicine' is not one of")


def test_control_characters_written_as_escapes_are_data_not_errors() -> None:
    text = TINY_TEXT.replace("name: Alpha stimulation", 'name: "Alpha \\e[31mred\\u202e"')
    assert parse_catalogue(text, "x").therapies[0].name == "Alpha \x1b[31mred\u202e"


# --------------------------------------------------------------------------- size and shape


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(50 * 1024 * 1024)
    assert problems(path) == [
        f"{path}: is 50.0 MiB (52,428,800 bytes); a catalogue may be at most 8.0 MiB "
        "(8,388,608 bytes)"
    ]


def test_a_device_of_endless_bytes_is_refused_without_being_read() -> None:
    assert problems(Path("/dev/zero")) == ["/dev/zero: is a device, not a catalogue file"]


def test_a_file_just_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    assert problems(path)[0].startswith(f"{path}: is 8.0 MiB (8,388,609 bytes); a catalogue")


@pytest.mark.parametrize(
    "opening",
    [
        "[" * 100_000,
        "{a: " * 100_000,
        "- " * 100_000 + "x",
        "a:\n" + "".join(" " * i + "- \n" for i in range(1, 2_000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "indented-lists"],
)
def test_nesting_100k_deep_is_refused_at_the_limit(opening: str) -> None:
    [found] = problems_in(opening)
    assert found.endswith(f": nested more than {MAX_DEPTH} levels deep")


def test_deep_nesting_is_refused_by_the_pure_python_parser_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    monkeypatch.setattr(yamlnodes, "_loader_classes", lambda: (yaml, yaml.SafeLoader))
    assert problems_in("[" * 100_000) == [f"cat.yaml:1: nested more than {MAX_DEPTH} levels deep"]


def test_billion_laughs_is_refused_without_expanding_anything() -> None:
    text = (BAD / "billion-laughs.yaml").read_text(encoding="utf-8")
    # Nine times larger per level, nine levels: expanded, this would be 9**9 strings.
    bomb = text + "".join(f"x{i}: [" + ",".join(["*i"] * 9) + "]\n" for i in range(1000))
    tracemalloc.start()
    try:
        found = problems_in(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found[0] == "cat.yaml:2: YAML anchors (&a) are not allowed; write the value out"
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == f"cat.yaml: reading stopped after {MAX_PROBLEMS} problems"
    assert peak < 20 * 1024 * 1024, peak


def test_more_values_than_the_limit_are_refused() -> None:
    text = "therapies:\n" + "- 1\n" * (MAX_NODES + 10)
    [found] = problems_in(text)
    assert found == (
        f"cat.yaml:{MAX_NODES - 1}: holds more than 200,000 values; a catalogue may hold at most "
        "200,000"
    )


def test_a_file_wrong_everywhere_lists_the_first_problems_and_stops() -> None:
    entries = "".join(f"  - {{id: e{i}, name: [x]}}\n" for i in range(2_000))
    found = problems_in(TINY_TEXT.split("therapies:\n")[0] + "therapies:\n" + entries)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == f"cat.yaml: checking stopped after {MAX_PROBLEMS} problems"
    assert found[0].startswith("cat.yaml:14: therapies[e0].")


def test_very_long_values_are_cut_in_messages() -> None:
    word = "x" * 100_000
    found = problems_in(TINY_TEXT.replace("category: medication", f"category: {word}"))
    [line] = found
    assert len(line) < 400
    assert "'xxxxxxxx" in line and "…'" in line


def test_hostile_names_in_messages_are_made_inert() -> None:
    text = TINY_TEXT.replace("    category: medication\n", '    "cat\\e[2J\\u202eegory": x\n')
    found = problems_in(text)
    assert any("cat\\x1b[2J<U+202E>egory: unknown key" in p for p in found), found
    assert not any("\x1b" in p or "\u202e" in p for p in found)


# --------------------------------------------------------------------------- the file itself


def test_a_directory_is_not_a_catalogue(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: is a directory, not a catalogue file"]


def test_a_missing_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_a_path_through_a_file(tmp_path: Path) -> None:
    assert problems(TINY / "x.yaml") == [f"{TINY / 'x.yaml'}: cannot be read: Not a directory"]


ROOT = os.geteuid() == 0


def test_an_unreadable_file_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(TINY_TEXT, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert problems(path) == [f"{path}: permission denied"]


@pytest.mark.skipif(ROOT, reason="root may read any file")
@pytest.mark.skipif(not TRD.exists(), reason="the trd console script is not installed")
def test_an_unreadable_file_given_to_the_installed_program(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(TINY_TEXT, encoding="utf-8")
    path.chmod(0o000)
    result = subprocess.run(
        [str(TRD), "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "TRD_CATALOG": str(path)},
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"trd: the catalogue is invalid (1 problem):\n  {path}: permission denied\n"
    )
