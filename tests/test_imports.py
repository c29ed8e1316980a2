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


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_json_output_imports_no_rich(tmp_path: Path, args: list[str]) -> None:
    for attempt in ("cold", "from the cache"):
        done, loaded = run_trd(tmp_path, *args)
        assert done.returncode == 0, (attempt, done.stderr)
        json.loads(done.stdout)
        assert "rich" not in loaded, attempt
        assert not loaded & {"pygments", "markdown_it"}, attempt


@pytest.mark.parametrize("fmt", ["plain", "csv", "yaml"])
def test_output_for_scripts_imports_no_rich(tmp_path: Path, fmt: str) -> None:
    done, loaded = run_trd(tmp_path, "list", "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "alpha" in done.stdout
    assert not loaded & {"rich", "pygments", "markdown_it"}


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
