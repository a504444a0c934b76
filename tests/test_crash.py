"""Killed builds: the next doit finishes, and every file in build/ opens (issue 7)."""

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, copy_project, opens
from pptx import Presentation

pytestmark = pytest.mark.slow

TASKS = ["leaflet", "poster-fit", "poster", "poster-preview", "deck", "deck-preview"]


def doit(root, *args, check=True):
    return subprocess.run([sys.executable, "-m", "doit", *args], cwd=root, check=check,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


@pytest.mark.parametrize(("kill", "jobs", "seed"), [(signal.SIGKILL, "1", 1), (signal.SIGINT, "2", 2),
                                                     (signal.SIGKILL, "2", 3)])  # fmt: skip
def test_a_build_killed_at_a_random_moment_recovers(tmp_path, kill, jobs, seed):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    shutil.copy(REPO / "dodo.py", root)
    brand = root / "brand/brand.yaml"  # one press and one office size: kills land anywhere
    text = brand.read_text(encoding="utf-8")
    text = text.replace("    A2: [420, 594]\n    A1: [594, 841]\n", "")
    brand.write_text(text.replace("    A3: [297, 420]\n  office_margin", "  office_margin"))
    delays = random.Random(seed)
    for _ in range(2):  # kill twice, each at a random moment of the build
        build = subprocess.Popen(
            [sys.executable, "-m", "doit", "-n", jobs, "-P", "process", *TASKS], cwd=root,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        time.sleep(delays.uniform(0.8, 4.0))
        os.killpg(build.pid, kill)  # the whole group: doit and its worker processes
        try:
            build.wait(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(build.pid, signal.SIGKILL)
    finished = doit(root, *TASKS)
    assert finished.returncode == 0, finished.stderr
    files = sorted(path for path in (root / "build").rglob("*") if path.is_file())
    for path in files:
        if path.name in (".doit.db", ".lock", ".plan.pickle", ".inputs.db", ".settled.pickle"):
            continue
        assert not path.name.startswith("."), f"temporary file left: {path}"
        opens(path)
    # 3 city leaflets and 6 help leaflets, 6 posters × 6 languages × 2 sizes, 2 decks × 4
    # languages as PDF
    assert len([p for p in files if p.suffix == ".pdf"]) == 3 + 6 + 6 * 6 * 2 + 2 * 4
    decks = [p for p in files if p.suffix == ".pptx"]
    assert len(decks) == 8 and {len(Presentation(deck).slides) for deck in decks} == {10}
    again = doit(root, "--verbosity", "2", *TASKS)
    assert again.stdout.count("\n.  ") == 0 and ".  " not in again.stdout, again.stdout  # no-op
