"""YAML for scripts and people who prefer it: the same data as the JSON output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

import yaml

if TYPE_CHECKING:
    from ..documents.views import RenderOptions, View

LINE_BREAKS = frozenset("\x85\u2028\u2029")
"""Characters YAML 1.1 reads as line breaks (NEL, line and paragraph separators) but Python
strings keep as text.  Written raw inside a plain or single-quoted scalar, a reader folds them
into spaces or new lines; in a double-quoted scalar they are written as ``\\N``, ``\\L`` and
``\\P`` and read back exactly."""


class Dumper(yaml.SafeDumper):
    """``yaml.SafeDumper`` whose output loads back (``yaml.safe_load``) as exactly the data."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # plain YAML: a repeated value is written out again, never as &anchor/*alias


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if LINE_BREAKS.isdisjoint(data):
        return dumper.represent_str(data)
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')


Dumper.add_representer(str, _str)


def dump(document: Any, out: TextIO) -> None:
    """One YAML document: keys in the order given, block style, Unicode written as itself
    (as YAML escapes where the output's encoding is not UTF, so the document stays exact)."""
    utf = (getattr(out, "encoding", None) or "utf-8").lower().startswith("utf")
    yaml.dump(
        document,
        out,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=utf,
        default_flow_style=False,
        width=100,
    )


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    """The view's JSON document as plain YAML (no tags, no anchors)."""
    dump(view.data.document(), out)
