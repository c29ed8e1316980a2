"""Safety rules of one entry: its own contraindications plus those of every class it joins.

A class effect (serotonergic, seizure threshold, anaesthesia, ...) is stated once in the
catalogue's ``classes`` and applies to every member, so siblings cannot disagree.  The loader
refuses an entry whose own rule is weaker than its class's, or that says "no known conflict"
for a condition a rule names.  This module imports nothing outside the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Therapy, TreatmentClass

RANK = {"contraindicated": 0, "caution": 1}


@dataclass(frozen=True, eq=False, repr=False)
class Rule:
    """One condition's rule for one entry, with where it comes from."""

    condition: str
    strength: str  # contraindicated or caution
    text: str
    sources: tuple[str, ...]
    via: str | None  # the class id, or None for the entry's own contraindication


def rules(entry: Therapy, classes: Mapping[str, TreatmentClass]) -> list[Rule]:
    """Every rule that applies to ``entry``: its own first, then its classes', in order."""
    out = [Rule(c.condition, c.strength, c.text, c.sources, None) for c in entry.contraindications]
    for member in entry.classes:
        cls = classes.get(member.id)
        if cls is None:
            continue
        out.extend(
            Rule(r.condition, r.strength, r.text, member.sources, cls.id) for r in cls.screening
        )
    return out


def warnings(
    entry: Therapy, classes: Mapping[str, TreatmentClass]
) -> list[tuple[TreatmentClass, tuple[str, ...]]]:
    """Each class warning that applies to ``entry``, with the sources placing it in the class."""
    return [(classes[m.id], m.sources) for m in entry.classes if m.id in classes]
