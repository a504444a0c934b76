"""Whole-file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import glob
import os
import tempfile
from pathlib import Path

from .errors import DiskFull

#: errno values that mean the disk (or the user's quota on it) is full.
FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    On a full disk the temporary file is removed, `path` keeps its last good content, and
    DiskFull names the file as the person running doit knows it (see `project_path`).
    """
    try:
        _write(Path(path), data)
    except OSError as err:
        if err.errno not in FULL:
            raise
        raise DiskFull(project_path(path)) from err


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed while writing this file
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are shared files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def project_path(path: str | os.PathLike) -> str:
    """`path` as the person running doit names it: relative to the project (the folder
    holding build/) when it lies in build/ of the current folder, where doit runs (the
    folder of dodo.py), e.g. 'build/leaflets/liege-fr.pdf'; else as given."""
    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed
        return os.fspath(path)
    absolute = Path(os.path.abspath(path))
    if absolute.is_relative_to(here / "build"):
        return absolute.relative_to(here).as_posix()
    return os.fspath(path)
