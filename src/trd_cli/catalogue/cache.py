"""A cache of checked catalogues, so that a command does not read and check the YAML again.

Reading and checking the catalogue is most of the work `trd` does when it starts.  The checked
result (the model's frozen dataclasses) is kept in the user's cache directory and used again
only while nothing it was made from has changed.  The rules:

* The key holds, for every file the catalogue was read from, its path as given and resolved, size,
  modification and change times (nanoseconds), inode and device; and the program's version,
  the Python version, and the size and modification time of every module of the program, so a
  changed model or a changed check never meets an old result.  The key is stored in the cache
  file and compared whole before anything else in the file is read.
* A result is stored only when its files were not changed during the reading and are at least
  ``SETTLE_NS`` old: file-system clocks can be coarse, and a second edit within the same tick
  must not look like no edit.  Only catalogues that passed every check are stored; an invalid
  one is read afresh each time, so its problems are always reported.
* The cache directory is ``$XDG_CACHE_HOME/trd`` or ``~/.cache/trd`` (mode 0700).  It is used
  only if it is a real directory (not a symlink) owned by this user that no one else may write,
  and it is created only inside a directory this user owns, so ``sudo -E trd`` never writes as
  root into another user's home.  At most the directory and its parent (``~/.cache``) are
  made, and the parent only inside an existing directory of this user: a HOME that does not
  exist is never created.  Files are written whole to a temporary name and renamed into
  place (mode 0600).  Pruning removes only this program's own file names, and only regular
  files (never a symlink) owned by this user.  A cache file is read
  only if it is a regular file owned by this user that no one else may read or write; it is
  then unpickled.  Pickle runs code named in the file, which is why a file anyone else could
  have written is never read.
* Anything that goes wrong (no HOME, a read-only or full disk, a damaged file, another user's
  file) means "no cache": the catalogue is read from its YAML as if there were none.
* ``TRD_NO_CACHE`` set to any non-empty value turns the cache off.

This module imports nothing outside the standard library and the model.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from .. import __version__

T = TypeVar("T")

MAGIC = b"trd-cache 1\n"
SETTLE_NS = 2_000_000_000
"""A file changed less than this long ago (2 s) is read but its result is not stored."""
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (the checked catalogue is far smaller)."""
KEEP = 16
"""Cache files kept; the least recently written beyond this are removed."""


