"""Your own catalogue: whole catalogues and overlays, read and laid one over another.

A catalogue file is one of two kinds, told apart by its content:

* a **whole catalogue** (the format of the built-in one).  Given first, it replaces the
  built-in catalogue; it cannot come after another file.
* an **overlay**, a mapping that starts with ``overlay: NAME`` (``model.Overlay``).  It is laid
  over the catalogue beneath it (the built-in one, or the whole catalogue given first, with
  any earlier overlays): an entry with the id of an entry beneath replaces that entry whole;
  any other entry is added after the others.  Its conditions and crisis contacts are added.

Every entry of the result carries its ``origin`` (file, version, date, overlay name) and the
result lists every file in ``layers``, base first.  An id or alias that an overlay entry
shares with a *different* entry beneath, or with another entry of the same file, is an error
naming the file and line.

This module reads files but imports neither Typer nor Rich.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .checks import check_condition_ids, check_freshness, claims, clashes, listed_twice, taken
from .citations import cited_sources
from .convert import Converter
from .loader import load_catalogue, parse_catalogue, prefetch, read_text
from .model import (
    Catalogue,
    Condition,
    Layer,
    Notice,
    Origin,
    Overlay,
    Therapy,
    TreatmentClass,
)
from .phrases import origin_text
from .problems import (
    INVALID,
    MAX_PROBLEMS,
    CatalogueError,
    Problem,
    StopChecking,
    raise_problems,
)
from .textsafe import shown_path
from .yamlnodes import Map, Node, items_of, read_nodes, value_of

OVERLAY_KEY = "overlay"
"""The key that makes a file an overlay: ``overlay: NAME``."""

# Catalogue-wide fields an overlay does not have: when a file misses them, it was likely
# meant as an overlay.
_WHOLE_ONLY = ("disclaimer", "update_policy", "funding", "crisis_contacts", "conditions")

OVERLAY_HINT = (
    "to add entries to the built-in catalogue or replace some of them, make this file an "
    "overlay: start it with `overlay: NAME`, `version` and `date` (see README, "
    "'Your own catalogue')"
)
WHOLE_NOT_FIRST = (
    "is a whole catalogue, and only the first file may be one (it replaces the built-in "
    "catalogue); to lay its entries over the others, make it an overlay: start it with "
    "`overlay: NAME` and keep only version, date, therapies and any new conditions"
)


@dataclass(frozen=True)
class ParsedOverlay:
    """An overlay that is valid on its own, with the line of each entry and condition."""

    overlay: Overlay
    entry_lines: tuple[int, ...]
    condition_lines: tuple[int, ...]


# --------------------------------------------------------------------------- reading


def overlay_root(text: str, file: str) -> Map | None:
    """The file's top-level mapping when it is an overlay; None when it is not one.

    Text that never mentions the key is not read here, so a whole catalogue is parsed once.
    Raises ``CatalogueError`` when the text is not plain YAML.
    """
    if OVERLAY_KEY not in text:
        return None
    root = read_nodes(text, file)
    if isinstance(root, Map) and value_of(root, OVERLAY_KEY) is not None:
        return root
    return None


def parse_whole(text: str, file: str) -> Catalogue:
    """A whole catalogue; when it lacks the catalogue-wide fields, say how to make an overlay."""
    try:
        return parse_catalogue(text, file)
    except CatalogueError as err:
        missing = {
            p.field
            for p in err.problems
            if p.field in _WHOLE_ONLY and p.message == "required field is missing"
        }
        if len(missing) >= 2:
            raise CatalogueError([*err.problems, Problem(file, 0, "", OVERLAY_HINT)]) from None
        raise


def parse_overlay(
    root: Map,
    file: str,
    conditions: Sequence[str],
    classes: Mapping[str, TreatmentClass] | None = None,
) -> ParsedOverlay:
    """Validate an overlay on its own; ``conditions`` are the ids of the catalogue beneath.

    Raises ``CatalogueError`` listing every problem, each with file, line and field.
    """
    conv = Converter(file, stop_after=MAX_PROBLEMS)
    own = prefetch(root, "conditions", tuple[Condition, ...], file) or ()
    conv.condition_ids = set(conditions) | {c.id for c in own}
    conv.classes = dict(classes or {})
    entry_nodes = items_of(root, "therapies")
    condition_nodes = items_of(root, "conditions")
    value: Any = INVALID
    with contextlib.suppress(StopChecking):
        value = conv.convert(root, Overlay, "", {})
        if value is not INVALID:
            _check_names(conv, value.therapies, entry_nodes)
            check_condition_ids(conv, value.conditions, condition_nodes)
            check_freshness(conv, value.date, value.therapies, entry_nodes)
    raise_problems(conv.problems, file)
    assert isinstance(value, Overlay)
    notices = tuple(sorted(conv.notices, key=lambda n: (n.line, n.field)))
    return ParsedOverlay(
        dataclasses.replace(value, path=file, notices=notices),
        tuple(n.line for n in entry_nodes),
        tuple(n.line for n in condition_nodes),
    )


def _check_names(conv: Converter, entries: Sequence[Therapy], nodes: Sequence[Node]) -> None:
    """Ids, aliases and names unique within one file, by the rule lookup matches by."""
    owner: dict[str, tuple[Therapy, int]] = {}
    for entry, node in zip(entries, nodes, strict=False):
        for message in listed_twice(entry):
            conv.error(node, f"therapies[{entry.id}]", message)
        for key, name in claims(entry).items():
            if key not in owner:
                owner[key] = (entry, node.line)
                continue
            other, line = owner[key]
            if other.id != entry.id and not clashes(key, entry, other):
                continue  # two entries called the same
            message = f"{taken(name, other)} (line {line})"
            if other.id == entry.id:
                message = f"'{other.id}' is listed twice in this file (first at line {line})"
            conv.error(node, f"therapies[{entry.id}]", message)
            if other.id == entry.id:
                break  # the same entry twice: once is enough


# --------------------------------------------------------------------------- laying


def stamp(catalogue: Catalogue, *, builtin: bool) -> Catalogue:
    """A whole catalogue as the base layer: every entry marked with where it came from."""
    origin = Origin(catalogue.path, catalogue.version, catalogue.date, None, builtin)
    return dataclasses.replace(
        catalogue,
        therapies=tuple(dataclasses.replace(t, origin=origin) for t in catalogue.therapies),
        layers=(Layer(origin, added=tuple(t.id for t in catalogue.therapies)),),
    )


def lay(base: Catalogue, parsed: ParsedOverlay) -> Catalogue:
    """``parsed`` laid over ``base``. Raises ``CatalogueError`` on clashing ids or aliases."""
    ov = parsed.overlay
    origin = Origin(ov.path, ov.version, ov.date, ov.overlay, False)
    problems = _known_conditions(base, parsed)
    entries = {t.id: t for t in base.therapies}
    added, replaced = _lay_entries(entries, parsed, origin, problems)
    raise_problems(problems, ov.path)
    return dataclasses.replace(
        base,
        therapies=tuple(entries.values()),
        conditions=(*base.conditions, *ov.conditions),
        crisis_contacts=(*base.crisis_contacts, *ov.crisis_contacts),
        layers=(
            *base.layers,
            Layer(
                origin,
                tuple(added),
                tuple(replaced),
                tuple(c.id for c in ov.conditions),
                ov.update_policy,
                ov.funding,
            ),
        ),
    )


def _known_conditions(base: Catalogue, parsed: ParsedOverlay) -> list[Problem]:
    """An overlay's conditions that the catalogue beneath already has."""
    file = parsed.overlay.path
    known = set(base.condition_ids())
    return [
        Problem(
            file,
            line,
            f"conditions[{cond.id}]",
            f"'{cond.id}' is already one of the catalogue's conditions; leave it out",
        )
        for cond, line in zip(parsed.overlay.conditions, parsed.condition_lines, strict=False)
        if cond.id in known
    ]


