"""Reading a file the user named: the one way, for commands and tab completion alike.

Every catalogue file is read through :func:`read_bytes`, which never costs more than
``limit`` bytes and never waits for ever:

* a regular file larger than the limit is refused from its size, before it is read, and the
  read itself stops one byte past the limit (a file that grows while it is read);
* a directory, a device (``/dev/zero``, a terminal), or a socket is refused, named as what it
  is, without being opened (its kind is read from its status, and checked again on the open
  file);
* a pipe (``--catalog <(cat file)``, a FIFO) is read up to the limit, but only while data
  keeps coming: ``QUIET_SECONDS`` without a byte (a FIFO no one writes to) is refused.
  Opening one never blocks;
* nothing is read with blocking: a regular file that waits for data (``/proc/kmsg``) is
  given up after ``QUIET_SECONDS`` like a pipe, and by tab completion at once.

Tab completion passes ``regular_only=True``: it reads regular files only and opens nothing
else, so a TAB press never waits, and never takes the data that a command reading the same
pipe needs.

Written with ``os`` alone so that tab completion can use it without importing ``pathlib``.
"""

from __future__ import annotations

import os
import stat

MAX_BYTES = 8 * 1024 * 1024
"""The largest catalogue file read (8 MiB)."""
QUIET_SECONDS = 10.0
"""How long a pipe may give no data before its reading is given up."""


class Refused(Exception):
    """The file cannot be a catalogue; ``str()`` says why, in a few words."""


class TooBig(Refused):
    """A regular file larger than the limit; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(f"is {size} bytes")
        self.size = size


def read_bytes(path: str, limit: int, *, regular_only: bool = False) -> bytes:
    """At most ``limit`` bytes of ``path``; raises :class:`Refused` (or ``OSError`` from
    opening it: missing, permission denied) for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    # What the path names is told from its status before it is opened (opening a device can
    # act on it, opening a FIFO is noticed by its writer), and again from the open file.
    _refuse(os.stat(path).st_mode, regular_only)  # noqa: PTH116  (no pathlib)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise Refused(_KINDS[stat.S_IFDIR]) from None
    try:
        st = os.fstat(fd)
        _refuse(st.st_mode, regular_only)
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise TooBig(st.st_size)
            # Still without blocking: a file of the kernel's that waits for data (/proc/kmsg)
            # is waited on like a pipe, and by a TAB press not at all.
            quiet = 0.0 if regular_only else QUIET_SECONDS
            return _read(fd, limit, quiet=quiet, kind="file", wait=False)
        return _read(fd, limit, quiet=QUIET_SECONDS, kind="pipe", wait=True)
    finally:
        os.close(fd)


_KINDS = {
    stat.S_IFDIR: "is a directory, not a catalogue file",
    stat.S_IFCHR: "is a device, not a catalogue file",
    stat.S_IFBLK: "is a device, not a catalogue file",
    stat.S_IFSOCK: "is a socket, not a catalogue file",
}


def _refuse(mode: int, regular_only: bool) -> None:
    """Raise :class:`Refused` unless ``mode`` is a regular file or (unless ``regular_only``)
    a pipe."""
    if stat.S_ISREG(mode) or (stat.S_ISFIFO(mode) and not regular_only):
        return
    if regular_only:
        raise Refused("is not a regular file")
    raise Refused(_KINDS.get(stat.S_IFMT(mode), "is special, not a catalogue file"))


def _read(fd: int, limit: int, *, quiet: float, kind: str, wait: bool) -> bytes:
    """Up to ``limit + 1`` bytes (one more than allowed shows the file is too big) from the
    non-blocking ``fd``; ``quiet`` seconds without data is refused.  With ``wait``, data is
    waited for before the first read (a FIFO's writer may not be there yet)."""
    import select
    import time

    chunks: list[bytes] = []
    got = 0
    last = time.monotonic()  # when data last came
    while got <= limit:
        if wait:
            left = quiet - (time.monotonic() - last)
            ready, _, _ = select.select([fd], [], [], max(left, 0.0))
            if not ready or left <= 0:
                raise Refused(f"is a {kind} that gave no data for {quiet:g} seconds")
        try:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
        except BlockingIOError:  # no data yet: wait for it, for a while
            wait = True
            continue
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        last = time.monotonic()
    return b"".join(chunks)
