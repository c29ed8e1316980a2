from __future__ import annotations

import fcntl
import functools
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path

from .runner import CliRunner

# Property tests run a bounded number of examples with no per-example deadline (a loaded machine
# must not fail them by timing); HYPOTHESIS_PROFILE=long runs 30 times as many, shrinking
# failures (test_hostile_properties.py scales its own counts the same way).
settings.register_profile(
    "short", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", settings.get_profile("short"), max_examples=3000)
settings.load_profile("long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "short")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled modules are kept (outside the checkout, in the temporary directory) even where
    the environment says not to write them (PYTHONDONTWRITEBYTECODE), for the test processes
    and every `trd` they start: otherwise each of the suite's hundreds of `trd` processes
    compiles the program from source again, a quarter of its start-up."""
    prefix = Path(tempfile.gettempdir()) / f"trd-tests-pycache-{os.getuid()}"
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(prefix)


@pytest.fixture(scope="session")
def shared_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One catalogue cache per test process, as a user has one: each catalogue is checked once
    and then read from the cache, as it is on the second run of `trd`.  Its entries are keyed
    by the files they were made from (docs/decisions.md), so a test's own catalogue never meets
    another test's result; the cache's own behaviour is tested in test_cache.py, each test
    with a cache of its own."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch: pytest.MonkeyPatch, shared_cache_home: Path) -> Iterator[None]:
    """Output must not depend on the developer's terminal or CI's colour settings."""
    for name in (
        "FORCE_COLOR",
        "CLICOLOR_FORCE",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "NO_COLOR",
        "TRD_CATALOG",
        "GITHUB_ACTIONS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # The catalogue cache is on, as for users, in a directory of the tests' own (the user's is
    # left alone).
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache_home))
    yield


@functools.cache
def shipped() -> Catalogue:
    """The built-in catalogue, read and checked once per test process (it is immutable): for
    tests that look at what it holds rather than at how it is read."""
    return load_catalogue(builtin_catalogue_path())


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point trd at the small invented test catalogue."""
    monkeypatch.setenv("TRD_CATALOG", str(MINI))
    return MINI


def synthetic_catalogue(count: int) -> str:
    """The mini catalogue with its first entry repeated ``count`` times under new ids."""
    text = MINI.read_text(encoding="utf-8")
    head, rest = text.split("therapies:\n", 1)
    alpha = rest[: rest.index("  - id: beta\n")]
    copies = []
    for i in range(count):
        copies.append(
            alpha.replace("id: alpha\n", f"id: alpha-{i}\n", 1).replace(
                "aliases: [alpha-brand, ALS]", f"aliases: [alpha-brand-{i}]"
            )
        )
    return head + "therapies:\n" + "".join(copies)


@dataclass(frozen=True)
class Shared:
    """A synthetic catalogue written once per test process, with a cache directory for it."""

    path: Path
    cache: Path
    ids: list[str]


def _shared(factory: pytest.TempPathFactory, count: int) -> Shared:
    """Written once per run, by whichever test process comes first: the parallel workers'
    temporary directories share a parent, so every worker reads the same file through the same
    cache, and only the first checks its entries."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"synthetic-{count}"
    path = folder / f"{count}.yaml"
    with (root / f"synthetic-{count}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            folder.mkdir(exist_ok=True)
            partial = folder / "partial"
            partial.write_text(synthetic_catalogue(count), encoding="utf-8")
            partial.rename(path)
    return Shared(path, folder / "cache", [f"alpha-{i}" for i in range(count)])


@pytest.fixture(scope="session")
def synthetic_catalogues(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Shared]:
    return {count: _shared(tmp_path_factory, count) for count in (400, 500)}


@pytest.fixture(scope="session", autouse=True)
def _written_early(synthetic_catalogues: dict[int, Shared]) -> None:
    """The large catalogues are written when the first test process starts, so that by the time
    a test reads one it is old enough for trd's cache (docs/decisions.md): its entries are
    checked once per run, not once per test."""


def settled(shared: Shared) -> Shared:
    """``shared``, once its file is old enough for trd to cache what it read."""
    st = shared.path.stat()
    age = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns)
    if age < 2_100_000_000:
        time.sleep((2_100_000_000 - age) / 1e9)
    return shared


@pytest.fixture
def big(synthetic_catalogues: dict[int, Shared]) -> Shared:
    """400 entries: `trd list` writes far more than a pipe holds."""
    return settled(synthetic_catalogues[400])


@pytest.fixture
def five_hundred(
    synthetic_catalogues: dict[int, Shared], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    shared = settled(synthetic_catalogues[500])
    monkeypatch.setenv("TRD_CATALOG", str(shared.path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared.cache))
    return shared.ids
