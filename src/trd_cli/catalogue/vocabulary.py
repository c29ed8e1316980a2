"""The catalogue's closed vocabularies, the rule by which names match, and the plausible range
of every number: what the model (``model.py``) and everything that reads it share.

This module imports nothing outside the standard library but ``textsafe``.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from .textsafe import hidden, without_hidden

Category = Literal[
    "neuromodulation",
    "medication",
    "psychotherapy",
    "surgical",
    "procedure",
    "no-change",
]
Setting = Literal["home", "outpatient", "inpatient"]
Invasiveness = Literal["non-invasive", "minimally-invasive", "invasive", "surgical"]
Agency = Literal["FDA", "EMA", "MHRA", "NICE", "Health Canada", "TGA", "DEA"]
RegulatoryStatus = Literal[
    "approved",
    "cleared",
    "humanitarian-device-exemption",
    "breakthrough-designation",
    "off-label",
    "investigational",
    "not-approved",
    "recommended",
    "recommended-with-conditions",
    "research-only",
    "not-recommended",
    "not-applicable",
]
Outcome = Literal["response", "remission", "relapse", "sustained-response", "score-change", "other"]
EvidenceKind = Literal[
    "rct",
    "meta-analysis",
    "open-label",
    "observational",
    "registry",
    "reanalysis",
    "label",
]
Strength = Literal["contraindicated", "caution"]
SourceKind = Literal[
    "trial",
    "meta-analysis",
    "review",
    "label",
    "regulator",
    "guideline",
    "observational",
    "other",
]
TimeUnit = Literal["hours", "days", "weeks", "months"]

UNIT_DAYS: dict[str, float] = {"hours": 1 / 24, "days": 1.0, "weeks": 7.0, "months": 30.4}


def name_key(name: str) -> str:
    """The one rule by which ids and aliases match and must be unique: characters that show
    nothing dropped (``textsafe.hidden``), Unicode compatibility forms (full-width letters,
    ligatures), any case, runs of white space as one space, none at the ends."""
    text = unicodedata.normalize("NFKC", without_hidden(name))
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())


def invisible_in(text: str) -> str | None:
    """The first character of ``text`` that shows nothing, as 'U+200B', or None."""
    found = next((ch for ch in text if hidden(ch)), None) if not text.isascii() else None
    return f"U+{ord(found):04X}" if found else None


def control_in(text: str) -> str | None:
    """The first control character of ``text`` (C0, DEL, C1), as 'U+001B', or None."""
    found = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
    return f"U+{ord(found):04X}" if found else None


_SCRIPT_FAMILIES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK"}


def mixed_scripts(text: str) -> str | None:
    """When the letters of ``text`` come from more than one script (``b\\u0435ta`` with a
    Cyrillic 'e' looks like ``beta`` but is another name), the first letter that is not Latin
    (or, with no Latin, not of the first script), as 'U+0435 CYRILLIC SMALL LETTER IE'; else
    None.  Latin beside Chinese, Japanese or Korean counts as one script, as those languages
    write it."""
    if text.isascii():
        return None
    letters: list[tuple[str, str]] = []  # (script, 'U+XXXX NAME')
    for ch in unicodedata.normalize("NFKC", text):
        if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"):
            name = unicodedata.name(ch, "")
            script = _SCRIPT_FAMILIES.get(name.split(" ")[0], name.split(" ")[0])
            letters.append((script, f"U+{ord(ch):04X} {name}"))
    scripts = {script for script, _ in letters}
    if "LATIN" in scripts and "CJK" in scripts:
        scripts.discard("CJK")
    if len(scripts) < 2:
        return None
    usual = {"LATIN", "CJK"} if "LATIN" in scripts else {letters[0][0]}
    return next(shown for script, shown in letters if script not in usual)


_RATE = (0, 100, "a rate is a percentage from 0 to 100")
_COUNT = (1, 10_000_000, "a count of people is from 1 to 10,000,000")
_YEAR = (1900, 2100, "a year is from 1900 to 2100")
_ONSET = (0, 3653, "an onset is from 0 to 3,653 in its unit")
RANGES: dict[str, dict[str, tuple[int, int, str]]] = {
    "Efficacy": {"rate": _RATE, "comparator_rate": _RATE, "n": _COUNT, "comparator_n": _COUNT},
    "SideEffect": {"rate": _RATE, "comparator_rate": _RATE},
    "Quantity": {
        "minutes": (0, 10_080, "minutes are from 0 to 10,080 (a week)"),
        "visits_per_week": (0, 50, "visits per week are from 0 to 50"),
        "weeks": (0, 520, "weeks are from 0 to 520 (10 years)"),
    },
    "Onset": {"min": _ONSET, "max": _ONSET},
    "Source": {"year": _YEAR},
    "Regulatory": {"year": _YEAR},
}
"""The plausible range of every number a catalogue holds, by class and field: the lowest and
highest value allowed, and what the message says beyond them.  The loader checks them
(``checks.py``: so `trd validate` and every command do) and the catalogue's JSON Schema states
them."""
