"""Properties of the loader over generated catalogues, and a bounded fuzz over raw bytes.

* Any catalogue generated from the schema (model.py) validates, and every command's JSON holds
  every value it was given, exactly.
* Any such catalogue with random damage either still validates or fails with problems that
  each name the file and a line; nothing but ``CatalogueError`` ever escapes.
* Any bytes at all, and any text built from YAML's punctuation, give a catalogue or a
  ``CatalogueError``: never another exception, never a hang.

The generators walk the model's dataclasses, so a field added to the schema is generated too.
Example counts are fixed so the run stays short in CI; raise them locally with
``HYPOTHESIS_PROFILE=long`` (30 times as many examples, failures shrunk).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import yaml
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

from trd_cli.catalogue import model, vocabulary
from trd_cli.catalogue.loader import decode, parse_catalogue
from trd_cli.catalogue.problems import CatalogueError, Problem
from trd_cli.catalogue.textsafe import shows_text
from trd_cli.cli.app import app
from trd_cli.documents.records import entry_doc

from .conftest import FIXTURES
from .runner import CliRunner

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def examples(count: int) -> settings:
    """Settings for one property: ``count`` examples (30 times as many with the long profile).

    In the short run a failing catalogue is reported as found, not shrunk: shrinking one can
    take minutes.
    """
    phases = list(Phase) if LONG else [Phase.explicit, Phase.reuse, Phase.generate]
    return settings(max_examples=count * (30 if LONG else 1), phases=phases)  # + conftest's


TINY = (FIXTURES / "tiny.yaml").read_bytes()

# Text as hand-edited catalogues hold it, and worse: any printable or control character,
# any script, emoji, combining marks, bidi overrides, zero-width characters.
# NEL and the Unicode line and paragraph separators are line breaks to YAML 1.1: written raw by
# a YAML writer they read back as line breaks, a property of YAML rather than of trd.
TEXT = st.text(
    st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(shows_text)  # text that shows
LINE = TEXT.filter(lambda s: "\n" not in s)  # a name or a version: one line
SLUG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
DATES = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(doc: Any) -> str:
    return yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


# --------------------------------------------------------------------------- generators


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The model's field types (read once: they are evaluated from strings each time)."""
    return typing.get_type_hints(cls)


