"""Your own catalogue: overlays laid over a catalogue, `--catalog`, `TRD_CATALOG` path lists,
and output that says which file and version each entry came from."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from trd_cli import __version__
from trd_cli.catalogue.loader import load_catalogue
from trd_cli.catalogue.overlay import WHOLE_NOT_FIRST, assemble
from trd_cli.catalogue.paths import builtin_catalogue_path
from trd_cli.catalogue.problems import CatalogueError
from trd_cli.cli.app import app
from trd_cli.explore.queries import UnknownTherapy, resolve

from .conftest import FIXTURES, MINI
from .runner import CliRunner

CLINIC = FIXTURES / "overlay-clinic.yaml"
CLINIC_TEXT = CLINIC.read_text(encoding="utf-8")
NOWHERE = Path("/nonexistent/builtin.yaml")  # never read when the first file is whole


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def clinic_with(tmp_path: Path, *edits: tuple[str, str], name: str = "clinic.yaml") -> Path:
    text = CLINIC_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return write(tmp_path, name, text)


def problems(paths: list[Path], builtin: Path = NOWHERE) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        assemble(paths, builtin)
    return [str(p) for p in info.value.problems]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- laying


def test_overlay_replaces_by_id_adds_new_entries_and_marks_every_origin() -> None:
    cat = assemble([MINI, CLINIC], NOWHERE)
    assert [t.id for t in cat.therapies] == ["alpha", "beta", "gamma"]  # replaced in place
    alpha, beta, gamma = cat.therapies
    assert alpha.delivery.cost is not None
    assert alpha.delivery.cost.text == "$250 per session at Riverside"
    assert alpha.origin is not None and gamma.origin is not None and beta.origin is not None
    assert (alpha.origin.path, alpha.origin.version, alpha.origin.date) == (
        str(CLINIC),
        "2026.1",
        "2026-03-01",
    )
    assert alpha.origin.overlay == "Riverside Clinic local details"
    assert gamma.origin == alpha.origin
    assert (beta.origin.path, beta.origin.version, beta.origin.overlay) == (
        str(MINI),
        "9.9.9-test",
        None,
    )
    # The catalogue-wide facts stay the base's; the overlay adds to the lists.
    assert (cat.version, cat.date, cat.path) == ("9.9.9-test", "2026-01-02", str(MINI))
    assert "claustrophobia" in cat.condition_ids()
    assert cat.crisis_contacts[-1].contact == "555 0100"
    base, clinic = cat.layers
    assert base.added == ("alpha", "beta") and base.origin.builtin is False
    assert (clinic.added, clinic.replaced, clinic.conditions) == (
        ("gamma",),
        ("alpha",),
        ("claustrophobia",),
    )


def test_the_built_in_catalogue_is_the_base_when_the_first_file_is_an_overlay(
    tmp_path: Path,
) -> None:
    only_new = clinic_with(
        tmp_path,
        ("  - id: gamma\n", "  - id: zz-local-test-option\n"),
        ("aliases: [gamma-box]", "aliases: []"),
        ("{id: claustrophobia,", "{id: zz-local-test-condition,"),
        ("{condition: claustrophobia,", "{condition: zz-local-test-condition,"),
    )
    # Keep only the new entry: cut the replacement of 'alpha' out of the file.
    text = only_new.read_text(encoding="utf-8")
    head, rest = text.split("therapies:\n", 1)
    only_new.write_text(
        head + "therapies:\n" + rest[rest.index("  - id: zz-local-test-option") :],
        encoding="utf-8",
    )
    builtin = builtin_catalogue_path()
    cat = assemble([only_new], builtin)
    shipped = load_catalogue(builtin)
    assert cat.layers[0].origin.builtin is True
    assert cat.version == shipped.version
    assert [t.id for t in cat.therapies] == [
        *(t.id for t in shipped.therapies),
        "zz-local-test-option",
    ]
    assert all(t.origin is not None and t.origin.builtin for t in cat.therapies[:-1])


def test_a_replacement_takes_its_own_aliases(tmp_path: Path) -> None:
    overlay = clinic_with(tmp_path, ("aliases: [alpha-brand, ALS]", "aliases: [alpha-local]"))
    cat = assemble([MINI, overlay], NOWHERE)
    assert resolve(cat, "alpha-local").id == "alpha"
    with pytest.raises(UnknownTherapy):
        resolve(cat, "ALS")


def test_a_later_overlay_replaces_an_entry_an_earlier_one_added(tmp_path: Path) -> None:
    second = clinic_with(
        tmp_path,
        ("overlay: Riverside Clinic local details", "overlay: Second opinion"),
        ('version: "2026.1"', 'version: "7"'),
        ('  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""),
        ("conditions:\n", "conditions: []\n"),
        name="second.yaml",
    )
    cat = assemble([MINI, CLINIC, second], NOWHERE)
    gamma = cat.therapies[-1]
    assert gamma.id == "gamma"
    assert gamma.origin is not None and gamma.origin.overlay == "Second opinion"
    assert cat.layers[-1].replaced == ("alpha", "gamma")


def test_an_id_or_alias_of_another_entry_is_an_error_with_file_and_line(
    tmp_path: Path,
) -> None:
    overlay = clinic_with(tmp_path, ("aliases: [gamma-box]", "aliases: [gamma-box, BetaMax]"))
    assert problems([MINI, overlay]) == [
        f"{overlay}:55: therapies[gamma]: 'BetaMax' is already the id or alias of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {MINI}"
    ]


def test_a_new_id_that_is_an_alias_says_how_to_replace_instead(tmp_path: Path) -> None:
    overlay = clinic_with(tmp_path, ("  - id: gamma\n", "  - id: betamax\n"), ("[gamma-box]", "[]"))
    assert problems([MINI, overlay]) == [
        f"{overlay}:55: therapies[betamax]: 'betamax' is already the id or alias of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {MINI}; to replace that entry, give this one "
        "the id 'beta'"
    ]


@pytest.mark.parametrize("gamma_first", [False, True], ids=["alpha-first", "gamma-first"])
def test_a_name_a_replaced_entry_gives_up_is_free_in_either_order(
    tmp_path: Path, gamma_first: bool
) -> None:
    """Replacing 'alpha' without its alias 'ALS' frees 'ALS' for another entry of the same
    file, wherever that entry stands: the order of a file's entries never decides."""
    overlay = clinic_with(
        tmp_path,
        ("aliases: [alpha-brand, ALS]", "aliases: [alpha-brand]"),
        ("aliases: [gamma-box]", "aliases: [gamma-box, als]"),
    )
    if gamma_first:
        head, rest = overlay.read_text(encoding="utf-8").split("therapies:\n")
        at = rest.index("  - id: gamma")
        overlay.write_text(f"{head}therapies:\n{rest[at:]}{rest[:at]}", encoding="utf-8")
    cat = assemble([MINI, overlay], NOWHERE)
    assert resolve(cat, "ALS").id == "gamma" and resolve(cat, "alpha-brand").id == "alpha"
    taken = clinic_with(tmp_path, ("aliases: [gamma-box]", "aliases: [gamma-box, ALS]"))
    assert problems([MINI, taken]) == [  # a name the replacement keeps is still its own
        f"{taken}:55: therapies[gamma]: 'ALS' is already the id or alias of 'alpha' (line 12)"
    ]


