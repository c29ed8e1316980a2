"""Checks that need more than a field's type: within one object, within one entry (its sources
and citations), and across the file (unique ids and names, classes, freshness).

``Checks`` collects problems and notices; the typed conversion (``convert.py``) builds on it
and runs these checks as it builds each object.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from . import model, safety, vocabulary
from .problems import INVALID, Problem, StopChecking, clip, number
from .suggest import suggest
from .yamlnodes import STR_TAG, Map, Node, Scalar, Seq, items_of, key_nodes

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ONSET_DAYS = 3653
"""The latest onset a catalogue may give, in days (10 years)."""
STALE_DAYS = 365
"""An entry reviewed longer than this before its file's date is flagged by `trd validate`."""


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class Checks:
    """Problems and notices found in one file, and the vocabularies entries are checked against.

    With ``stop_after``, checking stops (raising ``StopChecking``) once more than that many
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

    def notice(self, node: Node | None, path: str, message: str) -> None:
        """A warning: the file stays valid."""
        self.notices.append(model.Notice(node.line if node else 0, path, message))

    def error(self, node: Node | None, path: str, message: str) -> Any:
        self.problems.append(Problem(self.file, node.line if node else 0, path, message))
        if self.stop_after is not None and len(self.problems) > self.stop_after:
            raise StopChecking
        return INVALID

    def check_source_ref(self, node: Node, path: str, ref: str) -> None:
        if self.source_ids is not None and ref not in self.source_ids:
            self.error(
                node,
                path,
                f"cites source '{clip(ref)}', which is not in this entry's sources"
                f"{suggest(ref, self.source_ids)}",
            )

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
        line_of = key_nodes(node)

        def at(name: str) -> Node:
            return line_of.get(name, node)

        slugged = (model.Therapy, model.Source, model.Condition, model.TreatmentClass)
        if isinstance(obj, slugged) and not SLUG.fullmatch(obj.id):
            self.error(
                at("id"),
                join(path, "id"),
                f"'{clip(obj.id)}' is not a lowercase slug (letters, digits, hyphens)",
            )
        for name, (low, high, what) in vocabulary.RANGES.get(type(obj).__name__, {}).items():
            value = getattr(obj, name)
            if value is not None and not low <= value <= high:
                self.error(at(name), join(path, name), f"{what}, got {number(value)}")
        if isinstance(obj, model.Onset):
            self.check_onset(obj, at("max"), join(path, "max"))
        if isinstance(obj, model.Catalogue) and not obj.crisis_contacts:
            self.error(
                at("crisis_contacts"),
                "crisis_contacts",
                "must list at least one crisis contact; they are shown wherever a person reads",
            )
        if isinstance(obj, model.Source) and obj.year is None and not obj.accessed:
            self.error(at("year"), join(path, "year"), "an undated source needs `accessed`")
        if isinstance(obj, model.Contraindication | model.ClassRule | model.LabelReview):
            self.check_conditions(obj, node, path)
        if (
            isinstance(obj, model.Membership)
            and self.classes is not None
            and obj.id not in self.classes
        ):
            self.error(
                at("id"),
                join(path, "id"),
                f"'{clip(obj.id)}' is not in the catalogue's classes"
                + suggest(obj.id, self.classes),
            )
        if isinstance(obj, model.Therapy):
            self.check_entry(obj, at, path)

    def check_onset(self, onset: model.Onset, node: Node, path: str) -> None:
        """An onset range runs forwards and ends within ten years."""
        if onset.max < onset.min:
            self.error(
                node,
                path,
                f"onset range {number(onset.min)}-{number(onset.max)} is not min <= max",
            )
        if onset.max_days > MAX_ONSET_DAYS:
            self.error(
                node,
                path,
                f"{number(onset.max)} {onset.unit} is not a plausible onset "
                f"(at most {MAX_ONSET_DAYS:,} days, 10 years)",
            )

    def check_entry(self, entry: model.Therapy, at: Callable[[str], Node], path: str) -> None:
        """An entry's names show what they match by; its class rules; one headline per outcome."""
        for i, alias in enumerate(entry.aliases):
            if not vocabulary.name_key(alias):
                self.error(at("aliases"), f"{path}.aliases[{i}]", "alias must not be empty")
        named = [("name", entry.name)] + [(f"aliases[{i}]", a) for i, a in enumerate(entry.aliases)]
        for where, text in named:
            for message in name_warnings(text):
                self.notice(at(where.split("[")[0]), join(path, where), message)
        if self.classes is not None:
            self.check_class_rules(entry, at, path)
        shown = [e.outcome for e in entry.efficacy or () if e.headline]
        for outcome in sorted({o for o in shown if shown.count(o) > 1}):
            self.error(
                at("efficacy"),
                join(path, "efficacy"),
                f"more than one {outcome} figure has `headline: true`; the glance shows one",
            )

    def check_conditions(
        self,
        obj: model.Contraindication | model.ClassRule | model.LabelReview,
        node: Map,
        path: str,
    ) -> None:
        """Condition ids named by a contraindication, a class rule or a label review are in the
        vocabulary."""
        if self.condition_ids is None:
            return
        line_of = key_nodes(node)
        if isinstance(obj, model.Contraindication | model.ClassRule):
            named = [("condition", obj.condition)]
        else:
            named = [(f"no_known_conflict[{i}]", c) for i, c in enumerate(obj.no_known_conflict)]
        for where, cond in named:
            if cond not in self.condition_ids:
                self.error(
                    line_of.get(where.split("[")[0], node),
                    join(path, where),
                    f"'{clip(cond)}' is not in the catalogue's conditions"
                    + suggest(cond, self.condition_ids),
                )

    def check_class_rules(self, entry: model.Therapy, at: Callable[[str], Node], path: str) -> None:
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
                    join(path, "contraindications"),
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
                        join(path, "label_review.no_known_conflict"),
                        f"'{cond}' is listed as no known conflict, but {where} ({rule.strength})",
                    )