class Gen:
    """Draws one catalogue as YAML-ready data, field by field from the model."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.names: set[str] = set()  # ids and aliases so far, as lookup matches them
        self.source_ids: list[str] = []
        self.condition_ids: list[str] = []
        self.class_ids: list[str] = []

    def fresh_name(self, strategy: st.SearchStrategy[str]) -> str:
        name = self.draw(
            strategy.filter(
                lambda s: vocabulary.name_key(s) and vocabulary.name_key(s) not in self.names
            )
        )
        self.names.add(vocabulary.name_key(name))
        return name

    def mapping(self, cls: type) -> dict[str, Any]:
        hints = _hints(cls)
        out: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.metadata.get("derived"):
                continue
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if not required and self.draw(st.booleans()):
                continue  # optional fields are sometimes left out
            if f.metadata.get("reviewable") and self.draw(st.integers(0, 3)) == 0:
                out[f.name] = {"not_reviewed": self.draw(TEXT)}
                continue
            out[f.name] = self.value(cls, f, hints[f.name])
        return out

    def value(self, cls: type, f: dataclasses.Field[Any], tp: Any) -> Any:
        tp, optional = _optional(tp)
        draw, name = self.draw, f.name
        if optional and not f.metadata.get("reviewable") and draw(st.integers(0, 4)) == 0:
            return None
        if f.metadata.get("date"):
            return draw(DATES).isoformat()
        if f.metadata.get("source_refs"):
            refs = st.sampled_from(self.source_ids)
            return draw(refs) if tp is str else draw(st.lists(refs, max_size=2))
        if name == "id" and cls is model.Membership:
            return draw(st.sampled_from(self.class_ids))
        if name == "id":
            return self.fresh_name(SLUG) if cls is model.Therapy else draw(SLUG)
        if name == "condition" and cls in (model.Contraindication, model.ClassRule):
            return draw(st.sampled_from(self.condition_ids))
        if name == "strength" and cls is model.ClassRule:
            return "caution"  # an entry's own rule may then never be weaker than its class's
        if name == "headline":
            return False  # at most one headline figure per outcome; set by the rule below
        if name == "no_known_conflict":
            return []  # a condition a rule names may not be listed as no known conflict
        if name == "classes" and cls is model.Therapy and not self.class_ids:
            return []
        if name == "name" and cls is model.Therapy:  # no other entry's id, alias or name
            return self.fresh_name(LINE)
        if name == "aliases":
            return [self.fresh_name(LINE) for _ in range(draw(st.integers(0, 2)))]
        if typing.get_origin(tp) is Literal:
            return draw(st.sampled_from(typing.get_args(tp)))
        if tp is str:
            return draw(LINE if f.metadata.get("line") else TEXT)
        if tp is bool:
            return draw(st.booleans())
        if tp in (int, float):  # within the plausible range the loader checks
            low, high, _ = vocabulary.RANGES[cls.__name__][name]
            if cls is model.Onset:
                high = 120  # so that 120 months is still within 10 years
            if tp is int:
                return draw(st.integers(low, high))
            return draw(st.floats(low, high) | st.integers(low, high))
        if typing.get_origin(tp) is tuple:
            (item,) = typing.get_args(tp)[:1]
            least = 1 if name == "crisis_contacts" and cls is model.Catalogue else 0
            return [self.item(cls, f, item) for _ in range(draw(st.integers(least, 2)))]
        if dataclasses.is_dataclass(tp):
            return self.nested(typing.cast(type, tp))
        raise AssertionError(f"no generator for {cls.__name__}.{name}: {tp!r}")

    def item(self, cls: type, f: dataclasses.Field[Any], tp: Any) -> Any:
        if dataclasses.is_dataclass(tp):
            return self.nested(typing.cast(type, tp))
        if typing.get_origin(tp) is Literal:
            return self.draw(st.sampled_from(typing.get_args(tp)))
        return self.draw(TEXT)

    def nested(self, cls: type) -> dict[str, Any]:
        if cls is model.Therapy:
            return self.therapy()
        out = self.mapping(cls)
        # Rules across fields, which the schema's types alone do not say:
        if cls is model.Onset:  # 0 <= min <= max
            low, high = sorted([out["min"], out["max"]])
            out["min"], out["max"] = low, high
        if cls is model.Source and out.get("year") is None:  # undated: when it was read
            out["accessed"] = self.draw(DATES).isoformat()
        return out

    def therapy(self) -> dict[str, Any]:
        ids = self.draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
        self.source_ids = ids
        entry = self.mapping(model.Therapy)
        entry["sources"] = [{**self.nested(model.Source), "id": sid} for sid in ids]
        return entry

    def catalogue(self) -> dict[str, Any]:
        ids = self.draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
        self.condition_ids = ids
        self.class_ids = self.draw(st.lists(SLUG, max_size=2, unique=True))
        doc = self.mapping(model.Catalogue)
        doc["conditions"] = [{"id": c, "description": self.draw(TEXT)} for c in ids]
        doc["classes"] = [{**self.nested(model.TreatmentClass), "id": c} for c in self.class_ids]
        doc["therapies"] = [self.therapy() for _ in range(self.draw(st.integers(1, 3)))]
        return doc


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    return Gen(draw).catalogue()


# --------------------------------------------------------------------------- checks


def same(given_value: Any, shown: Any, path: str, entry: dict[str, Any]) -> None:
    """Everything the YAML gave is in the JSON, exactly; 'not reviewed' reasons included."""
    if isinstance(given_value, dict) and set(given_value) == {"not_reviewed"}:
        assert shown is None, path
        key = path.split(".", 1)[1]
        assert entry["not_reviewed"][key] == given_value["not_reviewed"], path
        return
    if isinstance(given_value, dict):
        assert isinstance(shown, dict), path
        for key, value in given_value.items():
            same(value, shown[key], f"{path}.{key}", entry)
        return
    if isinstance(given_value, list):
        assert isinstance(shown, list) and len(shown) == len(given_value), path
        for i, (a, b) in enumerate(zip(given_value, shown, strict=True)):
            same(a, b, f"{path}[{i}]", entry)
        return
    assert shown == given_value and type(shown) in (type(given_value), float), (
        path,
        given_value,
        shown,
    )


def located(err: CatalogueError, file: str) -> None:
    assert err.problems
    for p in err.problems:
        assert isinstance(p, Problem)
        assert p.file == file
        assert p.line >= 1 or p.message.endswith("problems") or "empty" in p.message, p
        assert str(p).startswith(file + ":")


# --------------------------------------------------------------------------- properties


@examples(15)
@given(catalogues())
def test_a_generated_catalogue_validates_and_its_json_holds_every_value(
    doc: dict[str, Any],
) -> None:
    cat = parse_catalogue(dump(doc), "gen.yaml")
    assert [t.id for t in cat.therapies] == [t["id"] for t in doc["therapies"]]
    for given_entry, therapy in zip(doc["therapies"], cat.therapies, strict=True):
        shown = json.loads(json.dumps(entry_doc(therapy)))
        for key, value in given_entry.items():
            same(value, shown[key], f"therapies.{key}", shown)


@examples(6)
@given(catalogues())
def test_every_commands_json_round_trips_a_generated_catalogue(doc: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.yaml"
        path.write_text(dump(doc), encoding="utf-8")
        runner = CliRunner()
        env = {"TRD_CATALOG": str(path), "TRD_NO_CACHE": "1"}
        ids = [t["id"] for t in doc["therapies"]]
        result = runner.invoke(app, ["list", "--json"], env=env)
        assert result.exit_code == 0, (result.stderr, result.exception)
        listed = json.loads(result.stdout)
        assert [item["id"] for item in listed] == ids
        for item, given_entry in zip(listed, doc["therapies"], strict=True):
            assert item["name"] == given_entry["name"]
            assert item["aliases"] == given_entry["aliases"]
        for given_entry in doc["therapies"]:
            result = runner.invoke(app, ["explain", given_entry["id"], "--json"], env=env)
            assert result.exit_code == 0, (result.stderr, result.exception)
            shown = json.loads(result.stdout)
            for key, value in given_entry.items():
                same(value, shown[key], f"therapies.{key}", shown)
        if len(ids) >= 2:
            result = runner.invoke(app, ["compare", *ids, "--json"], env=env)
            assert result.exit_code == 0, (result.stderr, result.exception)
            assert json.loads(result.stdout)["ids"] == ids


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.dates(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(TEXT, st.integers(), max_size=2),
)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(catalogues())
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add-key", "duplicate"]))
        if action == "replace":
            parent[last] = draw(JUNK)
        elif action == "delete":
            del parent[last]
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(JUNK)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(parent[last])
    return doc


@examples(20)
@given(damaged())
def test_a_damaged_catalogue_validates_or_reports_located_problems(doc: dict[str, Any]) -> None:
    try:
        text = dump(doc)
    except yaml.YAMLError:
        assume(False)
    try:
        parse_catalogue(text, "gen.yaml")
    except CatalogueError as err:
        located(err, "gen.yaml")


YAML_PIECES = st.sampled_from(
    [
        "\n",
        " ",
        "  ",
        "\t",
        "-",
        "- ",
        ":",
        ": ",
        "?",
        ",",
        "[",
        "]",
        "{",
        "}",
        "#",
        "&a",
        "*a",
        "!",
        "!!",
        "|",
        ">",
        "'",
        '"',
        "%",
        "@",
        "`",
        "---",
        "...",
        "<<",
        "~",
        "null",
        "1",
        "0x1F",
        "1e3",
        ".inf",
        "2026-01-02",
        "yes",
        "id",
        "therapies",
        "version",
        "\\",
        "\\e",
        "é",
        "\u202e",
        "\ufeff",
        "\x00",
        "\x1b",
        "\x85",
        "\u2028",
        "😀",
    ]
)


@examples(300)
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_yaml_punctuation_never_escapes_as_an_exception(text: str) -> None:
    try:
        parse_catalogue(text, "fuzz.yaml")
    except CatalogueError as err:
        located(err, "fuzz.yaml")


@examples(300)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_catalogue_or_a_catalogue_error(data: bytes) -> None:
    try:
        parse_catalogue(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except CatalogueError as err:
        assert err.problems and all(p.file == "fuzz.yaml" for p in err.problems)


@examples(200)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TINY) - 1), st.integers(0, 2), st.binary(max_size=3)),
        min_size=1,
        max_size=6,
    )
)
def test_a_catalogue_with_damaged_bytes_never_escapes_as_an_exception(
    edits: list[tuple[int, int, bytes]],
) -> None:
    data = bytearray(TINY)
    for at, remove, insert in edits:
        data[at : at + remove] = insert
    try:
        cat = parse_catalogue(decode(bytes(data), "fuzz.yaml"), "fuzz.yaml")
    except CatalogueError as err:
        assert err.problems
        return
    for therapy in cat.therapies:  # what still loads is still whole
        json.dumps(entry_doc(therapy))
