"""The seal over the last complete build (campaignkit.settled) and doit's run using it."""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
import subprocess
import sys

import pytest
from conftest import edit, run_doit
from doit.dependency import Dependency, MD5Checker, TimestampChecker
from doit.task import Task
from doit.tools import config_changed

from campaignkit import settled
from campaignkit.freshness import Shown, unchanged


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The tasks doit's own up-to-date check looked at, by name."""
    seen: list[str] = []
    check = Dependency.get_status

    def spy(self, task, tasks_dict, get_log=False):
        seen.append(task.name)
        return check(self, task, tasks_dict, get_log)

    monkeypatch.setattr(Dependency, "get_status", spy)
    return seen


def built(project) -> dict[str, str]:
    result = run_doit(project)
    assert result.code == 0, result.errors
    return result.tasks


def test_a_no_op_after_a_complete_build_checks_no_task_and_says_what_doit_would(
    project, stubbed, checks
):
    first = built(project)
    assert set(first.values()) == {"success"} and checks
    assert (project / "build" / settled.NAME).is_file()
    # what doit's own check says, with the seal gone
    (project / "build" / settled.NAME).unlink()
    checks.clear()
    own = run_doit(project)
    assert own.code == 0 and len(checks) > len(own.tasks) > 100
    assert set(own.tasks.values()) == {"up-to-date"}
    checks.clear()
    answered = run_doit(project)
    assert answered.code == 0 and checks == []
    assert answered.tasks == own.tasks
    assert run_doit(project).tasks == own.tasks and checks == []  # answering keeps the seal


def test_the_reporter_shows_the_same_lines_and_summary(project, stubbed, checks):
    built(project)
    (project / "build" / settled.NAME).unlink()

    def shown() -> list[str]:  # campaignkit's reporter, off a terminal
        lines = project / "build" / "said.txt"
        assert run_doit(project, "--output-file", str(lines)).code == 0
        said = lines.read_text(encoding="utf-8").splitlines()
        return sorted(re.sub(r" in [0-9.]+ s$", " in … s", line) for line in said)

    own = shown()
    assert checks and sum(line.startswith("-- ") for line in own) > 100
    checks.clear()
    assert shown() == own and checks == []
    assert [line for line in own if line.startswith("campaignkit: built")] == [
        f"campaignkit: built 0, up to date {sum(line.startswith('-- ') for line in own)}, "
        "failed 0 in … s"
    ]


def test_a_seal_answers_only_for_the_tasks_it_was_made_for(project, stubbed, checks):
    built(project)
    checks.clear()
    assert run_doit(project, "run", "leaflet").code == 0 and checks  # another selection
    checks.clear()
    leaflets = run_doit(project, "run", "leaflet")
    assert leaflets.code == 0 and checks == []
    assert set(leaflets.tasks.values()) == {"up-to-date"}
    assert {name.split(":")[0] for name in leaflets.tasks} == {"leaflet"}
    assert run_doit(project).code == 0 and checks  # the whole build again: checked


@pytest.mark.parametrize(
    "change, rebuilt",
    [
        ("content", {"leaflet:liege-fr"}),
        ("edited", {"leaflet:liege-fr"}),
        ("missing", {"leaflet:liege-fr"}),
        ("touched", set()),
        ("forgotten", {"leaflet:liege-fr"}),
    ],
)
def test_any_change_goes_through_doits_check(project, stubbed, checks, change, rebuilt):
    built(project)
    leaflet = project / "build/leaflets/liege-fr.pdf"
    if change == "content":
        edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    elif change == "edited":
        leaflet.write_bytes(b"%PDF-1.7 edited by hand\n")
    elif change == "missing":
        leaflet.unlink()
    elif change == "touched":
        os.utime(leaflet, ns=(leaflet.stat().st_atime_ns, leaflet.stat().st_mtime_ns + 10**9))
    else:
        assert (
            run_doit(project, "forget", "leaflet:liege-fr").out == "forgetting leaflet:liege-fr\n"
        )
    checks.clear()
    result = run_doit(project)
    assert result.code == 0, result.errors
    assert checks, "doit checked no task"
    assert {name for name, said in result.tasks.items() if said == "success"} >= rebuilt
    assert {
        name
        for name, said in result.tasks.items()
        if said == "success" and name.startswith("leaflet:")
    } == rebuilt


