"""What a command imports decides how fast `trd` starts; these rules are checked in a fresh
interpreter with ``sys.modules`` (never with a timer).

* The core (every module but the command line and the renderers) imports neither Typer nor
  Rich.
* JSON output (and plain, CSV and YAML output, for scripts) never imports Rich; a command
  answered from the catalogue cache reads no YAML.
* Shell completion of a therapy id imports neither Rich nor PyYAML.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import trd_cli
from trd_cli.catalogue import cache

from .conftest import MINI

# Run trd in-process after recording the top-level packages imported by then at exit.
DRIVER = """
import atexit, json, os, sys

def report():
    with open(os.environ["TRD_TEST_MODULES"], "w") as f:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), f)

atexit.register(report)
sys.argv = ["trd", *sys.argv[1:]]
from trd_cli.__main__ import main
main()
"""


def modules_of(module: str) -> set[str]:
    code = (
        f"import sys, {module}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


def run_trd(
    tmp_path: Path, *args: str, **env: str
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    record = tmp_path / "modules.json"
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRD_", "_TRD_", "COMP_"))},
        "TRD_CATALOG": str(MINI),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TRD_TEST_MODULES": str(record),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    return done, set(json.loads(record.read_text(encoding="utf-8")))


# Run trd in-process once per entry of $TRD_TEST_RUNS, each with its own arguments, environment
# and output file, recording after each the top-level packages imported so far: one interpreter
# for many commands.  What one command imports stays imported, so a command's record holds what
# it and the commands before it loaded: a check that a package is absent is, if anything,
# stricter than in a process of its own, and the first command that fails it is the culprit.
BATCH = """
import json, os, sys

runs = json.loads(os.environ["TRD_TEST_RUNS"])
from trd_cli.__main__ import main

found = []
for run in runs:
    os.environ.update(run["env"])
    sys.stdout.flush()
    saved = os.dup(1)
    out = os.open(run["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.close(out)
    sys.argv = ["trd", *run["args"]]
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    sys.stdout.flush()
    os.dup2(saved, 1)
    os.close(saved)
    found.append({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})})
with open(os.environ["TRD_TEST_MODULES"], "w") as f:
    json.dump(found, f)
