"""Load and validate a catalogue file into the typed model.

The whole file is checked before anything is returned, and every problem is reported with the
file, the line and the field path.  YAML is read as a stream of parser events (libyaml's C
parser where present) and turned into plain nodes here, so that tags, anchors, aliases and
deep nesting are refused before they can cost anything, and duplicate keys are caught.
The typed conversion is driven by the dataclass annotations in ``model.py``.

Limits, each refused with a message rather than worked through:

* ``MAX_BYTES``: the file's size.  It is checked before the file is read, and the read itself
  stops one byte past the limit (so a device such as ``/dev/zero`` is refused too).
* ``MAX_DEPTH``: lists and mappings nested inside each other.
* ``MAX_NODES``: values (scalars, lists and mappings) in the file; this bounds the time and
  memory any file can cost, whatever its shape.
* ``MAX_PROBLEMS``: problems listed; checking stops once more are found.

Anchors and aliases are refused at the event that carries them and are never expanded, so an
alias bomb ("billion laughs") costs no more than its own bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union

from . import model, safety
from .files import MAX_BYTES as MAX_BYTES
from .suggest import suggest
from .textsafe import shown_path

MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_PROBLEMS = 200
SHOWN_CHARS = 80
"""Longest catalogue value quoted whole in a message; longer ones are cut with '…'."""

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*")
FIRST_DATE = _dt.date(1900, 1, 1)
LAST_DATE = _dt.date(2100, 12, 31)
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = {
    STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Problem:
    """One finding.  ``str()`` is the one line shown to people, made inert (see textsafe.py),
    with any line break in it shown as ``\\n``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        file = shown_path(self.file)
        where = f"{file}:{self.line}" if self.line else file
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return shown_path(text)  # one line: a value's line break cannot forge a second


