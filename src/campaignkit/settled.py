"""A seal over the last complete build, so that a no-op `doit` answers without checking each task.

After a run in which every task it reached is up to date or built, `seal` keeps, next to
doit's state, what doit's check of each task reads: a digest of the tasks' definitions (names,
file dependencies, targets, the config_changed digests), the state file's stat, and the
recorded stat of every target and file dependency, taken from doit's own records (never
from the disk at the end: a file saved during the run must still rebuild what it feeds).

`holds` is true while all of that is as sealed: then doit would find every task up to date,
since its check reads nothing else; any other case (a file touched, a record forgotten, a
task of a kind this module cannot vouch for) goes through doit's own check, task by task.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat as mode
from contextlib import suppress
from pathlib import Path

from doit.dependency import MD5Checker
from doit.tools import config_changed

from . import atomic, freshness
from .errors import DiskFull
from .snapshot import roomy

#: Bump when what a seal holds changes shape: older ones are ignored.
FORMAT = 2
NAME = ".settled.pickle"


#: The last walk `order` made: doit's run and its reporter ask for the same one in turn.
_walked: list = [
    None,
    None,
    None,
]  # tasks (held, so never another dict at its address), selected, order


def order(tasks: dict, selected: list[str]) -> list[str]:
    """The tasks a run of `selected` reaches, each after the tasks it depends on, as doit
    dispatches them: its task_dep and setup tasks, and the tasks making its file_dep (the
    task_dep doit adds itself)."""
    if _walked[0] is tasks and _walked[1] == selected:
        return list(_walked[2])
    makers = {target: name for name, task in tasks.items() for target in task.targets}
    found: dict[str, None] = {}
    entered: set[str] = set()  # a cycle is doit's to report; here it only ends the walk
    for first in selected:
        todo = [(first, False)]  # (name, its dependencies are placed)
        while todo:
            name, placed = todo.pop()
            if placed:
                found[name] = None
            elif name in tasks and name not in entered:
                entered.add(name)
                todo.append((name, True))
                task = tasks[name]
                deps = [*task.setup_tasks, *task.task_dep]
                deps += [makers[dep] for dep in task.file_dep if dep in makers]
                todo += [(dep, False) for dep in reversed(deps)]
    _walked[:] = [tasks, list(selected), list(found)]
    return list(found)


def token(tasks: dict, names: list[str], checker: object) -> str | None:
    """A digest of what doit's up-to-date check of these tasks reads from their definitions,
    or None when a task has a check whose answer depends on more than its record and its
    files (any callable but config_changed of a digest and freshness.unchanged), or none,
    or doit compares files otherwise than by time, size and md5 (its default checker)."""
    if type(checker) is not MD5Checker:
        return None
    described = hashlib.sha256()
    for name in sorted(names):
        task = tasks[name]
        checks = []
        for check, args, kwargs in task.uptodate:
            if isinstance(check, config_changed) and isinstance(check.config, str):
                checks.append(("config", check.config))
            elif check is freshness.unchanged:
                checks.append(("unchanged", args, kwargs))
            else:
                return None
        if task.calc_dep or not (checks or task.file_dep or task.has_subtask):
            return None  # worked out while running, or run every time
        # task_dep as given (doit adds the implicit ones in a set's order, which differs
        # from one process to the next; they follow from file_dep and targets anyway)
        entry = (name, sorted(task.file_dep), task.targets, sorted(task.task_dep),
                 sorted(task.setup_tasks), checks)  # fmt: skip
        described.update(repr(entry).encode())
    return described.hexdigest()


def seal(state: str, tasks: dict, names: list[str], digest: str, records: dict) -> None:
    """Keep the seal of a complete run of `names` next to doit's state file `state`:
    `records` are doit's records of the tasks (task name -> dependency -> value), as saved.
    No seal when a record is missing, ignored, or disagrees with another on a file's time
    (a file changed after one task read it)."""
    files: dict[str, list] = {}  # path -> [size, mtime_ns] as a target, mtime as a file_dep
    for name in names:
        task = tasks[name]
        if task.has_subtask:
            continue  # a group: run every time, with nothing to run
        record = records.get(name)
        if not record or record.get("ignore:"):
            return
        stats = (record.get("_values_:") or {}).get("stat") or {}
        for target in task.targets:
            if target not in stats:
                return
            files.setdefault(target, [None, None, None])[:2] = stats[target]
        for dep in task.file_dep:
            state_of = record.get(dep)
            if not state_of:
                return
            known = files.setdefault(dep, [None, None, None])
            if known[2] is None:
                known[2] = state_of[0]
            elif known[2] != state_of[0]:
                return
    try:
        now = identity(state)
    except OSError:
        return
    if now is None:
        return
    held = {"format": FORMAT, "token": digest, "state": now,
            "files": {path: tuple(known) for path, known in files.items()}}  # fmt: skip
    blob = pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL)
    if not roomy(where(state).parent, len(blob)):
        return  # on a nearly full disk the outputs get the room
    try:
        atomic.write_bytes(where(state), blob)
    except (OSError, DiskFull):
        forget(state)  # a no-op then checks every task, as doit does


def holds(state: str, digest: str) -> bool:
    """Whether the seal next to `state` was made for tasks described by `digest` and every
    file it names, and doit's state, are as they were then."""
    try:
        held = pickle.loads(where(state).read_bytes())
        if held["format"] != FORMAT or held["token"] != digest:
            return False
        if identity(state) != held["state"]:
            return False
        for path, (size, mtime_ns, mtime) in held["files"].items():
            found = os.stat(path)
            if size is not None and (not mode.S_ISREG(found.st_mode) or found.st_size != size
                                     or found.st_mtime_ns != mtime_ns):  # fmt: skip
                return False
            # doit's own test of a file dependency: the same time, as a float (MD5Checker)
            if mtime is not None and found.st_mtime != mtime:
                return False
        return True
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, TypeError, ValueError,
            AttributeError):  # fmt: skip
        return False


def forget(state: str) -> None:
    """Remove the seal: the next run checks every task."""
    with suppress(OSError):  # a seal that cannot be removed matches no later state either
        where(state).unlink(missing_ok=True)


def identity(state: str) -> tuple[int, int, int] | None:
    """doit's state file as it is: its size, time and inode; None while its write-ahead log
    holds records (a run that stopped before it was folded in)."""
    try:
        log = os.stat(f"{state}-wal")
    except FileNotFoundError:
        log = None
    if log is not None and log.st_size:
        return None
    found = os.stat(state)
    return found.st_size, found.st_mtime_ns, found.st_ino


def where(state: str) -> Path:
    return Path(state).parent / NAME
