"""Shell completion: the scripts `trd completion SHELL` prints, and what TAB offers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.paths import builtin_catalogue_path
from trd_cli.cli import completion
from trd_cli.cli.app import app
from trd_cli.cli.complete import complete_condition

from .conftest import MINI
from .runner import CliRunner

TRD = Path(sys.executable).with_name("trd")


def complete(runner: CliRunner, shell: str, line: str, **extra: str) -> list[str]:
    """What trd answers when ``shell`` asks for completions of ``line`` (cursor at its end)."""
    env = {"_TRD_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        words = line.split(" ")
        env.update({"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = runner.invoke(app, [], env=env, prog_name="trd")
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


# --------------------------------------------------------------------------- scripts


@pytest.mark.parametrize(
    ("shell", "needle"),
    [
        ("bash", "complete -o default -F _trd_completion trd"),
        ("zsh", "compdef _trd_completion trd"),
        ("fish", "complete --command trd"),
    ],
)
def test_completion_prints_a_script_for_each_shell(
    runner: CliRunner, shell: str, needle: str
) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert needle in result.stdout
    assert f"_TRD_COMPLETE=complete_{shell}" in result.stdout


def test_an_unknown_shell_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["completion", "bsh"])
    assert result.exit_code == 2
    assert result.stderr == (
        "trd: no completion for shell 'bsh' (did you mean 'bash'?); choose one of: bash, zsh, fish\n"
    )


# --------------------------------------------------------------------------- what TAB offers


def test_commands_complete(runner: CliRunner, mini: Path) -> None:
    assert complete(runner, "bash", "trd co") == ["compare", "completion"]


def test_therapy_ids_and_aliases_complete_in_any_case(runner: CliRunner, mini: Path) -> None:
    assert complete(runner, "bash", "trd explain ") == [
        "alpha",
        "beta",
        "alpha-brand",
        "ALS",
        "betamax",
    ]
    assert complete(runner, "bash", "trd explain al") == ["alpha", "alpha-brand", "als"]
    assert complete(runner, "bash", "trd explain AL") == ["ALpha", "ALpha-brand", "ALS"]
    assert complete(runner, "bash", "trd explain zz") == []


def test_compare_leaves_out_options_already_given(runner: CliRunner, mini: Path) -> None:
    assert complete(runner, "bash", "trd compare ALS ") == ["beta", "betamax"]
    assert complete(runner, "bash", "trd compare alpha betamax ") == []


def test_zsh_and_fish_show_each_option_name(runner: CliRunner, mini: Path) -> None:
    zsh = "\n".join(complete(runner, "zsh", "trd compare b"))
    assert zsh == '_arguments \'*: :(("beta":"Beta tablets"\n"betamax":"Beta tablets (beta)"))\''
    assert complete(runner, "fish", "trd explain b") == [
        "beta\tBeta tablets",
        "betamax\tBeta tablets (beta)",
    ]


def test_option_values_complete(runner: CliRunner, mini: Path) -> None:
    assert complete(runner, "bash", "trd list --format m") == ["markdown"]
    assert complete(runner, "bash", "trd completion ") == ["bash", "zsh", "fish"]
    assert "catalogue" in complete(runner, "bash", "trd schema ")


def test_condition_names_complete(runner: CliRunner, mini: Path) -> None:
    offered = dict(complete_condition(None, "seiz"))  # type: ignore[arg-type]
    assert offered == {"seizure-disorder": "Epilepsy or a history of seizures"}
    assert complete(runner, "bash", "trd screen --condition preg") == ["pregnancy"]
    assert complete(runner, "fish", "trd screen --condition br") == ["breastfeeding\tBreastfeeding"]


def test_completion_never_validates_the_catalogue(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trd_cli.catalogue.loader

    def refuse(path: Path) -> None:
        raise AssertionError("completion loaded the whole catalogue")

    monkeypatch.setattr(trd_cli.catalogue.loader, "load_catalogue", refuse)
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI.read_text(encoding="utf-8") + "\n  - id: gamma\n    name: [unclosed\n")
    monkeypatch.setenv("TRD_CATALOG", str(broken))
    assert complete(runner, "bash", "trd explain g") == ["gamma"]
    monkeypatch.setenv("TRD_CATALOG", str(tmp_path / "missing.yaml"))
    assert complete(runner, "bash", "trd explain ") == []


# --------------------------------------------------------------------------- the cheap reader


@pytest.mark.parametrize("path", [MINI, builtin_catalogue_path()], ids=["mini", "shipped"])
def test_the_cheap_reader_finds_what_the_loader_finds(path: Path) -> None:
    catalogue = load_catalogue(path)
    entries, conditions = completion.scan(path.read_text(encoding="utf-8"))
    assert [(e.id, e.name, e.aliases) for e in entries] == [
        (t.id, t.name, t.aliases) for t in catalogue.therapies
    ]
    assert [(c.value, c.help) for c in conditions] == [
        (c.id, c.description) for c in catalogue.conditions
    ]


def test_the_cheap_reader_follows_other_layouts() -> None:
    text = (
        "version: '1'\n"
        "conditions:\n"
        "  - id: pregnancy\n"
        "    description: Pregnant\n"
        "therapies:\n"
        "- id: 'first'   \n"
        '  name: "First, with a comma"\n'
        "  aliases:\n"
        "  - one\n"
        "  - 'two words'\n"
        "  delivery:\n"
        "    name: not the entry's name\n"
        "- name: Second\n"
        "  id: second  # a comment\n"
        "  aliases: []\n"
    )
    entries, conditions = completion.scan(text)
    assert [(e.id, e.name, e.aliases) for e in entries] == [
        ("first", "First, with a comma", ("one", "two words")),
        ("second", "Second", ()),
    ]
    assert [(c.value, c.help) for c in conditions] == [("pregnancy", "Pregnant")]
    # An alias with a space would reach the shell as two words, so it is not offered.
    assert [n.value for n in completion.therapy_names(text)] == ["first", "second", "one"]


# --------------------------------------------------------------------------- a real shell


def in_bash(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by a plain bash with the installed trd on PATH, over the mini catalogue."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_TRD", "TRD_CATALOG"))}
    env.update({"PATH": f"{TRD.parent}{os.pathsep}{env.get('PATH', '')}", "TRD_CATALOG": str(MINI)})
    return subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.skipif(
    not (TRD.exists() and shutil.which("bash")), reason="needs bash and the installed trd"
)
def test_bash_completes_therapy_ids_with_the_installed_program() -> None:
    script = (
        'eval "$(trd completion bash)"\n'
        "COMP_WORDS=(trd compare alpha b); COMP_CWORD=3\n"
        "_trd_completion trd\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = in_bash(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["beta", "betamax"]


@pytest.mark.skipif(
    not (TRD.exists() and shutil.which("bash")), reason="needs bash and the installed trd"
)
@pytest.mark.parametrize(
    ("line", "bash_words", "offered"),
    [
        # bash splits its words at '=' and ':', as COMP_WORDBREAKS says
        (
            "trd --catalog={mini} explain al",
            "trd --catalog = {mini} explain al",
            "alpha alpha-brand als",
        ),
        (
            "trd --catalog {colon} compare alpha b",
            "trd --catalog {a} : {b} compare alpha b",
            "beta betamax",
        ),
        ("trd list --format=js", "trd list --format = js", "json"),
        ("trd screen --condition=pr", "trd screen --condition = pr", "pregnancy"),
    ],
    ids=["catalog=", "a path with a colon", "format=", "condition="],
)
def test_bash_completes_words_it_split_at_an_equals_sign_or_a_colon(
    tmp_path: Path, line: str, bash_words: str, offered: str
) -> None:
    colon = tmp_path / "a:b.yaml"
    colon.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    names = {"mini": MINI, "colon": colon, "a": tmp_path / "a", "b": "b.yaml"}
    line, bash_words = line.format(**names), bash_words.format(**names)
    script = (
        'eval "$(trd completion bash)"\n'
        f"COMP_WORDS=({bash_words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
        f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}\n'
        "_trd_completion trd\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = in_bash(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == offered.split()


def test_a_bash_cursor_position_that_is_not_a_number_completes_from_the_words() -> None:
    ask = completion.asked(
        {"_TRD_COMPLETE": "complete_bash", "COMP_WORDS": "trd explain al", "COMP_CWORD": "x"}
    )
    assert ask is not None and ask.shell == "bash"
