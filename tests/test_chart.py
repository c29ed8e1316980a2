"""`trd chart`: the geometry (scales, spans, labels) and what a reader and a script get."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.model import Therapy
from trd_cli.cli.app import app
from trd_cli.documents import chart as charts
from trd_cli.documents import scales
from trd_cli.render.chart import render

from .conftest import MINI
from .runner import CliRunner

CAT = load_catalogue(MINI)
ALPHA, BETA = CAT.therapies
ESC = "\x1b["
BLOCKS = "█░"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def with_rate(entry: Therapy, new_id: str, rate: float) -> Therapy:
    assert entry.efficacy is not None
    item = dataclasses.replace(entry.efficacy[0], rate=rate)
    return dataclasses.replace(entry, id=new_id, aliases=(), efficacy=(item,))


# --------------------------------------------------------------------------- geometry


def test_log_scale_puts_the_ends_and_ticks_in_order() -> None:
    scale = scales.onset_scale(60)
    cells = [scale.cell(days) for _, days in scales.ONSET_TICKS]
    assert cells[0] == 0 and cells[-1] == 59
    assert cells == sorted(set(cells))  # strictly increasing: every tick has its own cell
    assert scale.fraction(1 / 48) == 0.0  # half an hour: before the axis
    assert scale.fraction(365) == 1.0  # a year: after it
    # Equal ratios take equal distances on a log axis.
    assert scale.fraction(2) - scale.fraction(1) == pytest.approx(
        scale.fraction(20) - scale.fraction(10)
    )


def test_range_span_marks_ranges_that_run_past_the_axis() -> None:
    scale = scales.onset_scale(40)
    inside = scales.range_span(scale, 14, 28)
    assert 0 < inside.start < inside.end < 39
    assert not inside.open_low and not inside.open_high
    past = scales.range_span(scale, 0, 400)
    assert (past.start, past.end, past.open_low, past.open_high) == (0, 39, True, True)
    point = scales.range_span(scale, 5, 5)
    assert point.start == point.end  # one day range still shows as one cell


def test_range_text_fills_the_span_and_marks_open_ends() -> None:
    span = scales.Span(2, 4, open_low=False, open_high=True)
    text = scales.range_text(span, 8, fill="#", guide=".", guides=[0, 7], opens=("<", ">"))
    assert text == ". ###  >"


def test_linear_scale_lengths() -> None:
    scale = scales.LinearScale(50)
    assert scale.length(0) == 0
    assert scale.length(100) == 50
    assert scale.length(27) == 14  # 13.5 cells, rounded half up
    assert scale.length(0.4) == 1  # above zero always shows
    assert scale.length(50) == 25
    assert scales.bar_text(scale.length(27), 50, "#") == "#" * 14 + " " * 36


def test_tick_labels_stay_inside_and_never_touch() -> None:
    # '1w' and '6mo' would touch '1d', so they are left out rather than run together.
    assert scales.tick_labels([(0, "1h"), (5, "1d"), (6, "1w"), (9, "6mo")], 10) == "1h   1d"
    # A label at the end is moved left to stay inside the axis.
    assert scales.tick_labels([(0, "0"), (9, "100")], 10) == "0      100"
    # Centred on its cell where it fits.
    assert scales.tick_labels([(4, "1mo")], 10) == "   1mo"


@pytest.mark.parametrize("width", [40, 120])
def test_every_onset_tick_is_labelled_at_40_and_120_columns(width: int) -> None:
    cells = scales.cells_for(width, 3, scales.MAX_ONSET_CELLS)
    assert cells <= width - 3
    line = scales.tick_labels(scales.onset_ticks(scales.onset_scale(cells)), cells)
    assert line.split() == ["1h", "1d", "1w", "1mo", "6mo"]


def test_bar_areas_stay_readable_and_bounded() -> None:
    assert scales.cells_for(40, 13, scales.MAX_RATE_CELLS) == 27
    assert scales.cells_for(120, 13, scales.MAX_RATE_CELLS) == 50
    assert scales.cells_for(12, 13, scales.MAX_RATE_CELLS) == scales.MIN_CELLS


# --------------------------------------------------------------------------- what is drawn


def test_onset_chart_draws_sourced_ranges_and_lists_the_rest() -> None:
    chart = charts.build(CAT.therapies, "onset")
    assert isinstance(chart, charts.OnsetChart)
    (row,) = chart.rows
    assert (row.id, row.min_days, row.max_days, row.range_text) == ("alpha", 14, 28, "2-4 weeks")
    (missing,) = chart.not_drawn
    assert (missing.id, missing.reason, missing.text) == (
        "beta",
        "not-reviewed",
        "not reviewed (No sourced onset.)",
    )


def test_rate_charts_keep_one_bar_per_figure_and_say_why_others_are_missing() -> None:
    remission = charts.rate_chart(CAT.therapies, "remission")
    assert [(r.id, r.rate, r.item.comparator_rate) for r in remission.rows] == [
        ("alpha", 27.0, 12.0)
    ]
    assert [m.reason for m in remission.not_drawn] == ["not-reviewed"]
    response = charts.build(CAT.therapies, "response")
    assert response.rows == ()
    assert [(m.id, m.reason) for m in response.not_drawn] == [
        ("alpha", "no-figure"),
        ("beta", "not-reviewed"),
    ]
    assert response.not_drawn[0].text == (
        "not reviewed: no sourced response figure (the catalogue has: remission)"
    )


def test_a_figure_without_a_rate_is_listed_not_drawn_as_zero() -> None:
    no_rate = with_rate(ALPHA, "alpha", 0)
    assert no_rate.efficacy is not None
    no_rate = dataclasses.replace(
        no_rate, efficacy=(dataclasses.replace(no_rate.efficacy[0], rate=None),)
    )
    chart = charts.build([no_rate], "remission")
    assert chart.rows == ()
    assert chart.not_drawn[0].reason == "no-rate"
    assert chart.not_drawn[0].text.startswith("[alpha-trial] gives no absolute remission rate")


def test_options_keep_the_order_given_never_sorted_by_effect() -> None:
    low, high = with_rate(ALPHA, "low", 10), with_rate(ALPHA, "high", 90)
    assert [r.id for r in charts.build([low, high], "remission").rows] == ["low", "high"]
    assert [r.id for r in charts.build([high, low], "remission").rows] == ["high", "low"]


def test_metric_names() -> None:
    assert charts.parse_metric(" Remission ") == "remission"
    with pytest.raises(
        ValueError,
        match=r"no chart called 'remision' \(did you mean 'remission'\?\); choose one of: onset, response, remission",
    ):
        charts.parse_metric("remision")


def test_source_is_named_with_first_author_and_year() -> None:
    (row,) = charts.rate_chart([ALPHA], "remission").rows
    assert charts.source_label(row) == "[alpha-trial] Doe J, et al. (2018)"
    assert charts.short_authors("Blumberger DM, Vila-Rodriguez F, Thorpe KE") == (
        "Blumberger DM, et al."
    )
    assert charts.short_authors("Regulator") == "Regulator"


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize("width", [40, 120])
@pytest.mark.parametrize("metric", ["onset", "remission", "response"])
def test_charts_fit_40_and_120_columns(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch, width: int, metric: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(runner, "chart", metric)
    assert code == 0, err
    assert ESC not in out  # piped: no colour
    assert max(len(line) for line in out.splitlines()) <= width
    words = " ".join(out.split())
    assert "not medical advice" in words and "988" in words


def test_onset_chart_output(runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(runner, "chart", "onset")
    lines = out.splitlines()
    axis = next(line for line in lines if line.strip().startswith("1h"))
    assert axis.split() == ["1h", "1d", "1w", "1mo", "6mo"]
    heading = lines.index("Alpha stimulation [alpha]  2-4 weeks [alpha-trial]")
    bar = lines[heading + 1]
    # The 2-4 week range sits between the 1w and 1mo ticks.
    assert axis.index("1w") < bar.index("█") < bar.rindex("█") <= axis.index("1mo") + 1
    assert "  Beta tablets [beta]: not reviewed (No sourced onset.)" in lines
    assert not any(
        BLOCKS[0] in line for line in lines[lines.index("Not drawn: no sourced onset figure") :]
    )


def test_remission_chart_output(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(runner, "chart", "remission")
    lines = out.splitlines()
    assert "  HRSD-17 of 7 or less; after 6 weeks" in lines
    assert "  RCT: [alpha-trial] Doe J, et al. (2018)" in lines
    assert "  █ alpha (n=205)  ░ sham stimulation (n=204)" in lines
    treated = next(line for line in lines if line.rstrip().endswith("27 in 100"))
    control = next(line for line in lines if line.rstrip().endswith("12 in 100"))
    assert treated.count("█") == 14 and control.count("░") == 6  # 50 cells = 100 people
    assert "  Beta tablets [beta]: not reviewed (No trial in this population.)" in lines


def test_chart_json_is_the_data_behind_the_chart(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "chart", "onset", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["axis"]["scale"] == "log"
    assert [t["label"] for t in doc["axis"]["ticks"]] == ["1h", "1d", "1w", "1mo", "6mo"]
    assert doc["options"][0] | {"sources": None} == {
        "id": "alpha",
        "name": "Alpha stimulation",
        "text": "Often 2-4 weeks",
        "min": 2.0,
        "max": 4.0,
        "unit": "weeks",
        "min_days": 14.0,
        "max_days": 28.0,
        "sources": None,
    }
    assert doc["not_drawn"] == [
        {
            "id": "beta",
            "name": "Beta tablets",
            "reason": "not-reviewed",
            "text": "not reviewed (No sourced onset.)",
        }
    ]
    _, out, _ = run(runner, "chart", "remission", "--json")
    (bar,) = json.loads(out)["bars"]
    assert (bar["rate"], bar["comparator_rate"], bar["n"], bar["source"]["title"]) == (
        27.0,
        12.0,
        205,
        "An invented trial",
    )
    assert "988" not in out and "not medical advice" not in out


def test_chart_of_chosen_options_in_the_order_given(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "chart", "onset", "betamax", "ALS", "--json")
    doc = json.loads(out)
    assert [o["id"] for o in doc["options"]] == ["alpha"]
    assert [o["id"] for o in doc["not_drawn"]] == ["beta"]
    _, out, _ = run(runner, "chart", "onset", "beta")
    assert "Alpha" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["remision"],
            "trd: no chart called 'remision' (did you mean 'remission'?); choose one of: onset, response, remission\n",
        ),
        (["onset", "gama"], "trd: no therapy called 'gama'"),
    ],
)
def test_chart_usage_errors(runner: CliRunner, mini: Path, args: list[str], message: str) -> None:
    code, out, err = run(runner, "chart", *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_catalogue_text_is_printed_as_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "name: Alpha stimulation", "name: Alpha [bold]stim[/bold] [red]x"
    )
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    monkeypatch.setenv("FORCE_COLOR", "1")
    for metric in ("onset", "remission"):
        code, out, _ = run(runner, "chart", metric)
        assert code == 0
        assert ESC in out  # colour forced on, and still the text is literal
        assert "Alpha [bold]stim[/bold] [red]x [alpha]" in out


def test_no_color_and_ascii_only_output() -> None:
    chart = charts.rate_chart(CAT.therapies, "remission")
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="replace")
    console = Console(file=stream, width=60, no_color=True, color_system=None)
    render(console, CAT, chart)
    stream.flush()
    out = raw.getvalue().decode("ascii")
    drawn = out[: out.index("Catalogue 9.9.9-test")]
    assert "?" not in drawn  # the chart itself needs nothing outside ASCII
    treated = next(line for line in out.splitlines() if line.rstrip().endswith("27 in 100"))
    assert set(treated.split()[0]) == {"#"}
    assert ESC not in out


@pytest.mark.parametrize("metric", ["onset", "response", "remission"])
def test_chart_json_satisfies_its_schema(runner: CliRunner, mini: Path, metric: str) -> None:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    schema = json.loads(run(runner, "schema", "chart")[1])
    Draft202012Validator.check_schema(schema)
    doc = json.loads(run(runner, "chart", metric, "--json")[1])
    assert list(Draft202012Validator(schema).iter_errors(doc)) == []
    doc["not_drawn"].append({"id": "x", "name": "x", "reason": "zero", "text": "x"})
    assert list(Draft202012Validator(schema).iter_errors(doc)) != []
