"""Read YAML text safely into plain nodes, each with its line.

YAML is read as a stream of parser events (libyaml's C parser where present) and turned into
plain nodes here, so that tags, anchors, aliases and deep nesting are refused before they can
cost anything.  Limits, each refused with a message rather than worked through:

* ``MAX_DEPTH``: lists and mappings nested inside each other.
* ``MAX_NODES``: values (scalars, lists and mappings) in the file; this bounds the time and
  memory any file can cost, whatever its shape.
* ``MAX_PROBLEMS`` (``problems.py``): problems listed; reading stops once more are found.

Anchors and aliases are refused at the event that carries them and are never expanded, so an
alias bomb ("billion laughs") costs no more than its own bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problems import MAX_PROBLEMS, CatalogueError, Problem, StopChecking, clip, shown

MAX_DEPTH = 32
MAX_NODES = 200_000
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
PLAIN_TAGS = {
    STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    NULL_TAG,
    "tag:yaml.org,2002:timestamp",
}
YAML_BOOLS = frozenset(("y", "yes", "true", "on", "n", "no", "false", "off"))
COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


@dataclass(slots=True)
class Node:
    """A YAML node with the line it starts on."""

    line: int


@dataclass(slots=True)
class Scalar(Node):
    """A scalar: its text, its resolved tag, and whether it was quoted."""

    value: str
    tag: str  # resolved tag
    quoted: bool


@dataclass(slots=True)
class Seq(Node):
    """A sequence of nodes."""

    items: list[Node]


@dataclass(slots=True)
class Map(Node):
    """A mapping, as its key and value nodes in file order."""

    pairs: list[tuple[Node, Node]]


def is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.tag.endswith(":null")


def value_of(node: Node, key: str) -> Node | None:
    """The value a mapping gives for ``key`` (the first, if given twice), or None."""
    for k, v in node.pairs if isinstance(node, Map) else ():
        if isinstance(k, Scalar) and k.value == key:
            return v
    return None


def items_of(node: Node, key: str) -> list[Node]:
    """The items of the list a mapping gives for ``key`` (none when it gives no list)."""
    found = value_of(node, key)
    return found.items if isinstance(found, Seq) else []


def key_nodes(node: Map) -> dict[str, Node]:
    """A mapping's keys by name, for pointing a problem at the key's line."""
    return {k.value: k for k, _ in node.pairs if isinstance(k, Scalar)}


def describe(node: Node) -> str:
    """What a node is, in a message's words: 'a list', 'text ('x')', ..."""
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


def item_label(node: Node, index: int) -> str:
    """How a list item is named in a field path: its id where it has one, else its index."""
    found = value_of(node, "id")
    if isinstance(found, Scalar) and found.value.strip():
        return clip(found.value, 40)
    return str(index)


def _loader_classes() -> tuple[Any, Any]:
    import yaml

    parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, parser


