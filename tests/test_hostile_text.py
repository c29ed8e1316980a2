"""Hostile text inside a valid catalogue, and in ids typed on the command line.

For people (table, plain, Markdown, HTML, messages on stderr) it prints as inert text: escape
sequences, control characters and invisible format characters are shown as visible escapes
(textsafe.py), markup is printed as written.  For scripts (JSON) it is exact.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from trd_cli.catalogue import textsafe, vocabulary
from trd_cli.catalogue.textsafe import hidden, inert, inert_all, json_escapes, shows_text
from trd_cli.catalogue.vocabulary import name_key
from trd_cli.cli.app import app

from .conftest import FIXTURES
from .runner import CliRunner

HOSTILE = FIXTURES / "hostile.yaml"
RAW: dict[str, Any] = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
ALPHA: dict[str, Any] = RAW["therapies"][0]

# What must never reach a person's terminal raw.
ACTIVE = ["\x1b", "\x9b", "\x07", "\x08", "\r", "\u202e", "\u202c", "\u200b"]
# What the same text looks like once made inert.
INERT = [
    "\\x1b[31mRED\\x1b[0m",
    "\\x1b]8;;http://evil\\x07link",
    "\\x9b2J",
    "<U+202E>evil<U+202C>",
    "zero<U+200B>width",
    "\\r\\x08\\x07",
    "😀",
    "e\u0301",
]

HUMAN_RUNS = [
    ["list", "--format", "table"],
    ["list", "--format", "plain"],
    ["list", "--format", "markdown"],
    ["list", "--format", "html"],
    ["compare", "alpha", "beta", "--format", "table"],
    ["compare", "alpha", "beta", "--format", "plain"],
    ["compare", "alpha", "beta", "--format", "markdown"],
    ["compare", "alpha", "beta", "--format", "html"],
    ["explain", "alpha", "--format", "table"],
    ["explain", "alpha", "--format", "plain"],
    ["explain", "alpha", "--format", "markdown"],
    ["explain", "alpha", "--format", "html"],
    ["explain", "beta"],
    ["about"],
    ["sources"],
    ["sources", "alpha"],
    ["chart", "onset"],
    ["chart", "remission"],
    ["--version"],
]


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRD_CATALOG", str(HOSTILE))
    monkeypatch.setenv("COLUMNS", "3000")  # nothing wrapped: phrases stay on one line
    return HOSTILE


def test_the_fixture_really_holds_hostile_text() -> None:
    for ch in ACTIVE:
        assert ch in ALPHA["name"], repr(ch)
    assert "[bold red]markup[/bold red]" in ALPHA["summary"]


@pytest.mark.parametrize("args", HUMAN_RUNS, ids=" ".join)
def test_output_for_people_is_inert(args: list[str], runner: CliRunner, hostile: Path) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for ch in ACTIVE:
        assert ch not in out, (repr(ch), args)
    assert "<U+202E>evil<U+202C>" in out.replace("&lt;", "<").replace("&gt;", ">").replace(
        "\\<", "<"
    ).replace("\\>", ">")


@pytest.mark.parametrize("fmt", ["table", "plain"])
def test_table_and_plain_show_every_kind_of_hostile_text_visibly(
    fmt: str, runner: CliRunner, hostile: Path
) -> None:
    out = runner.invoke(app, ["explain", "alpha", "--format", fmt]).stdout
    for shown in INERT:
        assert shown in out, (shown, fmt)
    assert "[bold red]markup[/bold red] [link=http://evil]y[/link]" in out  # never markup


def test_html_and_markdown_escape_their_own_markup(runner: CliRunner, hostile: Path) -> None:
    html = runner.invoke(app, ["explain", "alpha", "--format", "html"]).stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = runner.invoke(app, ["explain", "alpha", "--format", "markdown"]).stdout
    assert "[click](http://evil)" not in markdown
    assert "<script>" not in markdown


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_json_is_exact(runner: CliRunner, hostile: Path) -> None:
    result = runner.invoke(app, ["explain", "alpha", "--json"])
    doc = json.loads(result.stdout)
    for key in ("name", "summary", "aliases"):
        assert doc[key] == ALPHA[key]
    assert doc["not_reviewed"]["mechanism"] == ALPHA["mechanism"]["not_reviewed"]
    assert doc["efficacy"][0]["population"] == ALPHA["efficacy"][0]["population"]
    assert doc["sources"][0]["title"] == ALPHA["sources"][0]["title"]
    about = json.loads(runner.invoke(app, ["about", "--json"]).stdout)
    assert about["funding"] == RAW["funding"]
    listed = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert [item["name"] for item in listed] == [t["name"] for t in RAW["therapies"]]


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["compare", "alpha", "beta", "--json"], ["about", "--json"]]
)
def test_json_text_holds_escapes_not_raw_control_characters(
    args: list[str], runner: CliRunner, hostile: Path
) -> None:
    """Exact once decoded, and still harmless when the raw JSON is shown on a terminal."""
    out = runner.invoke(app, args).stdout
    for ch in ACTIVE:
        assert ch not in out, repr(ch)
    assert "\\u001b[31mRED" in out and "\\u202eevil" in out and "\\u009b2J" in out


def test_yaml_output_holds_the_same_data(runner: CliRunner, hostile: Path) -> None:
    result = runner.invoke(app, ["explain", "alpha", "--format", "yaml"])
    assert yaml.safe_load(result.stdout)["name"] == ALPHA["name"]


def test_hostile_ids_typed_by_a_user_are_echoed_inert(runner: CliRunner, hostile: Path) -> None:
    for typed, shown in [
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
        ("a\u202eb", "a<U+202E>b"),
        ("\x9b31m", "\\x9b31m"),
    ]:
        result = runner.invoke(app, ["explain", typed])
        assert result.exit_code == 2
        assert (
            result.stderr == f"trd: no therapy called '{shown}'. Run 'trd list' to see every id.\n"
        )


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_shell_completion_shows_names_inert_and_offers_no_hidden_words(
    shell: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Completion reads raw catalogue text: a name with a raw override is shown escaped."""
    text = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Alpha stimulation", "name: Alpha \u202eevil\u200b")
    text = text.replace("aliases: [alpha-brand]", "aliases: [alpha-brand, al\u202eias]")
    path = tmp_path / "raw.yaml"
    path.write_text(text, encoding="utf-8")
    env = {
        "TRD_CATALOG": str(path),
        "_TRD_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": "trd explain al",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    out = runner.invoke(app, [], env=env, prog_name="trd").stdout
    assert "alpha-brand" in out and "Alpha <U+202E>evil<U+200B>" in out
    assert "\u202e" not in out and "\u200b" not in out  # and the hidden alias is not offered


# --------------------------------------------------------------------------- long and wide text


def _catalogue_with(tmp_path: Path, name: str, summary: str) -> Path:
    text = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Alpha stimulation", f"name: {json.dumps(name, ensure_ascii=False)}")
    text = text.replace(
        "summary: An invented option used only by the tests.",
        f"summary: {json.dumps(summary, ensure_ascii=False)}",
    )
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [20, 100])
def test_very_long_words_and_wide_characters_stay_within_the_terminal(
    columns: int, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    word = "Pneumono" + "x" * 5000
    name = "情報 😀👨\u200d👩\u200d👧 e\u0301 " + word
    monkeypatch.setenv("TRD_CATALOG", str(_catalogue_with(tmp_path, name, word + " " + name)))
    monkeypatch.setenv("COLUMNS", str(columns))
    for args in (
        ["list", "--format", "table"],
        ["compare", "alpha", "beta"],
        ["explain", "alpha"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        widest = max(cell_len(line) for line in result.stdout.splitlines())
        assert widest <= columns, (args, widest)
    plain = runner.invoke(app, ["list", "--format", "plain"]).stdout
    assert word in plain  # plain output never cuts text
    assert "👨\u200d👩\u200d👧" in plain  # an emoji sequence keeps its joiners


# --------------------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, [bold]markup[/bold]", "plain text, [bold]markup[/bold]"),
        ("a\x1b[31mred\x1b[0m", "a\\x1b[31mred\\x1b[0m"),
        ("C1 \x9b2J and \x85", "C1 \\x9b2J and \\x85"),
        ("bell\x07 back\x08 del\x7f nul\x00", "bell\\x07 back\\x08 del\\x7f nul\\x00"),
        ("over\rwrite", "over\\rwrite"),
        ("line\r\nbreak\nkept", "line\nbreak\nkept"),
        ("tab\there", "tab here"),
        ("abc\u202edcba\u202c", "abc<U+202E>dcba<U+202C>"),
        ("\u2066isolate\u2069 \u200fmark", "<U+2066>isolate<U+2069> <U+200F>mark"),
        ("zero\u200bwidth\u2060joiner\ufeff", "zero<U+200B>width<U+2060>joiner<U+FEFF>"),
        ("soft\u00adhyphen", "soft<U+00AD>hyphen"),
        ("para\u2029graph\u2028line", "para<U+2029>graph<U+2028>line"),
        ("t\u200dms", "t<U+200D>ms"),  # a joiner between Latin letters hides nothing useful
        ("hidden\U000e0068\U000e0069", "hidden<U+E0068><U+E0069>"),  # tag "ASCII smuggling"
        ("blank\u3164letter\u2800", "blank<U+3164>letter<U+2800>"),
        ("👨\u200d👩\u200d👧 family", "👨\u200d👩\u200d👧 family"),
        ("क्\u200dष", "क्\u200dष"),  # a joiner that shapes Devanagari is kept
        ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", None),  # a flag
        ("Zalgo e" + "\u0301" * 12, "Zalgo e" + "\u0301" * 8 + "<U+0301>" * 4),
        ("café, naïve, 東京, مرحبا, Ελληνικά", "café, naïve, 東京, مرحبا, Ελληνικά"),
        ("no\u00a0break", "no\u00a0break"),
    ],
)
def test_the_inert_text_rule(text: str, shown: str | None) -> None:
    assert inert(text) == (text if shown is None else shown)


@settings(max_examples=300)
@given(st.text())
def test_inert_text_is_stable_and_holds_nothing_active(text: str) -> None:
    once = inert(text)
    assert inert(once) == once
    for i, ch in enumerate(once):
        category = unicodedata.category(ch)
        assert category not in ("Cc", "Cs", "Zl", "Zp") or ch == "\n", repr(ch)
        if category == "Cf":  # only joiners in emoji or non-Latin words, and flag tags
            assert ch == "\u200d" or ch == "\u200c" or 0xE0020 <= ord(ch) <= 0xE007F, repr(ch)
            assert 0 < i < len(once) - 1


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_json_escapes_never_change_the_data(value: Any) -> None:
    text = json_escapes(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(ch in text for ch in ("\x1b", "\x9b", "\u202e", "\u2028"))


def test_inert_all_walks_dataclasses_tuples_and_dicts() -> None:
    from trd_cli.documents.words import Section

    value = {"k\x1b": (Section("t\u202e", ("a\x07",)), ["x\x9b"], 3, None)}
    assert inert_all(value) == {"k\\x1b": (Section("t<U+202E>", ("a\\x07",)), ["x\\x9b"], 3, None)}


def test_characters_that_show_nothing_are_one_set_defined_by_category() -> None:
    """Every format character (Unicode category Cf), line and paragraph separator, blank
    letter and default-ignorable mark is one set: lookup matches names without it, `validate`
    names it, people see it escaped (marks excepted) and JSON writes it as an escape, code
    point by code point: not a list of familiar ones that misses the rest."""
    planes = itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
    seen = 0
    for code in planes:
        ch = chr(code)
        category = unicodedata.category(ch)
        if category in ("Cf", "Zl", "Zp", "Cs"):
            assert hidden(ch), f"U+{code:04X}"
        json_escaped = textsafe._JSON_UNSAFE.match(ch) is not None
        if hidden(ch):
            seen += 1
            assert name_key(f"Be{ch}ta") == "beta", f"U+{code:04X}"
            assert vocabulary.invisible_in(f"be{ch}ta") == f"U+{code:04X}"
            assert not shows_text(f" {ch}\u0301 ")
            if category[0] != "M":
                assert inert(f"a{ch}") == f"a<U+{code:04X}>"
                assert json_escaped, f"U+{code:04X}"
        elif json_escaped:  # beyond the set: C1 controls, DEL, code points not yet assigned
            assert 0x7F <= code <= 0x9F or category == "Cn", f"U+{code:04X}"
    assert seen > 4000  # the tag block, variation selectors, every Cf


@pytest.mark.parametrize(
    ("alias", "warning"),
    [
        ("beta\x1bmax", "holds a control character (U+001B)"),
        ("b\u0435tamax", "mixes the letters of two scripts (U+0435 CYRILLIC SMALL LETTER IE)"),
        ("\u0391LS", "mixes the letters of two scripts (U+0391 GREEK CAPITAL LETTER ALPHA)"),
        ("beta\ufff9max", "holds an invisible character (U+FFF9)"),
        ("beta\u2028max", "holds an invisible character (U+2028)"),
    ],
    ids=["escape", "cyrillic-e", "greek-alpha", "annotation-anchor", "line-separator"],
)
def test_validate_warns_of_a_name_that_shows_other_than_it_matches(
    runner: CliRunner, tmp_path: Path, alias: str, warning: str
) -> None:
    """A look-alike name matches only itself (lookup and uniqueness use one rule), so it is
    refused when it matches another entry's name and otherwise named by `validate`."""
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    shown = json.dumps(alias)  # a YAML double-quoted string
    path = tmp_path / "cat.yaml"
    path.write_text(text.replace("aliases: [betamax]", f"aliases: [{shown}]"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:106: therapies[beta].aliases[0]: warning: {warning}")


def test_a_typed_name_that_mixes_scripts_is_told_why_it_matches_nothing(
    runner: CliRunner, mini: Path
) -> None:
    """'\u0430lpha' with a Cyrillic 'a' prints as 'alpha': the message names the letter."""
    result = runner.invoke(app, ["explain", "\u0430lpha"])
    assert result.exit_code == 2
    assert result.stderr == (
        "trd: no therapy called '\u0430lpha', whose letters mix two scripts (U+0430 CYRILLIC "
        "SMALL LETTER A) (did you mean 'alpha'?). Run 'trd list' to see every id.\n"
    )
    assert runner.invoke(app, ["explain", "\u0430\u0431\u0432"]).stderr.startswith(
        "trd: no therapy called '\u0430\u0431\u0432'. "  # one script: nothing to say
    )
