"""A cache of checked catalogues, so that a command does not read and check the YAML again.

Reading and checking the catalogue is most of the work `trd` does when it starts.  The checked
result (the model's frozen dataclasses) is kept in the user's cache directory and used again
only while nothing it was made from has changed.  The rules:

* Only catalogues read from regular files are cached (not a pipe, ``--catalog <(...)``,
  whose data its status does not tell).  The key holds, for every file the catalogue was
  read from, its path as given and resolved, size, modification and change times
  (nanoseconds), inode and device; and the program's version,
  the Python version, and the size and modification time of every module of the program, so a
  changed model or a changed check never meets an old result.  The key is stored in the cache
  file and compared whole before anything else in the file is read.
* A result is stored only when its files were not changed during the reading and are at least
  ``SETTLE_NS`` old: file-system clocks can be coarse, and a second edit within the same tick
  must not look like no edit.  Only catalogues that passed every check are stored; an invalid
  one is read afresh each time, so its problems are always reported.
* The cache directory is ``$XDG_CACHE_HOME/trd`` or ``~/.cache/trd`` (mode 0700).  It is used
  only if it is a real directory (neither it nor its parent a symlink) owned by this user that
  no one else may write, and it is created only inside a directory this user owns, so
  ``sudo -E trd`` never writes as root into another user's home.  At most the directory and
  its parent (``~/.cache``) are made, and the parent only inside an existing directory of this
  user: a HOME that does not exist is never created.  The directory is opened once, checked
  on the open descriptor, and every file in it is read, written, renamed and removed through
  that descriptor, so a symlink or directory swapped in after the check is never followed.
  Files are written whole to a temporary name and renamed into place (mode 0600).  Pruning
  removes only this program's own file names, and only regular files (never a symlink) owned
  by this user.  A cache file is opened only if it is a regular file (a FIFO or a device in
  its place is not even opened) owned by this user that no one else may read or write; it is
  then unpickled.  Pickle runs code named in the file, which is why a file anyone else could
  have written is never read.
* Anything that goes wrong (no HOME, a read-only or full disk, a damaged file, another user's
  file) means "no cache": the catalogue is read from its YAML as if there were none.
* ``TRD_NO_CACHE`` set to any non-empty value turns the cache off.

This module imports nothing outside the standard library and the model.
"""

from __future__ import annotations

import contextlib
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
    if before is None:  # a file is missing, unreadable or not a regular file: make() as it is
        return make()
    name = _file_name(files)
    found = _read(where, name, before, kind)
    if found is not None:
        return found
    value = make()
    after = _key(files)
    if after == before and _settled(files):
        _write(where, name, before, value)
    return value


# --------------------------------------------------------------------------- the key


def _stamp(path: Path) -> tuple[str, int, int, int, int, int]:
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):  # a pipe's data is not told by its status: never cached
        raise ValueError(path)
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
#
# Every file operation is made relative to a descriptor of the cache directory, opened without
# following a symlink (nor one in place of its parent) and checked on the open descriptor, so a
# directory or link swapped in after the check is never written through.

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def _read(where: Path, name: str, key: bytes, kind: type[T]) -> T | None:
    directory = _open_dir(where)
    if directory is None:
        return None
    try:
        # Only a regular file is opened at all: a FIFO would wait for a writer, a device
        # could do anything on open.  O_NONBLOCK too, in case one is swapped in meanwhile.
        if not stat.S_ISREG(os.stat(name, dir_fd=directory, follow_symlinks=False).st_mode):
            return None
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(name, flags, dir_fd=directory)
    except OSError:
        return None
    finally:
        os.close(directory)
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
            value = loads(handle.read(MAX_CACHE_BYTES))
    except Exception:  # a damaged or foreign file is no cache at all
        return None
    return value if isinstance(value, kind) else None


def _write(where: Path, name: str, key: bytes, value: object) -> None:
    try:
        import pickle

        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        directory = _open_dir(where, make=True)
        if directory is None:
            return
    except Exception:  # no cache is always a correct answer
        return
    try:
        temp = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, 0o600, dir_fd=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + key)
                handle.write(data)
            os.replace(temp, name, src_dir_fd=directory, dst_dir_fd=directory)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=directory)
            raise
        _prune(directory)
    except Exception:  # no cache is always a correct answer
        return
    finally:
        os.close(directory)


def _mine(st: os.stat_result) -> bool:
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def _open_dir(where: Path, *, make: bool = False) -> int | None:
    """A descriptor of ``where`` if it is a private directory of this user, else None.

    Neither ``where`` nor its parent may be a symlink.  With ``make``, a missing ``where`` is
    made (mode 0700) inside a parent this user owns, and a missing parent (``~/.cache``) inside
    an existing directory this user owns: never in another user's home (``sudo -E``)."""
    try:
        parent = _open_parent(where.parent, make=make)
    except OSError:
        return None
    if parent is None:
        return None
    try:
        try:
            fd = os.open(where.name, _DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            if not make or os.fstat(parent).st_uid != os.geteuid():
                return None
            os.mkdir(where.name, 0o700, dir_fd=parent)
            fd = os.open(where.name, _DIR_FLAGS, dir_fd=parent)
    except OSError:  # a symlink (ELOOP), not a directory, no permission
        return None
    finally:
        os.close(parent)
    try:
        if _mine(os.fstat(fd)):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _open_parent(parent: Path, *, make: bool) -> int | None:
    try:
        return os.open(parent, _DIR_FLAGS)
    except FileNotFoundError:
        if not make:
            return None
    above = os.open(parent.parent, _DIR_FLAGS)  # an existing HOME: never created
    try:
        if os.fstat(above).st_uid != os.geteuid():
            return None
        os.mkdir(parent.name, 0o700, dir_fd=above)
        return os.open(parent.name, _DIR_FLAGS, dir_fd=above)
    finally:
        os.close(above)


OWN_NAME = re.compile(r"catalogue-[0-9a-f]+\.pickle")
OWN_TEMP = re.compile(r"\.catalogue-[0-9a-f]+\.pickle\.[0-9]+\.[0-9a-f]{8}\.tmp")


def _prune(directory: int) -> None:
    """Remove this program's stale temporary files and all but the newest KEEP results from
    the directory open as ``directory``."""
    now = time.time_ns()
    kept = []
    with os.scandir(directory) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue  # never a symlink, a directory, or another user's file
            if OWN_TEMP.fullmatch(entry.name) and now - st.st_mtime_ns > 60 * 1_000_000_000:
                os.unlink(entry.name, dir_fd=directory)  # left by a process killed while writing
            elif OWN_NAME.fullmatch(entry.name):
                kept.append((st.st_mtime_ns, entry.name))
    for _, name in sorted(kept, reverse=True)[KEEP:]:
        os.unlink(name, dir_fd=directory)
