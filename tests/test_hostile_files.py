"""Every read of a file the user names is bounded (size, and time for a pipe) and copes with
devices, FIFOs and huge files, for commands and tab completion alike; and completion lays the
same files over the same base as the commands do."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trd_cli.catalogue import files
from trd_cli.cli import completion
from trd_cli.cli.app import app

from .conftest import FIXTURES, MINI
from .runner import CliRunner
from .test_hostile_env import TRD, env, shell

OVERLAY = FIXTURES / "overlay-clinic.yaml"
pytestmark = pytest.mark.skipif(not TRD.exists(), reason="the trd console script is not installed")


def trd(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRD), *args], capture_output=True, text=True, env=env(**extra), timeout=30
    )


def complete(line: str, **extra: str) -> list[str]:
    """The words bash is offered for ``line`` by the installed program."""
    result = subprocess.run(
        [str(TRD)],
        capture_output=True,
        text=True,
        timeout=10,
        env=env(
            _TRD_COMPLETE="complete_bash",
            COMP_WORDS=line,
            COMP_CWORD=str(len(line.split(" ")) - 1),
            **extra,
        ),
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.fifo"
    os.mkfifo(path)
    return path


@pytest.fixture
def silent_writer(fifo: Path) -> Iterator[Path]:
    """A FIFO whose writer holds it open and never writes."""
    opened = threading.Event()
    holder: list[int] = []

    def hold() -> None:
        holder.append(os.open(fifo, os.O_WRONLY))
        opened.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open return
    opened.wait(5)
    yield fifo
    os.close(holder[0])
    os.close(reader)


# --------------------------------------------------------------------------- commands


def test_a_fifo_no_one_writes_to_is_given_up(fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "QUIET_SECONDS", 0.2)
    with pytest.raises(files.Refused, match=r"gave no data for 0\.2 seconds"):
        files.read_bytes(str(fifo), files.MAX_BYTES)


def test_a_pipe_that_stalls_is_given_up(
    silent_writer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "QUIET_SECONDS", 0.2)
    with pytest.raises(files.Refused, match=r"gave no data for 0\.2 seconds"):
        files.read_bytes(str(silent_writer), files.MAX_BYTES)


def test_a_regular_file_that_waits_for_data_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As /proc/kmsg: a regular file whose read would wait (EAGAIN without blocking)."""
    path = tmp_path / "waits.yaml"
    path.write_text("version: 1\n", encoding="utf-8")

    began = time.monotonic()

    def no_data_yet(fd: int, size: int) -> bytes:
        if time.monotonic() - began < 2:  # then the end, so that a reader that spins ends
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return b""

    monkeypatch.setattr(os, "read", no_data_yet)
    monkeypatch.setattr(files, "QUIET_SECONDS", 0.2)
    with pytest.raises(files.Refused, match=r"is a file that gave no data for 0\.2 seconds"):
        files.read_bytes(str(path), files.MAX_BYTES)
    start = time.monotonic()
    with pytest.raises(files.Refused, match=r"gave no data for 0 seconds"):  # a TAB press
        files.read_bytes(str(path), files.MAX_BYTES, regular_only=True)
    assert time.monotonic() - start < 0.1


def test_a_catalogue_through_process_substitution_is_read() -> None:
    result = shell(f'"$TRD" --catalog <(cat "{OVERLAY}") list --json')
    assert result.returncode == 0, result.stderr
    assert "gamma" in [item["id"] for item in json.loads(result.stdout)]


def test_an_endless_pipe_is_read_no_further_than_the_limit() -> None:
    result = shell('"$TRD" --catalog <(yes) list')
    assert result.returncode == 1
    assert "is larger than allowed; a catalogue may be at most 8.0 MiB" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_unread(device: str) -> None:
    start = time.monotonic()
    result = trd("--catalog", device, "list")
    assert time.monotonic() - start < 10
    assert result.returncode == 1
    assert f"  {device}: is a device, not a catalogue file\n" in result.stderr


def test_a_terminal_device_is_named_a_device_without_a_controlling_terminal() -> None:
    """/dev/tty cannot even be opened by a process without a terminal (ENXIO, as a socket
    says): it is still named for what it is."""
    result = subprocess.run(
        [str(TRD), "--catalog", "/dev/tty", "list"],
        capture_output=True,
        text=True,
        env=env(),
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "  /dev/tty: is a device, not a catalogue file\n" in result.stderr


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = trd("--catalog", str(path), "list")
    assert result.returncode == 1
    assert f"  {path}: is a socket, not a catalogue file\n" in result.stderr


# --------------------------------------------------------------------------- tab completion


@pytest.mark.parametrize("kind", ["/dev/zero", "/dev/urandom", "fifo", "sparse"])
def test_completion_never_reads_a_device_a_pipe_or_a_huge_file(
    kind: str, silent_writer: Path, tmp_path: Path
) -> None:
    path = {"fifo": str(silent_writer), "sparse": str(tmp_path / "huge.yaml")}.get(kind, kind)
    if kind == "sparse":
        with Path(path).open("wb") as f:
            f.truncate(4 * 1024**3)  # 4 GiB of nothing, in no disk space
    start = time.monotonic()
    for line in (f"trd --catalog {path} explain ", "trd explain "):
        assert complete(line, TRD_CATALOG=path) == []
    assert time.monotonic() - start < 8


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="needs a readable /proc/kmsg")
def test_completion_never_waits_on_proc_kmsg() -> None:
    start = time.monotonic()
    assert complete("trd --catalog /proc/kmsg explain ") == []
    assert time.monotonic() - start < 8


