"""Answering a TAB press through the app: commands, options and their values.

Therapy ids and conditions are usually answered before the app is even imported
(``completion.fast``, from the entry point); everything else comes here.  It walks the command
tree with Click's documented API (``make_context`` with ``resilient_parsing``,
``get_command``, ``get_params``, ``shell_complete``) and writes the answer in the protocol of
the scripts `trd completion SHELL` prints.  See docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .completion import Ask, answer, asked


def respond(group: Any, prog: str, environ: Mapping[str, str]) -> tuple[str, int] | None:
    """The answer for the shell, or None when ``environ`` asks for no completion."""
    ask = asked(environ)
    if ask is None:
        return None
    ctx, args = _context(group, prog, ask)
    return answer(ask, _items(ctx, args, ask.incomplete))


def _command_at(command: Any, args: list[str]) -> int | None:
    """Where the subcommand's name stands in ``args`` (after the group's own options)."""
    takes_value = {
        opt
        for p in command.params
        if p.param_type_name == "option" and not p.is_flag and not p.count
        for opt in p.opts
    }
    at = 0
    while at < len(args):
        word = args[at]
        if not word.startswith("-"):
            return at
        at += 2 if word in takes_value else 1
    return None


def _context(group: Any, prog: str, ask: Ask) -> tuple[Any, list[str]]:
    """The context of the innermost command named on the line, and the words after it."""
    args = list(ask.args)
    at = _command_at(group, args)
    ctx = group.make_context(prog, args[:at], resilient_parsing=True)
    while at is not None:
        name, args = args[at], args[at + 1 :]
        command = ctx.command.get_command(ctx, name)
        if command is None:
            return ctx, []
        nested = hasattr(command, "get_command")
        at = _command_at(command, args) if nested else None
        given = args[:at] if nested else args
        ctx = command.make_context(name, list(given), parent=ctx, resilient_parsing=True)
    return ctx, args


def _items(ctx: Any, args: list[str], incomplete: str) -> list[tuple[str, str]]:
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete.startswith("-"):
        name, _, incomplete = incomplete.partition("=")
        args = [*args, name]
    command = ctx.command
    if "--" not in args and incomplete.startswith("-"):
        return _pairs(command.shell_complete(ctx, incomplete))
    params = command.get_params(ctx)
    for param in params:
        if _wants_value(param, args):
            return _pairs(param.shell_complete(ctx, incomplete))
    for param in params:
        if _open_argument(ctx, param):
            return _pairs(param.shell_complete(ctx, incomplete))
    return _pairs(command.shell_complete(ctx, incomplete))


def _wants_value(param: Any, args: list[str]) -> bool:
    """Whether the last words are ``param``'s option name still waiting for its value."""
    if param.param_type_name != "option" or param.is_flag or param.count:
        return False
    for index, arg in enumerate(reversed(args)):
        if index + 1 > param.nargs:
            return False
        if arg.startswith("-"):
            return arg in param.opts
    return False


def _open_argument(ctx: Any, param: Any) -> bool:
    """Whether ``param`` is an argument that can still take a value."""
    if param.param_type_name != "argument":
        return False
    value = ctx.params.get(param.name)
    source = ctx.get_parameter_source(param.name)
    return (
        param.nargs == -1
        or getattr(source, "name", None) != "COMMANDLINE"
        or (param.nargs > 1 and isinstance(value, (tuple, list)) and len(value) < param.nargs)
    )


def _pairs(items: list[Any]) -> list[tuple[str, str]]:
    return [(str(item.value), item.help or "") for item in items]
