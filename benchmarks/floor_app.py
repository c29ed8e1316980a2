"""The framework floor: the smallest Typer app that does what `trd list --json` must do.

It reads a YAML file with PyYAML's C loader and prints it as JSON, and nothing else: no
validation, no model. `benchmarks/startup.py` times it beside `trd` so that trd's cost can be
read as "how much above what any Typer + YAML program pays".

    python benchmarks/floor_app.py data/therapies.yaml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def main(path: Annotated[Path, typer.Argument(help="A YAML file.")]) -> None:
    """Print the YAML file at PATH as JSON."""
    with path.open("rb") as f:
        data = yaml.load(f, Loader=yaml.CSafeLoader)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


if __name__ == "__main__":
    app()
