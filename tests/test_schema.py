"""`trd schema`: JSON Schemas that real output and real catalogues satisfy."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator  # type: ignore[import-untyped]
from typer.main import get_command

from trd_cli.catalogue import model
from trd_cli.catalogue.loader import parse_catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path
from trd_cli.catalogue.problems import CatalogueError
from trd_cli.cli.app import app
from trd_cli.documents import schema

from .conftest import FIXTURES, MINI
from .runner import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SCHEMA = ROOT / "docs" / "catalogue.schema.json"

# One test process runs them all (pyproject.toml: --dist loadgroup): each validator is made once.
pytestmark = pytest.mark.xdist_group("schema")


class _DatesAsText(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML as an editor's language server reads it: an unquoted date is a string.

    libyaml's parser where present: the pure-Python one takes seconds over the shipped file."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.cache
def as_an_editor_reads(path: Path) -> Any:
    """The catalogue file at ``path`` as an editor reads it, read once per test process."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


_VALIDATORS: dict[str, Draft202012Validator] = {}


def validator(runner: CliRunner, name: str) -> Draft202012Validator:
    """A validator for what `trd schema NAME` prints, made (and the schema itself checked) once
    per test process: the schemas come from the model alone, whatever the catalogue."""
    if name not in _VALIDATORS:
        code, out, err = run(runner, "schema", name)
        assert code == 0, err
        doc = json.loads(out)
        Draft202012Validator.check_schema(doc)
        _VALIDATORS[name] = Draft202012Validator(doc)
    return _VALIDATORS[name]


def refused(v: Draft202012Validator | Draft7Validator, instance: Any) -> bool:
    """At least one problem: the validator stops at the first (listing every one, with messages
    for every branch of every ``anyOf``, costs far more)."""
    return not v.is_valid(instance)


def problems(v: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(instance)]


def test_schema_lists_what_it_has(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schema")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert {"catalogue", "list", "compare", "explain"} <= set(names)


def test_every_schema_is_a_valid_draft_2020_12_schema(runner: CliRunner) -> None:
    for name in schema.SCHEMAS:
        v = validator(runner, name)
        assert v.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_unknown_schema_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "schema", "lst")
    assert code == 2 and out == ""
    assert err.startswith("trd: no schema called 'lst' (did you mean 'list'?); choose one of:")
    assert run(runner, "schema", "catalog")[1] == run(runner, "schema", "catalogue")[1]


# --------------------------------------------------------------------------- outputs

STAGE_RUNS = [
    ["stage", "maudsley", "--duration-months", "13", "--severity", "mild",
     "--failed-antidepressants", "3"],
    ["stage", "maudsley", "--duration-months", "30", "--severity", "severe-psychotic",
     "--failed-antidepressants", "11", "--augmentation", "--ect"],
    ["stage", "thase-rush", "--failed-classes", "2", "--tca"],
    ["stage", "thase-rush", "--failed-classes", "0"],
    ["stage", "mgh", "--failed-trials", "2", "--optimised", "1", "--augmented", "1", "--ect"],
]  # fmt: skip

# Real runs against the mini catalogue, with the schema each output must satisfy.  Every
# command that writes JSON has a line here (the completeness test below checks it).
MINI_RUNS: list[tuple[str, list[str]]] = [
    ("list", ["list"]),
    ("list", ["list", "--category", "medication", "--sort", "onset", "--max-onset-days", "30"]),
    ("list", ["list", "--category", "surgical"]),  # none match: []
    ("compare", ["compare", "beta", "alpha"]),
    ("compare-questions", ["compare", "--list-questions"]),
    ("explain", ["explain", "alpha"]),
    ("explain", ["explain", "beta"]),
    ("search", ["search", "tablet"]),
    ("search", ["search", "seizure"]),
    ("search", ["search", "zzzz"]),  # no match: []
    ("screen", ["screen", "--condition", "seizure-disorder,pregnancy"]),
    ("screen", ["screen", "--prefer", "no-anesthesia,non-invasive,fast-onset,few-visits,at-home"]),
    ("screen-conditions", ["screen", "--list-conditions"]),
    *(("stage", args) for args in STAGE_RUNS),
    ("about", ["about"]),
    ("sources", ["sources"]),
    ("sources", ["sources", "alpha"]),
    ("chart", ["chart", "onset"]),
    ("chart", ["chart", "response"]),
    ("chart", ["chart", "remission", "beta", "alpha"]),
    ("validate", ["validate", str(MINI)]),
    ("validate", ["validate", str(FIXTURES / "bad" / "dangling-sources.yaml"), str(MINI)]),
]

