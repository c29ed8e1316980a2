"""The glance: compare's short answers by default, explain's card, list at 80 columns, crisis
contacts first, all on the shipped catalogue as a person would meet them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from trd_cli.cli.app import app
from trd_cli.documents.command_views import compare_view, explain_view
from trd_cli.documents.views import RenderOptions
from trd_cli.render import table

from .conftest import MINI, shipped
from .runner import CliRunner

CATALOGUE = shipped()
BY_ID = {t.id: t for t in CATALOGUE.therapies}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"TRD_CATALOG": "", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def drawn(view: object, width: int) -> str:
    out = io.StringIO()
    table.render(view, out, RenderOptions(color=False, width=width))  # type: ignore[arg-type]
    return out.getvalue()


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


# --------------------------------------------------------------------------- compare


def test_compare_answers_in_short_plain_words_with_numbers_from_the_data() -> None:
    _, plain, _ = run("compare", "tms", "ect", "--format", "plain")
    tms_chance = next(
        line for line in plain.splitlines() if line.startswith("How likely is it to help?\ttms\t")
    )
    assert "Response: 29 in 100, vs 10 in 100." in tms_chance  # Berlim 2014, from the figures
    assert "Remission: 19 in 100, vs 5 in 100." in tms_chance
    text = flat(drawn(compare_view(CATALOGUE, [BY_ID["tms"], BY_ID["ect"]]), 120))
    assert re.search(r"Sources: \[1\] ", text)
    assert "trd compare tms ect --detail" in text
    assert "Response: symptoms fall by half or more." in text  # jargon defined once


@pytest.mark.parametrize(
    ("ids", "width", "most"),
    [(("tms", "ect"), 120, 60), (("tms", "ect"), 80, 100), (("tms", "ect", "esketamine"), 120, 80)],
)
def test_a_comparison_fits_a_screen(ids: tuple[str, ...], width: int, most: int) -> None:
    view = compare_view(CATALOGUE, [BY_ID[i] for i in ids])
    assert drawn(view, width).count("\n") <= most


def test_detail_gives_the_full_sourced_view() -> None:
    code, out, _ = run("compare", "tms", "ect", "--detail", "--format", "plain")
    assert code == 0
    assert any(line.startswith("Sources\ttms\t[") for line in out.splitlines())
    code, out, _ = run("compare", "tms", "ect", "--format", "plain")
    assert not any(line.startswith("Sources\t") for line in out.splitlines())


def test_questions_choose_rows_in_the_order_given() -> None:
    code, out, _ = run(
        "compare", "tms", "ect", "--questions", "serious,chance", "--format", "plain"
    )
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "Serious risks",
        "Serious risks",
        "How likely is it to help?",
        "How likely is it to help?",
    ]


def test_an_unknown_question_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("compare", "tms", "ect", "--questions", "chanse")
    assert (code, out) == (2, "")
    assert "unknown question 'chanse' (did you mean 'chance'?)" in err


def test_list_questions_names_every_row_and_where_its_answer_comes_from() -> None:
    code, out, _ = run("compare", "--list-questions", "--json")
    assert code == 0
    items = json.loads(out)
    assert [i["key"] for i in items][:5] == ["what", "how", "time", "onset", "chance"]
    assert {i["key"]: i["answered_from"] for i in items}["chance"] == "structured data"


def test_json_carries_the_short_answers_beside_the_full_entries() -> None:
    _, out, _ = run("compare", "tms", "ect", "--json")
    doc = json.loads(out)
    chance = next(q for q in doc["questions"] if q["key"] == "chance")
    tms = next(a for a in chance["answers"] if a["id"] == "tms")
    assert tms["kind"] == "data" and "29 in 100" in tms["text"] and tms["sources"] == ["berlim2014"]
    what = next(q for q in doc["questions"] if q["key"] == "what")
    assert what["answers"][0]["text"] == doc["therapies"][0]["glance"]["what"]["text"]


def test_an_overlay_price_shows_in_the_cost_row() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    code, out, err = run(
        "--catalog",
        str(fixtures / "mini.yaml"),
        "--catalog",
        str(fixtures / "overlay-clinic.yaml"),
        "compare",
        "alpha",
        "beta",
        "--format",
        "plain",
    )
    assert code == 0, err
    cost = next(line for line in out.splitlines() if line.startswith("Cost and coverage\talpha\t"))
    assert "$250 per session at Riverside (as of 2026)" in cost


# --------------------------------------------------------------------------- explain, list


@pytest.mark.parametrize("tid", sorted(BY_ID))
def test_explain_opens_with_a_card_of_at_most_25_lines_at_80_columns(tid: str) -> None:
    text = drawn(explain_view(CATALOGUE, BY_ID[tid]), 80).split("\n")
    start = text.index("At a glance")
    end = next(
        i for i in range(start + 1, len(text)) if text[i] and not text[i].startswith(("•", " "))
    )
    assert end - start <= 25
    assert any(line.startswith("• Chance:") for line in text[start:end])


def test_list_at_80_columns_never_breaks_an_id_and_takes_at_most_3_lines_per_option() -> None:
    code, out, _ = run("list", "--format", "table", env={"COLUMNS": "80"})
    assert code == 0
    lines = out.split("\n")
    starts = [i for i, line in enumerate(lines) if line.split("  ")[0] in BY_ID]
    assert [lines[i].split("  ")[0] for i in starts] == list(BY_ID)  # every id whole, in order
    ends = [
        *starts[1:],
        next(i for i in range(starts[-1] + 1, len(lines)) if not lines[i].startswith("  ")),
    ]
    assert max(e - s for s, e in zip(starts, ends, strict=True)) <= 3
    assert "cleared 2008" not in out and "· cleared" in out  # one status word; history in explain


# --------------------------------------------------------------------------- crisis first


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--condition", "suicidal-thoughts"],
        ["search", "suicidal"],
        ["search", "self-harm"],
    ],
)
def test_crisis_contacts_come_first_when_the_request_touches_suicide(args: list[str]) -> None:
    code, out, _ = run(*args, "--format", "table", env={"COLUMNS": "100"})
    assert code == 0
    assert out.startswith("If you are in crisis: United States: 988")


def test_other_requests_keep_the_contacts_at_the_end_only() -> None:
    code, out, _ = run(
        "screen", "--condition", "pregnancy", "--format", "table", env={"COLUMNS": "100"}
    )
    assert code == 0
    assert not out.startswith("If you are in crisis") and "If you are in crisis" in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_crisis_contacts_come_first_in_every_format_a_person_reads(fmt: str) -> None:
    code, out, _ = run("screen", "--condition", "suicidal-thoughts", "--format", fmt)
    assert code == 0
    first = out.index("If you are in crisis")
    assert first < out.index("contraindicated")  # before the first verdict
    code, out, _ = run("screen", "--condition", "pregnancy", "--format", fmt)
    assert out.index("If you are in crisis") > out.index("contraindicated")


def test_a_source_whose_authors_name_no_one_is_cited_by_its_title(tmp_path: Path) -> None:
    """Authors of only commas name no one: the source is cited by its title, never a crash
    (found by the round-trip property over generated catalogues)."""
    path = tmp_path / "cat.yaml"
    text = MINI.read_text(encoding="utf-8")
    assert 'authors: "Doe J, et al."' in text
    path.write_text(text.replace('authors: "Doe J, et al."', 'authors: ","'), encoding="utf-8")
    for fmt in ("json", "table", "html"):
        code, out, err = run("explain", "alpha", "--format", fmt, env={"TRD_CATALOG": str(path)})
        assert code == 0, (fmt, err)
    code, out, err = run("compare", "alpha", "beta", env={"TRD_CATALOG": str(path)})
    assert code == 0, err
    assert "[2] An invented trial (2018)" in out


def test_a_condition_described_only_in_brackets_is_named_whole(tmp_path: Path) -> None:
    """The glance drops asides in brackets from a condition's description ("Metal in or near
    the head (clips, ...)"); a description that is all aside is shown whole, not as nothing."""
    edited = tmp_path / "aside.yaml"
    edited.write_text(
        MINI.read_text(encoding="utf-8").replace(
            'description: "Metal in or near the head (clips, coils, stents, fragments, cochlear implant)"',
            'description: "(metal clips or coils in the head)"',
        ),
        encoding="utf-8",
    )
    for args in (
        ["explain", "alpha"],
        ["explain", "alpha", "--json"],
        ["compare", "alpha", "beta"],
    ):
        code, out, err = run(*args, env={"TRD_CATALOG": str(edited)})
        assert (code, err) == (0, ""), args
        assert "(metal clips or coils in the head)" in flat(out), args
    assert "Not for: (metal clips or coils in the head). Extra care" in flat(
        run("explain", "alpha", env={"TRD_CATALOG": str(edited)})[1]
    )
