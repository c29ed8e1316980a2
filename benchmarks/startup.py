# ruff: noqa: RUF001, RUF003  (× and – are meant: the output is read by people)
"""Start-up benchmark for `trd`: how much it costs above the interpreter and the framework.

Run from a checkout, with the interpreter that has `trd` installed:

    python benchmarks/startup.py

Every command is a fresh process, run many times; the commands of one round run in a new random
order each round (interleaved), so that slow drift of the machine falls on all of them alike.
Times are wall-clock medians; peak memory is the child's maximum resident set size from
``wait4``, taken in a small runner process so that the harness's own memory cannot show through.
Nothing here changes the user's files: synthetic catalogues, trd's cache and the last report
go in ``benchmarks/.work/`` (not committed).

Rows:

* ``python -c pass``: the interpreter floor.
* ``floor app``: ``benchmarks/floor_app.py``, a minimal Typer app that reads the same YAML and
  prints it as JSON (the framework floor); and a Typer hello world (the framework alone).
  ``--also PYTHON`` times both again under another interpreter (another Typer release).
* trd commands against the same catalogue, with the parsed-catalogue cache warm (as a user
  meets it from the second run on) and, for ``list --json``, without it (``TRD_NO_CACHE=1``).
* A scaling run over synthetic catalogues of 25, 250 and 2,500 entries, made by repeating the
  catalogue's real entries under new ids.  A catalogue over trd's size limits is timed with the
  limits raised in-process (and marked so), to show how cost grows.
"""

from __future__ import annotations

import argparse
import datetime
import json
import marshal
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
FLOOR_APP = HERE / "floor_app.py"
DEFAULT_CATALOG = REPO / "data" / "therapies.yaml"
SIZES = (25, 250, 2500)


# --------------------------------------------------------------------------- measuring


class Command:
    def __init__(self, label: str, argv: list[str], env: dict[str, str]) -> None:
        self.label = label
        self.argv = argv
        self.env = env
        self.times: list[float] = []
        self.rss_kib: list[int] = []
        self.runs = 1 << 30  # at most this many timed runs
        self.slow = False  # its check run took over SLOW_S: that run was its warm-up

    def shell(self) -> str:
        extra = " ".join(
            f"{k}={v}" for k, v in self.env.items() if k.startswith(("TRD_", "_TRD_", "COMP_"))
        )
        return f"{extra} {' '.join(self.argv)}".strip()

    @property
    def ms(self) -> float:
        return median(self.times) * 1000

    @property
    def mib(self) -> float:
        return median([float(x) for x in self.rss_kib]) / 1024


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def quartiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 4], ordered[(3 * n) // 4]


# Each round runs in a small child interpreter (no site, standard library only) that spawns
# the commands and waits for them with wait4. A spawned child's peak RSS as the kernel reports
# it includes its parent's at the moment of spawning, so the parent must be smaller than
# anything measured; this one is about as small as `python -c pass` itself.
RUNNER = """
import marshal, os, sys, time
commands, order = marshal.loads(sys.stdin.buffer.read())
null = os.open(os.devnull, os.O_WRONLY)
actions = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
results = []
for i in order:
    argv, env = commands[i]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    results.append((i, elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)))
own = 0  # this process's own high-water mark (ru_maxrss would include its parent's)
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            own = int(line.split()[1])
sys.stdout.buffer.write(marshal.dumps((results, own)))
"""
runner_peak_kib = 0


def run_round(commands: list[Command], order: list[int]) -> list[tuple[int, float, int]]:
    """Run ``commands[i]`` for each i in ``order``, one after another; (i, seconds, KiB) each."""
    global runner_peak_kib
    plan = marshal.dumps(([(c.argv, c.env) for c in commands], order))
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", RUNNER], input=plan, capture_output=True, check=True
    )
    results, own = marshal.loads(done.stdout)
    runner_peak_kib = max(runner_peak_kib, own)
    for i, _, _, code in results:
        if code != 0:
            cmd = commands[i]
            raise SystemExit(f"startup.py: {cmd.label!r} exited with {code}: {cmd.shell()}")
    return [(i, t, kib) for i, t, kib, _ in results]