"""


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    modules: set[str]


def run_batch(folder: Path, runs: list[tuple[list[str], dict[str, str]]]) -> list[Ran]:
    """Each (arguments, environment) of ``runs`` in turn, in one fresh interpreter."""
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "modules.json"
    outs = [folder / f"out-{i}" for i in range(len(runs))]
    plan = [
        {"args": args, "env": env, "out": str(out)}
        for (args, env), out in zip(runs, outs, strict=True)
    ]
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRD_", "_TRD_", "COMP_"))},
        "TRD_CATALOG": str(MINI),
        "TRD_TEST_RUNS": json.dumps(plan),
        "TRD_TEST_MODULES": str(record),
    }
    done = subprocess.run(
        [sys.executable, "-c", BATCH], capture_output=True, text=True, env=full_env, timeout=120
    )
    assert done.returncode == 0 and record.exists(), done.stderr
    found = json.loads(record.read_text(encoding="utf-8"))
    return [
        Ran(f["code"], out.read_text(encoding="utf-8"), set(f["modules"]))
        for f, out in zip(found, outs, strict=True)
    ]


CORE = sorted(
    m.name.removeprefix("trd_cli.")
    for m in pkgutil.walk_packages(trd_cli.__path__, "trd_cli.")
    if m.name.split(".")[1] in ("catalogue", "explore", "documents")
)


def test_the_core_is_found() -> None:
    assert {
        "catalogue.model",
        "catalogue.loader",
        "explore.queries",
        "documents.words",
        "catalogue.cache",
    } <= set(CORE)


def test_core_modules_import_neither_typer_nor_rich() -> None:
    # One interpreter imports the whole core (what one module pulls in is in ``sys.modules``
    # whatever else was imported); only on failure is each module tried alone, to name it.
    loaded = modules_of(", ".join(f"trd_cli.{name}" for name in CORE))
    if loaded & {"typer", "rich"}:
        culprits = {
            f"trd_cli.{name}": sorted(found & {"typer", "rich"})
            for name in CORE
            if (found := modules_of(f"trd_cli.{name}")) & {"typer", "rich"}
        }
        pytest.fail(f"core modules pull in a terminal or CLI framework: {culprits}")


def test_the_json_renderer_imports_no_rich() -> None:
    assert "rich" not in modules_of("trd_cli.render.json")


JSON_COMMANDS = [
    ["list", "--json"],
    ["list", "--format", "json"],
    ["compare", "alpha", "beta", "--json"],
    ["explain", "alpha", "--json"],
    ["about", "--json"],
    ["sources", "--json"],
]


SCRIPT_FORMATS = ["plain", "csv", "yaml"]


@pytest.fixture(scope="module")
def script_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Ran]]:
    """Every JSON command, then ``list`` in each format for scripts, each with a cache directory
    of its own: first all cold (one interpreter), then the JSON commands again answered from
    their caches (a second interpreter)."""
    folder = tmp_path_factory.mktemp("script-runs")
    commands = [*JSON_COMMANDS, *(["list", "--format", fmt] for fmt in SCRIPT_FORMATS)]
    runs = [
        (args, {"XDG_CACHE_HOME": str(folder / f"cache-{i}")}) for i, args in enumerate(commands)
    ]
    cold = run_batch(folder / "cold", runs)
    cached = run_batch(folder / "cached", runs[: len(JSON_COMMANDS)])
    return {
        "cold": {" ".join(args): ran for (args, _), ran in zip(runs, cold, strict=True)},
        "from the cache": {" ".join(a): r for (a, _), r in zip(runs, cached, strict=False)},
    }


@pytest.mark.xdist_group("imports")
@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_json_output_imports_no_rich(
    script_runs: dict[str, dict[str, Ran]], args: list[str]
) -> None:
    for attempt in ("cold", "from the cache"):
        ran = script_runs[attempt][" ".join(args)]
        assert ran.code == 0, attempt
        json.loads(ran.stdout)
        assert "rich" not in ran.modules, attempt
        assert not ran.modules & {"pygments", "markdown_it"}, attempt


@pytest.mark.xdist_group("imports")
@pytest.mark.parametrize("fmt", SCRIPT_FORMATS)
def test_output_for_scripts_imports_no_rich(
    script_runs: dict[str, dict[str, Ran]], fmt: str
) -> None:
    ran = script_runs["cold"][f"list --format {fmt}"]
    assert ran.code == 0
    assert "alpha" in ran.stdout
    assert not ran.modules & {"rich", "pygments", "markdown_it"}


def test_a_command_answered_from_the_cache_reads_no_yaml(tmp_path: Path) -> None:
    st = MINI.stat()
    young = cache.SETTLE_NS / 1e9 - (time.time() - max(st.st_mtime, st.st_ctime))
    if young > 0:  # a checkout made moments ago: the cache waits for files to settle
        time.sleep(young + 0.1)
    first, loaded_first = run_trd(tmp_path, "list", "--json")
    second, loaded_second = run_trd(tmp_path, "list", "--json")
    assert first.stdout == second.stdout
    assert "yaml" in loaded_first
    assert "yaml" not in loaded_second


def test_without_the_cache_yaml_is_read_every_time(tmp_path: Path) -> None:
    for _ in range(2):
        done, loaded = run_trd(tmp_path, "list", "--json", TRD_NO_CACHE="1")
        assert done.returncode == 0
        assert "yaml" in loaded
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "shell, env",
    [
        ("bash", {"COMP_WORDS": "trd explain al", "COMP_CWORD": "2"}),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "trd explain al"}),
        (
            "fish",
            {"_TYPER_COMPLETE_ARGS": "trd explain al", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
        ),
    ],
)
def test_completing_a_therapy_id_imports_neither_rich_nor_yaml(
    tmp_path: Path, shell: str, env: dict[str, str]
) -> None:
    for attempt in ("cold", "again"):
        done, loaded = run_trd(tmp_path, _TRD_COMPLETE=f"complete_{shell}", **env)
        assert "alpha" in done.stdout, (attempt, done.stdout, done.stderr)
        assert not loaded & {"rich", "yaml", "pygments", "markdown_it"}, attempt