def test_a_long_name_that_clashes_is_quoted_cut_to_80_characters(tmp_path: Path) -> None:
    """As every value quoted in a message (README, "Exit codes and limits")."""
    long = "x" * 300
    shown = f"'{'x' * 79}…'"
    beneath = write(tmp_path, "beneath.yaml", MINI.read_text().replace("[betamax]", f"[{long}]"))
    within = clinic_with(tmp_path, ("[gamma-box]", f"[gamma-box, {long}, {long.upper()}]"))
    assert problems([beneath, within]) == [
        f"{within}:55: therapies[gamma]: {shown.upper()} is listed twice"
    ]
    over = clinic_with(tmp_path, ("[gamma-box]", f"[gamma-box, {long}]"), name="over.yaml")
    assert problems([beneath, over]) == [
        f"{over}:55: therapies[gamma]: {shown} is already the id or alias of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {beneath}"
    ]


def test_clashes_between_overlays_name_the_earlier_overlay(tmp_path: Path) -> None:
    second = clinic_with(
        tmp_path,
        ("  - id: gamma\n", "  - id: delta\n"),
        ("name: Gamma light", "name: Delta light"),
        ('  - {id: claustrophobia, description: "Fear of enclosed spaces"}\n', ""),
        ("conditions:\n", "conditions: []\n"),
        ("{condition: claustrophobia,", "{condition: pregnancy,"),
        name="second.yaml",
    )
    assert problems([MINI, CLINIC, second]) == [
        f"{second}:54: therapies[delta]: 'gamma-box' is already the id or alias of 'gamma' in "
        f"overlay 'Riverside Clinic local details' 2026.1 (2026-03-01), {CLINIC}"
    ]


