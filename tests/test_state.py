"""doit's state (campaignkit.state): each task's success is recorded as it happens, so a
killed build or a full disk keeps what finished; a full disk is one line, never a traceback."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, copy_project, opens, run_doit
from doit.cmd_base import ModuleTaskLoader
from doit.dependency import Dependency, JSONCodec, MD5Checker, SqliteDB
from doit.doit_cmd import DoitMain
from doit.task import Task

from campaignkit.state import BACKEND, RecordingSqliteDB, StateDiskFull, doit_config

FULL_LINE = "no space left on device while writing {}; free space and run doit again"
DB_LINE = "ERROR: " + FULL_LINE.format("build/.doit.db")
#: One output's failure on a full disk: '<label>: no space left … build/<file>; …'.
TASK_LINE = re.compile(
    r"^(?P<label>\S+ \S+): no space left on device while writing (?P<path>build/\S+); "
    r"free space and run doit again$"
)
POSTER_TASKS = ("leaflet", "poster-fit", "poster")


# --- helpers -------------------------------------------------------------------------------


def recorded(db: Path) -> set[str]:
    """Subtasks whose success the state file holds, as the next doit sees it."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {name for (name,) in conn.execute("select task_id from doit") if ":" in name}


def executed(console: str) -> set[str]:
    """Tasks doit's console reporter says it ran ('.  name')."""
    return {line[3:] for line in console.splitlines() if line.startswith(".  ")}


def failures(console: str) -> list[tuple[str, str, list[str]]]:
    """(kind, task, message lines) of each failure doit's console reporter printed."""
    found, lines = [], console.splitlines()
    for i, line in enumerate(lines):
        if head := re.match(r"^(\w+) - taskid:(\S+)$", line):
            found.append((head[1], head[2], list(itertools.takewhile(bool, lines[i + 1 :]))))
    return found


STATE_FILES = {".doit.db", ".doit.db-wal", ".doit.db-shm", ".lock", ".plan.pickle", ".inputs.db",
               ".settled.pickle"}  # fmt: skip


def check_build(build: Path) -> list[Path]:
    """Every file in `build` opens and no temporary file is left; the outputs, sorted."""
    outputs = []
    for path in sorted(p for p in build.rglob("*") if p.is_file()):
        if path.name in STATE_FILES:
            continue
        assert not path.name.startswith("."), f"temporary file left: {path}"
        opens(path, other=(".bin",))
        outputs.append(path)
    return outputs


@cache
def tmpfs_mounts_work() -> bool:
    """Whether this machine lets a test mount a tmpfs in a mount namespace of its own."""
    if not shutil.which("unshare"):
        return False
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            ["unshare", "--mount", "--map-root-user", "sh", "-c",
             'mount -t tmpfs -o size=64k none "$0"', folder],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
    return run.returncode == 0


needs_tmpfs = pytest.mark.skipif(
    not tmpfs_mounts_work(), reason="needs unshare and a tmpfs mount in a mount namespace"
)


