"""JSON Schema (draft 2020-12) generated from dataclasses: the model's, for the catalogue file,
and the documents' (``types.py``), for each command's JSON output.

Each dataclass is one definition, ``Literal`` types are enums, the ``doc`` metadata of each
field is its description, and a field without a default is required.  Two variants exist:

* ``file``: what may be written in a catalogue YAML file.  Reviewable fields also accept
  ``{not_reviewed: reason}``; derived fields (``not_reviewed``, ``path``) are absent.
* ``output``: what ``--json`` writes.  Every field is present; a reviewable field with no
  sourced answer is ``null`` and its reason is in the entry's ``not_reviewed`` object.

A few rules the loader checks beyond types (slugs, percentages, plausible years, counts) are
repeated in ``LIMITS`` so an editor can flag them while a file is written.  Rules across
fields (a cited source exists in the entry, ids are unique) are the loader's alone.
Standard library only.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union

from ..catalogue import vocabulary
from . import types as types_

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Variant = Literal["file", "output"]

LIMITS: dict[str, dict[str, Any]] = {
    "Therapy.id": {"pattern": SLUG},
    "Source.id": {"pattern": SLUG},
    "Condition.id": {"pattern": SLUG},
    "TreatmentClass.id": {"pattern": SLUG},
    **{
        f"{cls}.{name}": {"minimum": low, "maximum": high}
        for cls, fields in vocabulary.RANGES.items()
        for name, (low, high, _) in fields.items()
    },
    "Catalogue.crisis_contacts": {"minItems": 1},
}
"""Checks of ``checks.Checks.check_object`` (catalogue) that a schema can say, by
``Class.field``."""

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
        return titled(title, description, root, self)

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
            if meta.get("line"):  # one line, and not blank
                return {"type": "string", "minLength": 1, "pattern": "^[^\\n]*\\S[^\\n]*$", **rule}
            return {"type": "string", "minLength": 1, "pattern": "\\S", **rule}
        if tp in JSON_TYPES:
            return {"type": JSON_TYPES[tp], **rule}
        raise TypeError(f"no JSON Schema for {tp!r} at {where}")  # pragma: no cover


JSON_TYPES: dict[Any, str] = {bool: "boolean", int: "integer", float: "number", str: "string"}


def titled(title: str, description: str, root: dict[str, Any], b: Builder) -> dict[str, Any]:
    """A whole schema: ``root`` with its title and description, and the definitions ``b``
    made for it."""
    doc: dict[str, Any] = {"$schema": DIALECT, "title": title, "description": description}
    doc.update(root)
    if b.defs:
        doc["$defs"] = dict(sorted(b.defs.items()))
    return doc


def array(items: dict[str, Any], description: str = "", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items, **extra}
    if description:
        out["description"] = description
    return out
