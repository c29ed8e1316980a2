# ruff: noqa: RUF001, RUF002, RUF003  (× is meant: the output is read by people)
"""The test suite's cost, against an earlier commit's suite measured in the same run.

    python benchmarks/suite.py [--baseline REF] [--rounds 2]

A suite's time belongs to the machine as much as to the code: the same commit took 41 s on one
2-core machine and 100 s on another.  So this runs the suite of the working tree and the suite
of ``--baseline`` (a commit, tag or branch; by default ``fcd8104``, the last commit before the
suite was made faster) one after the other, ``--rounds`` times each, interleaved, and prints
each one's wall-clock time (as pytest reports it), the CPU time of pytest and everything it
started (user + system), the number of tests, and the ratio of the two.  A machine's "25 s"
target for this suite reads as a ratio: 25 s where the baseline took 41 s is 0.61×.

The baseline is checked out in a temporary git worktree with its own virtual environment
(its own ``.[test]`` extras), both removed afterwards; the working tree runs with the
interpreter that runs this script.  Each run is the command the README gives,
``python -m pytest``, with the environment as it is (set ``TRD_REQUIRE_BROWSER=1`` to make
missing print-test tools a failure rather than a skip).  Nothing here is asserted by the test
suite.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "fcd8104"
COUNT = re.compile(r"(\d+) (passed|failed|error)")
SECONDS = re.compile(r" in ([\d.]+)s")


@dataclass
class Run:
    tests: int
    wall: float  # as pytest reports it (the process's own wall time, collection included)
    cpu: float  # user + system, pytest and its children


def run_suite(python: Path, cwd: Path) -> Run:
    """One run of ``python -m pytest -q`` in ``cwd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    counts = {kind: int(n) for n, kind in COUNT.findall(last)}
    seconds = SECONDS.search(last)
    if not counts or seconds is None:
        sys.exit(f"suite: no result from the suite in {cwd}: {last or done.stderr[-500:]}")
    if done.returncode != 0:  # timed all the same: a failing test costs what a passing one does
        print(f"  {cwd}: {last}", file=sys.stderr)
    return Run(sum(counts.values()), float(seconds.group(1)), cpu)


def baseline_tree(ref: str, folder: Path) -> Path:
    """A checkout of ``ref`` with its test dependencies installed; returns its interpreter."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), ref],
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(folder / ".venv")], check=True)
    python = folder / ".venv" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-e", ".[test]"],
        cwd=folder,
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    return python


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each suite (2)")
    args = ap.parse_args()

    runs: dict[str, list[Run]] = {"baseline": [], "now": []}
    with tempfile.TemporaryDirectory(prefix="trd-suite-") as tmp:
        folder = Path(tmp) / "baseline"
        try:
            print(f"setting up {args.baseline} ...", file=sys.stderr)
            base_python = baseline_tree(args.baseline, folder)
            for round_no in range(1, args.rounds + 1):
                for name, python, cwd in (
                    ("baseline", base_python, folder),
                    ("now", Path(sys.executable), ROOT),
                ):
                    print(f"round {round_no}: {name} ...", file=sys.stderr)
                    runs[name].append(run_suite(python, cwd))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                capture_output=True,
            )
            shutil.rmtree(folder, ignore_errors=True)

    def median(name: str, field: str) -> float:
        return float(statistics.median(float(getattr(run, field)) for run in runs[name]))

    print(f"{'suite':<22} {'tests':>6} {'wall (s)':>9} {'CPU (s)':>8} {'ms/test':>8}")
    for name, label in (("baseline", args.baseline), ("now", "working tree")):
        tests = runs[name][-1].tests
        wall = median(name, "wall")
        print(
            f"{label:<22} {tests:>6} {wall:>9.1f} {median(name, 'cpu'):>8.1f}"
            f" {1000 * wall / tests:>8.1f}"
        )
    ratio = median("now", "wall") / median("baseline", "wall")
    print(f"wall-clock ratio: {ratio:.2f}× the baseline (medians of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