def measure(commands: list[Command], runs: int, warmup: int, label: str) -> None:
    """Warm up, then ``runs`` rounds, each running every command once in a new random order."""
    for r in range(-warmup, runs):
        order = [
            i
            for i, c in enumerate(commands)
            if (r < 0 and not c.slow) or (r >= 0 and len(c.times) < c.runs)
        ]
        random.shuffle(order)
        for i, seconds, kib in run_round(commands, order):
            if r >= 0:
                commands[i].times.append(seconds)
                commands[i].rss_kib.append(kib)  # KiB on Linux
        if r >= 0:
            print(f"\r  {label}: round {r + 1}/{runs}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


# --------------------------------------------------------------------------- preparing


def prepare(catalog: Path, sizes: list[int], out_dir: Path) -> None:
    """Child-process mode: write synthetic catalogues (needs PyYAML; keeps the parent small).

    Entries of ``catalog`` are repeated in order until there are ``size`` of them; copy k of an
    entry gets ``-k`` appended to its id and aliases, so ids and aliases stay unique.  The text
    of every entry is kept as it is: these are realistic entries, only more of them.
    """
    import yaml

    data = yaml.load(catalog.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    entries = data.get("therapies") or []
    if not entries:
        raise SystemExit(f"startup.py: {catalog} has no therapies to repeat")
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        made = []
        for i in range(size):
            entry = dict(entries[i % len(entries)])
            copy = i // len(entries)
            if copy:
                entry["id"] = f"{entry['id']}-{copy}"
                entry["aliases"] = [f"{a}-{copy}" for a in entry.get("aliases") or []]
            made.append(entry)
        text = yaml.dump(
            {**data, "therapies": made},
            Dumper=_NoAliasDumper(yaml),
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        (out_dir / f"catalogue-{size}.yaml").write_text(text, encoding="utf-8")


def _NoAliasDumper(yaml: Any) -> Any:
    class Dumper(yaml.CSafeDumper):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True  # catalogues may not use anchors: repeat values in full

    return Dumper


def find_trd() -> Path:
    beside = Path(sys.executable).with_name("trd")
    if beside.exists():
        return beside
    found = shutil.which("trd")
    if not found:
        raise SystemExit("startup.py: no 'trd' program beside this Python or on PATH")
    return Path(found)


def clean_env(cache_dir: Path) -> dict[str, str]:
    """This environment without trd's settings, completion variables or Python flags, and with
    trd's cache in ``cache_dir``.  Python flags go because a user's ``trd`` does not run under
    them: with ``PYTHONDONTWRITEBYTECODE`` set, an editable install would compile every one of
    trd's modules from source on every run, which no installed copy does (pip compiles them once
    at install time), while the floors' libraries are compiled already."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRD_", "_TRD_", "COMP_", "PYTHON")) and k != "XDG_CACHE_HOME"
    }
    env["XDG_CACHE_HOME"] = str(cache_dir)
    return env


def check(
    argv: list[str], env: dict[str, str], keep_stdout: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run once to see that it works; stdout is kept only when asked (it can be large)."""
    return subprocess.run(
        argv,
        env=env,
        stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def typer_version(python: str) -> str:
    code = "import importlib.metadata as m; print(m.version('typer'))"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return f"typer {done.stdout.strip() or '?'}"


def versions(python: str) -> str:
    code = (
        "import importlib.metadata as m\n"
        "print(', '.join(f'{n} {m.version(n)}' for n in ('typer', 'rich', 'pyyaml')))"
    )
    return subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.strip()


# --------------------------------------------------------------------------- reporting


def table(rows: list[list[str]], header: list[str]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" ---: " for _ in header) + "|"]
    out[1] = "| --- |" + "|".join(" ---: " for _ in header[1:]) + "|"
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


LIFT_LIMITS = (
    "import sys, trd_cli.catalogue.loader as c; c.MAX_BYTES, c.MAX_NODES = {bytes}, {nodes}; "
    "from trd_cli.__main__ import main; main()"
)
"""trd with the catalogue's size limits raised in-process, for synthetic catalogues over them."""
HELLO = (
    "import typer\n"
    "app = typer.Typer(add_completion=False)\n"
    "@app.command()\n"
    "def hello() -> None:\n"
    "    print('hello')\n"
    "app()\n"
)
"""The framework alone: a Typer app with one command that prints one word."""
SLOW_S = 2.0
"""A command whose first run took longer than this is timed ``SLOW_RUNS`` times only."""
SLOW_RUNS = 3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--runs", type=int, default=40, help="rounds of the start-up set (40)")
    ap.add_argument("--scale-runs", type=int, default=15, help="rounds of the scaling set (15)")
    ap.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalogue file")
    ap.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="synthetic catalogue sizes (25,250,2500)"
    )
    ap.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="PYTHON",
        help="another interpreter (e.g. a venv with another Typer) to time the floor app and a "
        "Typer hello world with; may be repeated",
    )
    ap.add_argument("--prepare", nargs=2, metavar=("SIZES", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.prepare:
        prepare(args.catalog, [int(s) for s in args.prepare[0].split(",")], Path(args.prepare[1]))
        return

    python = sys.executable
    trd = str(find_trd())
    sizes = [int(s) for s in args.sizes.split(",") if s]
    WORK.mkdir(exist_ok=True)
    # A snapshot, so that edits to the catalogue during the run change nothing measured.
    catalog = WORK / "catalogue.yaml"
    shutil.copyfile(args.catalog, catalog)
    synth = WORK / "synthetic"
    subprocess.run(  # in a child process: PyYAML stays out of this one
        [
            python,
            __file__,
            "--catalog",
            str(catalog),
            "--prepare",
            ",".join(map(str, sizes)),
            str(synth),
        ],
        check=True,
    )
    cache_dir = WORK / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    base_env = clean_env(cache_dir)
    time.sleep(2.1)  # trd caches a file only once it is 2 s old (catalogue/cache.py)

    def env(catalogue: Path, **extra: str) -> dict[str, str]:
        return {**base_env, "TRD_CATALOG": str(catalogue), **extra}

    # What the catalogue holds decides the ids used; every command is checked once first.
    listing = check([trd, "list", "--json"], env(catalog), keep_stdout=True)
    if listing.returncode != 0:
        raise SystemExit(f"startup.py: 'trd list --json' failed:\n{listing.stderr}")
    ids = [item["id"] for item in json.loads(listing.stdout)]
    if len(ids) < 2:
        raise SystemExit(f"startup.py: {args.catalog} needs at least two entries")
    pair = ["tms", "ect"] if {"tms", "ect"} <= set(ids) else ids[:2]
    one = "esketamine" if "esketamine" in ids else ids[0]
    has_search = check([trd, "search", "--help"], env(catalog)).returncode == 0
    # Output to a file or pipe defaults to plain text for lists: ask for the table itself.
    table = ["--format", "table"]
    if check([trd, "list", *table], env(catalog)).returncode != 0:
        table = []

    commands = [
        Command("python -c pass", [python, "-c", "pass"], env(catalog)),
        Command(
            "floor app (Typer + YAML → JSON)", [python, str(FLOOR_APP), str(catalog)], env(catalog)
        ),
        Command("Typer hello world", [python, "-c", HELLO], env(catalog)),
        *(
            Command(f"{label} ({typer_version(other)})", argv, env(catalog))
            for other in args.also
            for label, argv in (
                ("floor app", [other, str(FLOOR_APP), str(catalog)]),
                ("Typer hello world", [other, "-c", HELLO]),
            )
        ),
        Command("trd list --json", [trd, "list", "--json"], env(catalog)),
        Command(
            "trd list --json (no cache)", [trd, "list", "--json"], env(catalog, TRD_NO_CACHE="1")
        ),
        Command("trd list (table)", [trd, "list", *table], env(catalog)),
        Command(f"trd compare {' '.join(pair)}", [trd, "compare", *pair, *table], env(catalog)),
        Command(f"trd explain {one}", [trd, "explain", one, *table], env(catalog)),
    ]
    if has_search:
        commands.append(Command("trd search seizure", [trd, "search", "seizure"], env(catalog)))
    prefix = one[:3]
    complete_env = env(
        catalog, _TRD_COMPLETE="complete_bash", COMP_WORDS=f"trd explain {prefix}", COMP_CWORD="2"
    )
    completion = check([trd], complete_env, keep_stdout=True)
    has_completion = completion.returncode == 0 and one in completion.stdout.split()
    if has_completion:
        commands.append(Command(f"complete `trd explain {prefix}` (bash)", [trd], complete_env))
    for cmd in commands:
        result = check(cmd.argv, cmd.env)
        if result.returncode != 0:
            raise SystemExit(f"startup.py: {cmd.shell()} failed:\n{result.stderr}")

    print(f"trd start-up benchmark, {datetime.date.today()}", file=sys.stderr)
    measure(commands, args.runs, warmup=2, label="start-up")

    # Scaling: the same commands on synthetic catalogues of growing size.
    scale: list[Scale] = []
    for size in sizes:
        path = synth / f"catalogue-{size}.yaml"
        refused = check([trd, "list", "--json"], env(path, TRD_NO_CACHE="1"))
        lifted = refused.returncode != 0 and "at most" in refused.stderr
        size_bytes = path.stat().st_size
        lift = LIFT_LIMITS.format(bytes=size_bytes + 2**20, nodes=size_bytes)  # ≥ 1 byte a value
        run = [python, "-c", lift] if lifted else [trd]
        group = [
            Command(f"list --json {size}", [*run, "list", "--json"], env(path)),
            Command(
                f"list --json {size} no cache",
                [*run, "list", "--json"],
                env(path, TRD_NO_CACHE="1"),
            ),
            Command(f"floor {size}", [python, str(FLOOR_APP), str(path)], env(path)),
        ]
        if has_search:
            group.append(Command(f"search {size}", [*run, "search", "seizure"], env(path)))
        for cmd in group:
            reads_cache = "TRD_NO_CACHE" not in cmd.env and str(FLOOR_APP) not in cmd.argv
            for _ in range(2 if reads_cache else 1):  # a first run fills the cache
                began = time.perf_counter()
                result = check(cmd.argv, cmd.env)
                if result.returncode != 0:
                    raise SystemExit(f"startup.py: {cmd.shell()} failed:\n{result.stderr}")
            if time.perf_counter() - began > SLOW_S:
                cmd.runs, cmd.slow = SLOW_RUNS, True
        scale.append(Scale(size, size_bytes, group, refused.stderr if lifted else ""))
    for _, _, group, _ in scale:
        for cmd in group:
            cmd.runs = min(cmd.runs, args.scale_runs)
    measure([c for s in scale for c in s.commands], args.scale_runs, warmup=1, label="scaling")

    report(commands, scale, args, len(ids), python, has_search, has_completion)


class Scale(NamedTuple):
    size: int
    bytes: int
    commands: list[Command]
    refusal: str  # trd's message when the catalogue is over its limits, else ""


def report(
    commands: list[Command],
    scale: list[Scale],
    args: Any,
    n_entries: int,
    python: str,
    has_search: bool,
    has_completion: bool,
) -> None:
    interp, floor = commands[0], commands[1]
    rows = []
    for cmd in commands:
        q1, q3 = quartiles(cmd.times)
        rows.append(
            [
                f"`{cmd.label}`" if not cmd.label.startswith("complete") else cmd.label,
                f"{cmd.ms:.1f}",
                f"{q1 * 1000:.1f}–{q3 * 1000:.1f}",
                f"{cmd.ms / interp.ms:.2f}",
                f"{cmd.ms / floor.ms:.2f}",
                f"{cmd.mib:.1f}",
                f"{cmd.mib / floor.mib:.2f}",
            ]
        )
    try:
        shown = args.catalog.resolve().relative_to(REPO)
    except ValueError:
        shown = args.catalog
    out: list[str] = []
    out.append(
        f"{datetime.date.today()} · {machine()} · {versions(python)} · catalogue "
        f"`{shown}` ({n_entries} entries) · {args.runs} interleaved runs per row"
    )
    out.append("")
    out.append(
        table(
            rows,
            [
                "command",
                "median ms",
                "IQR ms",
                "× python",
                "× floor",
                "peak RSS MiB",
                "RSS × floor",
            ],
        )
    )
    if not has_search:
        out.append("\n`trd search` does not exist in this build; its rows are skipped.")
    if not has_completion:
        out.append("\nShell completion of therapy ids does not answer in this build; row skipped.")

    out.append("")
    out.append(
        "Scaling: synthetic catalogues (the catalogue's entries repeated under new ids), "
        f"median ms of {args.scale_runs} interleaved runs "
        f"({SLOW_RUNS} for commands slower than {SLOW_S:.0f} s)"
    )
    out.append("")
    head = ["entries", "file MiB", "`trd list --json`", "no cache", "floor app"]
    if has_search:
        head.append("`trd search seizure`")
    srows = []
    for sc in scale:
        mark = " †" if sc.refusal else ""
        srows.append(
            [f"{sc.size:,}{mark}", f"{sc.bytes / 2**20:.1f}", *(f"{c.ms:.1f}" for c in sc.commands)]
        )
    first, last = scale[0], scale[-1]
    srows.append(
        [
            f"{last.size:,} ÷ {first.size:,}",
            f"{last.bytes / first.bytes:.0f}×",
            *(f"{b.ms / a.ms:.2f}×" for a, b in zip(first.commands, last.commands, strict=True)),
        ]
    )
    out.append(table(srows, head))
    refusals = [sc for sc in scale if sc.refusal]
    if refusals:
        message = " ".join(refusals[0].refusal.split())
        out.append(
            "\n† Over the catalogue's size limits, which trd refuses "
            f"(`{message}`); timed with the limits lifted in-process, to show how cost grows."
        )

    by = {c.label: c for c in commands}
    lj = by["trd list --json"]
    checks = [
        ("`list --json` ≤ 1.15 × floor app", lj.ms / floor.ms, 1.15),
        ("`list --json` ≤ 8 × python", lj.ms / interp.ms, 8.0),
        ("`list --json` peak RSS ≤ 1.2 × floor app", lj.mib / floor.mib, 1.2),
        (
            f"`list --json`, {last.size:,} entries ≤ 4 × {first.size:,}",
            last.commands[0].ms / first.commands[0].ms,
            4.0,
        ),
    ]
    if has_search:
        checks.append(
            (
                f"`search`, {last.size:,} entries ≤ 4 × {first.size:,}",
                last.commands[3].ms / first.commands[3].ms,
                4.0,
            )
        )
    if has_completion:
        comp = commands[-1]
        checks.append(("completion ≤ 1.15 × floor app", comp.ms / floor.ms, 1.15))
    out.append("")
    out.append("Targets (medians from this run):")
    out.append("")
    for text, value, limit in checks:
        out.append(f"- {text}: {value:.2f} — {'holds' if value <= limit else 'missed'}")
    rich_ms = _rich_import_ms(python)
    for cmd in (by["trd list (table)"], next(c for c in commands if "compare" in c.label)):
        allowed = 1.3 * floor.ms + rich_ms
        verdict = "holds" if cmd.ms <= allowed else "missed"
        out.append(
            f"- `{cmd.label[4:]}` ≤ 1.3 × floor + importing Rich's table ({rich_ms:.0f} ms) "
            f"= {allowed:.0f} ms: {cmd.ms:.0f} ms — {verdict}"
        )
    out.append("")
    out.append(
        f"Peak RSS is each process's maximum resident set from wait4; it cannot read below that "
        f"of the process that spawns the commands ({runner_peak_kib / 1024:.1f} MiB)."
    )
    text = "\n".join(out) + "\n"
    (WORK / "latest.md").write_text(text, encoding="utf-8")
    print()
    print(text, end="")
    print(f"\n(also written to {(WORK / 'latest.md').relative_to(REPO)})", file=sys.stderr)


def _rich_import_ms(python: str, runs: int = 15) -> float:
    """Median extra time to import Rich's console and table in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); import rich.console, rich.table, rich.text, "
        "rich.box; print(time.perf_counter() - t)"
    )
    samples = [
        float(subprocess.run([python, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    return median(samples) * 1000


if __name__ == "__main__":
    main()