class CatalogueError(Exception):
    """The catalogue could not be read or is invalid; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def clip(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters with '…', for quoting catalogue values."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: str) -> str:
    """A catalogue value quoted in a message: repr-quoted (control characters escaped), cut."""
    return repr(clip(value))


# --------------------------------------------------------------------------- YAML reading


@dataclass(slots=True)
class Node:
    line: int


@dataclass(slots=True)
class Scalar(Node):
    value: str
    tag: str  # resolved tag
    quoted: bool


@dataclass(slots=True)
class Seq(Node):
    items: list[Node]


@dataclass(slots=True)
class Map(Node):
    pairs: list[tuple[Node, Node]]


def _loader_classes() -> tuple[Any, Any]:
    import yaml

    parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, parser


class StopChecking(Exception):
    """Reading or checking cannot usefully go on (too deep, too big, too many problems)."""


def read_nodes(text: str, file: str) -> Node | None:
    """Parse YAML text into plain nodes. Raises CatalogueError on anything not plain YAML.

    Tags, anchors and aliases are each reported and reading goes on, so one run lists them
    all (up to MAX_PROBLEMS); a YAML syntax error, too deep nesting, too many values or a
    second document end reading where they are found.
    """
    yaml, loader_cls = _loader_classes()
    from yaml.resolver import Resolver

    resolver = Resolver()
    stack: list[tuple[Node, list[Node]]] = []
    root: Node | None = None
    problems: dict[Problem, None] = {}  # in order; the same problem on one line is listed once
    count = 0

    def refuse(line: int, message: str) -> None:
        problems[Problem(file, line, "", message)] = None
        if len(problems) >= MAX_PROBLEMS:
            raise StopChecking

    def add(node: Node) -> None:
        nonlocal root, count
        count += 1
        if count > MAX_NODES:
            refuse(
                node.line,
                f"holds more than {MAX_NODES:,} values; a catalogue may hold at most {MAX_NODES:,}",
            )
            raise StopChecking
        if stack:
            stack[-1][1].append(node)
        elif root is None:
            root = node
        else:
            refuse(node.line, "more than one YAML document in the file; keep one")
            raise StopChecking

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        loader = loader_cls(text)
    except UnicodeEncodeError as exc:  # only text not decoded from a file can hold these
        line = text.count("\n", 0, exc.start) + 1
        raise CatalogueError(
            [Problem(file, line, "", "holds a lone surrogate code point")]
        ) from None
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, alias_event):
                refuse(
                    line,
                    f"YAML aliases (*{clip(event.anchor)}) are not allowed; write the value out",
                )
                add(Scalar(line, "", "tag:yaml.org,2002:null", False))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                refuse(line, f"YAML anchors (&{clip(anchor)}) are not allowed; write the value out")
            tag = getattr(event, "tag", None)
            if isinstance(event, scalar_event):
                plain = event.implicit[0]
                if tag not in (None, "!") and tag not in PLAIN_TAGS:
                    refuse(line, f"YAML tag '{clip(tag)}' is not allowed; plain values only")
                    tag = None
                if tag in PLAIN_TAGS:
                    resolved = tag
                else:
                    resolved = str(resolver.resolve(yaml.ScalarNode, event.value, (plain, False)))  # type: ignore[no-untyped-call]
                    if resolved not in PLAIN_TAGS:  # '<<' (merge) and '=' (value): just text
                        resolved = STR_TAG
                add(Scalar(line, event.value, resolved, not plain))
            elif isinstance(event, starts):
                if tag not in (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
                    refuse(line, f"YAML tag '{clip(tag)}' is not allowed; plain values only")
                if len(stack) >= MAX_DEPTH:
                    refuse(line, f"nested more than {MAX_DEPTH} levels deep")
                    raise StopChecking
                node: Node = (
                    Seq(line, []) if isinstance(event, yaml.SequenceStartEvent) else Map(line, [])
                )
                add(node)
                stack.append((node, []))
            elif isinstance(event, ends):
                node, children = stack.pop()
                if isinstance(node, Seq):
                    node.items = children
                else:
                    assert isinstance(node, Map)
                    node.pairs = list(zip(children[0::2], children[1::2], strict=True))
    except StopChecking:
        if len(problems) >= MAX_PROBLEMS:
            problems[Problem(file, 0, "", f"reading stopped after {MAX_PROBLEMS} problems")] = None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem or ""):  # newer libyaml refuses depth itself
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            problems[Problem(file, line, "", f"nested more than {MAX_DEPTH} levels deep")] = None
        else:
            problems[_syntax_problem(exc, text, file)] = None
    except yaml.reader.ReaderError as exc:
        problems[_reader_problem(exc, text, file)] = None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports all errors with marks
        problems[Problem(file, 0, "", "YAML error: " + " ".join(str(exc).split()))] = None
    finally:
        loader.dispose()
    if problems:
        raise CatalogueError(list(problems))
    return root


def _syntax_problem(exc: Any, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    what = exc.problem or "malformed YAML"
    if exc.context:
        what += f" ({exc.context}"
        if exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" that starts at line {exc.context_mark.line + 1}"
        what += ")"
    lines = text.split("\n")
    if mark and 0 <= mark.line < len(lines) and "\t" in lines[mark.line]:
        column = lines[mark.line].index("\t") + 1
        what += f"; there is a tab at column {column}: YAML indents with spaces only"
    return Problem(file, line, "", f"YAML syntax error: {what}")


def _reader_problem(exc: Any, text: str, file: str) -> Problem:
    """A character YAML does not allow (a control character, say), with its line."""
    code = int(exc.character)
    # The reader stops at the first such character; find it in the text (positions differ
    # between the C reader, which counts bytes, and the Python one, which counts characters).
    index = max(text.find(chr(code)), 0)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    kind = "a control character" if code < 0x20 or 0x7F <= code <= 0x9F else "a special character"
    return Problem(
        file,
        line,
        "",
        f"character U+{code:04X} ({kind}) at column {column} is not allowed in YAML; remove it",
    )


def read_text(path: Path) -> str:
    """Read a catalogue file as UTF-8 text, refusing what cannot be a catalogue (``files.py``:
    size, directories, devices, pipes that give nothing)."""
    from .files import Refused, TooBig, read_bytes

    file = str(path)
    try:
        data = read_bytes(file, MAX_BYTES)
    except TooBig as exc:
        raise CatalogueError([Problem(file, 0, "", f"is {_size(exc.size)}; {TOO_BIG}")]) from None
    except Refused as exc:
        raise CatalogueError([Problem(file, 0, "", str(exc))]) from None
    except FileNotFoundError:
        raise CatalogueError([Problem(file, 0, "", "no such file")]) from None
    except PermissionError:
        raise CatalogueError([Problem(file, 0, "", "permission denied")]) from None
    except OSError as exc:
        raise CatalogueError(
            [Problem(file, 0, "", f"cannot be read: {exc.strerror or exc}")]
        ) from None
    return decode(data, file)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB ({size:,} bytes)"


TOO_BIG = f"a catalogue may be at most {_size(MAX_BYTES)}"


def decode(data: bytes, file: str) -> str:
    """Catalogue bytes as text: UTF-8, an optional byte order mark, at most MAX_BYTES."""
    if len(data) > MAX_BYTES:
        raise CatalogueError([Problem(file, 0, "", f"is larger than allowed; {TOO_BIG}")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "is UTF-16 text, not UTF-8; save it as UTF-8"
        else:
            message = f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise CatalogueError([Problem(file, line, "", message)]) from None


# --------------------------------------------------------------------------- typed conversion


class _Invalid:
    pass


INVALID: Any = _Invalid()


def _describe(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    assert isinstance(node, Scalar)
    kind = node.tag.rsplit(":", 1)[-1]
    return {
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true/false",
        "null": "null",
        "timestamp": "a date",
    }.get(kind, kind) + f" ({shown(node.value)})"


class Converter:
    """Typed conversion of nodes, collecting problems.

    With ``stop_after``, conversion stops (raising ``StopChecking``) once more than that many
    problems are found, so a file that is wrong everywhere costs little; the caller catches it.
    """

    def __init__(self, file: str, stop_after: int | None = None) -> None:
        self.file = file
        self.stop_after = stop_after
        self.problems: list[Problem] = []
        self.notices: list[model.Notice] = []
        self.source_ids: set[str] | None = None
        self.condition_ids: set[str] | None = None
        self.classes: dict[str, model.TreatmentClass] | None = None
        self.not_reviewed: dict[str, str] | None = None
        self.entry_prefix = ""

    def notice(self, node: Node | None, path: str, message: str) -> None:
        """A warning: the file stays valid."""
        self.notices.append(model.Notice(node.line if node else 0, path, message))

    def error(self, node: Node | None, path: str, message: str) -> Any:
        self.problems.append(Problem(self.file, node.line if node else 0, path, message))
        if self.stop_after is not None and len(self.problems) > self.stop_after:
            raise StopChecking
        return INVALID

    # -- generic ----------------------------------------------------------------------
    def convert(self, node: Node, tp: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if isinstance(node, Scalar) and node.tag.endswith(":null"):
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
            if isinstance(node, Scalar) and node.tag.endswith(":bool"):
                return node.value.lower() in ("true", "yes", "on", "y")
            return self.error(node, path, f"expected true or false, got {_describe(node)}")
        if tp is int:
            if isinstance(node, Scalar) and (
                node.tag.endswith(":int") or (not node.quoted and DECIMAL.fullmatch(node.value))
            ):
                if DECIMAL.fullmatch(node.value):
                    try:
                        return int(node.value.replace("_", ""))
                    except ValueError:  # more digits than Python converts
                        pass
                return self.error(
                    node,
                    path,
                    f"expected a whole number in decimal digits, got {shown(node.value)}",
                )
            return self.error(node, path, f"expected a whole number, got {_describe(node)}")
        if tp is float:
            if isinstance(node, Scalar) and node.tag.endswith((":int", ":float")):
                try:
                    value = float(node.value.replace("_", ""))
                except ValueError:
                    value = float("nan")
                if value == value and value not in (float("inf"), float("-inf")):
                    return value
                return self.error(
                    node, path, f"expected a finite decimal number, got {shown(node.value)}"
                )
            return self.error(node, path, f"expected a number, got {_describe(node)}")
        raise TypeError(f"unsupported type in model: {tp!r}")  # pragma: no cover

    def convert_str(self, node: Node, path: str, meta: typing.Mapping[str, Any]) -> Any:
        if meta.get("date"):
            return self.convert_date(node, path)
        if not isinstance(node, Scalar) or not node.tag.endswith((":str", ":timestamp")):
            hint = "; put it in quotes" if isinstance(node, Scalar) else ""
            return self.error(node, path, f"expected text, got {_describe(node)}{hint}")
        value = node.value
        if node.tag.endswith(":timestamp"):
            return self.error(node, path, f"expected text, got a date ({shown(value)}); quote it")
        if not value.strip():
            return self.error(node, path, "must not be empty")
        if not model.INVISIBLE.sub("", value).strip():
            return self.error(node, path, "holds only invisible characters; it must show some text")
        return value

    def convert_date(self, node: Node, path: str) -> Any:
        """A date written YYYY-MM-DD, quoted or not, that exists and is plausible."""
        if not isinstance(node, Scalar) or node.tag.endswith(":null"):
            return self.error(node, path, f"expected a date as YYYY-MM-DD, got {_describe(node)}")
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
        given = shown(node.value) if isinstance(node, Scalar) else _describe(node)
        word = node.value if isinstance(node, Scalar) else ""
        choices = ", ".join(str(a) for a in allowed)
        return self.error(
            node,
            path,
            f"{given} is not one of: {choices}{suggest(word, [str(a) for a in allowed])}",
        )

    def convert_list(
        self, node: Node, item_tp: Any, path: str, meta: typing.Mapping[str, Any]
    ) -> Any:
        if not isinstance(node, Seq):
            return self.error(node, path, f"expected a list, got {_describe(node)}")
        out = []
        ok = True
        for i, item in enumerate(node.items):
            label = _item_label(item, i)
            value = self.convert(item, item_tp, f"{path}[{label}]", meta)
            ok = ok and value is not INVALID
            out.append(value)
        if not ok:
            return INVALID
        if meta.get("source_refs"):
            for item, value in zip(node.items, out, strict=True):
                self.check_source_ref(item, path, value)
        return tuple(out)

    def check_source_ref(self, node: Node, path: str, ref: str) -> None:
        if self.source_ids is not None and ref not in self.source_ids:
            self.error(
                node,
                path,
                f"cites source '{clip(ref)}', which is not in this entry's sources"
                f"{suggest(ref, self.source_ids)}",
            )

    def convert_dataclass(self, node: Node, cls: type, path: str) -> Any:
        if not isinstance(node, Map):
            return self.error(
                node, path, f"expected a mapping of {cls.__name__} fields, got {_describe(node)}"
            )
        fields, hints = _schema(cls)
        given: dict[str, tuple[Node, Node]] = {}
        ok = True
        for key_node, value_node in node.pairs:
            if not isinstance(key_node, Scalar) or not key_node.tag.endswith(":str"):
                self.error(key_node, path, f"keys must be plain names, got {_describe(key_node)}")
                ok = False
                continue
            key = key_node.value
            if len(key) > SHOWN_CHARS:
                self.error(key_node, _join(path, clip(key)), "unknown key (far too long)")
                ok = False
                continue
            if key in given:
                self.error(
                    key_node,
                    _join(path, key),
                    f"duplicate key (first given at line {given[key][0].line})",
                )
                ok = False
                continue
            given[key] = (key_node, value_node)
            if key not in fields:
                self.error(key_node, _join(path, key), f"unknown key{suggest(key, fields)}")
                ok = False
        # Fields whose values other fields refer to are read first.
        order = sorted(fields, key=lambda n: 0 if n in ("conditions", "sources") else 1)
        is_entry = cls is model.Therapy
        if is_entry:
            saved = (self.source_ids, self.not_reviewed, self.entry_prefix)
            # Source references are checked only once the entry's own sources have been read
            # whole; a broken source list would otherwise make every citation look dangling.
            self.source_ids, self.not_reviewed, self.entry_prefix = None, {}, path + "."
        values: dict[str, Any] = {}
        try:
            for name in order:
                f = fields[name]
                if name not in given:
                    if (
                        f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING
                    ):
                        self.error(node, _join(path, name), "required field is missing")
                        ok = False
                    continue
                key_node, value_node = given[name]
                value = self.convert_field(value_node, hints[name], _join(path, name), f.metadata)
                if value is INVALID:
                    ok = False
                else:
                    values[name] = value
                if is_entry and name == "sources" and value is not INVALID:
                    self.check_unique_sources(value_node, _join(path, name), value)
            if not ok:
                return INVALID
            if is_entry:
                assert self.not_reviewed is not None
                values["not_reviewed"] = dict(self.not_reviewed)
            obj = cls(**values)
            self.check_object(obj, node, path)
            return obj
        finally:
            if is_entry:
                self.source_ids, self.not_reviewed, self.entry_prefix = saved

    def convert_field(self, node: Node, tp: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
        if meta.get("reviewable"):
            if isinstance(node, Map) and len(node.pairs) >= 1:
                keys = [k.value for k, _ in node.pairs if isinstance(k, Scalar)]
                if "not_reviewed" in keys:
                    if len(node.pairs) != 1:
                        return self.error(
                            node,
                            path,
                            "'not_reviewed' must stand alone: give a value or a reason, not both",
                        )
                    reason_node = node.pairs[0][1]
                    reason = self.convert_str(reason_node, _join(path, "not_reviewed"), {})
                    if reason is INVALID:
                        return INVALID
                    if self.not_reviewed is not None:
                        self.not_reviewed[path.removeprefix(self.entry_prefix)] = reason
                    return None
            if isinstance(node, Scalar) and node.tag.endswith(":null"):
                return self.error(
                    node, path, 'no value; write {not_reviewed: "why there is no sourced answer"}'
                )
        elif (
            isinstance(node, Scalar)
            and node.tag.endswith(":null")
            and typing.get_origin(tp) not in (Union, types.UnionType)
        ):
            return self.error(node, path, "required value is empty (null)")
        value = self.convert(node, tp, path, meta)
        if meta.get("source_refs") and isinstance(value, str):
            self.check_source_ref(node, path, value)
        return value

    # -- checks that need more than a type ---------------------------------------------
    def check_unique_sources(
        self, node: Node, path: str, sources: tuple[model.Source, ...]
    ) -> None:
        seen: set[str] = set()
        items = node.items if isinstance(node, Seq) else []
        for item, src in zip(items, sources, strict=False):
            if src.id in seen:
                self.error(item, f"{path}[{src.id}].id", f"duplicate source id '{src.id}'")
            seen.add(src.id)
        self.source_ids = seen

    def check_object(self, obj: Any, node: Map, path: str) -> None:
        line_of = {k.value: k for k, _ in node.pairs if isinstance(k, Scalar)}

        def at(name: str) -> Node:
            return line_of.get(name, node)

        if isinstance(obj, (model.Therapy, model.Source, model.Condition)) and not SLUG.fullmatch(
            obj.id
        ):
            self.error(
                at("id"),
                _join(path, "id"),
                f"'{clip(obj.id)}' is not a lowercase slug (letters, digits, hyphens)",
            )
        for name, (low, high, what) in model.RANGES.get(type(obj).__name__, {}).items():
            value = getattr(obj, name)
            if value is not None and not low <= value <= high:
                self.error(at(name), _join(path, name), f"{what}, got {_number(value)}")
        if isinstance(obj, model.Onset) and obj.max < obj.min:
            self.error(
                at("max"),
                _join(path, "max"),
                f"onset range {_number(obj.min)}-{_number(obj.max)} is not min <= max",
            )
        if isinstance(obj, model.Onset) and obj.max_days > MAX_ONSET_DAYS:
            self.error(
                at("max"),
                _join(path, "max"),
                f"{_number(obj.max)} {obj.unit} is not a plausible onset "
                f"(at most {MAX_ONSET_DAYS:,} days, 10 years)",
            )
        if isinstance(obj, model.Catalogue) and not obj.crisis_contacts:
            self.error(
                at("crisis_contacts"),
                "crisis_contacts",
                "must list at least one crisis contact; they are shown wherever a person reads",
            )
        if isinstance(obj, model.Source) and obj.year is None and not obj.accessed:
            self.error(at("year"), _join(path, "year"), "an undated source needs `accessed`")
        if (
            isinstance(obj, model.Contraindication)
            and self.condition_ids is not None
            and obj.condition not in self.condition_ids
        ):
            self.error(
                at("condition"),
                _join(path, "condition"),
                f"'{clip(obj.condition)}' is not in the catalogue's conditions"
                + suggest(obj.condition, self.condition_ids),
            )
        if isinstance(obj, model.ClassRule | model.LabelReview):
            self.check_conditions(obj, node, path)
        if (
            isinstance(obj, model.Membership)
            and self.classes is not None
            and obj.id not in self.classes
        ):
            self.error(
                at("id"),
                _join(path, "id"),
                f"'{clip(obj.id)}' is not in the catalogue's classes"
                + suggest(obj.id, self.classes),
            )
        if isinstance(obj, model.Therapy):
            for i, alias in enumerate(obj.aliases):
                if not model.name_key(alias):
                    self.error(at("aliases"), f"{path}.aliases[{i}]", "alias must not be empty")
            named = [("name", obj.name)] + [(f"aliases[{i}]", a) for i, a in enumerate(obj.aliases)]
            for where, text in named:
                hidden = model.invisible_in(text)
                if hidden:
                    self.notice(
                        at(where.split("[")[0]),
                        _join(path, where),
                        f"holds an invisible character ({hidden}), which lookup ignores; "
                        "remove it so the text shows every character it matches by",
                    )
            if self.classes is not None:
                self.check_class_rules(obj, at, path)
            shown = [e.outcome for e in obj.efficacy or () if e.headline]
            for outcome in sorted({o for o in shown if shown.count(o) > 1}):
                self.error(
                    at("efficacy"),
                    _join(path, "efficacy"),
                    f"more than one {outcome} figure has `headline: true`; the glance shows one",
                )

    def check_conditions(self, obj: Any, node: Map, path: str) -> None:
        """Condition ids named by a class rule or a label review are in the vocabulary."""
        if self.condition_ids is None:
            return
        line_of = {k.value: k for k, _ in node.pairs if isinstance(k, Scalar)}
        if isinstance(obj, model.ClassRule):
            named = [("condition", obj.condition)]
        else:
            named = [(f"no_known_conflict[{i}]", c) for i, c in enumerate(obj.no_known_conflict)]
        for where, cond in named:
            if cond not in self.condition_ids:
                self.error(
                    line_of.get(where.split("[")[0], node),
                    _join(path, where),
                    f"'{clip(cond)}' is not in the catalogue's conditions"
                    + suggest(cond, self.condition_ids),
                )

    def check_class_rules(self, entry: model.Therapy, at: Any, path: str) -> None:
        """An entry's own rule is never weaker than its class's, nor 'no known conflict'."""
        assert self.classes is not None
        own = {c.condition: c.strength for c in entry.contraindications}
        for rule in safety.rules(entry, self.classes):
            if rule.via is None:
                continue
            mine = own.get(rule.condition)
            if mine is not None and safety.RANK[mine] > safety.RANK[rule.strength]:
                self.error(
                    at("contraindications"),
                    _join(path, "contraindications"),
                    f"'{rule.condition}' is '{mine}' here but '{rule.strength}' for every member "
                    f"of class '{rule.via}'; an entry may be stricter than its class, not weaker",
                )
        if entry.label_review is not None:
            named = {r.condition: r for r in safety.rules(entry, self.classes)}
            for cond in entry.label_review.no_known_conflict:
                if cond in named:
                    rule = named[cond]
                    mine_listed = "its contraindications list it"
                    where = f"class '{rule.via}' lists it" if rule.via else mine_listed
                    self.error(
                        at("label_review"),
                        _join(path, "label_review.no_known_conflict"),
                        f"'{cond}' is listed as no known conflict, but {where} ({rule.strength})",
                    )


def _number(value: float) -> str:
    """A number as a message shows it: whole numbers without '.0', long ones cut."""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return clip(text, 20)


MAX_ONSET_DAYS = 3653
"""The latest onset a catalogue may give, in days (10 years)."""


@functools.cache
def _schema(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """The fields a YAML mapping may give for ``cls``, and their types (worked out once)."""
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("derived")}
    return fields, typing.get_type_hints(cls)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _item_label(node: Node, index: int) -> str:
    if isinstance(node, Map):
        for k, v in node.pairs:
            if (
                isinstance(k, Scalar)
                and k.value == "id"
                and isinstance(v, Scalar)
                and v.value.strip()
            ):
                return clip(v.value, 40)
    return str(index)


def _catalogue_checks(conv: Converter, root: Map, cat: model.Catalogue) -> None:
    """Checks across entries: unique ids and aliases, unique condition ids."""
    entry_nodes: list[Node] = []
    for k, v in root.pairs:
        if isinstance(k, Scalar) and k.value == "therapies" and isinstance(v, Seq):
            entry_nodes = v.items
    check_freshness(conv, cat.date, cat.therapies, entry_nodes)
    owner: dict[str, tuple[int, str, int]] = {}
    for index, (node, entry) in enumerate(zip(entry_nodes, cat.therapies, strict=False)):
        for name in entry.names:
            key = model.name_key(name)
            if key in owner and owner[key][0] != index:
                _, other, line = owner[key]
                conv.error(
                    node,
                    f"therapies[{entry.id}]",
                    f"'{clip(name)}' is already the id or alias of '{other}' (line {line})",
                )
            elif key in owner:
                conv.error(node, f"therapies[{entry.id}]", f"'{clip(name)}' is listed twice")
            else:
                owner[key] = (index, entry.id, node.line)
    cond_nodes: list[Node] = []
    for k, v in root.pairs:
        if isinstance(k, Scalar) and k.value == "conditions" and isinstance(v, Seq):
            cond_nodes = v.items
    check_condition_ids(conv, cat.conditions, cond_nodes)
    class_nodes: list[Node] = []
    for k, v in root.pairs:
        if isinstance(k, Scalar) and k.value == "classes" and isinstance(v, Seq):
            class_nodes = v.items
    first: dict[str, int] = {}
    for node, cls in zip(class_nodes, cat.classes, strict=False):
        if cls.id in first:
            conv.error(
                node,
                f"classes[{cls.id}]",
                f"duplicate class id (first given at line {first[cls.id]})",
            )
        first.setdefault(cls.id, node.line)


STALE_DAYS = 365
"""An entry reviewed longer than this before its file's date is flagged by `trd validate`."""