def name_warnings(text: str) -> list[str]:
    """What makes a name or an alias show other than what it matches by: a character that
    shows nothing, a control character, letters of two scripts that look alike."""
    found = []
    hidden = vocabulary.invisible_in(text)
    if hidden:
        found.append(
            f"holds an invisible character ({hidden}), which lookup ignores; "
            "remove it so the text shows every character it matches by"
        )
    control = vocabulary.control_in(text)
    if control:
        found.append(
            f"holds a control character ({control}), which is shown as an escape and cannot "
            "be typed; remove it"
        )
    other = vocabulary.mixed_scripts(text)
    if other:
        found.append(
            f"mixes the letters of two scripts ({other}), so it can look like another name "
            "while matching only itself; write it in one script"
        )
    return found


def catalogue_checks(checks: Checks, root: Map, cat: model.Catalogue) -> None:
    """Checks across entries: unique ids and aliases, unique condition and class ids."""
    entry_nodes = items_of(root, "therapies")
    check_freshness(checks, cat.date, cat.therapies, entry_nodes)
    check_unique_names(checks, cat.therapies, entry_nodes)
    check_condition_ids(checks, cat.conditions, items_of(root, "conditions"))
    check_unique_ids(checks, "classes", "class", cat.classes, items_of(root, "classes"))


def listed_twice(entry: model.Therapy) -> list[str]:
    """A message for each name ``entry`` lists again under the rule lookup matches by."""
    seen: set[str] = set()
    found = []
    for name in entry.names:
        key = vocabulary.name_key(name)
        if key in seen:
            found.append(f"'{clip(name)}' is listed twice")
        seen.add(key)
    return found


def claims(entry: model.Therapy) -> dict[str, str]:
    """Every name an entry answers to or is shown by, by its ``name_key``: its id and aliases,
    which lookup matches, then its name, which a person reads in a list and may type."""
    out: dict[str, str] = {}
    for text in (*entry.names, entry.name):
        out.setdefault(vocabulary.name_key(text), text)
    return out


def clashes(key: str, entry: model.Therapy, other: model.Therapy) -> bool:
    """Whether two different entries that both claim ``key`` may not: lookup matches it for
    one of them.  Two entries may be called the same, but an alias may never be another
    entry's name (typing the name a list shows would open the wrong entry)."""
    return any(key in map(vocabulary.name_key, e.names) for e in (entry, other))


def taken(text: str, other: model.Therapy) -> str:
    """'X' is already the id or alias (or the name) of ``other``: the start of a message."""
    key = vocabulary.name_key(text)
    what = "id or alias" if key in map(vocabulary.name_key, other.names) else "name"
    return f"'{clip(text)}' is already the {what} of '{other.id}'"


def check_unique_names(
    checks: Checks, entries: Sequence[model.Therapy], nodes: Sequence[Node]
) -> None:
    """No id or alias names two entries or is another entry's name, nor names one entry
    twice."""
    owner: dict[str, tuple[model.Therapy, int]] = {}
    for node, entry in zip(nodes, entries, strict=False):
        for message in listed_twice(entry):
            checks.error(node, f"therapies[{entry.id}]", message)
        for key, name in claims(entry).items():
            if key not in owner:
                owner[key] = (entry, node.line)
            elif clashes(key, entry, owner[key][0]):
                other, line = owner[key]
                checks.error(node, f"therapies[{entry.id}]", f"{taken(name, other)} (line {line})")


def check_freshness(
    checks: Checks, date: str, entries: Sequence[model.Therapy], nodes: Sequence[Node]
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
            key = key_nodes(node).get("last_reviewed") if isinstance(node, Map) else None
            checks.notice(
                Scalar((key or node).line, "", STR_TAG, False),
                f"therapies[{entry.id}].last_reviewed",
                f"reviewed {entry.last_reviewed}, {age} days before the file's date ({date}); "
                "entries are re-reviewed at least every 12 months",
            )


def check_condition_ids(
    checks: Checks, conditions: Sequence[model.Condition], nodes: Sequence[Node]
) -> None:
    """Condition ids unique within one file."""
    check_unique_ids(checks, "conditions", "condition", conditions, nodes)


def check_unique_ids(
    checks: Checks, field: str, what: str, items: Sequence[Any], nodes: Sequence[Node]
) -> None:
    """Ids unique within one list of the file (``field``): each repeat names the first."""
    first: dict[str, int] = {}
    for node, item in zip(nodes, items, strict=False):
        if item.id in first:
            checks.error(
                node,
                f"{field}[{item.id}]",
                f"duplicate {what} id (first given at line {first[item.id]})",
            )
        first.setdefault(item.id, node.line)
