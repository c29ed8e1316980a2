"""JSON documents for scripts. Written with ``json``; never through a terminal library."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..documents.views import RenderOptions, View


def write(doc: Any, out: TextIO) -> None:
    """Exact text; characters that could act on a terminal are written as \\u escapes.

    Strict RFC 8259: a NaN or an infinity raises rather than being written as a bare word
    (the loader refuses them in catalogues, so none can reach here).
    """
    from ..catalogue.textsafe import json_escapes

    utf = (getattr(out, "encoding", None) or "utf-8").lower().startswith("utf")
    # Where the locale cannot encode all of Unicode, \u escapes keep the document exact.
    out.write(json_escapes(json.dumps(doc, ensure_ascii=not utf, indent=2, allow_nan=False)) + "\n")


def render(view: View, out: TextIO, options: RenderOptions) -> None:
    """The view's data as one JSON document."""
    write(view.data.document(), out)
