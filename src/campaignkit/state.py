"""doit's state: where it lives and how it is stored.

doit keeps a record per task (its file dependencies' digests, its saved values) and, left
to itself, writes every record only when the run ends (`Dependency.close` ->
`backend.dump`): a build killed at 90 % keeps nothing, and a disk that fills up loses the
whole run's records. `RecordingSqliteDB` is doit's sqlite3 backend, same file
(build/.doit.db) and same table, that commits each task's record the moment doit has saved
it, and turns a full disk into one line instead of a traceback.

How doit finds it: doit looks backends up by name among its own and the plugins of the
entry-point group `doit.BACKEND`; pyproject.toml registers this class there as
`campaignkit`, so every doit in this environment (the `doit` script, `python -m doit`,
`DoitMain` in-process) knows it without a config file, and `doit_config` (the dodo's
DOIT_CONFIG) selects it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import suppress
from importlib.metadata import entry_points
from pathlib import Path

from doit.dependency import DatabaseException, SqliteDB
from doit.exceptions import InvalidTask

from .atomic import FULL, project_path
from .errors import DiskFull

#: The backend's name in the entry-point group doit.BACKEND (see pyproject.toml).
BACKEND = "campaignkit"


def doit_config(root: Path) -> dict:
    """doit settings: state in build/ with sqlite3, each task's success committed as it
    happens (RecordingSqliteDB); keep going after a failure to report them all."""
    (root / "build").mkdir(exist_ok=True)
    return {
        "dep_file": str(root / "build" / ".doit.db"),
        "backend": backend(),
        "action_string_formatting": "new",
        "continue": True,
    }


def backend() -> str:
    """This backend's name, or doit's plain sqlite3 (records saved only at the end of the
    run) with a warning when the installed package does not register it (an install older
    than the entry point: ./setup.sh installs it again)."""
    if entry_points(group="doit.BACKEND", name=BACKEND):
        return BACKEND
    print(
        f"campaignkit: doit's '{BACKEND}' state backend is not installed, so a stopped "
        "build keeps no record of what it finished; run ./setup.sh (pip install -e .)",
        file=sys.stderr,
    )
    return "sqlite3"


class StateDiskFull(DiskFull, InvalidTask):
    """doit's state could not be saved for want of space. An InvalidTask, so doit prints
    'ERROR: <the line>' without a traceback and exits non-zero (3)."""


class RecordingSqliteDB(SqliteDB):
    """doit's sqlite3 backend committing each task's record as soon as it is whole.

    `Dependency.save_success` sets a task's values, result, checker and file digests, and
    its list of file dependencies ('deps:') last: that last `set` commits. The database is
    in WAL mode with synchronous=NORMAL, so a commit appends a few pages to the log without
    waiting for the disk (a killed process loses nothing committed; a power cut may lose the
    last commits, never the database). Removals (a failed task forgets its record) ride on
    the next commit.

    A full disk never gives a traceback: a commit that finds no room is rolled back (what
    was committed stays), the record stays pending and is tried again with the next one and
    at the end; if it still cannot be saved, the end of the run raises StateDiskFull
    (doit has printed each task's result by then; only its closing summary is skipped).
    Opening the state on a disk with no room at all (WAL needs its -shm file) raises it too.
    """

    desc = "sqlite3, each task's success committed as it happens (campaignkit)"

    def __init__(self, name, codec, *, module_name=None):
        self._whole: set[str] = set()  # records save_success has finished, to commit
        self._removed: set[str] = set()
        self._cleared = False
        self._stored: dict[str, dict] | None = None  # every record, read in one query
        try:
            super().__init__(name, codec, module_name=module_name)
        except (DatabaseException, sqlite3.Error, OSError) as err:
            cause = err.__context__ if isinstance(err, DatabaseException) else err
            if not _is_full(cause, name):
                raise
            raise StateDiskFull(project_path(name)) from None

    def _sqlite3(self, name):
        conn = super()._sqlite3(name)
        conn.execute("pragma journal_mode=wal")  # kept in the file
        conn.execute("pragma synchronous=normal")
        return conn

    def set(self, task_id, dependency, value):
        super().set(task_id, dependency, value)
        if dependency == "deps:":  # save_success sets it last: the task's record is whole
            self._whole.add(task_id)
            self._commit(self._whole)

    def _get_task_data(self, task_id):
        """A task's record. The first one asked for reads them all in one query: a run asks
        for nearly every task's, and one select each is a third of a no-op's checks."""
        if self._stored is None:
            rows = self._conn.execute("select task_id, task_data from doit")
            self._stored = {row["task_id"]: row["task_data"] for row in rows}
        return self._stored.pop(task_id, None) or {}  # doit keeps it in its cache from here

    def records(self) -> dict[str, dict]:
        """The record of every task this run read or saved, as saved (after `dump`)."""
        return self._cache

    def remove(self, task_id):
        if self._stored is not None:
            self._stored.pop(task_id, None)
        super().remove(task_id)
        self._whole.discard(task_id)
        self._removed.add(task_id)

    def remove_all(self):
        self._stored = {}
        super().remove_all()
        self._cleared, self._removed, self._whole = True, set(), set()

    def dump(self):
        """Commit what is pending and close; StateDiskFull if the disk has no room for it."""
        saved = self._commit(self._dirty)
        try:
            self._conn.close()  # checkpoints the log into the database if there is room
        except (sqlite3.Error, OSError) as err:
            if not _is_full(err, self.name):
                raise
        if not saved:
            raise StateDiskFull(project_path(self.name))

    def _commit(self, records: set[str]) -> bool:
        """Write pending removals and these records in one transaction; False if the disk is
        full (rolled back: the work stays pending, what was committed before stays)."""
        try:
            if self._cleared:
                self._conn.execute("delete from doit")
            for task_id in self._removed:
                self._conn.execute("delete from doit where task_id=?", (task_id,))
            for task_id in sorted(records):
                self._conn.execute(
                    "insert or replace into doit values (?,?)",
                    (task_id, self.codec.encode(self._cache[task_id])),
                )
            self._conn.commit()
        except (sqlite3.Error, OSError) as err:
            if not _is_full(err, self.name):
                raise
            with suppress(sqlite3.Error):
                self._conn.rollback()
            return False
        self._dirty -= records
        self._whole -= records
        self._cleared, self._removed = False, set()
        return True


def _is_full(err: BaseException | None, name: str) -> bool:
    """Whether `err` (from sqlite or the OS) means the disk holding `name` is full."""
    if isinstance(err, OSError):
        return err.errno in FULL
    if not isinstance(err, sqlite3.Error):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    if code is not None and code & 0xFF == sqlite3.SQLITE_IOERR:  # e.g. growing the -shm file
        with suppress(OSError):
            disk = os.statvfs(Path(name).parent)
            return disk.f_bavail * disk.f_frsize < 1 << 16
    return "database or disk is full" in str(err)