def check_freshness(
    conv: Converter, date: str, entries: Sequence[model.Therapy], nodes: Sequence[Node]
) -> None:
    """Warn about entries reviewed more than 12 months before the file's date."""
    try:
        as_of = _dt.date.fromisoformat(date)
    except ValueError:
        return
    for node, entry in zip(nodes, entries, strict=False):
        try:
            age = (as_of - _dt.date.fromisoformat(entry.last_reviewed)).days
        except ValueError:
            continue
        if age > STALE_DAYS:
            line = next(
                (
                    k.line
                    for k, _ in getattr(node, "pairs", [])
                    if getattr(k, "value", None) == "last_reviewed"
                ),
                node.line,
            )
            conv.notice(
                Scalar(line, "", STR_TAG, False),
                f"therapies[{entry.id}].last_reviewed",
                f"reviewed {entry.last_reviewed}, {age} days before the file's date ({date}); "
                "entries are re-reviewed at least every 12 months",
            )


def check_condition_ids(
    conv: Converter, conditions: Sequence[model.Condition], nodes: Sequence[Node]
) -> None:
    """Condition ids unique within one file."""
    first: dict[str, int] = {}
    for cond_node, cond in zip(nodes, conditions, strict=False):
        if cond.id in first:
            conv.error(
                cond_node,
                f"conditions[{cond.id}]",
                f"duplicate condition id (first given at line {first[cond.id]})",
            )
        first.setdefault(cond.id, cond_node.line)