def cache_dir() -> Path | None:
    """Where cache files go, or None when there is nowhere sensible (no HOME)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "trd"
    home = os.environ.get("HOME", "")
    if home and Path(home).is_absolute():
        return Path(home) / ".cache" / "trd"
    return None


def enabled() -> bool:
    return not os.environ.get("TRD_NO_CACHE") and hasattr(os, "geteuid")


def cached(files: Sequence[Path], make: Callable[[], T], kind: type[T]) -> T:
    """``make()``'s result, taken from the cache while ``files`` and the program are unchanged.

    ``make`` reads ``files``; whatever it raises passes through and nothing is stored.
    """
    where = cache_dir()
    if where is None or not enabled():
        return make()
    before = _key(files)
    if before is None:  # a file is missing or unreadable: let make() say so
        return make()
    if not _own_dir(where):
        return make()
    name = where / _file_name(files)
    found = _read(name, before, kind)
    if found is not None:
        return found
    value = make()
    after = _key(files)
    if after == before and _settled(files):
        _write(name, before, value)
    return value


# --------------------------------------------------------------------------- the key


def _stamp(path: Path) -> tuple[str, int, int, int, int, int]:
    st = path.stat()
    return (
        os.path.realpath(path),
        st.st_size,
        st.st_mtime_ns,
        st.st_ctime_ns,
        st.st_ino,
        st.st_dev,
    )


def _program_stamp() -> list[tuple[str, int, int]]:
    here = Path(__file__).resolve().parent.parent
    out = []
    for path in here.rglob("*.py"):
        st = path.stat()
        out.append((path.relative_to(here).as_posix(), st.st_size, st.st_mtime_ns))
    return sorted(out)


def _key(files: Sequence[Path]) -> bytes | None:
    """Everything the cached result depends on, as one line; None if a file cannot be seen."""
    try:
        parts = (
            __version__,
            sys.implementation.cache_tag,
            [str(f) for f in files],  # as given: the result records the path it was read from
            [_stamp(f) for f in files],
            _program_stamp(),
        )
    except (OSError, ValueError):
        return None
    return repr(parts).encode("utf-8", "backslashreplace") + b"\n"


def _file_name(files: Sequence[Path]) -> str:
    joined = "\0".join(os.path.realpath(f) for f in files).encode("utf-8", "surrogateescape")
    return f"catalogue-{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}.pickle"


def _settled(files: Sequence[Path]) -> bool:
    now = time.time_ns()
    try:
        for f in files:
            st = f.stat()
            if now - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLE_NS:
                return False
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------- reading and writing


def _read(name: Path, key: bytes, kind: type[T]) -> T | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
                return None
            if st.st_size > MAX_CACHE_BYTES:  # no cache file of ours is ever this big
                return None
            header = MAGIC + key
            if handle.read(len(header)) != header:
                return None
            try:  # the C unpickler alone; pickle.py is not needed to read
                from _pickle import loads
            except ImportError:  # pragma: no cover - other Python implementations
                from pickle import loads
            value = loads(handle.read())
    except Exception:  # a damaged or foreign file is no cache at all
        return None
    return value if isinstance(value, kind) else None


def _write(name: Path, key: bytes, value: object) -> None:
    try:
        import pickle

        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if not _own_dir(name.parent, make=True):
            return
        temp = name.with_name(f".{name.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + key)
                handle.write(data)
            temp.replace(name)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _prune(name.parent)
    except Exception:  # no cache is always a correct answer
        return


def _mine(st: os.stat_result) -> bool:
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def _own_dir(where: Path, *, make: bool = False) -> bool:
    """True when ``where`` is a private directory of this user.  A missing one is True (it may
    be made) or, with ``make``, is made (mode 0700, inside a directory this user owns) and True
    if that worked."""
    try:
        st = os.lstat(where)
    except FileNotFoundError:
        if not make:
            return True
        try:
            _make_private_dir(where)
            st = os.lstat(where)
        except OSError:  # PermissionError too: not inside a directory this user owns
            return False
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _mine(st)


def _make_private_dir(where: Path) -> None:
    """Make ``where`` with mode 0700, and its parent if missing (``~/.cache``), but only inside
    a directory this user owns; raises ``PermissionError`` otherwise."""
    parent = where.parent
    if not parent.exists():
        gst = os.lstat(parent.parent)
        if not stat.S_ISDIR(gst.st_mode) or gst.st_uid != os.geteuid():
            raise PermissionError(parent)
        parent.mkdir(mode=0o700)
    pst = os.lstat(parent)
    if not stat.S_ISDIR(pst.st_mode) or pst.st_uid != os.geteuid():
        raise PermissionError(parent)
    where.mkdir(mode=0o700)


OWN_NAME = re.compile(r"catalogue-[0-9a-f]+\.pickle")
OWN_TEMP = re.compile(r"\.catalogue-[0-9a-f]+\.pickle\.[0-9]+\.[0-9a-f]{8}\.tmp")


def _prune(where: Path) -> None:
    """Remove this program's stale temporary files and all but the newest KEEP results."""
    now = time.time_ns()
    kept = []
    with os.scandir(where) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue  # never a symlink, a directory, or another user's file
            if OWN_TEMP.fullmatch(entry.name) and now - st.st_mtime_ns > 60 * 1_000_000_000:
                Path(entry.path).unlink()  # left by a process that was killed while writing
            elif OWN_NAME.fullmatch(entry.name):
                kept.append((st.st_mtime_ns, entry.path))
    for _, path in sorted(kept, reverse=True)[KEEP:]:
        Path(path).unlink()
