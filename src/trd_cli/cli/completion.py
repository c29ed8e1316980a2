"""Names for shell completion, read cheaply.

Completion runs on every TAB press, so it must not parse and validate the whole catalogue.
This module scans the catalogue's text line by line for the ids, names and aliases of the
entries and the ids of the conditions, as the catalogue format writes them (block entries
starting ``- id: ...``; ``aliases: [a, b]`` or a block list; conditions as ``- {id: ...}`` or
block mappings).  A file it cannot read simply completes nothing.  Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
_FLOW_ID = re.compile(r"(?:^|[{,])\s*id:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^,}]+)")
_FLOW_DESCRIPTION = re.compile(r"(?:^|[{,])\s*description:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^,}]+)")


@dataclass(frozen=True)
class Name:
    value: str
    help: str
    owner: str = ""  # the id of the entry a therapy name belongs to


def _scalar(raw: str | None) -> str:
    value = (raw or "").strip()
    if " #" in value and not value.startswith(("'", '"')):
        value = value.split(" #", 1)[0].rstrip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _flow_list(raw: str) -> list[str]:
    inner = raw.strip()
    if not (inner.startswith("[") and inner.endswith("]")):
        return []
    return [v for v in (_scalar(p) for p in inner[1:-1].split(",")) if v]


@dataclass
class _Entry:
    id: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()


def scan(text: str) -> tuple[list[_Entry], list[Name]]:
    """Entries (id, name, aliases) and conditions (id, description) found in ``text``."""
    entries: list[_Entry] = []
    conditions: list[Name] = []
    section = ""
    key_indent = -1  # where an entry's own keys start
    in_aliases = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _KEY.match(line)
        if line[0] not in " -":
            section = m["key"] if m else ""
            continue
        if section == "therapies":
            if m is None:
                if in_aliases and stripped.startswith("- ") and entries:
                    entries[-1].aliases = (*entries[-1].aliases, _scalar(stripped[2:]))
                continue
            indent = len(m["indent"]) + len(m["dash"] or "")
            if m["dash"] and (key_indent < 0 or indent == key_indent):
                key_indent = indent
                entries.append(_Entry())
            in_aliases = False
            if indent != key_indent or not entries:
                continue
            key, value = m["key"], m["value"]
            if key == "id":
                entries[-1].id = _scalar(value)
            elif key == "name":
                entries[-1].name = _scalar(value)
            elif key == "aliases":
                if value and value.strip():
                    entries[-1].aliases = tuple(_flow_list(value))
                else:
                    in_aliases = True
        elif section == "conditions":
            if stripped.startswith("- {"):
                found = _FLOW_ID.search(stripped[2:])
                if found:
                    described = _FLOW_DESCRIPTION.search(stripped[2:])
                    help_text = _scalar(described["value"]) if described else ""
                    conditions.append(Name(_scalar(found["value"]), help_text))
            elif m and m["key"] == "id":
                conditions.append(Name(_scalar(m["value"]), ""))
            elif m and m["key"] == "description" and conditions and not conditions[-1].help:
                conditions[-1] = Name(conditions[-1].value, _scalar(m["value"]))
    return [e for e in entries if e.id], conditions


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def therapy_names(text: str) -> list[Name]:
    """Every id, then every one-word alias, each with the entry's name as help."""
    entries, _ = scan(text)
    names = [Name(e.id, e.name, e.id) for e in entries]
    seen = {e.id.casefold() for e in entries}
    for e in entries:
        for alias in e.aliases:
            # A completion with a space in it would arrive as two words.
            if alias and not any(c.isspace() for c in alias) and alias.casefold() not in seen:
                seen.add(alias.casefold())
                names.append(Name(alias, f"{e.name} ({e.id})", e.id))
    return names


def condition_names(text: str) -> list[Name]:
    return scan(text)[1]


def given_ids(names: list[Name], given: list[str]) -> set[str]:
    """The entry ids that the words already on the command line name."""
    words = {g.strip().casefold() for g in given}
    return {n.owner for n in names if n.owner and n.value.casefold() in words}


def matching(names: list[Name], incomplete: str, skip_owners: set[str] | None = None) -> list[Name]:
    """Names starting with ``incomplete`` in any case, leaving out the entries in
    ``skip_owners``.  Each result starts with what was typed, as shells expect: 'spr' offers
    'spravato', 'Spr' offers 'Spravato'."""
    typed = incomplete.casefold()
    skip = skip_owners or set()
    out = []
    for n in names:
        if not n.value.casefold().startswith(typed) or (n.owner and n.owner in skip):
            continue
        value = n.value
        if not value.startswith(incomplete):
            rest = value[len(incomplete) :]
            value = incomplete + (rest.lower() if incomplete == incomplete.lower() else rest)
        out.append(Name(value, n.help, n.owner))
    return out


_OVERLAY = re.compile(r"^overlay\s*:", re.MULTILINE)


def catalogue_texts(given: Iterable[str | Path] | None, environ: Mapping[str, str]) -> list[str]:
    """The text of every catalogue file a command would read, by the same rule as loading
    (``catalogue.paths``): the user's files over the built-in catalogue, which a whole
    catalogue given first replaces."""
    from ..catalogue.paths import builtin_catalogue_path, chosen_paths

    texts = [read(p) for p in chosen_paths(given, environ)]
    if not texts or _OVERLAY.search(texts[0]):
        texts.insert(0, read(builtin_catalogue_path()))
    return texts
