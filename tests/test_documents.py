"""Each command's JSON Schema is generated from its document type, and is what `trd schema`
prints: a field added to a document shows up in its schema, and nowhere else needs editing."""

from __future__ import annotations

import json
import typing

import pytest

from trd_cli.cli.app import app
from trd_cli.documents import schema, types

from .runner import CliRunner

DOCUMENTS: dict[str, typing.Any] = {
    "list": list[types.ListItem],
    "search": list[types.SearchItem],
    "screen": list[types.ScreenItem],
    "screen-conditions": list[types.ConditionItem],
    "stage": types.StageResult,
    "about": types.About,
    "chart": types.OnsetChart | types.RateChart,
    "validate": list[types.FileReport],
}


def roots(tp: typing.Any) -> list[type]:
    if typing.get_origin(tp) is list:
        return [typing.get_args(tp)[0]]
    if typing.get_args(tp):
        return list(typing.get_args(tp))
    return [tp]


def objects(printed: dict[str, typing.Any]) -> list[dict[str, typing.Any]]:
    if "items" in printed:
        return [printed["items"]]
    found: list[dict[str, typing.Any]] = printed.get("oneOf", [printed])
    return found


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_trd_schema_prints_the_schema_generated_from_the_document_type(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(schema.schema_for(name)))
    for cls, obj in zip(roots(DOCUMENTS[name]), objects(printed), strict=True):
        assert list(obj["properties"]) == list(types.fields_of(cls))
        assert obj["required"] == list(types.fields_of(cls))
        assert obj["additionalProperties"] is False
