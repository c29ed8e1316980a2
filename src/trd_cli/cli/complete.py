"""Tab completion of option values and arguments: Typer ``autocompletion`` callbacks.

Names come from the catalogue's text (``completion.py``), never from a full load.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer


def _given_catalogs(ctx: typer.Context | None) -> list[str | Path]:
    given = ctx.find_root().params.get("catalog") if ctx is not None else None
    if isinstance(given, (str, Path)):
        return [given]
    if isinstance(given, (list, tuple)):
        return [p for p in given if isinstance(p, (str, Path)) and str(p)]
    return []


def _texts(ctx: typer.Context | None) -> list[str]:
    from .completion import catalogue_texts

    return catalogue_texts(_given_catalogs(ctx), os.environ, _is_overlay) or []


def _is_overlay(text: str) -> bool:
    """As a command decides (``overlay.overlay_root``); a file that is not plain YAML, which
    a command would refuse, is taken as the guess from its text says."""
    from ..catalogue.overlay import overlay_root
    from ..catalogue.paths import overlay_guess
    from ..catalogue.problems import CatalogueError

    try:
        return overlay_root(text, "") is not None
    except CatalogueError:
        return bool(overlay_guess(text))


def complete_therapy(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Therapy ids and one-word aliases, with the option's name; not those already given."""
    from .completion import given_ids, matching, therapy_names

    names = [n for text in _texts(ctx) for n in therapy_names(text)]
    unique = list({n.value.casefold(): n for n in names}.values())
    given = [v for v in ctx.params.values() if isinstance(v, str)]
    given += [x for v in ctx.params.values() if isinstance(v, (list, tuple)) for x in v]
    skip = given_ids(unique, [g for g in given if isinstance(g, str)])
    return shown_to_shell([(n.value, n.help) for n in matching(unique, incomplete, skip)])


def complete_condition(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Condition ids from the catalogue's vocabulary, with their descriptions."""
    from .completion import condition_names, matching

    names = [n for text in _texts(ctx) for n in condition_names(text)]
    unique = list({n.value: n for n in names}.values())
    return shown_to_shell([(n.value, n.help) for n in matching(unique, incomplete)])


def shown_to_shell(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Completions the shell shows: help made inert, and no word with hidden characters."""
    from ..catalogue.textsafe import inert

    return [(value, inert(text)) for value, text in items if inert(value) == value]


Vocabulary = Callable[[], tuple[str, ...] | list[str]]


def prefixed(values: Vocabulary) -> Callable[[str], list[str]]:
    """Completion for a closed vocabulary: the values starting with what was typed."""

    def complete(incomplete: str) -> list[str]:
        typed = incomplete.strip().casefold()
        return [v for v in values() if v.casefold().startswith(typed)]

    return complete


def described(
    values: Callable[[], dict[str, str]],
) -> Callable[[str], list[tuple[str, str]]]:
    """Completion for a closed vocabulary with a line of help for each value."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        typed = incomplete.casefold()
        return [(k, v) for k, v in values().items() if k.startswith(typed)]

    return complete


def therapy_argument(help_text: str) -> Any:
    """A positional argument of therapy ids or aliases, completed from the catalogue."""
    return typer.Argument(help=help_text, show_default=False, autocompletion=complete_therapy)


def vocabulary_option(flag: str, metavar: str, help_text: str, values: Vocabulary) -> Any:
    """An option whose values are a closed vocabulary, completed from it."""
    return typer.Option(
        flag, metavar=metavar, help=help_text, autocompletion=prefixed(values), show_default=False
    )