def test_completion_leaves_a_pipes_data_for_the_command(fifo: Path) -> None:
    """A TAB press does not read a FIFO: the command that runs after it gets every byte."""
    writer = subprocess.Popen(["sh", "-c", f'cat "{OVERLAY}" > "{fifo}"'])
    try:
        assert complete(f"trd --catalog {fifo} explain g") == []
        result = trd("--catalog", str(fifo), "list", "--json")
    finally:
        writer.wait(10)
    assert result.returncode == 0, result.stderr
    assert "gamma" in [item["id"] for item in json.loads(result.stdout)]


def variants() -> dict[str, str]:
    text = OVERLAY.read_text(encoding="utf-8")
    return {
        "plain": text,
        "byte order mark": "\ufeff" + text,
        "double-quoted key": text.replace("overlay:", '"overlay":', 1),
        "single-quoted key": text.replace("overlay:", "'overlay' :", 1),
        "explicit key": text.replace("overlay:", "? overlay\n:", 1),
    }


@pytest.mark.parametrize("name", list(variants()))
@pytest.mark.parametrize("how", ["option", "environment"])
def test_completion_lays_an_overlay_over_the_same_base_as_the_commands(
    name: str, how: str, tmp_path: Path
) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text(variants()[name], encoding="utf-8")
    given = ["--catalog", str(path)] if how == "option" else []
    extra = {} if how == "option" else {"TRD_CATALOG": str(path)}
    # The command in-process (what it lists is the point); completion in the installed program.
    listed = CliRunner().invoke(
        app, [*given, "list", "--json"], env={"TRD_CATALOG": str(MINI), **extra}
    )
    assert listed.exit_code == 0, listed.stderr
    ids = {item["id"] for item in json.loads(listed.stdout)}
    assert {"gamma", "ketamine"} <= ids  # laid over the built-in catalogue
    prefix = f"trd --catalog {path} " if how == "option" else "trd "
    offered = set(complete(prefix + "compare ", **extra))
    assert ids <= offered
    found = completion.catalogue_texts([str(path)], {})
    assert found is None or len(found) == 2  # the fast path, or the app, over the base


def test_a_whole_catalogue_replaces_the_base_for_both() -> None:
    listed = trd("--catalog", str(MINI), "list", "--json")
    ids = {item["id"] for item in json.loads(listed.stdout)}
    offered = set(complete(f"trd --catalog {MINI} compare "))
    assert ids == {"alpha", "beta"} and "ketamine" not in offered and ids <= offered


# --------------------------------------------------------------------------- the same files


def test_an_empty_catalog_option_is_not_trd_catalog_for_completion_either() -> None:
    """`--catalog ""` is refused by a command; completion does not fall back to TRD_CATALOG."""
    result = trd("--catalog", "", "list")
    assert result.returncode == 1
    assert complete('trd --catalog "" explain al') == []
    assert "alpha" in complete("trd explain al")  # TRD_CATALOG is the mini catalogue


def test_a_cache_file_over_its_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trd_cli.catalogue import cache

    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return "x" * 5000

    assert cache.cached([MINI], make, str) == cache.cached([MINI], make, str)
    assert len(calls) == 1  # the second came from the cache
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 1000)
    cache.cached([MINI], make, str)
    assert len(calls) == 2  # too big to be one of ours: read afresh


# --------------------------------------------------------------------------- permissions


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A catalogue file without read permission: truly so for a user, and for root (who may
    read anything) as far as a permission check can tell."""
    path = tmp_path / "secret.yaml"
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0)
    real_access = os.access

    def access(target: object, mode: int, **kwargs: object) -> bool:
        if str(target) == str(path) and mode & os.R_OK:
            return False
        return real_access(target, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    yield path
    path.chmod(0o600)


def test_a_file_without_read_permission_is_judged_by_the_reader_on_every_path(
    unreadable: Path,
) -> None:
    """--catalog, TRD_CATALOG and validate say the same: the reader's one problem line, exit 1
    (or, for root, who can read it, the file is read); never a usage error that stops the
    other files from being checked."""
    runner = CliRunner()
    expected = (1, f"  {unreadable}: permission denied\n") if os.geteuid() else (0, "")
    for args, extra in (
        (["--catalog", str(unreadable), "list", "--json"], {}),
        (["list", "--json"], {"TRD_CATALOG": str(unreadable)}),
    ):
        result = runner.invoke(app, args, env={"TRD_NO_CACHE": "1", **extra})
        assert result.exit_code == expected[0], result.stderr
        assert expected[1] in result.stderr and "not readable" not in result.stderr
    checked = runner.invoke(app, ["validate", str(unreadable), str(MINI)])
    assert checked.exit_code == expected[0], checked.stderr
    assert f"OK {MINI}:" in checked.stdout
