"""The parsed-catalogue cache: used while nothing changed, never stale, never in the way."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from trd_cli.catalogue import cache
from trd_cli.cli.app import app

from .conftest import MINI
from .runner import CliRunner


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache on, in a temporary XDG_CACHE_HOME; files count as settled at once."""
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    return tmp_path / "xdg" / "trd"


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("TRD_CATALOG", str(path))
    return path


class Counter:
    """A stand-in for reading a file: counts the reads and returns the file's text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return self.path.read_text(encoding="utf-8")


def get(path: Path, make: Callable[[], str]) -> str:
    return cache.cached([path], make, str)


def cache_files(where: Path) -> list[Path]:
    return sorted(where.glob("catalogue-*.pickle")) if where.exists() else []


# --------------------------------------------------------------------------- hits and misses


def test_second_read_comes_from_the_cache(cache_home: Path, catalogue: Path) -> None:
    read = Counter(catalogue)
    first = get(catalogue, read)
    second = get(catalogue, read)
    assert first == second == catalogue.read_text(encoding="utf-8")
    assert read.calls == 1
    assert len(cache_files(cache_home)) == 1


def test_an_edit_of_the_same_size_and_mtime_is_seen(cache_home: Path, catalogue: Path) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    before = catalogue.stat()
    text = catalogue.read_text(encoding="utf-8")
    edited = text.replace("Alpha stimulation", "Alpha stimulatio!")
    assert len(edited) == len(text)
    catalogue.write_text(edited, encoding="utf-8")
    os.utime(catalogue, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime put back
    assert catalogue.stat().st_size == before.st_size
    assert catalogue.stat().st_mtime_ns == before.st_mtime_ns
    assert get(catalogue, read) == edited
    assert read.calls == 2


def test_a_file_replaced_by_rename_is_seen(cache_home: Path, catalogue: Path) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    before = catalogue.stat()
    new = catalogue.with_name("new.yaml")
    new.write_text(catalogue.read_text(encoding="utf-8").upper(), encoding="utf-8")
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    new.replace(catalogue)
    assert get(catalogue, read).startswith("# TRD CATALOGUE")
    assert read.calls == 2


def test_a_new_program_version_does_not_read_old_results(
    cache_home: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    get(catalogue, read)
    assert read.calls == 2


def test_a_changed_module_of_the_program_does_not_read_old_results(
    cache_home: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    stamp = cache._program_stamp()
    name, size, mtime = stamp[0]
    monkeypatch.setattr(cache, "_program_stamp", lambda: [(name, size, mtime + 1), *stamp[1:]])
    get(catalogue, read)
    assert read.calls == 2


def test_the_same_file_under_another_name_is_a_separate_entry(
    cache_home: Path, catalogue: Path, tmp_path: Path
) -> None:
    """A result records the path it was read from, so the path as given is in the key."""
    read = Counter(catalogue)
    get(catalogue, read)
    link = tmp_path / "link.yaml"
    link.symlink_to(catalogue)
    get(link, read)
    assert read.calls == 2


def test_a_file_changed_while_it_was_read_is_not_stored(cache_home: Path, catalogue: Path) -> None:
    def read_then_edit() -> str:
        text = catalogue.read_text(encoding="utf-8")
        catalogue.write_text(text + "# edited\n", encoding="utf-8")
        return text

    get(catalogue, read_then_edit)
    assert cache_files(cache_home) == []
    assert get(catalogue, Counter(catalogue)).endswith("# edited\n")


def test_a_file_changed_just_now_is_not_stored(
    cache_home: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second edit within the file system's clock tick must not look like no edit."""
    monkeypatch.setattr(cache, "SETTLE_NS", 2_000_000_000)
    read = Counter(catalogue)
    get(catalogue, read)
    get(catalogue, read)
    assert read.calls == 2
    assert cache_files(cache_home) == []


def test_a_catalogue_read_from_a_pipe_or_device_is_never_stored(cache_home: Path) -> None:
    """`--catalog <(...)`: a new pipe each run, whose data its status does not tell."""
    read = Counter(Path(os.devnull))
    get(Path(os.devnull), read)
    get(Path(os.devnull), read)
    assert read.calls == 2
    assert cache_files(cache_home) == []


def test_a_missing_file_is_left_to_the_reader(cache_home: Path, tmp_path: Path) -> None:
    def make() -> str:
        raise FileNotFoundError("no such file")

    with pytest.raises(FileNotFoundError):
        get(tmp_path / "nowhere.yaml", make)
    assert cache_files(cache_home) == []


