"""Class rules as people meet them: tests written for mutants of catalogue/safety.py that the
rest of the suite let live (docs/mutation.md)."""

from __future__ import annotations

import json
from pathlib import Path

from trd_cli.cli.app import app

from .runner import CliRunner
from .test_class_rules import JOIN_BETA, problems, with_class

WEAKER_OWN_RULE = (
    "    contraindications: []\n",
    "    contraindications:\n"
    '      - {condition: seizure-disorder, strength: caution, text: "Mild.", sources: [beta-label]}\n',
)


def test_screen_quotes_the_class_rule_in_the_catalogues_words(tmp_path: Path) -> None:
    env = {"TRD_CATALOG": str(with_class(tmp_path, JOIN_BETA)), "TRD_NO_CACHE": "1"}
    result = CliRunner().invoke(
        app, ["screen", "--condition", "seizure-disorder", "--json"], env=env
    )
    beta = next(o for o in json.loads(result.stdout) if o["id"] == "beta")
    [reason] = beta["reasons"]
    assert reason["text"] == "X and seizures. (applies to every raises x option)"
    assert (reason["strength"], reason["source_ids"]) == ("contraindicated", ["beta-label"])


def test_an_unknown_class_does_not_hide_the_rules_of_the_classes_after_it(tmp_path: Path) -> None:
    """validate lists every problem in one run: the unknown class, and that the entry is weaker
    than the known class named after it."""
    path = with_class(
        tmp_path,
        (
            JOIN_BETA[0],
            JOIN_BETA[1].replace(
                "classes: [{id: raises-x, sources: [beta-label]}]",
                "classes: [{id: raises-y, sources: [beta-label]}, {id: raises-x, sources: [beta-label]}]",
            ),
        ),
        WEAKER_OWN_RULE,
    )
    assert problems(path) == [
        "therapies[beta].contraindications: 'seizure-disorder' is 'caution' here but "
        "'contraindicated' for every member of class 'raises-x'; an entry may be stricter than "
        "its class, not weaker",
        "therapies[beta].classes[raises-y].id: 'raises-y' is not in the catalogue's classes "
        "(did you mean 'raises-x'?)",
    ]
