from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


@pytest.fixture(autouse=True)
def pinned_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
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
    # The catalogue cache is on, as for users, but each test has its own (and the user's is
    # left alone); the cache's own tests are in test_cache.py.
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield


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