@pytest.mark.parametrize("written", ["Beta tablets", "BETA\u00a0TABLETS", "\uff42eta tablets"])
def test_an_alias_may_not_take_another_entrys_name(tmp_path: Path, written: str) -> None:
    """A person reads 'Beta tablets' in a list and types it: it must never find another
    entry.  Without the overlay it finds nothing ('did you mean beta')."""
    overlay = clinic_with(tmp_path, ("aliases: [gamma-box]", f'aliases: [gamma-box, "{written}"]'))
    assert problems([MINI, overlay]) == [
        f"{overlay}:55: therapies[gamma]: '{written}' is already the name of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {MINI}"
    ]
    named = clinic_with(tmp_path, ("name: Gamma light", 'name: "BetaMax"'), name="named.yaml")
    assert problems([MINI, named]) == [  # nor may a name be another entry's alias
        f"{named}:55: therapies[gamma]: 'BetaMax' is already the id or alias of 'beta' in "
        f"catalogue 9.9.9-test (2026-01-02), {MINI}"
    ]
    same = clinic_with(tmp_path, ("name: Gamma light", f'name: "{written}"'), name="same.yaml")
    assert assemble([MINI, same], NOWHERE).therapies[-1].name == written  # may be called alike
    whole = MINI.read_text().replace(
        "aliases: [betamax]", 'aliases: [betamax, "ALPHA stimulation"]'
    )
    assert problems([write(tmp_path, "whole.yaml", whole)]) == [
        f"{tmp_path / 'whole.yaml'}:104: therapies[beta]: 'ALPHA stimulation' is already the name "
        "of 'alpha' (line 52)"
    ]
    own = clinic_with(
        tmp_path, ("aliases: [gamma-box]", 'aliases: ["gamma LIGHT"]'), name="own.yaml"
    )
    assert resolve(assemble([MINI, own], NOWHERE), "Gamma light").id == "gamma"  # its own name


def test_the_same_id_twice_in_one_overlay_is_an_error(tmp_path: Path) -> None:
    overlay = clinic_with(tmp_path, ("  - id: gamma\n", "  - id: alpha\n"), ("[gamma-box]", "[]"))
    assert problems([MINI, overlay]) == [
        f"{overlay}:55: therapies[alpha]: 'alpha' is listed twice in this file (first at line 12)"
    ]