def test_what_the_reader_raises_passes_through_and_nothing_is_stored(
    cache_home: Path, catalogue: Path
) -> None:
    def make() -> str:
        raise ValueError("invalid")

    for _ in range(2):
        with pytest.raises(ValueError, match="invalid"):
            get(catalogue, make)
    assert cache_files(cache_home) == []


# --------------------------------------------------------------------------- files on disk


def test_cache_files_are_private(cache_home: Path, catalogue: Path) -> None:
    get(catalogue, Counter(catalogue))
    (stored,) = cache_files(cache_home)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert stored.read_bytes().startswith(cache.MAGIC)
    assert [p.name for p in cache_home.iterdir()] == [stored.name]  # no temporary file left


def test_a_file_others_could_write_is_never_read(cache_home: Path, catalogue: Path) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    (stored,) = cache_files(cache_home)
    stored.chmod(0o666)
    get(catalogue, read)
    assert read.calls == 2
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600  # rewritten by us


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_file_owned_by_another_user_is_never_read(cache_home: Path, catalogue: Path) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    (stored,) = cache_files(cache_home)
    os.chown(stored, 65534, 65534)
    get(catalogue, read)
    assert read.calls == 2


def test_a_symlink_in_place_of_a_cache_file_is_not_followed(
    cache_home: Path, catalogue: Path, tmp_path: Path
) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    (stored,) = cache_files(cache_home)
    elsewhere = tmp_path / "elsewhere.pickle"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    get(catalogue, read)
    assert read.calls == 2


def test_a_fifo_in_place_of_a_cache_file_is_not_waited_on(
    cache_home: Path, catalogue: Path
) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    (stored,) = cache_files(cache_home)
    stored.unlink()
    os.mkfifo(stored, 0o600)
    done = threading.Event()

    def read_through_the_cache() -> None:
        get(catalogue, read)
        done.set()

    worker = threading.Thread(target=read_through_the_cache, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if not done.is_set():  # let the waiting open() go, so the test run can end
        os.close(os.open(stored, os.O_WRONLY | os.O_NONBLOCK))
    assert done.is_set(), "reading the cache waited for a writer to the FIFO"
    assert read.calls == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[: data.index(b"\n", len(cache.MAGIC)) + 1] + b"not a pickle",
        lambda data: b"",
        lambda data: data.replace(b"trd-cache 1", b"trd-cache 9"),
    ],
    ids=["truncated", "garbage-body", "empty", "other-format"],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(
    cache_home: Path, catalogue: Path, damage: Callable[[bytes], bytes]
) -> None:
    read = Counter(catalogue)
    get(catalogue, read)
    (stored,) = cache_files(cache_home)
    stored.write_bytes(damage(stored.read_bytes()))
    assert get(catalogue, read) == catalogue.read_text(encoding="utf-8")
    assert get(catalogue, read) == catalogue.read_text(encoding="utf-8")
    assert read.calls == 2  # read again once, then cached again


def test_a_value_of_the_wrong_kind_is_not_returned(cache_home: Path, catalogue: Path) -> None:
    get(catalogue, Counter(catalogue))
    read_count = Counter(catalogue)
    result = cache.cached([catalogue], lambda: (read_count(), 7)[1], int)
    assert result == 7
    assert read_count.calls == 1


def test_old_cache_files_are_pruned(cache_home: Path, tmp_path: Path) -> None:
    for i in range(cache.KEEP + 5):
        path = tmp_path / f"c{i}.yaml"
        path.write_text(f"n: {i}\n", encoding="utf-8")
        get(path, Counter(path))
    assert len(cache_files(cache_home)) == cache.KEEP


# --------------------------------------------------------------------------- no cache at all


def test_trd_no_cache_turns_it_off(
    cache_home: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRD_NO_CACHE", "1")
    read = Counter(catalogue)
    get(catalogue, read)
    get(catalogue, read)
    assert read.calls == 2
    assert not cache_home.exists()


def test_no_home_means_no_cache(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    assert cache.cache_dir() is None
    read = Counter(catalogue)
    assert get(catalogue, read) == get(catalogue, read)
    assert read.calls == 2


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "trd"


def test_an_unwritable_cache_directory_is_skipped_silently(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # trd/ cannot be made inside a file
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    read = Counter(catalogue)
    assert get(catalogue, read) == get(catalogue, read)
    assert read.calls == 2


# --------------------------------------------------------------------------- through the CLI


def test_cli_output_is_the_same_from_the_cache_and_follows_edits(
    cache_home: Path, catalogue: Path
) -> None:
    runner = CliRunner()
    fresh = runner.invoke(app, ["explain", "alpha", "--json"])
    assert fresh.exit_code == 0, fresh.output
    assert len(cache_files(cache_home)) == 1
    again = runner.invoke(app, ["explain", "alpha", "--json"])
    assert again.stdout == fresh.stdout
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("Alpha stimulation", "Alpha stimulatio!"), encoding="utf-8")
    edited = runner.invoke(app, ["explain", "alpha", "--json"])
    assert json.loads(edited.stdout)["name"] == "Alpha stimulatio!"


def test_an_invalid_catalogue_is_never_cached(cache_home: Path, catalogue: Path) -> None:
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("category: neuromodulation", "category: magic", 1))
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["list", "--json"])
        assert result.exit_code == 1
        assert "'magic' is not one of" in result.stderr
    assert cache_files(cache_home) == []


