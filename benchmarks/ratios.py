# ruff: noqa: RUF001, RUF002, RUF003  (× is meant: the output is read by people)
"""The two start-up targets of `trd`, measured in one run and printed side by side.

    python benchmarks/ratios.py [--runs 30]

* Tab completion of a therapy id, against ``python -c pass``: target at most 3×.
* Every data command, against ``benchmarks/floor_app.py`` (a bare Typer app that loads the same
  YAML and prints it as JSON): target at most 1.0×.

Every command is a fresh process; the commands of one round run in a new random order each
round (interleaved, as in ``startup.py``, whose runner and environment this reuses: no Python
flags, so trd's modules are compiled once as an installed copy's are), with trd's catalogue
cache warm as a user meets it from the second run on.  Times are wall-clock medians.  Nothing
here is asserted by the test suite: timings belong to a machine, not to the code.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import (  # a sibling script, not a package
    DEFAULT_CATALOG,
    FLOOR_APP,
    WORK,
    Command,
    check,
    clean_env,
    find_trd,
    measure,
)

COMPLETION_TARGET = 3.0
COMMAND_TARGET = 1.0

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("list", "--json"),
    ("list", "--format", "table"),
    ("compare", "tms", "ect", "--format", "table"),
    ("explain", "esketamine", "--format", "table"),
    ("search", "seizure"),
    ("screen", "--condition", "pregnancy", "--format", "table"),
    ("stage", "maudsley", "--duration-months", "6", "--severity", "severe",
     "--failed-antidepressants", "3"),
    ("about", "--json"),
    ("sources", "tms"),
    ("chart", "onset", "--format", "table"),
)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--runs", type=int, default=30, help="interleaved rounds (30)")
    ap.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalogue file")
    args = ap.parse_args()

    python, trd = sys.executable, str(find_trd())
    WORK.mkdir(exist_ok=True)
    catalog = WORK / "catalogue.yaml"
    shutil.copyfile(args.catalog, catalog)
    cache = WORK / "ratios-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**clean_env(cache), "TRD_CATALOG": str(catalog)}
    time.sleep(2.1)  # trd caches a catalogue file only once it is 2 s old
    complete = {
        **env,
        "_TRD_COMPLETE": "complete_bash",
        "COMP_WORDS": "trd explain esk",
        "COMP_CWORD": "2",
    }
    floor_python = Command("python -c pass", [python, "-c", "pass"], env)
    floor_app = Command("floor app", [python, str(FLOOR_APP), str(catalog)], env)
    completion = Command("complete `trd explain esk`", [trd], complete)
    commands = [Command("trd " + " ".join(c), [trd, *c], env) for c in COMMANDS]
    everything = [floor_python, floor_app, completion, *commands]
    for cmd in everything:
        for _ in range(2):  # the first run fills trd's cache
            result = check(cmd.argv, cmd.env)
            if result.returncode != 0:
                raise SystemExit(f"ratios.py: {cmd.shell()} failed:\n{result.stderr}")
    measure(everything, args.runs, warmup=2, label="ratios")

    width = max(len(c.label) for c in everything)
    print(f"{'':{width}}  {'median':>9}  {'ratio':>6}  target  against")
    rows = [(completion, floor_python, COMPLETION_TARGET)]
    rows += [(c, floor_app, COMMAND_TARGET) for c in commands]
    worst: dict[float, float] = {}
    for cmd in (floor_python, floor_app):
        print(f"{cmd.label:{width}}  {cmd.ms:7.1f}ms")
    for cmd, base, target in rows:
        ratio = cmd.ms / base.ms
        worst[target] = max(worst.get(target, 0.0), ratio)
        mark = "ok" if ratio <= target else "OVER"
        print(
            f"{cmd.label:{width}}  {cmd.ms:7.1f}ms  {ratio:5.2f}×  "
            f"≤{target:.1f}× {mark:4}  {base.label}"
        )
    print()
    print(
        f"completion ratio {worst[COMPLETION_TARGET]:.2f}× (target ≤{COMPLETION_TARGET:.0f}×)   "
        f"worst command ratio {worst[COMMAND_TARGET]:.2f}× (target ≤{COMMAND_TARGET:.1f}×)"
    )


if __name__ == "__main__":
    main()
