"""The last plan's tasks reused while nothing it read changed (campaignkit.snapshot)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import REPO, edit, run_doit

from campaignkit import snapshot
from campaignkit.codedeps import PACKAGE

SETTING = {"root": "x", "shard": "None", "perform": "campaignkit.job:perform"}


def graph() -> snapshot.Graph:
    return snapshot.Graph(steps=[("leaflet", "Leaflets")], tasks={"leaflet": []}, sweep={},
                          default_tasks=["leaflet"])  # fmt: skip


def saved(root, code=PACKAGE, setting=SETTING):
    then = snapshot.facts(root, code, setting)
    snapshot.save(root, code, then, graph())


def reused(root, code=PACKAGE, setting=SETTING):
    return snapshot.reuse(root, code, snapshot.facts(root, code, setting)) is not None


def old(root):
    """Every input file dated an hour back: their times are no longer too close to trust."""
    for folder in snapshot.INPUTS:
        for path in (root / folder).rglob("*"):
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 3600 * 10**9))


def test_reused_until_a_file_it_read_changes(project):
    old(project)
    saved(project)
    assert reused(project)
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    assert not reused(project)  # same size: known by its time, then its digest


def test_a_touched_file_is_hashed_and_still_reused(project):
    old(project)
    saved(project)
    os.utime(project / "content/campaign.yaml")  # now: newer, same bytes
    assert reused(project)


def test_a_file_added_or_removed_is_a_change(project):
    old(project)
    saved(project)
    (project / "templates/leaflet/new.html.j2").write_text("x")
    assert not reused(project)
    (project / "templates/leaflet/new.html.j2").unlink()
    assert reused(project)
    (project / "content/cities/antwerp.yaml").unlink()
    assert not reused(project)


def test_an_edit_keeping_size_and_time_is_seen_while_the_snapshot_is_fresh(project):
    """Within two seconds of the snapshot a file's time cannot be trusted (a second edit in
    the same tick keeps it): such files are hashed."""
    path = project / "content/cities/liege.yaml"
    os.utime(path)  # saved just now, as the snapshot is
    saved(project)
    stat = path.stat()
    path.write_text(path.read_text().replace("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not reused(project)


def test_code_settings_and_programs_are_inputs_too(project, tmp_path):
    code = tmp_path / "code"
    shutil.copytree(PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    old(project)
    saved(project, code)
    assert reused(project, code)
    assert not reused(project, code, {**SETTING, "shard": "1/3"})
    with open(code / "images.py", "a", encoding="utf-8") as source:
        source.write("# edited\n")
    assert not reused(project, code)


def test_a_snapshot_of_another_format_or_broken_is_ignored(project):
    saved(project)
    (project / snapshot.FILE).write_bytes(b"not a pickle")
    assert not reused(project)


def test_doit_gets_the_same_tasks_from_the_snapshot(project, stubbed):
    first = run_doit(project, "list", "--all")
    assert (project / snapshot.FILE).is_file()
    again = run_doit(project, "list", "--all")
    assert again.out == first.out and again.code == 0
    # made with the tests' stand-in action: a real run plans again
    real = {"root": str(project), "shard": "None", "perform": "campaignkit.job:perform"}
    stand_in = {**real, "perform": "conftest:stub_action"}
    assert reused(project, PACKAGE, stand_in) and not reused(project, PACKAGE, real)


def test_a_no_op_run_imports_no_family_and_no_renderer(project):
    shutil.copy(REPO / "dodo.py", project)
    probe = ("import runpy, sys\n"
             "sys.argv = ['doit', 'list']\n"
             "try:\n    runpy.run_module('doit', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('campaignkit.families')"
             " or m.split('.')[0] in ('weasyprint', 'pydantic', 'PIL', 'pptx', 'yaml')))\n")  # fmt: skip
    first = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                           text=True, check=True)  # fmt: skip
    assert "campaignkit.families.leaflet.plan" in first.stdout.splitlines()[-1]
    again = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                           text=True, check=True)  # fmt: skip
    assert again.stdout.splitlines()[-1] == "[]"


#: Graphs unpickled since the test began (Opened records itself as it is loaded).
OPENED: list[str] = []


def opened(what: str) -> str:
    OPENED.append(what)
    return what


class Opened:
    """A notice that says when a snapshot's graph is unpickled."""

    def __reduce__(self):
        return (opened, ("graph",))


def test_after_an_edit_the_graph_is_not_even_loaded(project):
    """The file holds what the plan read, then the graph: an edit is found from the first."""
    old(project)
    then = snapshot.facts(project, PACKAGE, SETTING)
    snapshot.save(project, PACKAGE, then, snapshot.Graph(
        steps=[], tasks={}, sweep={}, default_tasks=[], notices=[Opened()]))  # fmt: skip
    OPENED.clear()
    assert reused(project) and OPENED == ["graph"]
    OPENED.clear()
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    assert not reused(project) and OPENED == []


def test_a_file_saved_in_the_working_folder_is_no_installed_package(project, monkeypatch):
    """sys.path[0] is the working folder under `python -m doit` (the project) and the
    script's under a profiler: a file saved there says nothing about installed packages."""
    monkeypatch.setattr(sys, "path", [str(project), *sys.path[1:]])
    old(project)
    saved(project)
    (project / "notes.txt").write_text("the project folder's time changes")
    os.utime(project, ns=(0, project.stat().st_mtime_ns + 10**9))
    assert reused(project)
    monkeypatch.setattr(sys, "path", [*sys.path, str(project / "content")])
    assert not reused(project)  # a folder packages are imported from: as installing one
