"""`--format yaml` holds exactly the data of `--json`, whatever characters the catalogue holds.

YAML 1.1 reads NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) as line
breaks.  Written raw, a reader folds them into spaces or new lines; the YAML writer must escape
them (``\\N``, ``\\L``, ``\\P``) so that `yaml.safe_load` gives back the same strings.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from trd_cli.cli.app import app
from trd_cli.render import yaml as render_yaml

from .conftest import FIXTURES
from .runner import CliRunner

HOSTILE = FIXTURES / "hostile.yaml"
# The text every string of the hostile fixture ends with (escape sequences as in the file).
HOSTILE_TAIL = (
    " \\e[31mRED\\e[0m \\e]8;;http://evil\\alink\\e]8;;\\a \\x9B2J \\u202Eevil\\u202C "
    "zero\\u200Bwidth [bold red]markup[/bold red] [link=http://evil]y[/link] "
    '<script>alert(1)</script> [click](http://evil) \\r\\b\\a \\U0001F600 e\\u0301"'
)
BREAKS = "one\\x85two\\u2028three\\u2029four"
LINE_BREAKS = ("\x85", "\u2028", "\u2029")

# Every command that writes YAML, run against the hostile catalogue.
RUNS = [
    ["list"],
    ["compare", "alpha", "beta"],
    ["explain", "alpha"],
    ["explain", "beta"],
    ["search", "alpha"],
    ["screen", "--condition", "pregnancy,seizure-disorder", "--prefer", "fast-onset,at-home"],
    ["screen", "--list-conditions"],
    ["stage", "mgh", "--failed-trials", "2"],
    ["about"],
    ["sources"],
]


def variant(tmp_path: Path, tail: str) -> Path:
    """hostile.yaml with the end of every string replaced by ``tail``."""
    text = HOSTILE.read_text(encoding="utf-8")
    assert text.count(HOSTILE_TAIL) >= 40, "the hostile fixture changed; update HOSTILE_TAIL"
    path = tmp_path / "hostile-breaks.yaml"
    path.write_text(text.replace(HOSTILE_TAIL, tail), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "tail",
    [
        f' {BREAKS}"',  # only line breaks: nothing else makes the writer quote the string
        HOSTILE_TAIL[:-1] + f' {BREAKS}"',  # with every other kind of hostile text
    ],
    ids=["line-breaks", "line-breaks-and-hostile-text"],
)
def test_yaml_loads_back_as_exactly_the_json(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tail: str
) -> None:
    monkeypatch.setenv("TRD_CATALOG", str(variant(tmp_path, tail)))
    for args in RUNS:
        as_json = runner.invoke(app, [*args, "--json"])
        as_yaml = runner.invoke(app, [*args, "--format", "yaml"])
        assert as_json.exit_code == 0 and as_yaml.exit_code == 0, (args, as_json.stderr)
        data = json.loads(as_json.stdout)
        assert yaml.safe_load(as_yaml.stdout) == data, args
        for ch in LINE_BREAKS:  # escaped, so line-based tools see whole lines too
            assert ch not in as_yaml.stdout, (args, ch)
    name = json.loads(runner.invoke(app, ["explain", "alpha", "--json"]).stdout)["name"]
    assert name.endswith("one\x85two\u2028three\u2029four")  # the fixture really holds them


@pytest.mark.parametrize(
    "text",
    [
        "a\x85b",
        "a\u2028b",
        "a\u2029b",
        "\x85",
        " lead\u2028",
        "x: y\x85- z",
        "word " * 30 + "\u2028" + "word " * 30,  # long enough to be folded
        "line\nbreak\x85and\r\nmore",
    ],
)
def test_the_writer_keeps_every_line_break_character(text: str) -> None:
    doc = {"text": text, "list": [text], text: text}
    out = io.StringIO()
    render_yaml.dump(doc, out)
    assert yaml.safe_load(out.getvalue()) == doc
    assert not any(ch in out.getvalue() for ch in LINE_BREAKS)


def test_yaml_is_plain_without_anchors_or_tags() -> None:
    shared = {"id": "a"}
    out = io.StringIO()
    render_yaml.dump({"one": shared, "two": shared, "list": [shared, shared]}, out)
    assert "&" not in out.getvalue() and "*" not in out.getvalue() and "!" not in out.getvalue()
    assert yaml.safe_load(out.getvalue())["two"] == {"id": "a"}