def _lay_entries(
    entries: dict[str, Therapy], parsed: ParsedOverlay, origin: Origin, problems: list[Problem]
) -> tuple[list[str], list[str]]:
    """The overlay's entries laid into ``entries`` (id -> entry, in order); the ids added and
    replaced.  A name another entry beneath already has is a problem, unless this file
    replaces that entry (the replacement brings its own names, and gives up the others to the
    file's entries wherever in the file they stand)."""
    file = parsed.overlay.path
    replacing = {e.id for e in parsed.overlay.therapies}
    owner: dict[str, Therapy] = {}
    for t in entries.values():
        if t.id not in replacing:
            for key in claims(t):
                owner.setdefault(key, t)
    added: list[str] = []
    replaced: list[str] = []
    for entry, line in zip(parsed.overlay.therapies, parsed.entry_lines, strict=False):
        old = entries.get(entry.id)
        for key, name in claims(entry).items():
            other = owner.get(key)
            if other is not None and other.id != entry.id and clashes(key, entry, other):
                message = f"{taken(name, other)} in {origin_text(other.origin)}"
                if name == entry.id:
                    message += f"; to replace that entry, give this one the id '{other.id}'"
                problems.append(Problem(file, line, f"therapies[{entry.id}]", message))
        for key in claims(entry):
            owner.setdefault(key, entry)
        entries[entry.id] = dataclasses.replace(entry, origin=origin)
        (replaced if old is not None else added).append(entry.id)
    return added, replaced


