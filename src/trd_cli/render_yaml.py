"""YAML for scripts and people who prefer it: the same data as the JSON output."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import yaml

if TYPE_CHECKING:
    from .formats import RenderOptions, View


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    """The view's JSON document, dumped with ``yaml.safe_dump`` (plain YAML, no tags)."""
    yaml.safe_dump(
        view.data.document(),
        out,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
