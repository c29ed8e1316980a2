"""Rules in docs/decisions.md that no other test file held: each test fails if its rule goes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trd_cli.cli.app import app

from .conftest import MINI
from .runner import CliRunner
from .test_layers import FRAMEWORKS, imports_of, modules

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="needs the source checkout")
def test_typer_stays_below_0_29() -> None:
    """'Typer 0.28, not 0.29': the pin holds until a later release is measured to be as fast."""
    tomllib = pytest.importorskip("tomllib")
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    (typer,) = [d for d in deps if re.match(r"typer\b", d)]
    assert re.search(r"<\s*0\.29\b", typer), typer


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_private_typer_click_or_rich_module_is_imported(name: str) -> None:
    """'No private Typer or Click module is imported' (typer._click, click._compat, ...)."""
    private = sorted(
        i
        for i in imports_of(name, modules()[name])
        if i.split(".")[0] in FRAMEWORKS and any(p.startswith("_") for p in i.split(".")[1:])
    )
    assert not private, f"{name} imports private framework modules: {private}"


def _same_id_catalogue(tmp_path: Path, title: str) -> Path:
    """The mini catalogue with beta's only source renamed to ``alpha-trial``, titled ``title``."""
    text = MINI.read_text(encoding="utf-8").replace("beta-label", "alpha-trial")
    old = '{id: alpha-trial, kind: label, year: 2020, title: "An invented label"}'
    assert old in text
    path = tmp_path / "same-id.yaml"
    path.write_text(text.replace(old, old.replace("An invented label", title)), encoding="utf-8")
    return path


def test_a_source_id_two_entries_use_for_different_documents_is_two_citations(
    tmp_path: Path,
) -> None:
    """'Citations are keyed by source id and text': alpha's and beta's [alpha-trial] differ."""
    env = {
        "TRD_CATALOG": str(_same_id_catalogue(tmp_path, "Another document")),
        "TRD_NO_CACHE": "1",
    }
    runner = CliRunner()
    listed = runner.invoke(app, ["sources", "--format", "plain"], env=env).stdout.splitlines()
    assert [line for line in listed if line.startswith("[alpha-trial]")] == [
        "[alpha-trial] Doe J, et al. (2018). An invented trial. Journal of Tests\talpha",
        "[alpha-trial] (2020). Another document\tbeta",
    ]
    html = runner.invoke(app, ["compare", "alpha", "beta", "--detail", "--format", "html"], env=env)
    items = dict(re.findall(r'<li id="(src-\d+)">(.*?)</li>', html.stdout))
    ours = [k for k, v in items.items() if "Another document" in v]
    theirs = [k for k, v in items.items() if "An invented trial" in v]
    assert len(ours) == 1 and len(theirs) == 1
    # beta's schedule cites [alpha-trial]: its link goes to beta's document, not alpha's.
    row = html.stdout[html.stdout.index("Once a day") :]
    assert row.index(f'href="#{ours[0]}"') < row.index("</td>")


def test_the_same_document_cited_by_two_entries_is_one_citation(tmp_path: Path) -> None:
    env = {
        "TRD_CATALOG": str(_same_id_catalogue(tmp_path, "An invented trial")),
        "TRD_NO_CACHE": "1",
    }
    listed = CliRunner().invoke(app, ["sources", "--format", "plain"], env=env).stdout
    assert [line for line in listed.splitlines() if line.startswith("[alpha-trial]")] == [
        "[alpha-trial] Doe J, et al. (2018). An invented trial. Journal of Tests\talpha, beta",
    ]
