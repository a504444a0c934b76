"""Whether a built file is still the one doit recorded: a digest per target.

doit itself only checks that targets exist, so a truncated or hand-edited file would
count as up to date; with these, it is rebuilt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def record(root: str, targets: list[str]) -> dict:
    """doit action, after the renderer: save each target's digest in the task's values
    (keyed by project-relative path)."""
    return {"sha256": {target: digest(Path(root) / target) for target in targets}}


def unchanged(task, values: dict, root: str) -> bool:
    """doit uptodate check: every target still has the digest recorded when it was built."""
    recorded = values.get("sha256") or {}
    for target in task.targets:
        path = Path(root) / target
        if target not in recorded or not path.is_file() or digest(path) != recorded[target]:
            return False
    return True