def in_full_disk(folder: Path, size: str, script: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the shell `script` in a mount namespace where `folder` is a tmpfs of `size`
    ($PY is this Python; `mount -o remount,size=… "$DIR"` grows the disk)."""
    return subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-ec",
         f'mount -t tmpfs -o size={size} none "$DIR"\n{script}'],
        cwd=cwd, env={**os.environ, "DIR": str(folder), "PY": sys.executable},
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


def save(dep: Dependency, name: str, files: list[str]) -> None:
    task = Task(name, None, file_dep=files)
    task.values = {"sha256": {f"build/{name}": "0" * 64}}
    dep.save_success(task)


# --- how doit picks the backend and when it commits ---------------------------------------


def test_doit_finds_the_backend_by_name_without_a_config_file(tmp_path):
    assert doit_config(tmp_path)["backend"] == BACKEND
    # doit's own lookup (cmd_base.get_backends): core backends plus the doit.BACKEND plugins
    from doit.cmd_run import Run

    run = Run(task_loader=ModuleTaskLoader({}), config={})
    assert run.get_backends()[BACKEND] is RecordingSqliteDB


def test_a_record_is_committed_when_doit_saves_the_tasks_last_key(tmp_path):
    db = tmp_path / "state.db"
    files = [str(tmp_path / "a.txt")]
    Path(files[0]).write_text("a")
    dep = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    dep.backend.set("leaflet:half", "_values_:", {})  # a record doit has not finished
    save(dep, "leaflet:a", files)
    assert recorded(db) == {"leaflet:a"}  # seen by another connection, before the run ends
    save(dep, "leaflet:b", files)
    dep.remove_success(Task("leaflet:a", None))  # a failed task forgets its record…
    assert recorded(db) == {"leaflet:a", "leaflet:b"}
    save(dep, "leaflet:c", files)  # …with the next commit
    assert recorded(db) == {"leaflet:b", "leaflet:c"}
    dep.close()
    assert recorded(db) == {"leaflet:b", "leaflet:c", "leaflet:half"}
    again = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    assert again.get_values("leaflet:c") == {"sha256": {"build/leaflet:c": "0" * 64}}
    again.close()


def test_doits_own_sqlite3_backend_commits_only_at_the_end(tmp_path):
    """Why the backend exists: what the test above guards against."""
    db = tmp_path / "state.db"
    dep = Dependency(SqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    save(dep, "leaflet:a", [])
    assert recorded(db) == set()
    dep.close()
    assert recorded(db) == {"leaflet:a"}


def test_records_are_read_in_one_query_and_a_removed_one_stays_removed(tmp_path):
    """A run asks for nearly every record: the first question reads them all at once."""
    db = tmp_path / "state.db"
    dep = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    for name in ("leaflet:a", "leaflet:b", "leaflet:c"):
        save(dep, name, [])
    dep.close()
    again = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    queries: list[str] = []
    again.backend._conn.set_trace_callback(queries.append)  # the connection doit opened
    again.remove_success(Task("leaflet:b", None))  # forgotten before it was ever read
    assert again.get_values("leaflet:a") == {"sha256": {"build/leaflet:a": "0" * 64}}
    assert again.get_values("leaflet:c") == {"sha256": {"build/leaflet:c": "0" * 64}}
    assert again.get_values("leaflet:b") == {}
    assert again.get_values("leaflet:never") == {}
    assert [query for query in queries if query.startswith("select")] == [
        "select task_id, task_data from doit"]  # fmt: skip
    again.close()
    assert recorded(db) == {"leaflet:a", "leaflet:c"}


PROBE = '''\
"""Task probe:b runs after probe:a and writes which probe tasks the state file holds."""
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent
{config}

def seen(report):
    with sqlite3.connect(ROOT / "build" / ".doit.db") as conn:
        names = sorted(row[0] for row in conn.execute("select task_id from doit"))
    (ROOT / report).write_text(" ".join(name for name in names if name.startswith("probe:")))

def task_probe():
    yield {{"name": "a", "actions": [(seen, ["build/a.txt"])], "targets": ["build/a.txt"]}}
    yield {{"name": "b", "actions": [(seen, ["build/b.txt"])], "task_dep": ["probe:a"]}}
'''
DODO_CONFIG = "from campaignkit.state import doit_config\nDOIT_CONFIG = doit_config(ROOT)"


def probe(folder: Path, config: str = DODO_CONFIG) -> Path:
    (folder / "build").mkdir(parents=True)
    (folder / "dodo.py").write_text(PROBE.format(config=config))
    return folder / "build" / "b.txt"


def test_python_m_doit_in_a_folder_without_config_files_records_as_it_goes(tmp_path):
    seen = probe(tmp_path)
    run = subprocess.run([sys.executable, "-m", "doit"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert seen.read_text() == "probe:a"
    shutil.rmtree(tmp_path / "build")
    (tmp_path / "build").mkdir()
    doits = subprocess.run([sys.executable, "-m", "doit", "--backend", "sqlite3"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert doits.returncode == 0 and seen.read_text() == "", doits.stderr  # doit's own: at the end


def test_the_doit_script_with_pyproject_settings_records_as_it_goes(tmp_path):
    """`.venv/bin/doit` in the project: pyproject.toml's [tool.doit] alone picks the backend."""
    seen = probe(tmp_path, config="")
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    script = Path(sys.executable).with_name("doit")
    run = subprocess.run([str(script)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert seen.read_text() == "probe:a"


def test_doit_in_process_records_as_it_goes(tmp_path):
    """tests/conftest.py run_doit: DoitMain with a ModuleTaskLoader and no config files."""
    seen = probe(tmp_path)
    namespace: dict = {"__file__": str(tmp_path / "dodo.py")}
    dodo = tmp_path / "dodo.py"
    exec(compile(dodo.read_text(), dodo, "exec"), namespace)
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.chdir(tmp_path),
    ):
        code = DoitMain(ModuleTaskLoader(namespace), config_filenames=()).run([])
    assert code == 0, out.getvalue() + err.getvalue()
    assert seen.read_text() == "probe:a"


def test_the_tests_in_process_runs_use_it(project):
    run_doit(project, "list")
    with contextlib.closing(sqlite3.connect(project / "build" / ".doit.db")) as conn:
        assert conn.execute("pragma journal_mode").fetchone() == ("wal",)


# --- a full state database ----------------------------------------------------------------


def test_a_full_database_keeps_what_was_committed_and_fails_at_the_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "build" / ".doit.db"
    db.parent.mkdir()
    dep = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    files = []
    for i in range(60):  # big records: each takes pages of its own
        files.append(str(tmp_path / f"dep-{i:02}-{'x' * 150}.txt"))
        Path(files[-1]).write_text(str(i))
    save(dep, "leaflet:first", files)
    pages = dep.backend._conn.execute("pragma page_count").fetchone()["page_count"]
    dep.backend._conn.execute(f"pragma max_page_count={pages + 3}")  # sqlite: SQLITE_FULL
    for i in range(8):
        save(dep, f"poster:p{i}", files)  # no traceback: the records wait for room
    kept = recorded(db)
    assert "leaflet:first" in kept and 0 < len(kept) < 9, kept
    with pytest.raises(StateDiskFull) as failure:
        dep.close()
    assert str(failure.value) == FULL_LINE.format("build/.doit.db")
    assert recorded(db) == kept


def test_records_waiting_for_room_are_saved_with_the_next_commit(tmp_path):
    db = tmp_path / "state.db"
    dep = Dependency(RecordingSqliteDB, str(db), checker_cls=MD5Checker, codec_cls=JSONCodec)
    save(dep, "leaflet:a", [])
    pages = dep.backend._conn.execute("pragma page_count").fetchone()["page_count"]
    dep.backend._conn.execute(f"pragma max_page_count={pages}")
    dep.backend.set("leaflet:b", "_values_:", {"big": "x" * 20000})
    dep.backend.set("leaflet:b", "deps:", ())
    assert recorded(db) == {"leaflet:a"}
    dep.backend._conn.execute("pragma max_page_count=1000000")  # room again
    save(dep, "leaflet:c", [])
    assert recorded(db) == {"leaflet:a", "leaflet:b", "leaflet:c"}
    dep.close()


SYNTHETIC = '''\
"""before:* write small files; fill then takes all the room left (as another program
might); after:* need room. Each output's write goes through atomic.write_bytes, and the
action turns a full disk into one line, as campaignkit's actions do."""
import os
from pathlib import Path

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from campaignkit.atomic import write_bytes
from campaignkit.errors import UserError
from campaignkit.state import doit_config

ROOT = Path(__file__).resolve().parent
DOIT_CONFIG = doit_config(ROOT)


def make(label, target, size):
    try:
        write_bytes(ROOT / target, os.urandom(size))
    except UserError as err:
        return TaskFailed(f"{label}: {err}")


def fill():
    disk = os.statvfs(ROOT / "build")
    with open(ROOT / "build" / "filler.bin", "wb") as handle:
        handle.write(bytes(min(disk.f_bavail * disk.f_frsize, 4 << 20)))


def outputs(basename, count, size):
    for i in range(count):
        target = f"build/{basename}/{i}.bin"
        yield {"name": str(i), "targets": [target], "uptodate": [config_changed(str(size))],
               "actions": [(make, [f"{basename} {i}", target, size])]}


def task_before():
    yield from outputs("before", 5, 3000)


def task_fill():
    return {"actions": [fill], "task_dep": ["before"], "targets": ["build/filler.bin"],
            "uptodate": [config_changed("fill")]}


def task_after():
    for task in outputs("after", 4, 3000):
        yield {**task, "task_dep": ["fill"]}
'''


@needs_tmpfs
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_gives_one_line_each_and_keeps_what_finished(tmp_path, jobs):
    (tmp_path / "build").mkdir()
    (tmp_path / "dodo.py").write_text(SYNTHETIC)
    doit = f'"$PY" -m doit -n {jobs} -P process'
    run = in_full_disk(tmp_path / "build", "1m", f"""
        set +e
        {doit} > full.out 2> full.err; echo $? > full.rc
        cp -a build/. after-full
        mount -o remount,size=50m "$DIR"
        {doit} > again.out 2> again.err; echo $? > again.rc
        {doit} > third.out 2> third.err; echo $? > third.rc
        cp -a build/. after-again
    """, cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    out, err = (tmp_path / "full.out").read_text(), (tmp_path / "full.err").read_text()
    assert "Traceback" not in out + err and "TaskError" not in out, out + err
    assert int((tmp_path / "full.rc").read_text()) != 0
    assert err.splitlines() == [DB_LINE], err  # fill's record found no room
    failed = [failure for failure in failures(out) if failure[0] != "UnmetDependency"]
    assert sorted(name for _, name, _ in failed) == [f"after:{i}" for i in range(4)], out
    for kind, name, message in failed:  # one line each, naming the output and its file
        i = name.split(":")[1]
        assert (kind, message) == (
            "TaskFailed",
            [f"after {i}: {FULL_LINE.format(f'build/after/{i}.bin')}"],
        )
    kept = recorded(tmp_path / "after-full" / ".doit.db")
    assert kept == {f"before:{i}" for i in range(5)}
    check_build(tmp_path / "after-full")

    again = (tmp_path / "again.out").read_text()
    assert int((tmp_path / "again.rc").read_text()) == 0, again
    assert "Traceback" not in again + (tmp_path / "again.err").read_text()
    assert executed(again) == {"fill", *(f"after:{i}" for i in range(4))}
    assert executed((tmp_path / "third.out").read_text()) == set()
    assert len(check_build(tmp_path / "after-again")) == 5 + 1 + 4


@needs_tmpfs
def test_a_full_disk_when_doit_starts_is_one_line(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "dodo.py").write_text(SYNTHETIC)
    run = in_full_disk(tmp_path / "build", "64k", """
        head -c 1m /dev/zero > "$DIR/filler.bin" 2> /dev/null || true
        exec "$PY" -m doit
    """, cwd=tmp_path)  # fmt: skip
    assert run.returncode == 3, run.stdout + run.stderr
    assert run.stderr.splitlines() == [DB_LINE]


# --- the campaign ---------------------------------------------------------------------------


def campaign(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    shutil.copy(REPO / "dodo.py", root)
    (root / "build").mkdir()
    return root


def targets(build: Path) -> int:
    return sum(1 for p in build.rglob("*") if p.suffix in (".pdf", ".json") and p.is_file())


@pytest.mark.slow
def test_a_killed_build_keeps_what_it_finished(tmp_path):
    root = campaign(tmp_path)
    command = [sys.executable, "-m", "doit", "-n", "2", "-P", "process"]
    listing = subprocess.run([sys.executable, "-m", "doit", "list", "--all", *POSTER_TASKS],
                             cwd=root, capture_output=True, text=True, check=True)  # fmt: skip
    every = {line.split()[0] for line in listing.stdout.splitlines() if ":" in line.split()[0]}
    assert len(every) == 3 + 6 + 36 + 180  # leaflets (city, help), poster fits, posters
    build = subprocess.Popen([*command, *POSTER_TASKS], cwd=root, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 600
        while (made := targets(root / "build")) < len(every) // 2:
            assert build.poll() is None and time.monotonic() < deadline, "finished too soon"
            time.sleep(0.02)
        os.killpg(build.pid, signal.SIGKILL)  # doit and its workers, about half way
        build.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    done = recorded(root / "build" / ".doit.db")
    assert made - 4 <= len(done) < len(every), (made, len(done))  # at most 2 jobs in flight
    again = subprocess.run([*command, "--verbosity", "2", *POSTER_TASKS], cwd=root,
                           capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr
    ran = executed(again.stdout)
    assert not ran & done, sorted(ran & done)  # what finished before the kill is not redone
    assert ran == every - done
    assert len(ran) <= len(every) * 3 // 5  # at most 60 % of the tasks run again
    outputs = check_build(root / "build")
    assert len([p for p in outputs if p.suffix == ".pdf"]) == 3 + 6 + 180


@pytest.mark.slow
@needs_tmpfs
def test_the_campaign_on_a_full_disk(tmp_path):
    """A disk that fills part way: one line per output that found no room (and one for the
    state, if it found none), no traceback, nothing half-written, non-zero exit; with room
    again, only what was not recorded runs."""
    root = campaign(tmp_path)
    doit = '"$PY" -m doit -n 2 -P process ' + " ".join(POSTER_TASKS)
    run = in_full_disk(root / "build", "3m", f"""
        set +e
        "$PY" -m doit list --all {" ".join(POSTER_TASKS)} > ../list.out
        {doit} > ../full.out 2> ../full.err; echo $? > ../full.rc
        cp -a build/. ../after-full
        mount -o remount,size=200m "$DIR"
        {doit} > ../again.out 2> ../again.err; echo $? > ../again.rc
        cp -a build/. ../after-again
    """, cwd=root)  # fmt: skip
    assert run.returncode == 0, run.stderr
    logs = tmp_path
    out, err = (logs / "full.out").read_text(), (logs / "full.err").read_text()
    assert int((logs / "full.rc").read_text()) != 0
    assert "Traceback" not in out + err, (out + err)[-5000:]
    assert err.count(DB_LINE) <= 1
    # (the summary repeats each failure after '  failed <task>: ')
    lines = [line for line in (out + err).splitlines()
             if "no space left" in line and not line.startswith("  failed ")]  # fmt: skip
    assert lines, out[-3000:] + err
    for line in lines:
        assert line == DB_LINE or TASK_LINE.match(line), line
    failed = failures(out)
    assert any(kind == "TaskFailed" for kind, _, _ in failed), out[-3000:]
    for kind, name, message in failed:
        if kind == "UnmetDependency":  # doit names what a task waited for, that failed
            continue
        assert kind == "TaskFailed" and len(message) == 1, (kind, name, message)
        match = TASK_LINE.match(message[0])  # one line, naming the output and its file
        assert match and match["label"] == name.replace(":", " ", 1), (name, message)
    kept = recorded(logs / "after-full" / ".doit.db")
    assert kept
    check_build(logs / "after-full")

    again = (logs / "again.out").read_text()
    assert int((logs / "again.rc").read_text()) == 0, again[-3000:]
    assert "Traceback" not in again + (logs / "again.err").read_text()
    ran = executed(again)
    listed = (logs / "list.out").read_text().splitlines()
    every = {line.split()[0] for line in listed if ":" in line.split()[0]}
    assert ran == every - kept, sorted(ran ^ (every - kept))  # what finished is not redone
    outputs = check_build(logs / "after-again")
    assert len([p for p in outputs if p.suffix == ".pdf"]) == 3 + 6 + 180
