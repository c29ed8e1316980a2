"""The oldest-versions constraints file agrees with pyproject.toml's lower bounds.

CI installs once with the newest releases and once with constraints/lowest.txt; if the two files
drift apart, the "lowest" run would quietly test something other than what users may install.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOWEST = ROOT / "constraints" / "lowest.txt"

if not PYPROJECT.is_file() or not LOWEST.is_file():  # an installed copy without the checkout
    pytest.skip("needs the source checkout", allow_module_level=True)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def lower_bounds() -> dict[str, str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    bounds = {}
    for req in requirements:
        found = re.search(r">=\s*([0-9][^,;\s]*)", req)
        assert found, f"{req!r} in pyproject.toml has no lower bound"
        bounds[_name(req)] = found.group(1)
    return bounds


def pinned() -> dict[str, str]:
    pins = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def test_every_runtime_and_test_dependency_is_pinned_at_its_lower_bound() -> None:
    assert pinned() == lower_bounds()