def raise_problems(problems: list[Problem], file: str) -> None:
    """Raise ``CatalogueError`` with ``problems`` in line order, if there are any."""
    if not problems:
        return
    found = sorted(set(problems), key=lambda p: (p.line, p.field, p.message))
    if len(found) > MAX_PROBLEMS:
        found = [
            *found[:MAX_PROBLEMS],
            Problem(file, 0, "", f"checking stopped after {MAX_PROBLEMS} problems"),
        ]
    raise CatalogueError(found)


def prefetch(root: Map, key: str, tp: Any, file: str) -> Any:
    """The value under ``key``, converted, or None when absent or invalid (reported later)."""
    for k, v in root.pairs:
        if isinstance(k, Scalar) and k.value == key:
            try:
                value = Converter(file, stop_after=0).convert(v, tp, key, {})
            except StopChecking:
                return None  # reported when the whole file is converted
            return None if value is INVALID else value
    return None


def parse_catalogue(text: str, file: str) -> model.Catalogue:
    """Validate YAML text as a whole catalogue. Raises CatalogueError listing every problem."""
    root = read_nodes(text, file)
    if root is None or (isinstance(root, Scalar) and root.tag.endswith(":null") and not root.value):
        raise CatalogueError([Problem(file, 0, "", "is empty; expected a catalogue mapping")])
    conv = Converter(file, stop_after=MAX_PROBLEMS)
    if isinstance(root, Map):
        # The vocabularies are read first so entries can be checked against them.
        conds = prefetch(root, "conditions", tuple[model.Condition, ...], file)
        if conds is not None:
            conv.condition_ids = {c.id for c in conds}
        classes = prefetch(root, "classes", tuple[model.TreatmentClass, ...], file)
        conv.classes = {c.id: c for c in classes or ()}
    cat: Any = INVALID
    try:
        cat = conv.convert(root, model.Catalogue, "", {})
        if cat is not INVALID:
            _catalogue_checks(conv, typing.cast(Map, root), cat)
    except StopChecking:
        pass
    raise_problems(conv.problems, file)
    assert isinstance(cat, model.Catalogue)
    notices = tuple(sorted(conv.notices, key=lambda n: (n.line, n.field)))
    return dataclasses.replace(cat, path=file, notices=notices)


def load_catalogue(path: Path) -> model.Catalogue:
    """Read, parse and validate the catalogue at ``path``."""
    return parse_catalogue(read_text(path), str(path))