def assemble(paths: Sequence[Path], builtin: Path) -> Catalogue:
    """The catalogue made of ``paths`` in order, over the built-in one unless the first file is
    a whole catalogue. Stops at the first file with problems and raises ``CatalogueError``
    listing all of that file's problems.
    """
    base: Catalogue | None = None
    for index, path in enumerate(paths):
        file = str(path)
        text = read_text(path)
        root = overlay_root(text, file)
        if root is None:
            if index > 0:
                raise CatalogueError.of_file(file, WHOLE_NOT_FIRST)
            base = stamp(parse_whole(text, file), builtin=False)
            continue
        if base is None:
            base = stamp(load_catalogue(builtin), builtin=True)
        base = lay(base, parse_overlay(root, file, base.condition_ids(), base.class_named()))
    if base is None:
        base = stamp(load_catalogue(builtin), builtin=True)
    return base


# --------------------------------------------------------------------------- checking files


@dataclass(frozen=True)
class Report:
    """What `trd validate` found in one file."""

    path: str
    problems: tuple[Problem, ...] = ()
    kind: Literal["catalogue", "overlay"] | None = None
    name: str | None = None  # the overlay's name
    version: str | None = None
    date: str | None = None
    entries: int = 0
    sources: int = 0
    not_reviewed: int = 0
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


def _counted(report: Report, entries: Sequence[Therapy]) -> Report:
    return dataclasses.replace(
        report,
        entries=len(entries),
        sources=len(cited_sources(entries)),
        not_reviewed=sum(len(e.not_reviewed) for e in entries),
    )


def _warnings(file: str, notices: Sequence[Notice]) -> tuple[Problem, ...]:
    return tuple(Problem(file, n.line, n.field, "warning: " + n.message) for n in notices)


def check_file(path: Path, beneath: Callable[[], Catalogue]) -> Report:
    """Validate one file without changing it. A whole catalogue is checked on its own; an
    overlay is checked as laid over ``beneath()`` (the catalogue it would be used with).
    """
    file = str(path)
    try:
        text = read_text(path)
        root = overlay_root(text, file)
        if root is None:
            cat = parse_whole(text, file)
            whole = Report(
                file,
                kind="catalogue",
                version=cat.version,
                date=cat.date,
                added=tuple(t.id for t in cat.therapies),
                warnings=_warnings(file, cat.notices),
            )
            return _counted(whole, cat.therapies)
        try:
            base = beneath()
        except CatalogueError as err:
            note = Problem(file, 0, "", "cannot be checked: the catalogue beneath it is invalid")
            return Report(file, (note, *err.problems), kind="overlay")
        parsed = parse_overlay(root, file, base.condition_ids(), base.class_named())
        layer = lay(base, parsed).layers[-1]
        ov = parsed.overlay
        partial = Report(
            file,
            kind="overlay",
            name=ov.overlay,
            version=ov.version,
            date=ov.date,
            added=layer.added,
            replaced=layer.replaced,
            warnings=_warnings(file, ov.notices),
        )
        return _counted(partial, ov.therapies)
    except CatalogueError as err:
        return Report(file, tuple(err.problems))


def summary(report: Report) -> str:
    """One line for a valid file: what it is and what it holds."""
    if report.kind == "overlay":
        what = f"overlay '{report.name}' {report.version} ({report.date})"
        holds = _plural(report.entries, "entry", "entries")
        if report.entries:
            holds += f" ({len(report.replaced)} replacing, {len(report.added)} new)"
    else:
        what = f"catalogue {report.version} ({report.date})"
        holds = _plural(report.entries, "entry", "entries")
    return (
        f"OK {shown_path(report.path)}: {what}: {holds}, "
        f"{_plural(report.sources, 'source', 'sources')}, "
        f"{_plural(report.not_reviewed, 'field', 'fields')} not reviewed"
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