def test_a_parallel_build_is_sealed_too(project, stubbed, checks):
    assert run_doit(project, "run", "-n", "2", "-P", "process").code == 0
    checks.clear()
    again = run_doit(project, "run", "-n", "2", "-P", "process")
    assert again.code == 0 and checks == [] and set(again.tasks.values()) == {"up-to-date"}


def test_a_failed_run_leaves_no_seal(project, monkeypatch, checks):
    from conftest import stub_action

    from campaignkit import tasks

    def failing(action, job):
        from campaignkit.job import unpack

        if unpack(job).label == "leaflet liege-fr":
            raise RuntimeError("broken on purpose")
        stub_action(action, job)

    monkeypatch.setattr(tasks, "perform", failing)
    assert run_doit(project).code != 0
    assert not (project / "build" / settled.NAME).exists()
    checks.clear()
    again = run_doit(project)
    assert checks and again.code != 0  # checked by doit, and still failing


DODO = """
from pathlib import Path

from campaignkit.freshness import Shown, record, unchanged
from campaignkit.state import doit_config

DOIT_CONFIG = doit_config(Path(__file__).resolve().parent)
NAMES = "abcdefghijklmnop"


def make(target):
    Path(target).write_text(target)


def built(target):
    return {"targets": [target], "actions": [(make, [target]), (record, [".", [target]])]}


def task_part():
    for name in NAMES:
        yield {"name": name, **built(f"{name}.txt"), "uptodate": [Shown(name), (unchanged, ["."])]}


def task_whole():
    return {**built("whole.txt"), "file_dep": [f"{name}.txt" for name in NAMES],
            "uptodate": [Shown("whole"), (unchanged, ["."])]}
"""