def test_overlay_conditions_add_to_the_vocabulary_and_may_not_repeat_it(tmp_path: Path) -> None:
    again = clinic_with(
        tmp_path,
        ("conditions:\n", "conditions:\n  - {id: pregnancy, description: Pregnant}\n"),
    )
    assert problems([MINI, again]) == [
        f"{again}:8: conditions[pregnancy]: 'pregnancy' is already one of the catalogue's "
        "conditions; leave it out"
    ]
    # An entry may only name conditions that the overlay or the catalogue beneath define.
    unknown = clinic_with(
        tmp_path,
        ("{condition: claustrophobia,", "{condition: claustrophobic,"),
        name="unknown.yaml",
    )
    assert problems([MINI, unknown]) == [
        f"{unknown}:89: therapies[gamma].contraindications[0].condition: 'claustrophobic' is "
        "not in the catalogue's conditions (did you mean 'claustrophobia'?)"
    ]


def test_overlay_entries_are_checked_like_any_entry(tmp_path: Path) -> None:
    overlay = clinic_with(tmp_path, ("category: procedure", "category: procedur"))
    assert problems([MINI, overlay]) == [
        f"{overlay}:58: therapies[gamma].category: 'procedur' is not one of: neuromodulation, "
        "medication, psychotherapy, surgical, procedure, no-change (did you mean 'procedure'?)"
    ]


def test_a_whole_catalogue_may_only_come_first() -> None:
    assert problems([MINI, MINI]) == [f"{MINI}: {WHOLE_NOT_FIRST}"]


def test_a_partial_file_without_the_overlay_key_is_told_how_to_become_one(
    tmp_path: Path,
) -> None:
    text = CLINIC_TEXT.replace("overlay: Riverside Clinic local details\n", "")
    found = problems([write(tmp_path, "partial.yaml", text)])
    assert found[-1].endswith(
        "make this file an overlay: start it with `overlay: NAME`, "
        "`version` and `date` (see README, 'Your own catalogue')"
    )


# --------------------------------------------------------------------------- the command line


