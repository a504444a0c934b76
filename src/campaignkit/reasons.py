"""Why an output rebuilds: its inputs at its last build against today's, in words.

Each task's inputs (content shown, renderer settings, template and brand files, code,
library versions) are compared by one digest (its config_changed). The plan keeps, for each
digest it describes, the inputs flattened to one line per field in build/.inputs.db; `doit
why` looks up the digest recorded at the task's last build and today's, and names the fields
that differ: 'leaflet:liege-fr: content changed: city.events[0].time (14:00 -> 15:00)'.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

from .snapshot import roomy

FILE = "build/.inputs.db"
#: What each part of a task's inputs is called when it changed.
PARTS = {"content": "content", "params": "renderer setting", "files": "file", "code": "code",
         "versions": "library", "revision": "renderer revision"}  # fmt: skip
#: Values longer than this are shown by their place only.
SHORT = 60
#: Fields named on one line at most; the rest are counted.
NAMED = 4


def flatten(value: object, path: str = "") -> dict[str, str]:
    """Plain data as {'city.events[0].time': '"14:00"'}: each leaf as JSON."""
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            found.update(flatten(item, f"{path}.{key}" if path else str(key)))
        return found or {path: "{}"}
    if isinstance(value, (list, tuple)):
        found = {}
        for index, item in enumerate(value):
            found.update(flatten(item, f"{path}[{index}]"))
        return found or {path: "[]"}
    return {path: json.dumps(value, ensure_ascii=False, default=str)}


def _open(root: Path) -> sqlite3.Connection:
    (root / FILE).parent.mkdir(exist_ok=True)
    conn = sqlite3.connect(root / FILE, timeout=30)
    conn.execute("create table if not exists inputs (digest text primary key, data blob)")
    conn.execute("create table if not exists shown (job text primary key, digest text)")
    return conn


@dataclass
class Kept:
    """What the last plans kept here, for the next one: the digests whose inputs are kept,
    and the digest of the content each job shows, by the job's own digest (a plan then
    makes plain only the content of jobs it has not met)."""

    digests: set[str] = field(default_factory=set)
    shown: dict[str, str] = field(default_factory=dict)


def kept(root: Path) -> Kept:
    """What build/.inputs.db holds; nothing when it is missing or unreadable."""
    if not (root / FILE).is_file():
        return Kept()
    with suppress(sqlite3.Error, OSError), closing(_open(root)) as conn:
        digests = {row[0] for row in conn.execute("select digest from inputs")}
        return Kept(digests, dict(conn.execute("select job, digest from shown")))
    return Kept()


def remember(root: Path, inputs: dict[str, dict], shown: dict[str, str], before: Kept) -> None:
    """Keep the flattened inputs of each digest not kept yet ({digest: inputs}), and this
    plan's content digests by job ({job digest: content digest}, in place of the last
    plan's). Best effort: without room or a writable build/, `doit why` knows less and the
    next plan works more, the build is the same."""
    if not roomy(root / "build", 0):
        return
    with suppress(sqlite3.Error, OSError), closing(_open(root)) as conn:
        rows = [(digest, zlib.compress(json.dumps(flatten(value), ensure_ascii=False).encode()))
                for digest, value in inputs.items() if digest not in before.digests]  # fmt: skip
        if rows and roomy(root / "build", sum(len(data) for _, data in rows)):
            with conn:
                conn.executemany("insert or replace into inputs values (?, ?)", rows)
        if shown != before.shown and roomy(root / "build", 200 * len(shown)):
            with conn:  # this plan's jobs only: the table never grows past one plan
                conn.execute("delete from shown")
                conn.executemany("insert into shown values (?, ?)", shown.items())


def recall(root: Path, digest: str) -> dict[str, str] | None:
    if not (root / FILE).is_file():
        return None
    with suppress(sqlite3.Error, OSError), closing(_open(root)) as conn:
        row = conn.execute("select data from inputs where digest=?", (digest,)).fetchone()
        if row:
            return json.loads(zlib.decompress(row[0]))
    return None


def differences(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """One line per part of the inputs that changed: 'content changed: city.name.fr'."""
    lines = []
    for part, words in PARTS.items():
        old = {k: v for k, v in before.items() if k == part or k.startswith(f"{part}.")}
        new = {k: v for k, v in now.items() if k == part or k.startswith(f"{part}.")}
        changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
        if not changed:
            continue
        named = [_change(key.removeprefix(part).lstrip("."), old.get(key), new.get(key),
                         part) for key in changed[:NAMED]]  # fmt: skip
        more = f" and {len(changed) - NAMED} more" if len(changed) > NAMED else ""
        lines.append(f"{words} changed: {', '.join(named)}{more}")
    return lines


def _change(field: str, old: str | None, new: str | None, part: str) -> str:
    if old is None:
        return f"{field or part} (new)"
    if new is None:
        return f"{field or part} (removed)"
    if part in ("files", "code"):
        return field  # a digest says nothing to a reader
    before, after = json.loads(old), json.loads(new)
    if len(str(before)) <= SHORT and len(str(after)) <= SHORT:
        return f"{field or part} ({before} -> {after})"
    return field or part
