"""How many lines the at-a-glance views take on the shipped catalogue, at 80 and 120 columns.

    python benchmarks/glance_lines.py [--triples N]

Draws `trd compare` (the default, short answers) for every pair of options and for N triples
(a fixed random sample, the same each run), and `trd explain`'s card for every option, exactly
as the table format draws them, and prints the largest and median line counts against the
targets: 2 options in at most 60 lines at 120 columns and 100 at 80; 3 options in at most 80 at
120; the explain card in at most 25 lines at 80.
"""

from __future__ import annotations

import argparse
import io
import itertools
import random
import statistics
import sys

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path
from trd_cli.documents.command_views import compare_view
from trd_cli.documents.views import RenderOptions
from trd_cli.render import table

TARGETS = {(2, 120): 60, (2, 80): 100, (3, 120): 80}
CARD_TARGET = 25


def lines(view: object, width: int) -> int:
    out = io.StringIO()
    table.render(view, out, RenderOptions(color=False, width=width))  # type: ignore[arg-type]
    return out.getvalue().count("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=150, help="how many triples to sample")
    args = parser.parse_args(argv)
    catalogue = load_catalogue(builtin_catalogue_path())
    entries = catalogue.therapies
    pairs = list(itertools.combinations(entries, 2))
    triples = random.Random(7).sample(list(itertools.combinations(entries, 3)), args.triples)
    print(f"{'options':>7} {'width':>5} {'cases':>5} {'median':>7} {'max':>5} {'target':>6}  worst")
    for (n, width), target in TARGETS.items():
        cases = pairs if n == 2 else triples
        counted = [(lines(compare_view(catalogue, c), width), c) for c in cases]
        worst, case = max(counted, key=lambda t: t[0])
        med = statistics.median(c for c, _ in counted)
        flag = "ok" if worst <= target else "OVER"
        ids = " ".join(e.id for e in case)
        row = f"{n:>7} {width:>5} {len(cases):>5} {med:>7.0f} {worst:>5} {target:>6}"
        print(f"{row}  {flag} ({ids})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
