"""Write docs/review-log/README.md: every entry's safety review, from the catalogue itself.

    python scripts/review_index.py          # rewrite the index
    python scripts/review_index.py --check  # exit 1 if the committed index is out of date

The per-group logs beside it tell the story of each review (what was read, where, what could
not be found); this index is the table of record: one row per entry, with the review date, the
documents read for safety, the conditions with a sourced answer and those left not reviewed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Catalogue, Therapy
from trd_cli.catalogue.paths import builtin_catalogue_path

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "docs" / "review-log" / "README.md"


def covered(entry: Therapy, catalogue: Catalogue) -> tuple[list[str], list[str]]:
    """Conditions with a sourced answer (a rule or a checked 'no known conflict'), and the rest."""
    classes = catalogue.class_named()
    named = {c.condition for c in entry.contraindications}
    for m in entry.classes:
        if m.id in classes:
            named |= {r.condition for r in classes[m.id].screening}
    if entry.label_review is not None:
        named |= set(entry.label_review.no_known_conflict)
    ids = catalogue.condition_ids()
    return [c for c in ids if c in named], [c for c in ids if c not in named]


def cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render(catalogue: Catalogue) -> str:
    lines = [
        "# Safety review: index",
        "",
        "Generated from the catalogue by `python scripts/review_index.py`; do not edit by hand.",
        f"Catalogue {catalogue.version} ({catalogue.date}), {len(catalogue.therapies)} entries, "
        f"{len(catalogue.conditions)} screening conditions. The logs of each review group "
        "(beside this file) say what was read, where it was seen, and what could not be found.",
        "",
        "| entry | reviewed | classes | conditions answered | not reviewed "
        "| documents read for safety |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in catalogue.therapies:
        sources_of = {s.id: s for s in entry.sources}
        review = entry.label_review
        answered, left = covered(entry, catalogue)
        read = (
            "; ".join(
                cell(f"{sources_of[s].title} ({sources_of[s].year or sources_of[s].accessed})")
                for s in review.sources
                if s in sources_of
            )
            if review
            else "none"
        )
        lines.append(
            f"| {entry.id} | {review.date if review else 'not reviewed'} | "
            f"{', '.join(m.id for m in entry.classes) or '-'} | {len(answered)} | "
            f"{', '.join(left) or '-'} | {read} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the index is stale")
    args = parser.parse_args(argv)
    text = render(load_catalogue(builtin_catalogue_path()))
    if args.check:
        current = INDEX.read_text(encoding="utf-8") if INDEX.is_file() else ""
        if current != text:
            print(f"{INDEX} is out of date: run python scripts/review_index.py", file=sys.stderr)
            return 1
        return 0
    INDEX.write_text(text, encoding="utf-8")
    print(f"wrote {INDEX}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
