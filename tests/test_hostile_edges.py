"""The edges of a process: narrow encodings, closed and full outputs for every writer (help
included), Ctrl-C during start-up, a HOME that does not exist, and file names that hold
control characters or line breaks.  Real processes, as a user or a script runs them, except
where only the text written is the point (file names shown escaped: in-process)."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trd_cli.cli.app import app

from .conftest import FIXTURES, MINI
from .runner import CliRunner
from .test_hostile_env import TRACE, TRD, env, run, shell

HOSTILE = FIXTURES / "hostile.yaml"
pytestmark = pytest.mark.skipif(not TRD.exists(), reason="the trd console script is not installed")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["ascii", "ascii:ignore", "latin-1:replace", "cp1252"])
def test_text_for_people_in_a_narrow_encoding_is_escaped_never_replaced(encoding: str) -> None:
    extra = {"TRD_CATALOG": str(HOSTILE), "PYTHONIOENCODING": encoding}
    shown = run("explain", "alpha", encoding="latin-1", extra=extra)
    assert shown.returncode == 0 and shown.stderr == ""
    assert "<U+1F600>" in shown.stdout  # the emoji in the fixture, exactly named
    assert "e<U+0301>" in shown.stdout  # a combining accent
    assert "?" not in shown.stdout.replace("(?", "")  # nothing silently replaced
    wrong = run("explain", "n\u00f6pe\u2603", encoding="latin-1", extra=extra)
    assert wrong.returncode == 2
    assert "<U+2603>" in wrong.stderr and TRACE not in wrong.stderr


def test_csv_that_the_encoding_cannot_hold_is_an_error_not_a_lossy_file() -> None:
    extra = {"TRD_CATALOG": str(HOSTILE), "PYTHONIOENCODING": "ascii"}
    result = run("list", "--format", "csv", encoding="ascii", extra=extra)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "trd: cannot write csv output exactly in the encoding ascii: line 2 holds U+009B; "
        "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or use --json\n"
    )
    plain = run("list", "--format", "csv", encoding="ascii", extra={"PYTHONIOENCODING": "ascii"})
    assert plain.returncode == 0, plain.stderr  # ASCII text is written as it is


TAB = "COMP_WORDS='trd explain al' COMP_CWORD=2 _TRD_COMPLETE=complete_bash "


@pytest.mark.parametrize(
    ("redirect", "code", "stderr"),
    [
        ("> /dev/full", 1, "trd: cannot write output: No space left on device\n"),
        (">&-", 0, ""),
        ("| true", 0, ""),
    ],
    ids=["full disk", "closed", "reader gone"],
)
def test_a_tab_press_answered_before_the_app_writes_by_the_same_rules(
    redirect: str, code: int, stderr: str
) -> None:
    result = shell(f'{TAB} "$TRD" {redirect}; echo "exit $PIPESTATUS" >&2')
    assert result.stderr == f"{stderr}exit {code}\n"


def test_a_tab_press_in_a_narrow_encoding_escapes_what_it_cannot_write(tmp_path: Path) -> None:
    umlaut = tmp_path / "umlaut.yaml"
    umlaut.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "name: Alpha stimulation", "name: Alpha st\u00e4r"
        ),
        encoding="utf-8",
    )
    extra = {
        "PYTHONIOENCODING": "ascii",
        "TRD_CATALOG": str(umlaut),
        "_TRD_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "trd explain alp",
    }
    result = run(encoding="ascii", extra=extra)
    assert (result.returncode, result.stderr) == (0, "")
    assert '"alpha":"Alpha st<U+00E4>r"' in result.stdout


@pytest.mark.parametrize(
    ("encoding", "args"),
    [("idna", ("list",)), ("punycode", ("explain", "nosuch")), ("undefined", ("--help",))],
)
def test_an_encoding_that_does_not_write_text_is_one_line_and_exit_1(
    encoding: str, args: tuple[str, ...]
) -> None:
    result = run(*args, encoding="ascii", extra={"PYTHONIOENCODING": encoding})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"trd: cannot write output in the encoding {encoding}: it does not write text; "
        "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)\n"
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_html_in_a_narrow_encoding_is_the_same_page_for_a_browser(encoding: str) -> None:
    """The page declares UTF-8: in another encoding it is written in ASCII with character
    references, never as bytes of that encoding nor with ``<U+XXXX>`` (which opens a tag)."""
    args = ("explain", "alpha", "--format", "html")
    wide = run(*args, extra={"TRD_CATALOG": str(HOSTILE)})
    narrow = run(
        *args,
        encoding=encoding,
        extra={"TRD_CATALOG": str(HOSTILE), **{"PYTHONIOENCODING": encoding}},
    )
    assert narrow.returncode == 0 and narrow.stderr == ""
    assert '<meta charset="utf-8">' in narrow.stdout and narrow.stdout.isascii()
    assert "<U+" not in narrow.stdout and "&#128512;" in narrow.stdout
    assert html.unescape(narrow.stdout) == html.unescape(wide.stdout)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_yaml_in_a_narrow_encoding_holds_exactly_the_data(encoding: str) -> None:
    wide = run("list", "--format", "yaml", extra={"TRD_CATALOG": str(HOSTILE)})
    narrow = run(
        "list",
        "--format",
        "yaml",
        encoding=encoding,
        extra={"TRD_CATALOG": str(HOSTILE), "PYTHONIOENCODING": encoding},
    )
    assert narrow.returncode == 0 and narrow.stderr == ""
    assert yaml.safe_load(narrow.stdout) == yaml.safe_load(wide.stdout)


# --------------------------------------------------------------------------- outputs


@pytest.mark.parametrize(
    "args", ["--help", "list --help", "compare --help", "--version", "about", "list"]
)
def test_a_reader_that_takes_one_line_ends_every_command_quietly(args: str) -> None:
    result = shell(f'"$TRD" {args} | head -1 > /dev/null; echo "exit=${{PIPESTATUS[0]}}"')
    assert result.stderr == ""
    assert result.stdout == "exit=0\n"


@pytest.mark.parametrize("args", ["--help", "list --help", "--version", "about", "list"])
def test_a_full_disk_is_one_line_and_exit_1_for_every_writer(args: str) -> None:
    result = shell(f'"$TRD" {args} > /dev/full')
    assert result.returncode == 1
    assert result.stderr == "trd: cannot write output: No space left on device\n"


# --------------------------------------------------------------------------- Ctrl-C

INTERRUPT_AT = """
import importlib.abc, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
{run}
"""


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("trd_cli.__main__", "import trd_cli; from trd_cli.__main__ import main; main()"),
        ("trd_cli.cli.app", "from trd_cli.__main__ import main; main()"),
        ("trd_cli.cli.browse", "from trd_cli.__main__ import main; main()"),
        ("yaml", "from trd_cli.__main__ import main; main()"),
    ],
    ids=["finding the entry point", "importing the app", "importing a command", "reading"],
)
def test_ctrl_c_at_any_moment_of_start_up_is_one_line_and_exit_130(module: str, code: str) -> None:
    script = INTERRUPT_AT.format(module=module, run=code)
    result = subprocess.run(
        [sys.executable, "-c", script, "list"],
        capture_output=True,
        text=True,
        env=env(TRD_NO_CACHE="1"),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (130, "trd: interrupted\n")


# --------------------------------------------------------------------------- home


def test_a_home_that_does_not_exist_is_never_created(tmp_path: Path) -> None:
    home = tmp_path / "gone" / "home"
    result = run("list", "--json", extra={"HOME": str(home), "XDG_CACHE_HOME": ""})
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_cache_directory_is_made_only_inside_an_existing_home(tmp_path: Path) -> None:
    result = run("list", "--json", extra={"HOME": str(tmp_path), "XDG_CACHE_HOME": ""})
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [".cache"]
    assert [p.name for p in (tmp_path / ".cache").iterdir()] == ["trd"]


# --------------------------------------------------------------------------- file names


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    path = tmp_path / "a\x1b[31m\nforged: line\x07.yaml"
    path.write_text(HOSTILE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def in_process(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """trd run in this process, with the environment `run` gives a process: what it writes is
    the point of the tests below, not how a process ends."""
    result = CliRunner().invoke(app, list(args), env={"TRD_CATALOG": str(MINI), **extra})
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize(
    "args",
    [["validate", "{}"], ["--catalog", "{}", "--version"], ["--catalog", "{}", "about"]],
    ids=["validate", "--version", "about"],
)
def test_a_file_name_with_controls_and_a_line_break_is_shown_escaped(
    args: list[str], odd_name: Path
) -> None:
    result = in_process(*[a.format(odd_name) for a in args], COLUMNS="400")
    text = result.stdout + result.stderr
    assert "\\x1b[31m\\nforged: line\\x07.yaml" in text
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("forged") for line in text.splitlines())


def test_an_error_about_a_missing_file_with_an_odd_name(tmp_path: Path) -> None:
    missing = tmp_path / "x\x1b]0;title\x07\ny"
    result = in_process("--catalog", str(missing), "list")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"  {tmp_path}/x\\x1b]0;title\\x07\\ny: no such file"


def test_json_keeps_the_file_name_exact(odd_name: Path) -> None:
    result = in_process("--catalog", str(odd_name), "about", "--json")
    assert json.loads(result.stdout)["path"] == str(odd_name)


def test_a_line_break_in_a_catalogue_value_cannot_forge_a_second_problem_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cat.yaml"
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - id: beta\n", '  - id: "beta\\nfake.yaml:1: all fine"\n', 1),
        encoding="utf-8",
    )
    result = in_process("validate", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert not any(line.startswith("fake.yaml") for line in lines)
    assert "beta\\nfake.yaml:1: all fine" in result.stderr


def test_a_name_or_version_on_two_lines_is_refused_so_it_cannot_forge_an_ok_line(
    tmp_path: Path,
) -> None:
    """`OK FILE: overlay 'NAME' VERSION` is one line scripts read; a name, alias, version or
    crisis contact holding a line break would start a line of its own there, in
    `--version` and in lists, so it is an error with its line (text such as a summary may
    hold line breaks)."""
    clinic = (FIXTURES / "overlay-clinic.yaml").read_text(encoding="utf-8")
    forged = "\\nOK /etc/other.yaml: catalogue 1.0 (2026-01-01): 30 entries"
    for old, new in [
        ("overlay: Riverside Clinic local details", f'overlay: "Riverside{forged}"'),
        ('version: "2026.1"', f'version: "2026.1{forged}"'),
        ('contact: "555 0100"', f'contact: "555 0100{forged}"'),
        ("name: Gamma light", f'name: "Gamma light{forged}"'),
        ("aliases: [gamma-box]", f'aliases: ["gamma-box{forged}"]'),
    ]:
        assert clinic.count(old) == 1, old
        clinic = clinic.replace(old, new)
    path = tmp_path / "clinic.yaml"
    path.write_text(clinic, encoding="utf-8")
    result = in_process("validate", str(path))
    assert result.returncode == 1 and result.stdout == ""
    fields = [line.split(": ")[1] for line in result.stderr.splitlines()[:-1]]
    assert fields == [
        "overlay",
        "version",
        "crisis_contacts[0].contact",
        "therapies[gamma].name",
        "therapies[gamma].aliases[0]",
    ]
    assert not any(line.startswith("OK ") for line in result.stderr.splitlines())


def test_paging_leaves_no_history_file_in_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pager is told to keep no history (less writes ~/.lesshst otherwise)."""
    from trd_cli.render import terminal

    seen = tmp_path / "env.json"
    monkeypatch.delenv("LESSHISTFILE", raising=False)
    monkeypatch.delenv("TRD_PAGER", raising=False)
    monkeypatch.setenv(
        "PAGER",
        f'{sys.executable} -c "import json, os, sys; sys.stdin.read(); '
        f"open(sys.argv[1], 'w').write(json.dumps(dict(os.environ)))\" {seen}",
    )
    assert terminal.page("some text\n")
    assert json.loads(seen.read_text(encoding="utf-8"))["LESSHISTFILE"] == "-"
