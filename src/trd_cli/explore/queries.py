"""Finding the catalogue and looking things up in it. No I/O beyond reading files."""

from __future__ import annotations

from collections.abc import Sequence

from ..catalogue.citations import cited_sources
from ..catalogue.model import Catalogue, Therapy
from ..catalogue.suggest import close_matches, did_you_mean
from ..catalogue.vocabulary import mixed_scripts, name_key


class UnknownTherapy(LookupError):
    """A name matched no id or alias; ``suggestions`` holds the near ones."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = tuple(suggestions)

    def message(self) -> str:
        shown = self.name if self.name.strip() else "(empty)"
        text = f"no therapy called '{shown}'"
        other = mixed_scripts(self.name)
        if other:  # a Cyrillic 'e' in 'ect' prints as 'ect': say why it does not match
            text += f", whose letters mix two scripts ({other})"
        return text + did_you_mean(self.suggestions) + ". Run 'trd list' to see every id."


_key = name_key  # how names are matched; the loader checks uniqueness by the same rule


def name_index(catalogue: Catalogue) -> dict[str, Therapy]:
    index: dict[str, Therapy] = {}
    for therapy in catalogue.therapies:
        for name in therapy.names:
            index.setdefault(_key(name), therapy)
    return index


def resolve(catalogue: Catalogue, name: str, index: dict[str, Therapy] | None = None) -> Therapy:
    """The therapy whose id or alias is ``name`` (any case, surrounding spaces ignored);
    ``index`` is ``name_index(catalogue)`` when the caller has it already."""
    if index is None:
        index = name_index(catalogue)
    key = _key(name)
    if key in index:
        return index[key]
    close = close_matches(key, index, n=3)
    ids: list[str] = []
    for match in close:
        tid = index[match].id
        if tid not in ids:
            ids.append(tid)
    if not ids and key:
        ids = [t.id for n, t in index.items() if key in n or n in key][:3]
        ids = list(dict.fromkeys(ids))
    raise UnknownTherapy(name, ids)


def resolve_many(catalogue: Catalogue, names: Sequence[str]) -> list[Therapy]:
    """Resolve names in order, dropping repeats of the same therapy."""
    index = name_index(catalogue)  # once: a comparison of many ids stays linear
    out: dict[str, Therapy] = {}
    for name in names:
        therapy = resolve(catalogue, name, index)
        out.setdefault(therapy.id, therapy)
    return list(out.values())


def catalogue_counts(catalogue: Catalogue) -> dict[str, int]:
    entries = catalogue.therapies
    return {
        "entries": len(entries),
        "sources": len(cited_sources(entries)),
        "not_reviewed_fields": sum(len(e.not_reviewed) for e in entries),
        "efficacy_outcomes": sum(len(e.efficacy or ()) for e in entries),
    }