def test_catalog_option_is_repeatable_and_entries_say_where_they_came_from(
    runner: CliRunner,
) -> None:
    code, out, err = run(runner, "--catalog", str(MINI), "--catalog", str(CLINIC), "list", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert [(item["id"], item["origin"]["path"]) for item in doc] == [
        ("alpha", str(CLINIC)),
        ("beta", str(MINI)),
        ("gamma", str(CLINIC)),
    ]
    assert doc[0]["origin"] == {
        "path": str(CLINIC),
        "version": "2026.1",
        "date": "2026-03-01",
        "overlay": "Riverside Clinic local details",
        "builtin": False,
    }


def test_trd_catalog_is_a_path_list_and_catalog_option_wins_over_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRD_CATALOG", f"{MINI}{os.pathsep}{CLINIC}")
    _, out, _ = run(runner, "list", "--json")
    assert [item["id"] for item in json.loads(out)] == ["alpha", "beta", "gamma"]
    _, out, _ = run(runner, "--catalog", str(MINI), "list", "--json")
    assert [item["id"] for item in json.loads(out)] == ["alpha", "beta"]
    # The option does not stick to later runs.
    _, out, _ = run(runner, "list", "--json")
    assert [item["id"] for item in json.loads(out)] == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(
    "args",
    [
        ["--catalog", str(MINI), "--catalog", str(CLINIC), "--version"],
        ["--version", "--catalog", str(MINI), "--catalog", str(CLINIC)],
    ],
)
def test_version_lists_every_catalogue_file_wherever_the_flag_is(
    runner: CliRunner, args: list[str]
) -> None:
    code, out, _ = run(runner, *args)
    assert code == 0
    age = (dt.date.today() - dt.date(2026, 1, 2)).days
    assert out == (
        f"trd {__version__}\n"
        f"catalogue 9.9.9-test (2026-01-02) from {MINI}\n"
        f"overlay 2026.1 (2026-03-01) from {CLINIC}: Riverside Clinic local details\n"
        f"age: {age} days since 2026-01-02; oldest entry review 2026-01-02 ({age} days ago)\n"
    )


def test_about_lists_the_catalogue_files_and_what_each_contributed(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--catalog", str(MINI), "--catalog", str(CLINIC), "about")
    assert code == 0
    text = " ".join(out.split())
    assert "Catalogue files" in text
    assert f"catalogue 9.9.9-test (2026-01-02), {MINI}: 2 options." in text
    assert (
        f"overlay 'Riverside Clinic local details' 2026.1 (2026-03-01), {CLINIC}: replaces alpha; "
        "adds gamma; adds conditions claustrophobia. Update policy: Reviewed by the clinic each "
        "quarter." in text
    )
    _, out, _ = run(runner, "--catalog", str(MINI), "--catalog", str(CLINIC), "about", "--json")
    layers = json.loads(out)["catalogues"]
    assert [(x["origin"]["path"], x["added"], x["replaced"]) for x in layers] == [
        (str(MINI), ["alpha", "beta"], []),
        (str(CLINIC), ["gamma"], ["alpha"]),
    ]


def test_explain_and_compare_show_the_origin_of_overlay_entries(runner: CliRunner) -> None:
    base = ["--catalog", str(MINI), "--catalog", str(CLINIC)]
    _, out, _ = run(runner, *base, "explain", "gamma", "--no-pager")
    text = " ".join(out.split())
    assert (
        "Entry last reviewed 2026-03-01; from overlay 'Riverside Clinic local details' 2026.1 "
        f"(2026-03-01), {CLINIC}, laid over catalogue 9.9.9-test (2026-01-02)." in text
    )
    assert "555 0100" in text  # the overlay's crisis line is shown with the others
    _, out, _ = run(runner, *base, "explain", "gamma", "--json")
    assert json.loads(out)["origin"]["overlay"] == "Riverside Clinic local details"
    _, out, _ = run(runner, *base, "compare", "gamma", "beta", "--format", "markdown")
    row = next(line for line in out.splitlines() if "Where this entry comes from" in line)
    assert "overlay 'Riverside Clinic local details' 2026.1 (2026-03-01)" in row
    assert f"catalogue 9.9.9-test (2026-01-02), {MINI}" in row
    _, out, _ = run(runner, *base, "compare", "gamma", "beta", "--json")
    origins = [t["origin"]["version"] for t in json.loads(out)["therapies"]]
    assert origins == ["2026.1", "9.9.9-test"]


def test_without_overlays_compare_has_no_origin_row(runner: CliRunner, mini: Path) -> None:
    _, out, _ = run(runner, "compare", "alpha", "beta", "--format", "markdown")
    assert "Where this entry comes from" not in out


def test_an_invalid_or_missing_catalog_file_is_a_data_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, out, err = run(runner, "--catalog", str(tmp_path / "nope.yaml"), "list")
    assert (code, out) == (1, "")
    assert f"{tmp_path / 'nope.yaml'}: no such file" in err
    overlay = clinic_with(tmp_path, ("aliases: [gamma-box]", "aliases: [gamma-box, ALS]"))
    code, out, err = run(runner, "--catalog", str(MINI), "--catalog", str(overlay), "list")
    assert (code, out) == (1, "")
    assert err.startswith("trd: the catalogue is invalid (1 problem):\n")
    assert (
        f"{overlay}:55: therapies[gamma]: 'ALS' is already the id or alias of 'alpha' (line 12)"
        in err
    )
    assert "Traceback" not in err


def test_an_editor_can_check_an_overlay_with_its_schema(runner: CliRunner) -> None:
    import yaml
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    schema = json.loads(run(runner, "schema", "overlay")[1])
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    data = yaml.safe_load(CLINIC_TEXT)
    assert list(v.iter_errors(data)) == []
    assert list(v.iter_errors({**data, "disclaimer": "not an overlay field"})) != []
    del data["overlay"]
    assert list(v.iter_errors(data)) != []


# --------------------------------------------------------------------------- look-alike names


@pytest.mark.parametrize(
    "lookalike",
    [
        "\uff22\uff45\uff54\uff41\uff4d\uff41\uff58",  # "Betamax" in full-width letters
        "BETAMAX ",  # any case, a trailing space
        "beta\u00admax",  # a soft hyphen inside
        "Beta\ufe0fmax",  # a variation selector inside
        "beta\ufff9max",  # an interlinear annotation anchor (a format character)
        "BETA\u2800MAX",  # a blank Braille pattern
        "beta\u2028max",  # a line separator, shown as <U+2028>
        "beta\U0001bca0max\U000e0100",  # a shorthand format control, a variation selector
    ],
    ids=[
        "fullwidth",
        "case-and-space",
        "soft-hyphen",
        "variation-selector",
        "annotation",
        "braille-blank",
        "line-separator",
        "shorthand-format",
    ],
)
def test_a_lookalike_alias_in_an_overlay_can_never_shadow_another_entry(
    tmp_path: Path, lookalike: str
) -> None:
    """Uniqueness is checked by exactly the rule that lookup matches by."""
    overlay = clinic_with(
        tmp_path, ("aliases: [gamma-box]", f'aliases: [gamma-box, "{lookalike}"]')
    )
    with pytest.raises(CatalogueError) as info:
        assemble([MINI, overlay], NOWHERE)
    messages = [p.message for p in info.value.problems]
    assert any(
        "already the id or alias of 'beta'" in m or "invisible character" in m for m in messages
    )
    cat = load_catalogue(MINI)
    assert resolve(cat, lookalike).id == "beta"


@pytest.mark.parametrize("char", ["\u200b", "\u200e", "\u202e", "\u034f", "\ufe0f", "\u2060"])
def test_validate_warns_of_invisible_characters_in_names_and_aliases(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, char: str
) -> None:
    overlay = clinic_with(
        tmp_path,
        ("name: Gamma light", f'name: "Gamma{char} light"'),
        ("aliases: [gamma-box]", f'aliases: ["gamma{char}box"]'),
    )
    monkeypatch.setenv("TRD_CATALOG", str(MINI))
    code, out, err = run(runner, "validate", str(overlay))
    assert code == 0 and out.startswith("OK ")
    note = "which lookup ignores; remove it so the text shows every character it matches by"
    assert err.splitlines() == [
        f"{overlay}:56: therapies[gamma].name: warning: holds an invisible character (U+{ord(char):04X}), {note}",
        f"{overlay}:57: therapies[gamma].aliases[0]: warning: holds an invisible character (U+{ord(char):04X}), {note}",
    ]
    cat = assemble([MINI, overlay], NOWHERE)
    assert resolve(cat, "gammabox").id == "gamma"  # matched as if the character were not there


def test_validate_warns_of_an_entry_not_reviewed_for_over_12_months(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay = clinic_with(
        tmp_path,
        (
            'title: "Gamma light leaflet"}\n    last_reviewed: "2026-03-01"',
            'title: "Gamma light leaflet"}\n    last_reviewed: "2025-02-28"',
        ),
    )
    monkeypatch.setenv("TRD_CATALOG", str(MINI))
    code, _, err = run(runner, "validate", str(overlay))
    assert code == 0
    assert err == (
        f"{overlay}:95: therapies[gamma].last_reviewed: warning: reviewed 2025-02-28, 366 days "
        "before the file's date (2026-03-01); entries are re-reviewed at least every 12 months\n"
    )
    fresh = clinic_with(
        tmp_path,
        (
            'title: "Gamma light leaflet"}\n    last_reviewed: "2026-03-01"',
            'title: "Gamma light leaflet"}\n    last_reviewed: "2025-03-01"',
        ),
        name="fresh.yaml",
    )
    assert run(runner, "validate", str(fresh))[2] == ""
