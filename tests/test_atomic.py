"""Whole-file writes (campaignkit.atomic): old file or new one, and a full disk is one line."""

from __future__ import annotations

import errno
import json
import os
import shlex
import textwrap
from pathlib import Path

import pytest
from test_state import in_full_disk, needs_tmpfs

from campaignkit.atomic import project_path, write_bytes
from campaignkit.errors import DiskFull, UserError

LINE = "no space left on device while writing {}; free space and run doit again"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "build" / "leaflets" / "liege-fr.pdf"
    write_bytes(target, b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_files_are_named_from_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # doit runs in the folder of dodo.py, which holds build/
    assert project_path(tmp_path / "build/leaflets/liege-fr.pdf") == "build/leaflets/liege-fr.pdf"
    assert project_path("build/.doit.db") == "build/.doit.db"
    assert project_path(tmp_path / "content/x.yaml") == str(tmp_path / "content/x.yaml")
    assert project_path("/elsewhere/build/x.pdf") == "/elsewhere/build/x.pdf"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_or_quota_is_one_line_and_leaves_the_old_file(tmp_path, monkeypatch, code):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "build" / "leaflets" / "liege-fr.pdf"
    write_bytes(target, b"the last good file")

    def full(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull) as failure:
        write_bytes(target, b"x" * 100_000)
    assert isinstance(failure.value, UserError)
    assert str(failure.value) == LINE.format("build/leaflets/liege-fr.pdf")
    assert failure.value.lines == [LINE.format("build/leaflets/liege-fr.pdf")]
    assert target.read_bytes() == b"the last good file"
    assert leftovers(tmp_path) == []


def test_other_write_errors_are_not_taken_for_a_full_disk(tmp_path, monkeypatch):
    target = tmp_path / "build" / "x.pdf"

    def broken(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError) as failure:
        write_bytes(target, b"x")
    assert failure.type is OSError and failure.value.errno == errno.EIO
    assert leftovers(tmp_path) == [] and not target.exists()


WRITE = """\
import json, sys
from pathlib import Path
from campaignkit.atomic import write_bytes
from campaignkit.errors import DiskFull
target = Path("build/leaflets/liege-fr.pdf")
write_bytes(target, b"the last good file")
try:
    write_bytes(target, bytes(1 << 20))
except DiskFull as err:
    print(json.dumps({"message": str(err)}))
"""


@needs_tmpfs
def test_a_real_full_disk(tmp_path):
    (tmp_path / "build").mkdir()
    run = in_full_disk(tmp_path / "build", "256k", textwrap.dedent(f"""
        "$PY" -c {shlex.quote(WRITE)}
        cp -a build/. copy
    """), cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"message": LINE.format("build/leaflets/liege-fr.pdf")}
    assert (tmp_path / "copy/leaflets/liege-fr.pdf").read_bytes() == b"the last good file"
    assert leftovers(tmp_path / "copy") == []
