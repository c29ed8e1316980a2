"""Names for shell completion, read cheaply.

Completion runs on every TAB press, so it must not parse and validate the whole catalogue.
This module scans the catalogue's text line by line for the ids, names and aliases of the
entries and the ids of the conditions, as the catalogue format writes them (block entries
starting ``- id: ...``; ``aliases: [a, b]`` or a block list; conditions as ``- {id: ...}`` or
block mappings).  A file it cannot read simply completes nothing.  Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on a TAB press
if TYPE_CHECKING:
    from pathlib import Path

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
_FLOW_ID = r"(?:^|[{,])\s*id:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^,}]+)"
_FLOW_DESCRIPTION = r"(?:^|[{,])\s*description:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^,}]+)"
# Patterns used now and then are compiled (and cached by ``re``) when first used.


class Name:
    """One completion: the word, the help shown beside it, and the entry it names."""

    __slots__ = ("help", "owner", "value")

    def __init__(self, value: str, help: str, owner: str = "") -> None:
        self.value = value
        self.help = help
        self.owner = owner  # the id of the entry a therapy name belongs to


def _scalar(raw: str | None) -> str:
    value = (raw or "").strip()
    if " #" in value and not value.startswith(("'", '"')):
        value = value.split(" #", 1)[0].rstrip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _flow_list(raw: str) -> list[str]:
    inner = raw.strip()
    if not (inner.startswith("[") and inner.endswith("]")):
        return []
    return [v for v in (_scalar(p) for p in inner[1:-1].split(",")) if v]


class _Entry:
    __slots__ = ("aliases", "id", "name")

    def __init__(self) -> None:
        self.id = ""
        self.name = ""
        self.aliases: tuple[str, ...] = ()


def scan(text: str) -> tuple[list[_Entry], list[Name]]:
    """Entries (id, name, aliases) and conditions (id, description) found in ``text``."""
    entries: list[_Entry] = []
    conditions: list[Name] = []
    section = ""
    key_indent = -1  # where an entry's own keys start
    in_aliases = False
    deep = None  # in `therapies`: how a line deeper than an entry's own keys starts
    for line in text.splitlines():
        if deep is not None and not in_aliases and line.startswith(deep):
            continue  # deeper inside an entry: nothing completion needs
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0] not in " -":
            top = _KEY.match(line)
            section = top["key"] if top else ""
            deep = " " * (key_indent + 1) if section == "therapies" and key_indent >= 0 else None
            continue
        m = _KEY.match(line)
        if section == "therapies":
            if m is None:
                if in_aliases and stripped.startswith("- ") and entries:
                    entries[-1].aliases = (*entries[-1].aliases, _scalar(stripped[2:]))
                continue
            indent = len(m["indent"]) + len(m["dash"] or "")
            if m["dash"] and (key_indent < 0 or indent == key_indent):
                key_indent = indent
                deep = " " * (key_indent + 1)
                entries.append(_Entry())
            in_aliases = False
            if indent != key_indent or not entries:
                continue
            key, value = m["key"], m["value"]
            if key == "id":
                entries[-1].id = _scalar(value)
            elif key == "name":
                entries[-1].name = _scalar(value)
            elif key == "aliases":
                if value and value.strip():
                    entries[-1].aliases = tuple(_flow_list(value))
                else:
                    in_aliases = True
        elif section == "conditions":
            if stripped.startswith("- {"):
                found = re.search(_FLOW_ID, stripped[2:])
                if found:
                    described = re.search(_FLOW_DESCRIPTION, stripped[2:])
                    help_text = _scalar(described["value"]) if described else ""
                    conditions.append(Name(_scalar(found["value"]), help_text))
            elif m and m["key"] == "id":
                conditions.append(Name(_scalar(m["value"]), ""))
            elif m and m["key"] == "description" and conditions and not conditions[-1].help:
                conditions[-1] = Name(conditions[-1].value, _scalar(m["value"]))
    return [e for e in entries if e.id], conditions


def read(path: str | Path) -> str:
    """A catalogue file's text for completion: read by the rule every read follows
    (``catalogue.files``: at most its size limit), but only a regular file, so a TAB press
    never waits on a pipe or a device; anything else completes nothing."""
    from ..catalogue.files import MAX_BYTES, Refused, read_bytes

    try:
        data = read_bytes(str(path), MAX_BYTES, regular_only=True)
    except (OSError, Refused):
        return ""
    if len(data) > MAX_BYTES:
        return ""
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def therapy_names(text: str) -> list[Name]:
    """Every id, then every one-word alias, each with the entry's name as help."""
    entries, _ = scan(text)
    names = [Name(e.id, e.name, e.id) for e in entries]
    seen = {e.id.casefold() for e in entries}
    for e in entries:
        for alias in e.aliases:
            # A completion with a space in it would arrive as two words.
            if alias and not any(c.isspace() for c in alias) and alias.casefold() not in seen:
                seen.add(alias.casefold())
                names.append(Name(alias, f"{e.name} ({e.id})", e.id))
    return names


