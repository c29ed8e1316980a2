"""The sources an entry cites, gathered across entries."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Source, Therapy


def cited_sources(entries: Sequence[Therapy]) -> list[tuple[Source, list[str]]]:
    """Each distinct source cited by ``entries`` with the ids of the entries citing it.

    Entries keep their own source lists; the same work cited by several entries (same id and
    title) is listed once.
    """
    found: dict[tuple[str, str], tuple[Source, list[str]]] = {}
    for entry in entries:
        for source in entry.sources:
            key = (source.id, source.title.casefold())
            if key not in found:
                found[key] = (source, [])
            found[key][1].append(entry.id)
    return sorted(found.values(), key=lambda item: (item[0].id, item[0].year or 0))