FILE_SCHEMAS = {"catalogue", "overlay"}
"""Schemas of files a person writes; every other schema is a command's output."""


def schema_of(command: str) -> str:
    """The schema a command's JSON is described by: its name ('stage mgh' -> 'stage')."""
    return command.split()[0]


def json_commands() -> list[str]:
    """Every command, sub-commands included ('stage mgh'), that can write JSON."""
    found: list[str] = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        opts = {o for p in getattr(command, "params", []) for o in getattr(p, "opts", ())}
        if opts & {"--json", "--format"}:
            found.append(" ".join(path))

    walk(get_command(app), [])
    return sorted(found)


_OUTPUTS: dict[tuple[str, ...], str] = {}


def json_of(runner: CliRunner, args: list[str]) -> Any:
    """What `trd ARGS --json` prints, parsed afresh for each caller: one run per catalogue and
    arguments in a test process (the tests only read the output)."""
    key = (os.environ.get("TRD_CATALOG", ""), *args)
    if key not in _OUTPUTS:
        code, out, err = run(runner, *args, "--json")
        assert code == 0 or (code == 1 and args[0] == "validate"), (args, err)  # 1: invalid file
        _OUTPUTS[key] = out
    return json.loads(_OUTPUTS[key])


def test_every_command_with_json_output_has_a_schema_and_a_real_run() -> None:
    """A new command that writes JSON fails here until it has a schema and a line above."""
    commands = json_commands()
    assert {"list", "compare", "explain", "search", "screen", "stage mgh", "about"} <= set(commands)
    run_commands = {" ".join(args[:2] if args[0] == "stage" else args[:1]) for _, args in MINI_RUNS}
    for command in commands:
        assert schema_of(command) in schema.SCHEMAS, f"trd {command} --json has no schema"
        assert command in run_commands, f"no real run of trd {command} --json in MINI_RUNS"
    used = {name for name, _ in MINI_RUNS}
    assert used == set(schema.SCHEMAS) - FILE_SCHEMAS  # and no schema is left untested


@pytest.mark.parametrize(("name", "args"), MINI_RUNS, ids=[" ".join(a) for _, a in MINI_RUNS])
def test_real_output_of_each_command_satisfies_its_schema(
    runner: CliRunner, mini: Path, name: str, args: list[str]
) -> None:
    assert problems(validator(runner, name), json_of(runner, args)) == []


def test_the_shipped_catalogue_output_satisfies_the_schemas(runner: CliRunner) -> None:
    ids = [item["id"] for item in json_of(runner, ["list"])]
    conditions = [c["id"] for c in json_of(runner, ["screen", "--list-conditions"])]
    runs: list[tuple[str, list[str]]] = [
        ("list", ["list"]),
        ("list", ["list", "--sort", "visits", "--max-visits-per-week", "3"]),
        ("search", ["search", "seizure"]),
        ("search", ["search", "pregnan"]),
        ("screen", ["screen", "--condition", ",".join(conditions), "--prefer", "fast-onset"]),
        ("screen-conditions", ["screen", "--list-conditions"]),
        ("about", ["about"]),
        ("sources", ["sources"]),
        ("chart", ["chart", "onset"]),
        ("chart", ["chart", "response"]),
        ("chart", ["chart", "remission"]),
        ("validate", ["validate", str(builtin_catalogue_path())]),
    ]
    if ids:
        runs.append(("explain", ["explain", ids[-1]]))
    if len(ids) >= 2:
        runs.append(("compare", ["compare", *ids]))  # every entry, as a full entry
    validators = {name: validator(runner, name) for name, _ in runs}
    for name, args in runs:
        assert problems(validators[name], json_of(runner, args)) == [], args


