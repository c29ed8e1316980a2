"""Typer's test runner, with each app's command built once per test process.

Typer's ``CliRunner.invoke`` builds the Click command from the app (every option and argument
read from the functions' signatures) on every call: 30-40 ms here, the same work a real `trd`
process does once at start-up, and most of the cost of an in-process test. This runner builds
it once per app with Typer's public ``typer.main.get_command`` and runs it inside the runner's
own ``isolation`` (the same streams, environment and colour handling), returning Typer's
``Result``: what a test sees is what Typer's own ``invoke`` gives.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
import typer.main
import typer.testing
from typer.testing import Result

__all__ = ["CliRunner", "Result"]

_COMMANDS: dict[int, tuple[typer.Typer, Any]] = {}


def command(app: typer.Typer) -> Any:
    """The Click command for ``app``, built on first use (the app is kept alive beside it)."""
    found = _COMMANDS.get(id(app))
    if found is None or found[0] is not app:
        found = (app, typer.main.get_command(app))
        _COMMANDS[id(app)] = found
    return found[1]


class CliRunner(typer.testing.CliRunner):
    """``typer.testing.CliRunner`` whose ``invoke`` reuses the app's built command."""

    def invoke(
        self,
        app: typer.Typer,
        args: str | Sequence[str] | None = None,
        input: bytes | str | None = None,
        env: Mapping[str, str | None] | None = None,
        catch_exceptions: bool = True,
        color: bool = False,
        **extra: Any,
    ) -> Result:
        cli = command(app)
        if isinstance(args, str):
            args = shlex.split(args)
        prog_name = extra.pop("prog_name", None) or self.get_default_prog_name(cli)
        return_value: Any = None
        exception: BaseException | None = None
        exit_code = 0
        exc_info: Any = None
        with self.isolation(input=input, env=env, color=color) as streams:
            try:
                return_value = cli.main(args=args or (), prog_name=prog_name, **extra)
            except SystemExit as exc:
                exc_info = sys.exc_info()
                code: Any = 0 if exc.code is None else exc.code
                if code != 0:
                    exception = exc
                if not isinstance(code, int):
                    sys.stdout.write(f"{code}\n")
                    code = 1
                exit_code = code
            except Exception as exc:
                if not catch_exceptions:
                    raise
                exception, exit_code, exc_info = exc, 1, sys.exc_info()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                stdout, stderr, output = (stream.getvalue() for stream in streams)
        return Result(
            runner=self,
            stdout_bytes=stdout,
            stderr_bytes=stderr,
            output_bytes=output,
            return_value=return_value,
            exit_code=exit_code,
            exception=exception,
            exc_info=exc_info,
        )
