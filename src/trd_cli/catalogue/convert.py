"""Typed conversion of YAML nodes into the model, driven by the dataclass annotations in
``model.py`` (required and unknown keys, closed vocabularies, numbers, dates, text), running
the checks of ``checks.py`` on each object as it is built."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import re
import types
import typing
from typing import Any, Literal, Union

from . import model
from .checks import Checks, join
from .problems import INVALID, SHOWN_CHARS, clip, shown
from .suggest import suggest
from .textsafe import shows_text
from .yamlnodes import Map, Node, Scalar, Seq, describe, is_null, item_label

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DIGITS = re.compile(r"[-+]?[0-9][0-9_]*")
DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
FIRST_DATE = _dt.date(1900, 1, 1)
LAST_DATE = _dt.date(2100, 12, 31)
Meta = typing.Mapping[str, Any]


@functools.cache
def _schema(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """The fields a YAML mapping may give for ``cls``, and their types (worked out once)."""
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("derived")}
    return fields, typing.get_type_hints(cls)


def read_otherwise(number: str) -> str:
    """Why other YAML readers would take a number's text for another number, as the end of a
    message ('' when they would not): YAML 1.1, which PyYAML reads and this loader follows,
    takes ``017`` as octal 15 (and ``019`` as text)."""
    if LEADING_ZERO.fullmatch(number):
        return "; write it without the leading 0 (other YAML readers take it as octal)"
    return ""


class Converter(Checks):
    """Typed conversion of nodes, collecting problems (see ``Checks``)."""

    def __init__(self, file: str, stop_after: int | None = None) -> None:
        super().__init__(file, stop_after)
        self.not_reviewed: dict[str, str] | None = None
        self.entry_prefix = ""

    # -- generic ----------------------------------------------------------------------
    def convert(self, node: Node, tp: Any, path: str, meta: Meta) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if is_null(node):
                return None
            assert len(args) == 1, tp
            return self.convert(node, args[0], path, meta)
        if dataclasses.is_dataclass(tp):
            return self.convert_dataclass(node, typing.cast(type, tp), path)
        if origin is tuple:
            return self.convert_list(node, typing.get_args(tp)[0], path, meta)
        if origin is Literal:
            return self.convert_literal(node, typing.get_args(tp), path)
        if tp is str:
            return self.convert_str(node, path, meta)
        if tp is bool:
            return self.convert_bool(node, path)
        if tp is int:
            return self.convert_int(node, path)
        if tp is float:
            return self.convert_float(node, path)
        raise TypeError(f"unsupported type in model: {tp!r}")  # pragma: no cover

    # -- scalars ----------------------------------------------------------------------
    def convert_bool(self, node: Node, path: str) -> Any:
        if isinstance(node, Scalar) and node.tag.endswith(":bool"):
            return node.value.lower() in ("true", "yes", "on", "y")
        return self.error(node, path, f"expected true or false, got {describe(node)}")

    def convert_int(self, node: Node, path: str) -> Any:
        if not isinstance(node, Scalar) or not (
            node.tag.endswith(":int") or (not node.quoted and DIGITS.fullmatch(node.value))
        ):
            return self.error(node, path, f"expected a whole number, got {describe(node)}")
        if DECIMAL.fullmatch(node.value):
            try:
                return int(node.value.replace("_", ""))
            except ValueError:  # more digits than Python converts
                pass
        return self.error(
            node,
            path,
            f"expected a whole number in decimal digits, got {shown(node.value)}"
            + read_otherwise(node.value),
        )

    def convert_float(self, node: Node, path: str) -> Any:
        if not isinstance(node, Scalar) or not node.tag.endswith((":int", ":float")):
            return self.error(node, path, f"expected a number, got {describe(node)}")
        why = read_otherwise(node.value)
        try:
            value = float(node.value.replace("_", "")) if not why else float("nan")
        except ValueError:
            value = float("nan")
        if value == value and value not in (float("inf"), float("-inf")):
            return value + 0.0  # -0.0 is 0
        return self.error(
            node, path, f"expected a finite decimal number, got {shown(node.value)}{why}"
        )

    def convert_str(self, node: Node, path: str, meta: Meta) -> Any:
        if meta.get("date"):
            return self.convert_date(node, path)
        if not isinstance(node, Scalar) or not node.tag.endswith((":str", ":timestamp")):
            hint = "; put it in quotes" if isinstance(node, Scalar) else ""
            return self.error(node, path, f"expected text, got {describe(node)}{hint}")
        value = node.value
        if node.tag.endswith(":timestamp"):
            return self.error(node, path, f"expected text, got a date ({shown(value)}); quote it")
        if not value.strip():
            return self.error(node, path, "must not be empty")
        if meta.get("line") and "\n" in value:
            return self.error(
                node,
                path,
                "must be one line: a line break in it would start a line of its own in output",
            )
        if not shows_text(value):
            return self.error(
                node,
                path,
                "holds only invisible characters, controls or marks; it must show some text",
            )
        return value

    def convert_date(self, node: Node, path: str) -> Any:
        """A date written YYYY-MM-DD, quoted or not, that exists and is plausible."""
        if not isinstance(node, Scalar) or node.tag.endswith(":null"):
            return self.error(node, path, f"expected a date as YYYY-MM-DD, got {describe(node)}")
        value = node.value
        if not DATE.fullmatch(value):
            return self.error(node, path, f"expected a date as YYYY-MM-DD, got {shown(value)}")
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            return self.error(node, path, f"{shown(value)} is not a real calendar date")
        if not FIRST_DATE <= day <= LAST_DATE:
            return self.error(
                node,
                path,
                f"{shown(value)} is not a plausible date (expected {FIRST_DATE.year}-"
                f"{LAST_DATE.year})",
            )
        return value

    def convert_literal(self, node: Node, allowed: tuple[Any, ...], path: str) -> Any:
        if isinstance(node, Scalar) and node.value in allowed and node.tag.endswith(":str"):
            return node.value
        given = shown(node.value) if isinstance(node, Scalar) else describe(node)
        word = node.value if isinstance(node, Scalar) else ""
        choices = ", ".join(str(a) for a in allowed)
        return self.error(
            node,
            path,
            f"{given} is not one of: {choices}{suggest(word, [str(a) for a in allowed])}",
        )

    # -- lists and mappings -----------------------------------------------------------
    def convert_list(self, node: Node, item_tp: Any, path: str, meta: Meta) -> Any:
        if not isinstance(node, Seq):
            return self.error(node, path, f"expected a list, got {describe(node)}")
        out = []
        ok = True
        for i, item in enumerate(node.items):
            label = item_label(item, i)
            value = self.convert(item, item_tp, f"{path}[{label}]", meta)
            ok = ok and value is not INVALID
            out.append(value)
        if not ok:
            return INVALID
        if meta.get("source_refs"):
            for item, value in zip(node.items, out, strict=True):
                self.check_source_ref(item, path, value)
        return tuple(out)

    def given_keys(
        self, node: Map, path: str, fields: typing.Collection[str]
    ) -> tuple[dict[str, Node], bool]:
        """A mapping's values by key, and whether every key was fine: a key that is not a plain
        name, is too long, is given twice or names no field is reported."""
        given: dict[str, tuple[Node, Node]] = {}
        ok = True
        for key_node, value_node in node.pairs:
            if not isinstance(key_node, Scalar) or not key_node.tag.endswith(":str"):
                self.error(key_node, path, f"keys must be plain names, got {describe(key_node)}")
                ok = False
                continue
            key = key_node.value
            if len(key) > SHOWN_CHARS:
                self.error(key_node, join(path, clip(key)), "unknown key (far too long)")
                ok = False
                continue
            if key in given:
                self.error(
                    key_node,
                    join(path, key),
                    f"duplicate key (first given at line {given[key][0].line})",
                )
                ok = False
                continue
            given[key] = (key_node, value_node)
            if key not in fields:
                self.error(key_node, join(path, key), f"unknown key{suggest(key, fields)}")
                ok = False
        return {key: value for key, (_, value) in given.items()}, ok

    def convert_dataclass(self, node: Node, cls: type, path: str) -> Any:
        if not isinstance(node, Map):
            return self.error(
                node, path, f"expected a mapping of {cls.__name__} fields, got {describe(node)}"
            )
        fields, _ = _schema(cls)
        given, ok = self.given_keys(node, path, fields)
        if cls is not model.Therapy:
            return self.build(cls, node, given, path, ok)
        saved = (self.source_ids, self.not_reviewed, self.entry_prefix)
        # Source references are checked only once the entry's own sources have been read
        # whole; a broken source list would otherwise make every citation look dangling.
        self.source_ids, self.not_reviewed, self.entry_prefix = None, {}, path + "."
        try:
            return self.build(cls, node, given, path, ok)
        finally:
            self.source_ids, self.not_reviewed, self.entry_prefix = saved

    def build(self, cls: type, node: Map, given: dict[str, Node], path: str, ok: bool) -> Any:
        """``cls`` from the values given for its fields, checked; INVALID if any is not (or,
        with ``ok`` false, if a key was not)."""
        fields, hints = _schema(cls)
        is_entry = cls is model.Therapy
        values: dict[str, Any] = {}
        # Fields whose values other fields refer to are read first.
        for name in sorted(fields, key=lambda n: 0 if n in ("conditions", "sources") else 1):
            f = fields[name]
            if name not in given:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    self.error(node, join(path, name), "required field is missing")
                    ok = False
                continue
            value = self.convert_field(given[name], hints[name], join(path, name), f.metadata)
            if value is INVALID:
                ok = False
                continue
            values[name] = value
            if is_entry and name == "sources":
                self.check_unique_sources(given[name], join(path, name), value)
        if not ok:
            return INVALID
        if is_entry:
            assert self.not_reviewed is not None
            values["not_reviewed"] = dict(self.not_reviewed)
        obj = cls(**values)
        self.check_object(obj, node, path)
        return obj

    def convert_field(self, node: Node, tp: Any, path: str, meta: Meta) -> Any:
        if meta.get("reviewable"):
            if isinstance(node, Map) and "not_reviewed" in (
                k.value for k, _ in node.pairs if isinstance(k, Scalar)
            ):
                return self.convert_not_reviewed(node, path)
            if is_null(node):
                return self.error(
                    node, path, 'no value; write {not_reviewed: "why there is no sourced answer"}'
                )
        elif is_null(node) and typing.get_origin(tp) not in (Union, types.UnionType):
            return self.error(node, path, "required value is empty (null)")
        value = self.convert(node, tp, path, meta)
        if meta.get("source_refs") and isinstance(value, str):
            self.check_source_ref(node, path, value)
        return value

    def convert_not_reviewed(self, node: Map, path: str) -> Any:
        """``{not_reviewed: reason}`` in place of a value: None, with the reason kept."""
        if len(node.pairs) != 1:
            return self.error(
                node, path, "'not_reviewed' must stand alone: give a value or a reason, not both"
            )
        reason = self.convert_str(node.pairs[0][1], join(path, "not_reviewed"), {})
        if reason is INVALID:
            return INVALID
        if self.not_reviewed is not None:
            self.not_reviewed[path.removeprefix(self.entry_prefix)] = reason
        return None
