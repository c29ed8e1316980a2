"""Reading grades of the text `trd` shows people first: entry summaries and short answers.

Run from a checkout, with the interpreter that has `trd` and its test extras installed:

    python benchmarks/readability.py [--catalog FILE] [--worst N]

Prints the Flesch-Kincaid grade distribution (US school grade) of each kind of text and of all
of it together, then the hardest texts. Citation markers, numbers and units are removed before
measuring (they distort the score). The target: median grade 8 or below, none above 10.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import textstat

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path

TARGET_MEDIAN = 8.0
CEILING = 10.0
NUMBER = re.compile(r"[$£€]?\d[\d,.]*\s*(%|mg|mmHg|Hz|kg)?")


def clean(text: str) -> str:
    """The words alone: no citation markers, no numbers."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = NUMBER.sub(" ", text)
    return " ".join(text.split())


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(clean(text)))


def texts(catalogue: Catalogue) -> Iterator[tuple[str, str, str]]:
    """(kind, where, text) for every patient-facing text."""
    for entry in catalogue.therapies:
        yield "summary", entry.id, entry.summary
        if entry.glance is None:
            continue
        for name in ("what", "how", "time", "common", "serious", "cost", "daily_life"):
            short = getattr(entry.glance, name)
            if short is not None:
                yield "short answer", f"{entry.id}.{name}", short.text


def report(catalogue: Catalogue, worst: int) -> list[str]:
    graded = [(kind, where, grade(text)) for kind, where, text in texts(catalogue)]
    lines = [f"{'texts':<14} {'n':>4} {'median':>7} {'p90':>6} {'max':>6} {'> 10':>5}"]
    for kind in ("summary", "short answer", "all"):
        grades = sorted(g for k, _, g in graded if kind in (k, "all"))
        if not grades:
            lines.append(f"{kind:<14} {0:>4}")
            continue
        p90 = grades[min(len(grades) - 1, int(0.9 * len(grades)))]
        over = sum(g > CEILING for g in grades)
        lines.append(
            f"{kind:<14} {len(grades):>4} {statistics.median(grades):>7.1f} {p90:>6.1f} "
            f"{grades[-1]:>6.1f} {over:>5}"
        )
    lines.append(f"target: median <= {TARGET_MEDIAN:g}, none above {CEILING:g}")
    lines.append("")
    lines.append(f"hardest {worst}:")
    for kind, where, g in sorted(graded, key=lambda t: -t[2])[:worst]:
        lines.append(f"  {g:5.1f}  {kind:<12} {where}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, default=None, help="a whole catalogue file")
    parser.add_argument("--worst", type=int, default=10, help="how many hardest texts to list")
    args = parser.parse_args(argv)
    catalogue = load_catalogue(args.catalog or builtin_catalogue_path())
    print("\n".join(report(catalogue, args.worst)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