class _Reader:
    """Builds nodes from parser events, collecting problems (each line's once, in order)."""

    def __init__(self, yaml: Any, file: str) -> None:
        from yaml.resolver import Resolver

        self.yaml = yaml
        self.file = file
        self.resolver = Resolver()
        self.stack: list[tuple[Node, list[Node]]] = []
        self.root: Node | None = None
        self.problems: dict[Problem, None] = {}
        self.count = 0

    def refuse(self, line: int, message: str) -> None:
        self.problems[Problem(self.file, line, "", message)] = None
        if len(self.problems) >= MAX_PROBLEMS:
            raise StopChecking

    def add(self, node: Node) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            self.refuse(
                node.line,
                f"holds more than {MAX_NODES:,} values; a catalogue may hold at most {MAX_NODES:,}",
            )
            raise StopChecking
        if self.stack:
            self.stack[-1][1].append(node)
        elif self.root is None:
            self.root = node
        else:
            self.refuse(node.line, "more than one YAML document in the file; keep one")
            raise StopChecking

    def event(self, event: Any) -> None:
        yaml = self.yaml
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            self.refuse(
                line, f"YAML aliases (*{clip(event.anchor)}) are not allowed; write the value out"
            )
            self.add(Scalar(line, "", NULL_TAG, False))
            return
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.refuse(
                line, f"YAML anchors (&{clip(anchor)}) are not allowed; write the value out"
            )
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event, line)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.start(event, line)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.end()

    def scalar(self, event: Any, line: int) -> None:
        tag, plain = event.tag, event.implicit[0]
        if tag not in (None, "!") and tag not in PLAIN_TAGS:
            self.refuse(line, f"YAML tag '{clip(tag)}' is not allowed; plain values only")
            tag = None
        if tag in PLAIN_TAGS:
            resolved = tag
            if not self.fits(tag, event.value):
                self.refuse(
                    line, f"YAML tag '{clip(tag)}' does not fit '{clip(event.value)}'; leave it out"
                )
        else:
            resolved = str(self.resolver.resolve(self.yaml.ScalarNode, event.value, (plain, False)))  # type: ignore[no-untyped-call]
            if resolved not in PLAIN_TAGS:  # '<<' (merge) and '=' (value): just text
                resolved = STR_TAG
        self.add(Scalar(line, event.value, resolved, not plain))

    def fits(self, tag: str, value: str) -> bool:
        """Whether a value written with an explicit tag (``!!bool sometimes``) is what the tag
        says: a tag names a type, it never turns text into one."""
        if tag == STR_TAG:
            return True
        if tag.endswith(":bool"):  # YAML 1.1's spellings, `y` and `n` among them
            return value.lower() in YAML_BOOLS
        implied = str(self.resolver.resolve(self.yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]
        return implied == tag or (tag.endswith(":float") and implied.endswith(":int"))

    def start(self, event: Any, line: int) -> None:
        if event.tag not in COLLECTION_TAGS:
            self.refuse(line, f"YAML tag '{clip(event.tag)}' is not allowed; plain values only")
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(line, f"nested more than {MAX_DEPTH} levels deep")
            raise StopChecking
        is_seq = isinstance(event, self.yaml.SequenceStartEvent)
        node: Node = Seq(line, []) if is_seq else Map(line, [])
        self.add(node)
        self.stack.append((node, []))

    def end(self) -> None:
        node, children = self.stack.pop()
        if isinstance(node, Seq):
            node.items = children
        else:
            assert isinstance(node, Map)
            node.pairs = list(zip(children[0::2], children[1::2], strict=True))

    def problem(self, problem: Problem) -> None:
        self.problems[problem] = None


def read_nodes(text: str, file: str) -> Node | None:
    """Parse YAML text into plain nodes. Raises CatalogueError on anything not plain YAML.

    Tags, anchors and aliases are each reported and reading goes on, so one run lists them
    all (up to MAX_PROBLEMS); a YAML syntax error, too deep nesting, too many values or a
    second document end reading where they are found.
    """
    yaml, loader_cls = _loader_classes()
    reader = _Reader(yaml, file)
    try:
        loader = loader_cls(text)
    except UnicodeEncodeError as exc:  # only text not decoded from a file can hold these
        line = text.count("\n", 0, exc.start) + 1
        raise CatalogueError.of_file(file, "holds a lone surrogate code point", line) from None
    try:
        while (event := loader.get_event()) is not None:
            reader.event(event)
    except StopChecking:
        if len(reader.problems) >= MAX_PROBLEMS:
            reader.problem(Problem(file, 0, "", f"reading stopped after {MAX_PROBLEMS} problems"))
    except yaml.MarkedYAMLError as exc:
        reader.problem(_marked_problem(exc, text, file))
    except yaml.reader.ReaderError as exc:
        reader.problem(_reader_problem(exc, text, file))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports all errors with marks
        reader.problem(Problem(file, 0, "", "YAML error: " + " ".join(str(exc).split())))
    finally:
        loader.dispose()
    if reader.problems:
        raise CatalogueError(list(reader.problems))
    return reader.root


def _marked_problem(exc: Any, text: str, file: str) -> Problem:
    if "nesting depth" in str(exc.problem or ""):  # newer libyaml refuses depth itself
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return Problem(file, line, "", f"nested more than {MAX_DEPTH} levels deep")
    return _syntax_problem(exc, text, file)


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