# --------------------------------------------------------------------------- only its own files


def test_a_symlinked_cache_directory_is_never_written_through(
    tmp_path: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    target = tmp_path / "someone-elses-dir"
    target.mkdir(mode=0o700)
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "trd").symlink_to(target)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    read = Counter(catalogue)
    get(catalogue, read)
    get(catalogue, read)
    assert read.calls == 2
    assert list(target.iterdir()) == []


def test_a_cache_directory_under_a_symlinked_parent_is_never_written_through(
    tmp_path: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    target = tmp_path / "someone-elses-dir"
    (target / "trd").mkdir(mode=0o700, parents=True)  # a private directory, but reached by a link
    (tmp_path / "xdg").symlink_to(target)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    read = Counter(catalogue)
    get(catalogue, read)
    get(catalogue, read)
    assert read.calls == 2
    assert list((target / "trd").iterdir()) == []


def test_a_directory_swapped_for_a_symlink_after_the_check_is_not_written_through(
    cache_home: Path, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir(mode=0o700)
    checked = cache._open_dir

    def swap_after_check(where: Path, *, make: bool = False) -> int | None:
        found = checked(where, make=make)
        if make and found is not None:  # the race: the checked directory is replaced
            where.rename(tmp_path / "moved")
            where.symlink_to(victim)
        return found

    monkeypatch.setattr(cache, "_open_dir", swap_after_check)
    get(catalogue, Counter(catalogue))
    assert list(victim.iterdir()) == []
    assert (
        [p.name for p in (tmp_path / "moved").iterdir()]
        == [p.name for p in cache_files(tmp_path / "moved")]
        != []
    )


def test_no_cache_directory_is_made_inside_a_directory_another_user_owns(
    tmp_path: Path, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with `sudo -E trd`: HOME belongs to someone else, so nothing is created there."""
    if os.geteuid() != 0:
        pytest.skip("needs root to give a directory to another user")
    monkeypatch.delenv("TRD_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    home_cache = tmp_path / "home" / ".cache"
    home_cache.mkdir(parents=True)
    os.chown(home_cache, 65534, 65534)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home_cache))
    get(catalogue, Counter(catalogue))
    assert list(home_cache.iterdir()) == []


def test_pruning_leaves_files_it_did_not_create(cache_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("n: 1\n", encoding="utf-8")
    get(path, Counter(path))
    old = 10**9  # 1970: long past any age limit
    keep = {
        "notes.tmp": cache_home / "notes.tmp",
        "user file": cache_home / ".my-own.pickle.1.deadbeef.tmp",
    }
    for file in keep.values():
        file.write_text("mine", encoding="utf-8")
        os.utime(file, ns=(old, old))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = cache_home / ".catalogue-0123abcd.pickle.1.deadbeef.tmp"
    link.symlink_to(victim)
    for i in range(cache.KEEP + 2):
        other = tmp_path / f"o{i}.yaml"
        other.write_text(f"n: {i}\n", encoding="utf-8")
        get(other, Counter(other))
    assert all(file.exists() for file in keep.values())
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "precious"


def test_pruning_leaves_another_users_cache_file(cache_home: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file to another user")
    first = tmp_path / "first.yaml"
    first.write_text("n: first\n", encoding="utf-8")
    get(first, Counter(first))
    (theirs,) = cache_files(cache_home)
    os.chown(theirs, 65534, 65534)
    os.utime(theirs, ns=(10**9, 10**9))  # the oldest: first to go if it were ours
    for i in range(cache.KEEP + 2):
        other = tmp_path / f"o{i}.yaml"
        other.write_text(f"n: {i}\n", encoding="utf-8")
        get(other, Counter(other))
    assert theirs.exists()
