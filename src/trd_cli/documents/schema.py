"""JSON Schema (draft 2020-12) for the catalogue file and for each command's JSON output.

Generated from the model's dataclasses, so the schema cannot drift from the loader: each
dataclass is one definition, ``Literal`` types are enums, the ``doc`` metadata of each field is
its description, and a field without a default is required.  Two variants exist:

* ``file``: what may be written in a catalogue YAML file.  Reviewable fields also accept
  ``{not_reviewed: reason}``; derived fields (``not_reviewed``, ``path``) are absent.
* ``output``: what ``--json`` writes.  Every field is present; a reviewable field with no
  sourced answer is ``null`` and its reason is in the entry's ``not_reviewed`` object.

A few rules the loader checks beyond types (slugs, percentages, plausible years, counts) are
repeated in ``LIMITS`` so an editor can flag them while a file is written.  Rules across
fields (a cited source exists in the entry, ids are unique) are the loader's alone.

Every command that writes JSON registers its output schema with ``@register(name,
description)`` under its own name (``trd stage mgh`` -> ``stage``); the test suite fails for a
command without one.  Full entries and sources come from the model; the shapes of the
exploring commands (``search``, ``screen``, ``stage``) are written out here, each object with
every field required and no other allowed.  Standard library only.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union

from ..catalogue import model, vocabulary
from . import types as types_

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Variant = Literal["file", "output"]

LIMITS: dict[str, dict[str, Any]] = {
    "Therapy.id": {"pattern": SLUG},
    "Source.id": {"pattern": SLUG},
    "Condition.id": {"pattern": SLUG},
    **{
        f"{cls}.{name}": {"minimum": low, "maximum": high}
        for cls, fields in vocabulary.RANGES.items()
        for name, (low, high, _) in fields.items()
    },
    "Catalogue.crisis_contacts": {"minItems": 1},
}
"""Checks of ``catalog.Converter.check_object`` that a schema can say, by ``Class.field``."""

NOT_REVIEWED_DEF = {
    "type": "object",
    "description": "No sourced answer yet: say why. Output shows 'not reviewed (reason)'.",
    "properties": {"not_reviewed": {"type": "string", "minLength": 1, "pattern": "\\S"}},
    "required": ["not_reviewed"],
    "additionalProperties": False,
}


class Builder:
    """Turns model dataclasses into ``$defs`` for one variant."""

    def __init__(self, variant: Variant) -> None:
        self.variant = variant
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        document = issubclass(cls, types_.Document)
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in dataclasses.fields(cls):
            if f.metadata.get("derived") and (self.variant == "file" or f.name == "path"):
                continue
            where = f"{cls.__name__}.{f.name}"
            schema = self.type_schema(hints[f.name], f.metadata, where, document)
            if self.variant == "file" and f.metadata.get("reviewable"):
                schema = {"anyOf": [self.nonnull(schema), {"$ref": "#/$defs/NotReviewed"}]}
                self.defs.setdefault("NotReviewed", NOT_REVIEWED_DEF)
            text = f.metadata.get("doc")
            if text:
                schema = {"description": text, **schema}
            props[f.name] = schema
            has_default = (
                f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            )
            if self.variant == "output" or not has_default:
                required.append(f.name)
        out: dict[str, Any] = {"type": "object"}
        doc = (cls.__doc__ or "").strip()
        if doc and not doc.startswith(f"{cls.__name__}("):
            out["description"] = doc
        out.update({"properties": props, "required": required, "additionalProperties": False})
        return out

    def document(self, tp: Any, title: str, description: str) -> dict[str, Any]:
        """The schema of a command's JSON: ``tp`` a document class, a list of one, or a union
        of several (one of which the document is); the outermost objects written in place."""
        origin = typing.get_origin(tp)
        root: dict[str, Any]
        if origin is list:
            root = {"type": "array", "items": self.object_schema(typing.get_args(tp)[0])}
        elif origin in (Union, types.UnionType):
            root = {"oneOf": [self.object_schema(a) for a in typing.get_args(tp)]}
        else:
            root = self.object_schema(tp)
        return _document(title, description, root, self)

    @staticmethod
    def nonnull(schema: dict[str, Any]) -> dict[str, Any]:
        """``schema`` without its null branch (a reviewable field is never plain null)."""
        branches = schema.get("anyOf")
        if branches and {"type": "null"} in branches:
            rest = [b for b in branches if b != {"type": "null"}]
            return rest[0] if len(rest) == 1 else {"anyOf": rest}
        return schema

    def type_schema(
        self, tp: Any, meta: typing.Mapping[str, Any], where: str, document: bool = False
    ) -> dict[str, Any]:
        """The schema of one field's type; ``document``: a field of a command's output."""
        rule = {**LIMITS.get(where, {}), **meta.get("rule", {})}
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(tp))
            if len(args) == 1:
                inner = self.type_schema(args[0], meta, where, document)
                return {"anyOf": [inner, {"type": "null"}]} if nullable else inner
            if all(a in JSON_TYPES for a in args):
                names = [JSON_TYPES[a] for a in args] + ["null"] * nullable
                return {"type": names, **rule}
            branches = [self.type_schema(a, {}, where, document) for a in args]
            return {"anyOf": branches + [{"type": "null"}] * nullable}
        if dataclasses.is_dataclass(tp):
            return self.ref(typing.cast(type, tp))
        if origin in (tuple, list):
            parts = typing.get_args(tp)
            item = self.type_schema(parts[0], {} if document else meta, where, document)
            if origin is tuple and len(parts) > 1 and parts[1] is not Ellipsis:
                return {"type": "array", "items": item, "minItems": len(parts),
                        "maxItems": len(parts)}  # fmt: skip
            counts = {k: v for k, v in rule.items() if k in ("minItems", "maxItems")}
            return {"type": "array", "items": item, **(rule if document else counts)}
        if origin is dict:
            return {"type": "object", "additionalProperties": {"type": "string"}}
        if origin is Literal:
            values = list(typing.get_args(tp))
            return {"const": values[0]} if document and len(values) == 1 else {"enum": values}
        if tp is str:
            if meta.get("date"):
                return {"type": "string", "pattern": DATE, "format": "date"}
            if document:
                return {"type": "string", **rule}
            return {"type": "string", "minLength": 1, "pattern": "\\S", **rule}
        if tp in JSON_TYPES:
            return {"type": JSON_TYPES[tp], **rule}
        raise TypeError(f"no JSON Schema for {tp!r} at {where}")  # pragma: no cover


JSON_TYPES: dict[Any, str] = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _document(title: str, description: str, root: dict[str, Any], b: Builder) -> dict[str, Any]:
    doc: dict[str, Any] = {"$schema": DIALECT, "title": title, "description": description}
    doc.update(root)
    if b.defs:
        doc["$defs"] = dict(sorted(b.defs.items()))
    return doc


def _enum(tp: Any) -> dict[str, Any]:
    return {"enum": list(typing.get_args(tp))}


CATALOGUE_META = {
    "type": "object",
    "description": "The catalogue the output came from.",
    "properties": {
        "version": {"type": "string"},
        "date": {"type": "string", "pattern": DATE, "format": "date"},
    },
    "required": ["version", "date"],
    "additionalProperties": False,
}

# --------------------------------------------------------------------------- registry

SCHEMAS: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {}
"""name -> (one-line description, builder); ``trd schema NAME`` prints ``builder()``."""


def register(
    name: str, description: str
) -> Callable[[Callable[[], dict[str, Any]]], Callable[[], dict[str, Any]]]:
    def add(build: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
        SCHEMAS[name] = (description, build)
        return build

    return add


def schema_for(name: str) -> dict[str, Any]:
    return SCHEMAS[name][1]()


@register("catalogue", "a catalogue file (data/therapies.yaml, or your own)")
def catalogue_schema() -> dict[str, Any]:
    b = Builder("file")
    root = b.object_schema(model.Catalogue)
    return _document(
        "trd catalogue",
        "A trd catalogue file: treatment options for treatment-resistant depression, each "
        "claim with its sources. Dates are YYYY-MM-DD. The loader also checks that every cited "
        "source exists in its entry, every condition is in `conditions`, and ids and aliases "
        "are unique.",
        root,
        b,
    )


@register("explain", "trd explain ID --json: one full entry, with the catalogue's version")
def explain_schema() -> dict[str, Any]:
    b = Builder("output")
    entry = b.object_schema(model.Therapy)
    entry["properties"]["catalogue"] = CATALOGUE_META
    entry["properties"]["questions"] = {
        "type": "array",
        "items": b.ref(types_.GlanceRow),
        "description": "The short answer to each question of the glance (one answer each).",
    }
    entry["required"] += ["catalogue", "questions"]
    return _document(
        "trd explain --json",
        "Everything the catalogue holds on one option. A field that is null has no sourced "
        "answer; the reason is in `not_reviewed` under the field's path. With --fields, only "
        "the fields asked for are present.",
        entry,
        b,
    )


@register("compare", "trd compare ID ID ... --json: full entries in the order asked")
def compare_schema() -> dict[str, Any]:
    b = Builder("output")
    root = {
        "type": "object",
        "properties": {
            "catalogue": CATALOGUE_META,
            "ids": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The ids compared, in the order asked.",
            },
            "questions": {
                "type": "array",
                "items": b.ref(types_.GlanceRow),
                "description": "The short answer to each question (those of --questions), per "
                "option, beside the full entries.",
            },
            "therapies": {
                "type": "array",
                "items": b.ref(model.Therapy),
                "description": "Full entries, in the order of `ids`. With --fields, only the "
                "fields asked for are present in each.",
            },
        },
        "required": ["catalogue", "ids", "questions", "therapies"],
        "additionalProperties": False,
    }
    return _document(
        "trd compare --json", "Two or more options side by side, as full entries.", root, b
    )


@register("list", "trd list --json: one summary object per option")
def list_schema() -> dict[str, Any]:
    return Builder("output").document(
        list[types_.ListItem],
        "trd list --json",
        "Every option, summarised. With --fields, only the fields asked for are present.",
    )


def _strict(props: dict[str, Any], description: str = "") -> dict[str, Any]:
    """An object with exactly these properties, every one present."""
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out.update({"properties": props, "required": list(props), "additionalProperties": False})
    return out


def _array(items: dict[str, Any], description: str = "", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items, **extra}
    if description:
        out["description"] = description
    return out


TEXT: dict[str, Any] = {"type": "string"}
ID: dict[str, Any] = {"type": "string", "pattern": SLUG}


@register("search", "trd search TEXT... --json: matching options, best first, with where")
def search_schema() -> dict[str, Any]:
    return Builder("output").document(
        list[types_.SearchItem],
        "trd search --json",
        "Options whose text mentions every word, best match first; [] when none does. With "
        "--fields, only the fields asked for are present.",
    )


@register("screen", "trd screen --condition ... --json: a verdict for every option")
def screen_schema() -> dict[str, Any]:
    from ..explore import screen

    schema = Builder("output").document(
        list[types_.ScreenItem],
        "trd screen --json",
        "Every option, in catalogue order, with its verdict for the conditions given, the "
        "catalogue's reasons, and whether it fits each preference. With --fields, only the "
        "fields asked for are present.",
    )
    fit = schema["$defs"]["PreferenceFit"]["properties"]["preference"]
    fit["enum"] = list(screen.PREFERENCES)  # the vocabulary is explore's, not a type
    return schema


@register("compare-questions", "trd compare --list-questions --json: the questions compare answers")
def compare_questions_schema() -> dict[str, Any]:
    return Builder("output").document(
        list[types_.QuestionItem],
        "trd compare --list-questions --json",
        "The rows of the at-a-glance compare, with the keys `--questions` takes.",
    )


@register("screen-conditions", "trd screen --list-conditions --json: the conditions known")
def screen_conditions_schema() -> dict[str, Any]:
    return Builder("output").document(
        list[types_.ConditionItem],
        "trd screen --list-conditions --json",
        "The catalogue's conditions, the values `trd screen --condition` takes. With --fields, "
        "only the fields asked for are present.",
    )


STAGE_ITEMS = {
    "maudsley": ["duration", "severity", "failed_antidepressants", "augmentation", "ect"],
    "thase-rush": ["failed_classes", "tca", "maoi", "bilateral_ect"],
    "mgh": ["failed_trials", "optimised", "augmented", "ect"],
}
"""The items of each staging model, as ``items[].name`` in its JSON."""


@register("stage", "trd stage MODEL ... --json: a staging result (maudsley, thase-rush, mgh)")
def stage_schema() -> dict[str, Any]:
    from ..explore import staging

    null = {"type": "null"}

    def model_rules(name: str, rules: dict[str, Any]) -> dict[str, Any]:
        names = {"items": {"items": {"properties": {"name": {"enum": STAGE_ITEMS[name]}}}}}
        title = {"name": {"const": staging.MODELS[name].title}}
        return {"properties": {"model": {"const": name}, **title, **names, **rules}}

    no_criteria = {"type": "array", "maxItems": 0}
    low, high = staging.MAUDSLEY_RANGE
    thase_stages = [name for name, _ in staging.THASE_RUSH_CRITERIA]
    schema = Builder("output").document(
        types_.StageResult,
        "trd stage --json",
        "One staging result: the items entered with their points, the score or stage, the "
        "source, and the assumptions the calculator makes. Maudsley gives a score of 3-15 and "
        "a band; Thase-Rush a stage (0-V) and its criteria; MGH-S a continuous score. With "
        "--fields, only the fields asked for are present.",
    )
    # What the types cannot say: each model's own items, score range, band and stages.
    schema["anyOf"] = [
        model_rules(
            "maudsley",
            {
                "score": {"type": "integer", "minimum": low, "maximum": high},
                "range": {"const": [low, high]},
                "band": {"enum": ["mild", "moderate", "severe"]},
                "stage": null,
                "criteria": no_criteria,
            },
        ),
        model_rules(
            "thase-rush",
            {
                "score": null,
                "range": null,
                "band": null,
                "stage": {"enum": list(staging.ROMAN)},
                "criteria": {
                    "type": "array",
                    "minItems": len(thase_stages),
                    "maxItems": len(thase_stages),
                    "items": {"properties": {"stage": {"enum": thase_stages}}},
                },
            },
        ),
        model_rules(
            "mgh",
            {
                "score": {"type": "number", "minimum": 1},
                "range": null,
                "band": null,
                "stage": null,
                "criteria": no_criteria,
            },
        ),
    ]
    return schema


@register("about", "trd about --json: the catalogue's version, policy, counts and files")
def about_schema() -> dict[str, Any]:
    return Builder("output").document(
        types_.About,
        "trd about --json",
        "Facts about the catalogue in use (the disclaimer and crisis lines are shown to people "
        "only). With --fields, only the fields asked for are present.",
    )


@register("sources", "trd sources [ID] --json: every citation, with the options citing it")
def sources_schema() -> dict[str, Any]:
    b = Builder("output")
    item = b.object_schema(model.Source)
    item["properties"]["cited_by"] = _array(ID, "Ids of the options that cite it.", minItems=1)
    item["required"].append("cited_by")
    return _document(
        "trd sources --json",
        "One object per citation: a source as the catalogue gives it, and the options that "
        "cite it. With --fields, only the fields asked for are present.",
        _array(item),
        b,
    )


@register("overlay", "a catalogue overlay file (trd --catalog FILE)")
def overlay_schema() -> dict[str, Any]:
    b = Builder("file")
    root = b.object_schema(model.Overlay)
    return _document(
        "trd catalogue overlay",
        "A partial catalogue laid over another: entries that replace the entry with the same "
        "id or are added, and optional new conditions and crisis lines. Entries follow the "
        "catalogue format. Dates are YYYY-MM-DD.",
        root,
        b,
    )


@register("chart", "trd chart METRIC --json: the data behind a chart")
def chart_schema() -> dict[str, Any]:
    return Builder("output").document(
        types_.OnsetChart | types_.RateChart,
        "trd chart --json",
        "The data behind a chart. onset: ranges in days on a log axis; response and "
        "remission: one bar per study figure, as people out of 100. Options with no sourced "
        "figure are in not_drawn, never given a rate of zero.",
    )


@register("validate", "trd validate PATH ... --json: what was found in each file")
def validate_schema() -> dict[str, Any]:
    return Builder("output").document(
        list[types_.FileReport],
        "trd validate --json",
        "One object per file checked, in the order given.",
    )