def condition_names(text: str) -> list[Name]:
    return scan(text)[1]


def given_ids(names: list[Name], given: list[str]) -> set[str]:
    """The entry ids that the words already on the command line name."""
    words = {g.strip().casefold() for g in given}
    return {n.owner for n in names if n.owner and n.value.casefold() in words}


def matching(names: list[Name], incomplete: str, skip_owners: set[str] | None = None) -> list[Name]:
    """Names starting with ``incomplete`` in any case, leaving out the entries in
    ``skip_owners``.  Each result starts with what was typed, as shells expect: 'spr' offers
    'spravato', 'Spr' offers 'Spravato'."""
    typed = incomplete.casefold()
    skip = skip_owners or set()
    out = []
    for n in names:
        if not n.value.casefold().startswith(typed) or (n.owner and n.owner in skip):
            continue
        value = n.value
        if not value.startswith(incomplete):
            rest = value[len(incomplete) :]
            value = incomplete + (rest.lower() if incomplete == incomplete.lower() else rest)
        out.append(Name(value, n.help, n.owner))
    return out


def catalogue_texts(
    given: Iterable[str | Path] | None,
    environ: Mapping[str, str],
    is_overlay: Callable[[str], bool | None] | None = None,
) -> list[str] | None:
    """The text of every catalogue file a command would read, by the same rule as loading
    (``catalogue.paths``): the user's files over the built-in catalogue, which a whole
    catalogue given first replaces.  Whether the first file is an overlay is decided by
    ``is_overlay`` (default ``paths.overlay_guess``); None when it cannot tell."""
    from ..catalogue.paths import builtin_catalogue_file, chosen_files, overlay_guess

    texts = [read(p) for p in chosen_files(given, environ)]
    overlay = (is_overlay or overlay_guess)(texts[0]) if texts else True
    if overlay is None:
        return None
    if overlay:
        texts.insert(0, read(builtin_catalogue_file()))
    return texts


# --------------------------------------------------------------------------- the shell's side

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_TRD_COMPLETE"
_SCRIPTS = {
    "bash": """
%(func)s() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   COMP_LINE="$COMP_LINE" COMP_POINT=$COMP_POINT \\
                   COMP_WORDBREAKS="$COMP_WORDBREAKS" \\
                   %(var)s=complete_bash $1 ) )
    return 0
}

complete -o default -F %(func)s %(prog)s
""",
    "zsh": """
#compdef %(prog)s

%(func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(var)s=complete_zsh %(prog)s)
}

compdef %(func)s %(prog)s
""",
    "fish": "complete --command %(prog)s --no-files --arguments "
    '"(env %(var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(prog)s)" --condition '
    '"env %(var)s=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) %(prog)s"',
}
"""The shell code `trd completion SHELL` prints, in the protocol Typer's shells speak."""


def script(shell: str, prog: str = "trd") -> str:
    func = "_" + re.sub(r"[^a-zA-Z0-9_]", "", prog.replace("-", "_")) + "_completion"
    return (_SCRIPTS[shell] % {"func": func, "prog": prog, "var": COMPLETE_VAR}).strip()


def split_words(line: str) -> list[str]:
    """Words as the shell split them; an unfinished quote or escape keeps its partial word."""
    if not any(c in line for c in "\"'\\"):
        return line.split()
    import shlex

    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    words: list[str] = []
    try:
        words.extend(lex)
    except ValueError:
        words.append(lex.token)
    return words


class Ask:
    """One TAB press: the shell, the complete words after the program name, and the rest."""

    __slots__ = ("action", "args", "breaks", "incomplete", "shell")

    def __init__(
        self, shell: str, args: list[str], incomplete: str, action: str = "", breaks: str = ""
    ) -> None:
        self.shell = shell
        self.args = args
        self.incomplete = incomplete
        self.action = action  # fish: get-args or is-args
        self.breaks = breaks  # bash: characters that start the text its completions replace


