"""Every output format, for every command that takes --format: what a reader or a script gets."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.main import get_command

from trd_cli.catalogue.citations import cited_sources
from trd_cli.catalogue.loader import load_catalogue
from trd_cli.cli.app import app
from trd_cli.documents import command_views, records
from trd_cli.documents import views as formats
from trd_cli.documents.views import FORMATS
from trd_cli.explore.queries import catalogue_counts

from .conftest import MINI
from .runner import CliRunner
from .test_imports import Ran, run_batch

ESC = "\x1b["

# How to run each command that takes --format against the mini catalogue.  A new data command
# needs a line here, or the completeness test below fails and says so.
EXAMPLES: dict[str, list[str]] = {
    "list": [],
    "compare": ["alpha", "beta"],
    "explain": ["alpha"],
    "search": ["seizure"],
    "screen": ["--condition", "seizure-disorder"],
    "stage maudsley": [
        "--duration-months",
        "13",
        "--severity",
        "mild",
        "--failed-antidepressants",
        "3",
    ],
    "stage thase-rush": ["--failed-classes", "2", "--tca"],
    "stage mgh": ["--failed-trials", "2", "--optimised", "1", "--augmented", "1", "--ect"],
    "sources": [],
    "about": [],
    "chart": ["onset"],
}


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def data_commands() -> list[str]:
    """Every command, sub-commands included ('stage mgh'), that takes --format."""
    found: list[str] = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        params = getattr(command, "params", [])
        if any("--format" in getattr(p, "opts", ()) for p in params):
            found.append(" ".join(path))

    walk(get_command(app), [])
    return sorted(found)


def write_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple[str, str]
) -> Path:
    """The mini catalogue with text replaced, used as TRD_CATALOG."""
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    return path


# --------------------------------------------------------------------------- checkers


class _Strict(HTMLParser):
    """Fails on unbalanced tags; collects ids, links and external references."""

    VOID = frozenset({"meta", "br", "col", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if a.get("src") or (tag == "link" and a.get("href")):
            self.external.append(str(a.get("src") or a.get("href")))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(page: str) -> _Strict:
    assert page.startswith("<!DOCTYPE html>\n")
    parser = _Strict()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.external == []  # self-contained: no scripts, images or style sheets
    assert "script" not in parser.tags
    for href in parser.hrefs:
        if href.startswith("#"):
            assert href[1:] in parser.ids, f"dangling link {href}"
    assert "@media print" in page
    return parser


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def markdown_tables(doc: str) -> list[list[str]]:
    """Each GitHub table in ``doc`` as its lines; checks every row has the header's cells."""
    tables: list[list[str]] = []
    block: list[str] = []
    for line in [*doc.split("\n"), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            tables.append(block)
            block = []
    for t in tables:
        cells = len(_UNESCAPED_PIPE.findall(t[0]))
        assert re.fullmatch(r"\|( --- \|)+", t[1]), t[1]
        for row in t:
            assert len(_UNESCAPED_PIPE.findall(row)) == cells, row
            assert row.endswith("|")
    return tables


def check(fmt: str, out: str) -> None:
    """What every output in ``fmt`` must be, whatever the command."""
    assert out.strip(), "no output"
    assert ESC not in out
    for_people = fmt in formats.READER_FORMATS
    assert ("not medical advice" in " ".join(out.split())) is for_people
    assert ("988" in out) is for_people or fmt in ("json", "yaml", "csv", "plain")
    if fmt == "json":
        json.loads(out)
    elif fmt == "yaml":
        yaml.safe_load(out)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif fmt == "plain":
        lines = out.rstrip("\n").split("\n")
        assert len({line.count("\t") for line in lines}) == 1, "ragged plain output"
    elif fmt == "markdown":
        markdown_tables(out)
        assert out.startswith("# ")
    elif fmt == "html":
        check_html(out)


# --------------------------------------------------------------------------- completeness


def test_every_format_has_a_renderer() -> None:
    for fmt in FORMATS:
        module = importlib.import_module(formats.renderer_module(fmt))
        assert callable(module.render), fmt


def test_every_data_command_has_an_example_here() -> None:
    missing = [c for c in data_commands() if c not in EXAMPLES]
    assert not missing, f"add an example invocation for {missing} to EXAMPLES in this file"
    assert {"list", "compare", "explain"} <= set(data_commands())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_works_for_every_data_command(runner: CliRunner, mini: Path, fmt: str) -> None:
    for command in data_commands():
        code, out, err = run(runner, *command.split(), *EXAMPLES[command], "--format", fmt)
        assert code == 0, (command, fmt, err)
        assert err == "", (command, fmt, err)
        try:
            check(fmt, out)
        except AssertionError as exc:
            raise AssertionError(f"trd {command} --format {fmt}: {exc}") from exc


def test_yaml_and_csv_carry_the_same_data_as_json(runner: CliRunner, mini: Path) -> None:
    for command in data_commands():
        args = [*command.split(), *EXAMPLES[command]]
        _, as_json, _ = run(runner, *args, "--format", "json")
        _, as_yaml, _ = run(runner, *args, "--format", "yaml")
        assert yaml.safe_load(as_yaml) == json.loads(as_json), command


def _synthetic_views() -> list[formats.View]:
    cat = load_catalogue(MINI)
    alpha, beta = cat.therapies
    empty = command_views.list_view(cat, [])
    return [
        command_views.list_view(cat, cat.therapies),
        empty,
        command_views.compare_view(cat, [alpha, beta]),
        command_views.explain_view(cat, beta),
        command_views.sources_view(cat, cited_sources(cat.therapies)),
        command_views.about_view(cat, catalogue_counts(cat)),
    ]


def test_sources_and_about_views_carry_their_json_documents() -> None:
    cat = load_catalogue(MINI)
    cited = cited_sources(cat.therapies)
    view = command_views.sources_view(cat, cited)
    assert view.data.document() == records.sources_doc(cited)
    assert set(view.data.fields) >= set(view.data.records[0])
    counts = catalogue_counts(cat)
    about = command_views.about_view(cat, counts)
    assert about.data.document() == records.about_doc(cat, counts)
    titles = [s.title for s in about.sections]
    assert "If you are in crisis" not in titles  # the footer says it once


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_of_view_renders_in_every_format(fmt: formats.Format) -> None:
    renderer = importlib.import_module(formats.renderer_module(fmt))
    for view in _synthetic_views():
        out = io.StringIO()
        renderer.render(view, out, formats.RenderOptions())
        if fmt == "plain" and isinstance(view, formats.RecordsView) and not view.rows:
            assert out.getvalue() == ""  # nothing to list: no lines at all
            continue
        check(fmt, out.getvalue())


# --------------------------------------------------------------------------- scripts


# The first release's `trd list --json` item for alpha: scripts rely on these fields, in order.
ALPHA_LIST_ITEM = {
    "id": "alpha",
    "name": "Alpha stimulation",
    "category": "neuromodulation",
    "aliases": ["alpha-brand", "ALS"],
    "investigational": False,
    "route": "Magnetic pulses to the scalp",
    "setting": ["outpatient"],
    "anesthesia": False,
    "invasiveness": "non-invasive",
    "visits_per_week": 5.0,
    "onset": {
        "text": "Often 2-4 weeks",
        "min": 2.0,
        "max": 4.0,
        "unit": "weeks",
        "min_days": 14.0,
        "max_days": 28.0,
    },
    "fda": [{"status": "cleared", "year": 2008, "indication": "Invented indication"}],
    "last_reviewed": "2026-01-02",
}


def test_list_json_is_unchanged_for_scripts(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "list", "--json")
    doc = json.loads(out)
    first = doc[0]
    assert list(first)[: len(ALPHA_LIST_ITEM)] == list(ALPHA_LIST_ITEM)  # later fields only added
    assert {k: first[k] for k in ALPHA_LIST_ITEM} == ALPHA_LIST_ITEM
    assert out == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"  # same layout
    assert out.startswith('[\n  {\n    "id": "alpha",\n    "name": "Alpha stimulation",\n')
    assert run(runner, "list", "--format", "json")[1] == out


def test_list_json_fields_are_documented_in_order(mini: Path) -> None:
    (item, _) = records.list_doc(load_catalogue(MINI).therapies)
    assert tuple(item) == records.LIST_FIELDS


def test_fields_pick_and_order_fields_for_json_yaml_and_csv(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "list", "--format", "json", "--fields", "name,id")
    assert code == 0
    assert json.loads(out) == [
        {"name": "Alpha stimulation", "id": "alpha"},
        {"name": "Beta tablets", "id": "beta"},
    ]
    _, out, _ = run(runner, "list", "--format", "yaml", "--fields", "id")
    assert yaml.safe_load(out) == [{"id": "alpha"}, {"id": "beta"}]
    _, out, _ = run(runner, "list", "--format", "csv", "--fields", "id,onset")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "id",
        "onset.text",
        "onset.min",
        "onset.max",
        "onset.unit",
        "onset.min_days",
        "onset.max_days",
    ]
    assert rows[1][:2] == ["alpha", "Often 2-4 weeks"] and rows[2] == [
        "beta",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


def test_fields_alone_mean_json(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "compare", "beta", "alpha", "--fields", "id,category")
    assert code == 0
    doc = json.loads(out)
    assert doc["ids"] == ["beta", "alpha"]
    assert doc["therapies"] == [
        {"id": "beta", "category": "medication"},
        {"id": "alpha", "category": "neuromodulation"},
    ]
    code, out, _ = run(runner, "explain", "alpha", "--fields", "id,catalogue")
    assert json.loads(out) == {
        "id": "alpha",
        "catalogue": {"version": "9.9.9-test", "date": "2026-01-02"},
    }


def test_unknown_field_is_a_usage_error_listing_the_fields(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "list", "--json", "--fields", "id,speed")
    assert code == 2 and out == ""
    assert err.startswith("trd: unknown field 'speed'; available: id, name, category, aliases,")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "jsn"],
            "unknown format 'jsn' (did you mean 'json'?); choose one of: table, plain,",
        ),
        (["--json", "--format", "csv"], "--json and --format csv ask for different formats"),
        (
            ["--format", "table", "--fields", "id"],
            "--fields works with --format json, yaml, csv, not table",
        ),
        (["--fields", ","], "--fields needs field names"),
    ],
)
def test_format_flags_that_cannot_work_together(
    runner: CliRunner, mini: Path, args: list[str], message: str
) -> None:
    code, out, err = run(runner, "list", *args)
    assert code == 2 and out == ""
    assert err.startswith("trd: " + message), err


