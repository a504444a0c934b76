"""One build at a time per project: a lock file in build/, held while doit runs."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

#: Locks this process holds, by project (released when the process ends, even killed).
_HELD: dict[Path, int] = {}


class Busy(Exception):
    pass


def hold(root: Path) -> None:
    """Take build/.lock for this process, or raise Busy if another process has it."""
    if root in _HELD:
        return
    path = root / "build" / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip() or "another process"
        os.close(fd)
        raise Busy(
            f"another build is running in this folder (process {holder}); "
            "wait for it to finish, then run doit again"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    _HELD[root] = fd