def asked(environ: Mapping[str, str]) -> Ask | None:
    """What the shell asks, from the environment its script sets; None if not completing.

    Every shell's line is split into words by the one rule (``split_words``), so ``--catalog=x``
    or a path with ``:`` is one word, as the program receives it: bash's own ``COMP_WORDS``
    splits them at ``=`` and ``:``, so bash's line (``COMP_LINE``, up to the cursor) is read
    instead, and ``COMP_WORDS`` only from a script that does not pass the line."""
    shell = environ.get(COMPLETE_VAR, "").removeprefix("complete_")
    if shell not in SHELLS:
        return None
    if shell == "bash":
        line = environ.get("COMP_LINE", "")
        if not line:  # the script of an earlier version
            words = split_words(environ.get("COMP_WORDS", ""))
            at = _number(environ.get("COMP_CWORD", ""))
            return Ask(shell, words[1:at], words[at] if at < len(words) else "")
        point = environ.get("COMP_POINT", "")
        if point.isdigit():
            line = line[: int(point)]
        breaks = "".join(c for c in "=:" if c in environ.get("COMP_WORDBREAKS", "=:"))
        return _from_line(shell, line, breaks=breaks)
    action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    return _from_line(shell, environ.get("_TYPER_COMPLETE_ARGS", ""), action)


def _from_line(shell: str, line: str, action: str = "", breaks: str = "") -> Ask:
    words = split_words(line)[1:]
    incomplete = words.pop() if words and not line.endswith((" ", "\t", "\n")) else ""
    return Ask(shell, words, incomplete, action, breaks)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


_SPACE = r"\s"


def answer(ask: Ask, items: list[tuple[str, str]]) -> tuple[str, int]:
    """What to print for the shell, and the exit status."""
    if ask.shell == "bash":
        # bash replaces only the text after the last word break (`=`, `:`) before the cursor
        head = ask.incomplete[: max((ask.incomplete.rfind(c) for c in ask.breaks), default=-1) + 1]
        values = (v[len(head) :] if head and v.startswith(head) else v for v, _ in items)
        return "\n".join(values), 0
    if ask.shell == "zsh":
        if not items:
            return "_files", 0
        return "_arguments '*: :((" + "\n".join(map(_zsh_item, items)) + "))'", 0
    if ask.action == "is-args":
        return "", 0 if items else 1
    if ask.action != "get-args" or not items:
        return "", 0
    return "\n".join(f"{v}\t{re.sub(_SPACE, ' ', h)}" if h else v for v, h in items), 0


def _zsh_item(item: tuple[str, str]) -> str:
    def escape(s: str) -> str:
        for a, b in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
            s = s.replace(a, b)
        return s

    value, help_text = item
    return f'"{escape(value)}":"{escape(help_text)}"' if help_text else f'"{escape(value)}"'


# --------------------------------------------------------------------------- the fast path

THERAPY_ARGUMENTS = {"compare": range(0, 10**6), "explain": range(1), "sources": range(1)}
THERAPY_ARGUMENTS["chart"] = range(1, 10**6)  # after the metric
"""Where a command takes therapy ids: which positions of its arguments."""
CONDITION_OPTIONS = {"screen": ("--condition", "-c")}
"""Options whose value is a condition id."""


def fast(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """The answer for a therapy id or condition, read from the catalogue's text without
    Typer, Click, Rich or YAML; None when the app must answer (anything else)."""
    ask = asked(environ)
    if ask is None or ask.incomplete.startswith("-"):
        return None
    catalogs: list[str] = []
    words = list(ask.args)
    while words and words[0].startswith("--catalog"):
        flag = words.pop(0)
        if flag == "--catalog" and words:
            catalogs.append(words.pop(0))
        elif flag.startswith("--catalog="):
            catalogs.append(flag.partition("=")[2])
        else:
            return None
    if not words:
        return None
    command, rest = words[0], words[1:]
    texts = catalogue_texts(catalogs, environ)
    if texts is None:  # only a YAML parser can tell what the first file is: the app answers
        return None
    if command in CONDITION_OPTIONS and rest and rest[-1] in CONDITION_OPTIONS[command]:
        if any(w.startswith("-") for w in rest[:-1]):
            return None
        names = [n for text in texts for n in condition_names(text)]
        unique = list({n.value: n for n in names}.values())
        return answer(ask, _shown([(n.value, n.help) for n in matching(unique, ask.incomplete)]))
    if command not in THERAPY_ARGUMENTS or any(w.startswith("-") for w in rest):
        return None
    if len(rest) not in THERAPY_ARGUMENTS[command]:
        return None
    names = [n for text in texts for n in therapy_names(text)]
    unique = list({n.value.casefold(): n for n in names}.values())
    skip = given_ids(unique, rest)
    found = matching(unique, ask.incomplete, skip)
    return answer(ask, _shown([(n.value, n.help) for n in found]))


def _shown(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Completions the shell shows: help made inert, and no word with hidden characters."""
    if all(_plain(v) and _plain(h) for v, h in items):
        return items  # nothing inert() would change: no need to import it
    from ..catalogue.textsafe import inert

    return [(value, inert(text)) for value, text in items if inert(value) == value]


def _plain(text: str) -> bool:
    return text.isascii() and text.isprintable()