def test_format_names_are_forgiving(runner: CliRunner, mini: Path) -> None:
    assert run(runner, "list", "--format", "MD")[1].startswith("# ")
    assert run(runner, "list", "--format", "yml")[1].startswith("- id: alpha")


def test_csv_writes_nested_values_readably(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    alpha = rows[0]
    assert alpha["aliases"] == "alpha-brand; ALS"
    assert alpha["anesthesia"] == "false"
    assert alpha["onset.min_days"] == "14"
    assert json.loads(alpha["fda"]) == [
        {"status": "cleared", "year": 2008, "indication": "Invented indication"}
    ]
    assert rows[1]["visits_per_week"] == "0" and rows[1]["onset.text"] == ""


# --------------------------------------------------------------------------- plain


def test_plain_is_the_default_for_a_list_in_a_pipe(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "list")
    assert out.split("\n")[0] == "\t".join(
        [
            "alpha",
            "Alpha stimulation",
            "neuromodulation",
            "Magnetic pulses to the scalp",
            "2-4 weeks",
            "cleared",
        ]
    )
    _, with_header, _ = run(runner, "list", "--header")
    assert (
        with_header.split("\n")[0]
        == "id\tname\tcategory\thow_it_is_given\ttime_to_onset\tus_fda_status"
    )
    assert with_header.split("\n", 1)[1] == out


def test_compare_and_explain_stay_readable_in_a_pipe(runner: CliRunner, mini: Path) -> None:
    for args in (["compare", "alpha", "beta"], ["explain", "alpha"]):
        _, out, _ = run(runner, *args)
        assert "not medical advice" in " ".join(out.split())
        assert "\t" not in out


def test_table_can_be_asked_for_in_a_pipe(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "list", "--format", "table")
    assert "Treatment options for treatment-resistant depression (2)" in out


def test_plain_compare_and_explain_are_one_fact_per_line(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "plain", "--header")
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "question\tid\ttext"
    assert "How soon might it help?\tbeta\tnot reviewed (No sourced onset.)" in lines
    assert "How often, for how long?\talpha\tCourse: 6 weeks [alpha-label]" in lines
    assert "Sources\tbeta\t[beta-label] (2020). An invented label" in lines
    _, out, _ = run(runner, "explain", "beta", "--format", "plain")
    assert "Common side effects\tnone listed" in out.split("\n")
    assert not out.startswith("section\t")


def test_plain_never_cuts_text_and_keeps_one_record_per_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_route = "Magnetic pulses " + "and more words " * 20 + "to the scalp"
    write_catalogue(
        tmp_path,
        monkeypatch,
        (
            "route: Magnetic pulses to the scalp",
            f'route: "{long_route}\\tafter a tab\\nand a line break"',
        ),
    )
    monkeypatch.setenv("COLUMNS", "40")
    _, out, _ = run(runner, "list")
    first = out.split("\n")[0].split("\t")
    assert len(first) == 6
    assert first[3] == long_route + " after a tab and a line break"


# --------------------------------------------------------------------------- markdown


def test_markdown_tables_survive_pipes_and_line_breaks_in_catalogue_text(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(
        tmp_path,
        monkeypatch,
        ("name: Alpha stimulation", 'name: "Alpha | stimulation *bold* <b>x</b> $5 and $6"'),
    )
    _, out, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "markdown")
    (grid,) = markdown_tables(out)
    assert (
        grid[0]
        == "| Question | Alpha \\| stimulation \\*bold\\* \\<b\\>x\\</b\\> \\$5 and \\$6 \\[alpha\\] | Beta tablets \\[beta\\] |"
    )
    assert len(grid) == 2 + 12  # header, delimiter, one row per question
    assert "Session: About 40 minutes \\[alpha-label\\]<br>Schedule:" in out
    assert "\n**If you are in crisis:**\n" in out and "**988**" in out


def test_markdown_explain_is_headings_and_lists(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "explain", "alpha", "--format", "markdown")
    assert out.startswith("# Alpha stimulation \\[alpha\\] (also: alpha-brand, ALS)\n")
    assert "\n## How likely it is to help\n\n- Remission (HRSD-17 of 7 or less)" in out
    assert "\\[bold\\]markup\\[/bold\\]" in out


# --------------------------------------------------------------------------- html


def test_html_compare_is_an_option_grid_with_footnoted_sources(
    runner: CliRunner, mini: Path
) -> None:
    code, page, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "html")
    assert code == 0
    parsed = check_html(page)
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", page)
    assert head is not None
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", head[1])
    assert headers == [
        "Question",
        'Alpha stimulation <span class="id">[alpha]</span>',
        'Beta tablets <span class="id">[beta]</span>',
    ]
    questions = re.findall(r'<th scope="row">(.*?)</th>', page)
    assert questions[0] == "What is it?" and "How likely is it to help?" in questions
    assert (
        '27 in 100 (of 205 treated) vs 12 in 100 with sham stimulation (of 204) [<a href="#src-1">alpha-trial</a>]'
        in page
    )
    assert '<li id="src-1">[alpha-trial] Doe J, et al. (2018). An invented trial.' in page
    text = " ".join("".join(parsed.text).split())
    assert "version 9.9.9-test, dated 2026-01-02" in text
    assert "This is health information, not medical advice." in text
    assert "United Kingdom and Ireland: 116 123 — Samaritans" in text
    assert "@page" in page and "table-header-group" in page