def test_a_seal_holds_in_other_processes_whatever_their_hash_seed(tmp_path):
    # doit adds implicit task_dep (whole -> part:a ...) in a set's order, which differs with
    # the hash seed: the seal must not depend on it
    (tmp_path / "dodo.py").write_text(DODO, encoding="utf-8")

    def doit(seed: int) -> str:
        done = subprocess.run([sys.executable, "-m", "doit"], cwd=tmp_path, text=True,
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": str(seed)})  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert doit(1).count(".  ") == 17
    state = tmp_path / "build/.doit.db"
    before = state.stat().st_mtime_ns
    for seed in (2, 3, 4):
        assert doit(seed).count("-- ") == 17
        assert state.stat().st_mtime_ns == before  # doit's check would have saved the groups


# --- the seal's parts, on doit tasks made here -------------------------------------------------


def nothing() -> None:
    """A task's action: these tests only check tasks."""


def task(name: str, **fields) -> Task:
    return Task(name, [(nothing, [])], **fields)


def test_token_follows_what_doits_check_reads():
    tasks = {
        "a": task("a", targets=["a.txt"], uptodate=[Shown("one"), (unchanged, ["."])]),
        "b": task("b", file_dep=["a.txt"], targets=["b.txt"], uptodate=[Shown("two")]),
    }
    names = settled.order(tasks, ["b", "a"])
    first = settled.token(tasks, names, MD5Checker())
    assert first and settled.token(tasks, names, MD5Checker()) == first
    tasks["b"] = task("b", file_dep=["a.txt"], targets=["b.txt"], uptodate=[Shown("three")])
    assert settled.token(tasks, names, MD5Checker()) not in (None, first)


@pytest.mark.parametrize(
    "fields",
    [
        {"uptodate": [lambda: True]},  # a check that may read anything
        {"uptodate": [config_changed({"a": 1})]},  # digested by doit itself, each run
        {},  # no dependency at all: doit runs it every time
    ],
)
def test_no_token_for_a_task_it_cannot_vouch_for(fields):
    tasks = {"a": task("a", targets=["a.txt"], **fields)}
    assert settled.token(tasks, ["a"], MD5Checker()) is None


def test_no_token_when_doit_compares_files_by_time_only():
    tasks = {"a": task("a", targets=["a.txt"], uptodate=[Shown("a")])}
    assert settled.token(tasks, ["a"], TimestampChecker()) is None


def test_order_puts_each_task_after_what_it_depends_on():
    tasks = {
        "group": Task("group", None, task_dep=["group:x", "group:y"]),
        "group:x": task("group:x"),
        "group:y": task("group:y", task_dep=["group:x"]),
        "other": task("other", task_dep=["group"]),
    }
    assert settled.order(tasks, ["other"]) == ["group:x", "group:y", "group", "other"]


def test_order_reaches_the_tasks_making_a_tasks_files():
    tasks = {
        "a": task("a", targets=["a.txt"]),
        "b": task("b", targets=["b.txt"], file_dep=["a.txt", "elsewhere.txt"]),
        "c": task("c", file_dep=["b.txt"]),
    }
    assert settled.order(tasks, ["c"]) == ["a", "b", "c"]


def test_order_walks_a_chain_longer_than_pythons_recursion_limit():
    names = [f"t{i}" for i in range(3000)]
    tasks = {name: task(name, task_dep=names[i + 1 : i + 2]) for i, name in enumerate(names)}
    assert settled.order(tasks, ["t0"]) == names[::-1]


def state_file(folder) -> str:
    path = folder / ".doit.db"
    sqlite3.connect(path).close()
    return str(path)


def test_a_seal_holds_until_a_file_or_the_state_changes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = state_file(tmp_path)
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    a, b = os.stat("a.txt"), os.stat("b.txt")
    tasks = {
        "a": task("a", targets=["a.txt"], uptodate=[Shown("one")]),
        "b": task("b", file_dep=["a.txt"], targets=["b.txt"], uptodate=[Shown("two")]),
    }
    records = {
        "a": {"_values_:": {"stat": {"a.txt": [a.st_size, a.st_mtime_ns]}}},
        "b": {"_values_:": {"stat": {"b.txt": [b.st_size, b.st_mtime_ns]}},
              "a.txt": [a.st_mtime, a.st_size, "md5"]},
    }  # fmt: skip
    settled.seal(state, tasks, ["a", "b"], "digest", records)
    assert settled.holds(state, "digest")
    assert not settled.holds(state, "another digest")
    os.utime("a.txt", ns=(a.st_atime_ns, a.st_mtime_ns + 1))
    assert not settled.holds(state, "digest")
    os.utime("a.txt", ns=(a.st_atime_ns, a.st_mtime_ns))
    assert settled.holds(state, "digest")
    with sqlite3.connect(state) as db:  # a record written: the state file changes
        db.execute("create table t (x)")
    assert not settled.holds(state, "digest")


def test_a_log_with_records_in_it_is_no_known_state(tmp_path):
    state = state_file(tmp_path)
    before = settled.identity(state)
    assert before is not None
    (tmp_path / ".doit.db-wal").write_bytes(b"records not folded in yet")
    assert settled.identity(state) is None
    (tmp_path / ".doit.db-wal").write_bytes(b"")
    assert settled.identity(state) == before


def test_no_seal_when_two_records_disagree_on_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = state_file(tmp_path)
    (tmp_path / "a.txt").write_text("a")
    tasks = {
        "b": task("b", file_dep=["a.txt"], uptodate=[Shown("b")]),
        "c": task("c", file_dep=["a.txt"], uptodate=[Shown("c")]),
    }
    records = {"b": {"a.txt": [1.0, 1, "x"]}, "c": {"a.txt": [2.0, 1, "y"]}}
    settled.seal(state, tasks, ["b", "c"], "digest", records)
    assert not (tmp_path / settled.NAME).exists()
    records["c"]["a.txt"] = [1.0, 1, "x"]
    settled.seal(state, tasks, ["b", "c"], "digest", records)
    held = pickle.loads((tmp_path / settled.NAME).read_bytes())
    assert held["files"] == {"a.txt": (None, None, 1.0)}


def test_no_seal_for_a_task_without_a_record(tmp_path):
    state = state_file(tmp_path)
    tasks = {"a": task("a", targets=["a.txt"], uptodate=[Shown("a")])}
    settled.seal(state, tasks, ["a"], "digest", {})
    assert not (tmp_path / settled.NAME).exists()
