"""The last plan's described tasks, kept in build/ and reused while nothing it read changed.

A no-op `doit` then neither loads content nor plans nor imports the families: it checks the
stat of every file the plan could have read (content, brand, templates, the package's code),
re-hashes only those whose stat differs or that changed too close to the snapshot's writing
to trust their time (git's "racy clean"), and compares what else the plan depends on (the
project folder, the shard, SOURCE_DATE_EPOCH, the programs on PATH, the installed packages).
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import atomic
from .errors import DiskFull
from .freshness import digest

#: Bump when what a snapshot holds changes shape: older snapshots are ignored.
FORMAT = 2
FILE = "build/.plan.pickle"
#: The folders of the project the plan reads, besides the package's code.
INPUTS = ("content", "brand", "templates")
#: A file whose mtime is this close to (or after) the snapshot's is hashed: a second edit
#: within the file system's time resolution would otherwise keep its stat.
RACY_NS = 2_000_000_000


@dataclass
class Graph:
    """What dodo.py's creators give doit, described once."""

    steps: list[tuple[str, str]]  # (step name, doc), in the families' order
    tasks: dict[str, list[dict]]  # step name -> its task dicts (the group's first)
    sweep: dict
    default_tasks: list[str]
    notices: list[str] = field(default_factory=list)  # said on every run
    programs: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)


@dataclass
class Facts:
    """What a plan depends on besides the bytes of its input files."""

    setting: dict  # plain values compared as they are
    files: dict[str, tuple[int, int]]  # project-relative (code: 'code/...') -> size, mtime_ns


def facts(root: Path, code: Path, setting: dict) -> Facts:
    """The stat of every input file and the settings, taken before planning (an edit made
    while the plan is made is then seen by the next run)."""
    found = {}
    for base, label in [*((root / name, name) for name in INPUTS), (code, "code")]:
        for folder, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in names:
                if name.startswith(".") or name.endswith(".pyc"):
                    continue
                path = Path(folder, name)
                stat = path.stat()
                rel = f"{label}/{path.relative_to(base).as_posix()}"
                found[rel] = (stat.st_size, stat.st_mtime_ns)
    # Where packages are installed: a folder's time changes when one is added or removed.
    # Not the script's folder or the working one (sys.path[0]): any file saved there would
    # plan again (the project folder under `python -m doit`, /tmp under a profiler).
    found_in = sys.path if sys.flags.safe_path else sys.path[1:]
    installed = {entry: os.stat(entry).st_mtime_ns for entry in found_in if os.path.isdir(entry)}
    setting = {**setting, "python": sys.version, "installed": installed,
               "epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip()}  # fmt: skip
    return Facts(setting, found)


def _path(root: Path, code: Path, rel: str) -> Path:
    label, _, rest = rel.partition("/")
    return code / rest if label == "code" else root / rel


def reuse(root: Path, code: Path, now: Facts) -> Graph | None:
    """The snapshot's graph if it was described from exactly these inputs, else None. The
    file holds two pickles: what the plan read, then the graph, loaded only when that
    matches (after an edit, most of the time goes into loading the graph)."""
    try:
        with open(root / FILE, "rb") as handle:
            saved = pickle.load(handle)
            if saved["format"] != FORMAT or saved["setting"] != now.setting:
                return None
            recorded, written = saved["files"], saved["written"]
            if not fresh(root, code, now, recorded, written):
                return None
            graph = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, AttributeError, ImportError,
            TypeError, ValueError):  # fmt: skip
        return None  # none yet, or from another version of the code: plan again
    for _name, (commands, found) in graph.programs.items():
        if next((c for c in commands if shutil.which(c)), None) != found:
            return None  # a program was installed or removed: the plan says what it needs
    return graph


def fresh(root: Path, code: Path, now: Facts, recorded: dict, written: int) -> bool:
    """Whether every input file is as recorded: same names, sizes and digests (hashed only
    where the stat differs or is too close to the snapshot's writing to trust)."""
    if recorded.keys() != now.files.keys():
        return False
    for rel, (size, mtime) in now.files.items():
        old_size, old_mtime, sha = recorded[rel]
        if size != old_size:
            return False
        if mtime == old_mtime and mtime < written - RACY_NS:
            continue
        if digest(_path(root, code, rel)) != sha:
            return False
    return True


def save(root: Path, code: Path, then: Facts, graph: Graph) -> None:
    """Keep `graph` for the next runs, with the digests of the files as they were read. A
    file changed since `then` (the stat taken before planning) is left out with a stat no
    file has, so the next run plans again."""
    files = {}
    for rel, (size, mtime) in then.files.items():
        path = _path(root, code, rel)
        try:
            same = path.stat().st_size == size and path.stat().st_mtime_ns == mtime
        except OSError:
            same = False
        files[rel] = (size, mtime, digest(path) if same else "")  # '' matches no file
    head = {"format": FORMAT, "setting": then.setting, "files": files,
            "written": time.time_ns()}  # fmt: skip
    try:
        blob = b"".join(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
                        for part in (head, graph))  # fmt: skip
    except (pickle.PicklingError, AttributeError, TypeError):
        return  # a stand-in action (a test's) that cannot be pickled: plan every run
    if not roomy(root / "build", len(blob)):
        (root / FILE).unlink(missing_ok=True)  # the outputs need the room: plan every run
        return
    try:
        atomic.write_bytes(root / FILE, blob)
    except (OSError, DiskFull):
        (root / FILE).unlink(missing_ok=True)  # no room: the next run plans again


#: Room left free besides what a helper file (this snapshot, `doit why`'s inputs) takes:
#: on a nearly full disk the outputs get the room, and these are not written.
HEADROOM = 64 * 2**20


def roomy(folder: Path, size: int) -> bool:
    """Whether `folder`'s disk has room for `size` bytes, four times over, and the headroom."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # build/ may not be made yet
    try:
        return shutil.disk_usage(folder).free > 4 * size + HEADROOM
    except OSError:
        return False