def test_html_escapes_catalogue_text(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(
        tmp_path,
        monkeypatch,
        (
            "summary: An invented tablet used only by the tests.",
            'summary: "<script>alert(1)</script> & <b>bold</b>"',
        ),
    )
    for args in (["compare", "alpha", "beta"], ["explain", "beta"], ["list"]):
        _, page, _ = run(runner, *args, "--format", "html")
        check_html(page)
        assert "<script>" not in page
    _, page, _ = run(runner, "explain", "beta", "--format", "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_html_links_a_web_address_as_written_and_nothing_inside_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address is found in the text, not in its escapes (a quote or ``<`` after it is not
    swallowed as ``&quot``), and a ``[source]`` inside an address is part of the address, never
    a link opened inside its ``href``."""
    inside = "https://evil.example/[alpha-label]x"
    title = 'See "https://a.example/x" & https://b.example/?q=<b>'
    write_catalogue(
        tmp_path,
        monkeypatch,
        ('mechanism: {text: "Invented mechanism."', f'mechanism: {{text: "Read {inside} first."'),
        ('title: "An invented label"}', f'title: "{title.replace(chr(34), chr(92) + chr(34))}"}}'),
    )
    addresses = {inside, "https://a.example/x", "https://b.example/?q="}
    for args in (
        ["explain", "alpha"],
        ["compare", "alpha", "beta"],
        ["compare", "alpha", "beta", "--detail"],
    ):
        _, page, _ = run(runner, *args, "--format", "html")
        parsed = check_html(page)
        assert {h for h in parsed.hrefs if not h.startswith("#")} <= addresses, args
        text = "".join(parsed.text)
        assert title in text, args
    _, page, _ = run(runner, "explain", "alpha", "--format", "html")
    assert f'Read <a href="{inside}">{inside}</a> first.' in page


def test_html_explain_links_citations_to_its_sources(runner: CliRunner, mini: Path) -> None:
    _, page, _ = run(runner, "explain", "alpha", "--format", "html")
    check_html(page)
    assert (
        '<li id="source-alpha-label">[alpha-label] Regulator (2008). An invented label</li>' in page
    )
    assert 'Course: 6 weeks [<a href="#source-alpha-label">alpha-label</a>]' in page
    assert "[bold]markup[/bold]" in page  # brackets that are not a source stay as text


def test_html_explain_keeps_every_anchor_unique_when_source_ids_are_numbers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet numbers its endnotes 1, 2, ...; a source whose id is itself a number gets its
    own anchor in the sections after the sheet, and its citations there lead to it."""
    text = MINI.read_text(encoding="utf-8")
    alpha, beta = text.split("  - id: beta\n")
    alpha = alpha.replace("alpha-trial", '"1"').replace("alpha-label", '"2"')
    path = tmp_path / "cat.yaml"
    path.write_text(alpha + "  - id: beta\n" + beta, encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    _, page, _ = run(runner, "explain", "alpha", "--format", "html")
    check_html(page)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    details = page[page.index('<div class="details">') :]
    assert 'Course: 6 weeks [<a href="#source-2">2</a>]' in details
    assert '<li id="source-2">[2] Regulator (2008). An invented label</li>' in details


def test_many_options_print_in_landscape_in_detail_and_the_sheet_stays_portrait(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import synthetic_catalogue

    path = tmp_path / "four.yaml"
    path.write_text(synthetic_catalogue(4), encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    four = ["alpha-0", "alpha-1", "alpha-2", "alpha-3"]
    _, page, _ = run(runner, "compare", *four, "--detail", "--format", "html")
    assert "size: landscape" in page
    _, page, _ = run(runner, "compare", "alpha-0", "alpha-1", "--detail", "--format", "html")
    assert "size: landscape" not in page
    _, page, _ = run(runner, "compare", *four, "--format", "html")  # the sheet: any paper
    check_html(page)
    assert "size: landscape" not in page and "Questions to ask your clinician" in page


# --------------------------------------------------------------------------- sources


def test_a_source_id_used_by_two_entries_for_different_documents_is_not_merged(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Source ids are unique within an entry only: beta's 'alpha-label' is another document.
    text = MINI.read_text(encoding="utf-8")
    beta_at = text.index("  - id: beta\n")
    text = text[:beta_at] + text[beta_at:].replace("beta-label", "alpha-label")
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    _, out, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "table")
    flat = " ".join(out.split())
    assert "[alpha-label] Regulator (2008). An invented label (for alpha)" in flat
    assert "[alpha-label] (2020). An invented label (for beta)" in flat
    _, page, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "html")
    check_html(page)
    beta_anchor = re.search(r'<li id="(src-\d+)">\[alpha-label\] \(2020\)', page)
    assert beta_anchor is not None
    assert f'Once a day [<a href="#{beta_anchor[1]}">alpha-label</a>]' in page
    _, plain, _ = run(runner, "compare", "alpha", "beta", "--detail", "--format", "plain")
    assert "Sources\tbeta\t[alpha-label] (2020). An invented label" in plain.split("\n")


NOT_TABLE = ["json", "yaml", "csv", "plain", "markdown", "html"]


@pytest.fixture(scope="module")
def compared_in_each_format(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """`trd compare alpha beta --format F` for every format but the table, in one interpreter
    (test_imports.run_batch: each format's record holds what it and those before it loaded)."""
    runs: list[tuple[list[str], dict[str, str]]] = [
        (["compare", "alpha", "beta", "--format", fmt], {}) for fmt in NOT_TABLE
    ]
    found = run_batch(tmp_path_factory.mktemp("formats"), runs)
    return dict(zip(NOT_TABLE, found, strict=True))


@pytest.mark.xdist_group("imports")
@pytest.mark.parametrize("fmt", NOT_TABLE)
def test_only_the_table_loads_the_terminal_library(
    compared_in_each_format: dict[str, Ran], fmt: str
) -> None:
    """Scripts do not pay for Rich's import on every call."""
    ran = compared_in_each_format[fmt]
    assert ran.code == 0
    assert ran.stdout.strip()
    assert "rich" not in ran.modules


# --------------------------------------------------------------------------- spreadsheet formulas

FORMULAS = ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR")


@pytest.mark.parametrize("command", data_commands())
def test_no_csv_cell_of_any_command_can_start_a_formula(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Catalogue text that looks like a formula is written with a leading quote (OWASP)."""
    write_catalogue(
        tmp_path,
        monkeypatch,
        ("name: Alpha stimulation", 'name: "=HYPERLINK(\\"http://x\\",\\"seizure\\")"'),
        (
            "summary: An invented tablet used only by the tests.",
            "summary: \"+cmd|' /C calc'!A0 An invented tablet\"",
        ),
        ('"Metal near the coil."', '"@SUM(1+1) Metal near the coil seizure."'),
        ('"An invented trial"', '"-2+3 An invented trial"'),
        ('"Seizure risk is higher."', '"\\tSeizure risk is higher."'),
        # a carriage return alone, which a spreadsheet reads as the end of a row
        ("name: Beta tablets", 'name: "Beta\\r=1+1 tablets"'),
        # signs after white space or invisible characters, which an import may trim
        ("route: Magnetic pulses to the scalp", 'route: " =2+2 pulses"'),
        ('"Invented indication"', '"\\ufeff@3 indication"'),
        ('"Headache"', '"\\n\\u200b-4 headache"'),
    )
    code, out, err = run(runner, *command.split(), *EXAMPLES[command], "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))  # as a spreadsheet splits rows
    assert {len(row) for row in rows} == {len(rows[0])}, rows
    cells = [c for row in rows for c in row]
    assert cells
    for value in cells:
        if re.fullmatch(r"-?\d+(\.\d+)?", value):
            continue  # a number, written as a number
        assert not value.startswith(("\t", "\r")), value
        assert not re.match(r"[\s\ufeff\u200b]*[=+\-@]", value), value
    if command in ("list", "compare", "explain"):
        assert any(c.startswith("'=HYPERLINK(") for c in cells)


def test_a_formula_like_cell_keeps_its_text_after_the_quote(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(tmp_path, monkeypatch, ("name: Beta tablets", 'name: "=2+2 tablets"'))
    code, out, _ = run(runner, "list", "--format", "csv", "--fields", "id,name")
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[2] == ["beta", "'=2+2 tablets"]
