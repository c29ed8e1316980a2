"""The packages are layers, and imports run one way only (docs/architecture.md).

    cli  ->  render  ->  documents  ->  explore  ->  catalogue

A module may import its own package and the packages below it, never one above; no module
takes part in an import cycle, counting imports inside functions and under ``TYPE_CHECKING``;
and the core (catalogue, explore, documents) names neither Typer, Click nor Rich anywhere.
Read from the source text, so nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trd_cli

PACKAGE = Path(trd_cli.__file__).resolve().parent
LAYERS = ("catalogue", "explore", "documents", "render", "cli")
CORE = ("catalogue", "explore", "documents")
FRAMEWORKS = {"typer", "click", "rich"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("trd_cli", *parts))


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports, anywhere in its text, as absolute names."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {n: {i for i in imports_of(n, p) if i in known and i != n} for n, p in known.items()}


def layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_but_the_entry_points_is_in_a_layer() -> None:
    loose = [n for n in modules() if layer(n) is None]
    assert sorted(loose) == ["trd_cli", "trd_cli.__main__"]


def test_imports_run_down_the_layers_only() -> None:
    upward = []
    for name, targets in graph().items():
        for target in targets:
            mine, theirs = layer(name), layer(target)
            if mine is not None and theirs is not None and theirs > mine:
                upward.append(f"{name} -> {target}")
    assert not upward, "imports that run up the layers:\n" + "\n".join(sorted(upward))


def test_no_import_cycles() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    # A package importing its own modules (``from . import x`` in __init__) is not a cycle
    # unless a module imports the package back; both are edges here, so any loop counts.
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize(
    "name", sorted(n for n in modules() if n.split(".")[1:2] in [[c] for c in CORE])
)
def test_the_core_names_no_terminal_or_cli_framework(name: str) -> None:
    roots = {i.split(".")[0] for i in imports_of(name, modules()[name])}
    assert not roots & FRAMEWORKS, f"{name} imports {sorted(roots & FRAMEWORKS)}"
