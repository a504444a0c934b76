"""Whether a built file is still the one doit recorded: a digest per target.

doit itself only checks that targets exist, so a truncated or hand-edited file would
count as up to date; with these, it is rebuilt.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import stat as mode
from pathlib import Path

from doit.tools import config_changed


def digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fingerprint(value: object) -> str:
    """The digest of plain data: what a task's inputs are compared by."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def stat(path: Path) -> list[int]:
    """Size and modification time (ns): what every write, truncation or edit changes."""
    found = path.stat()
    return [found.st_size, found.st_mtime_ns]


#: doit asks for the signature of every uptodate check of every task on each run (to pass
#: `task` and `values`), and inspect works it out anew each time: a callable that states it
#: (`__signature__`, which inspect returns as it is) is checked 2 x faster on a no-op.
CHECK = inspect.Signature([inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                           for name in ("task", "values")])  # fmt: skip


class Shown(config_changed):
    """doit's config_changed of a digest (of what a task shows), stating its signature."""

    __signature__ = CHECK


def record(root: str, targets: list[str]) -> dict:
    """doit action, after the renderer: save each target's digest and stat in the task's
    values (keyed by project-relative path)."""
    paths = {target: Path(root) / target for target in targets}
    return {"sha256": {target: digest(path) for target, path in paths.items()},
            "stat": {target: stat(path) for target, path in paths.items()}}  # fmt: skip


def unchanged(task, values: dict, root: str) -> bool:
    """doit uptodate check: every target still has the digest recorded when it was built.

    A target whose size and mtime are as recorded is not read again (as git and make trust
    them): a no-op build reads no output. Any other is hashed, so a file copied or touched
    but unchanged stays up to date, and a damaged or edited one is rebuilt.
    """
    return not changes(task.targets, values, root, every=False)


unchanged.__signature__ = inspect.signature(unchanged)  # worked out once, kept


def changes(targets: list[str], values: dict, root: str, every: bool = True) -> list[str]:
    """What happened to each target since it was recorded, in words (only the first
    unless `every`)."""
    recorded, stats = values.get("sha256") or {}, values.get("stat") or {}
    found = []
    for target in targets:
        path = os.path.join(root, target)
        try:
            now = os.stat(path)
        except FileNotFoundError:
            now = None
        if now is None or not mode.S_ISREG(now.st_mode):
            found.append(f"{target} is missing")
        elif target not in recorded:
            found.append(f"{target} has no record of being built")
        elif (stats.get(target) != [now.st_size, now.st_mtime_ns]
              and digest(Path(path)) != recorded[target]):  # fmt: skip
            found.append(f"{target} was changed since it was built")
        if found and not every:
            break
    return found
