"""`trd schema`: JSON Schemas that real output and real catalogues satisfy."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator  # type: ignore[import-untyped]
from typer.testing import CliRunner

from trd_cli import model, schema
from trd_cli.catalog import CatalogueError, parse_catalogue
from trd_cli.cli import app
from trd_cli.queries import builtin_catalogue_path

from .conftest import MINI

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SCHEMA = ROOT / "docs" / "catalogue.schema.json"


class _DatesAsText(yaml.SafeLoader):
    """YAML as an editor's language server reads it: an unquoted date is a string."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def validator(runner: CliRunner, name: str) -> Draft202012Validator:
    code, out, err = run(runner, "schema", name)
    assert code == 0, err
    doc = json.loads(out)
    Draft202012Validator.check_schema(doc)
    return Draft202012Validator(doc)


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


def test_real_output_of_each_command_satisfies_its_schema(runner: CliRunner, mini: Path) -> None:
    for name, args in (
        ("list", ["list", "--json"]),
        ("compare", ["compare", "beta", "alpha", "--json"]),
        ("explain", ["explain", "alpha", "--json"]),
        ("explain", ["explain", "beta", "--json"]),
    ):
        code, out, _ = run(runner, *args)
        assert code == 0
        assert problems(validator(runner, name), json.loads(out)) == [], args


def test_the_shipped_catalogue_output_satisfies_the_schemas(runner: CliRunner) -> None:
    ids = [item["id"] for item in json.loads(run(runner, "list", "--json")[1])]
    assert problems(validator(runner, "list"), json.loads(run(runner, "list", "--json")[1])) == []
    if len(ids) >= 2:
        code, out, _ = run(runner, "compare", *ids, "--json")
        assert code == 0
        assert problems(validator(runner, "compare"), json.loads(out)) == []
    if ids:
        code, out, _ = run(runner, "explain", ids[0], "--json")
        assert problems(validator(runner, "explain"), json.loads(out)) == []


def test_the_schemas_catch_output_that_drifts(runner: CliRunner, mini: Path) -> None:
    doc = json.loads(run(runner, "explain", "alpha", "--json")[1])
    v = validator(runner, "explain")
    assert problems(v, {**doc, "surprise": 1}) != []
    assert problems(v, {**doc, "category": "magic"}) != []
    del doc["efficacy"]
    assert problems(v, doc) != []


# --------------------------------------------------------------------------- catalogue files


@pytest.mark.parametrize("path", [MINI, builtin_catalogue_path()], ids=["mini", "shipped"])
def test_catalogue_files_satisfy_the_catalogue_schema(runner: CliRunner, path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)
    assert problems(validator(runner, "catalogue"), data) == []


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
    assert problems(validator(runner, "catalogue"), data) != []
    assert problems(draft7(validator(runner, "catalogue")), data) != []


def draft7(v: Draft202012Validator) -> Draft7Validator:
    """The same schema read by a draft-07 validator, as many editors' YAML support does."""
    doc = {k: val for k, val in v.schema.items() if k != "$schema"}
    Draft7Validator.check_schema(doc)
    return Draft7Validator(doc)


def test_editors_that_stop_at_draft_7_read_the_schema_the_same_way(runner: CliRunner) -> None:
    v = validator(runner, "catalogue")
    for path in (MINI, builtin_catalogue_path()):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)
        assert problems(draft7(v), data) == []


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