def records_in(doc: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in ``doc`` with its path: the document, and inside it every value and the
    first item of every list.  Free-form maps (``not_reviewed``: path -> reason) are left out."""
    if isinstance(doc, dict):
        yield path, doc
        for key, value in doc.items():
            if key != "not_reviewed":
                yield from records_in(value, f"{path}/{key}")
    elif isinstance(doc, list) and doc:
        yield from records_in(doc[0], f"{path}/0")


def at(doc: Any, path: str) -> Any:
    for part in path.split("/")[1:]:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def drifted(doc: Any) -> Iterator[tuple[str, Any]]:
    """``doc`` with one field renamed, then with one left out, for every field of every object."""
    for path, record in records_in(doc):
        for key in record:
            for change in ("renamed", "missing"):
                copy = json.loads(json.dumps(doc))
                target = at(copy, path)
                value = target.pop(key)
                if change == "renamed":
                    target[key + "_x"] = value
                yield f"{path}/{key} {change}", copy


@pytest.mark.parametrize(("name", "args"), MINI_RUNS, ids=[" ".join(a) for _, a in MINI_RUNS])
def test_the_schemas_catch_a_renamed_or_missing_field_anywhere(
    runner: CliRunner, mini: Path, name: str, args: list[str]
) -> None:
    v = validator(runner, name)
    doc = json_of(runner, args)
    checked = 0
    for what, copy in drifted(doc):
        assert refused(v, copy), f"trd {' '.join(args)} --json: {what} passes"
        checked += 1
    assert checked or doc == []


def test_the_schemas_catch_output_that_drifts(runner: CliRunner, mini: Path) -> None:
    doc = json.loads(run(runner, "explain", "alpha", "--json")[1])
    v = validator(runner, "explain")
    assert refused(v, {**doc, "surprise": 1})
    assert refused(v, {**doc, "category": "magic"})
    del doc["efficacy"]
    assert refused(v, doc)


def test_the_stage_schema_holds_each_model_to_its_own_shape(runner: CliRunner, mini: Path) -> None:
    v = validator(runner, "stage")
    maudsley, thase_rush = json_of(runner, STAGE_RUNS[0]), json_of(runner, STAGE_RUNS[2])
    assert refused(v, {**maudsley, "score": 16})  # Maudsley totals are 3-15
    assert refused(v, {**maudsley, "band": "extreme"})
    assert refused(v, {**maudsley, "stage": "II"})
    assert refused(v, {**thase_rush, "stage": "VI"})
    assert refused(v, {**thase_rush, "model": "mgh"})


# Where the records that --fields narrows sit in each schema.
RECORD_AT = {
    "list": ("items",),
    "compare": ("$defs", "Therapy"),
    "explain": (),
    "search": ("items",),
    "screen": ("items",),
    "screen-conditions": ("items",),
    "stage": (),
    "about": (),
    "sources": ("items",),
}


@pytest.mark.parametrize("name", sorted(RECORD_AT))
def test_fields_output_satisfies_the_schema_with_only_those_fields(
    runner: CliRunner, mini: Path, name: str
) -> None:
    """With --fields the records keep the schema's types; only the fields asked are present."""
    args = next(a for n, a in MINI_RUNS if n == name)
    doc = json_of(runner, args)
    first = doc["therapies"][0] if name == "compare" else doc if isinstance(doc, dict) else doc[0]
    keys = list(first)
    chosen = [keys[-1], keys[0]] if len(keys) > 2 else keys[-1:]  # --fields sets the order
    code, out, err = run(runner, *args, "--fields", ",".join(chosen))
    assert code == 0, err
    narrowed = json.loads(out)
    full = validator(runner, name).schema
    only = json.loads(json.dumps(full))
    record = only
    for part in RECORD_AT[name]:
        record = record[part]
    record["required"] = chosen
    assert problems(Draft202012Validator(only), narrowed) == []
    records = narrowed["therapies"] if name == "compare" else narrowed
    for item in records if isinstance(records, list) else [records]:
        assert list(item) == chosen
    assert refused(Draft202012Validator(full), narrowed)  # the full schema wants all


# --------------------------------------------------------------------------- catalogue files


@pytest.mark.parametrize("path", [MINI, builtin_catalogue_path()], ids=["mini", "shipped"])
def test_catalogue_files_satisfy_the_catalogue_schema(runner: CliRunner, path: Path) -> None:
    assert problems(validator(runner, "catalogue"), as_an_editor_reads(path)) == []


MISTAKES = [
    ("category: medication", "category: pill"),  # not in the vocabulary
    ("  - id: beta\n", "  - id: Beta_Tablets\n"),  # not a slug
    ("rate: 27.0", "rate: 127.0"),  # not a percentage
    ("n: 205", "n: 0"),  # not a count
    ("year: 2018", "year: 1066"),  # not a plausible year
    ("route: Tablet by mouth", "route: Tablet by mouth\n      routes: typo"),  # unknown key
    ("    summary: An invented tablet used only by the tests.\n", ""),  # required field missing
    ('mechanism: {not_reviewed: "Unknown."}', 'mechanism: {not_reviewed: "Unknown.", text: "x"}'),
    ('mechanism: {not_reviewed: "Unknown."}', "mechanism: null"),  # say why, not null
    ('date: "2026-01-02"', 'date: "2 January 2026"'),
    (
        "anesthesia: false\n      invasiveness: non-invasive\n      session_length: {not",
        "anesthesia: sometimes\n      invasiveness: non-invasive\n      session_length: {not",
    ),
]


@pytest.mark.parametrize(("old", "new"), MISTAKES)
def test_the_schema_and_the_loader_refuse_the_same_mistakes(
    runner: CliRunner, old: str, new: str
) -> None:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    with pytest.raises(CatalogueError):
        parse_catalogue(text, "edited.yaml")
    data = yaml.load(text, Loader=_DatesAsText)
    assert refused(validator(runner, "catalogue"), data)
    assert refused(draft7(validator(runner, "catalogue")), data)


_DRAFT7: dict[int, Draft7Validator] = {}


def draft7(v: Draft202012Validator) -> Draft7Validator:
    """The same schema read by a draft-07 validator, as many editors' YAML support does (made
    and checked once per test process)."""
    if id(v) not in _DRAFT7:
        doc = {k: val for k, val in v.schema.items() if k != "$schema"}
        Draft7Validator.check_schema(doc)
        _DRAFT7[id(v)] = Draft7Validator(doc)
    return _DRAFT7[id(v)]


def test_editors_that_stop_at_draft_7_read_the_schema_the_same_way(runner: CliRunner) -> None:
    v = validator(runner, "catalogue")
    for path in (MINI, builtin_catalogue_path()):
        assert problems(draft7(v), as_an_editor_reads(path)) == []


def test_descriptions_and_vocabularies_come_from_the_model(runner: CliRunner) -> None:
    defs = validator(runner, "catalogue").schema["$defs"]
    for cls in (model.Therapy, model.Efficacy, model.Delivery, model.Source):
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            if f.metadata.get("derived"):
                assert f.name not in defs[cls.__name__]["properties"]
                continue
            prop = defs[cls.__name__]["properties"][f.name]
            assert prop["description"] == f.metadata["doc"], f.name
            if typing.get_origin(hints[f.name]) is typing.Literal:
                assert prop["enum"] == list(typing.get_args(hints[f.name]))
    onset = defs["Therapy"]["properties"]["onset"]
    assert {"$ref": "#/$defs/NotReviewed"} in onset["anyOf"]  # reviewable
    assert "investigational" not in defs["Therapy"]["required"]  # has a default
    assert "summary" in defs["Therapy"]["required"]


def test_the_catalogue_schema_in_docs_is_current(runner: CliRunner) -> None:
    """docs/catalogue.schema.json is what editors point at; regenerate it with
    `trd schema catalogue > docs/catalogue.schema.json` when the model changes."""
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == run(runner, "schema", "catalogue")[1]
