"""What doit shows while it builds (campaignkit.progress): plain lines off a terminal, a
redrawn table on one, and one summary at the end with a line per failure."""

from __future__ import annotations

import contextlib
import io
import re

from conftest import stub_action
from doit.cmd_base import ModuleTaskLoader
from doit.doit_cmd import DoitMain
from doit.exceptions import TaskFailed

from campaignkit import tasks
from campaignkit.job import unpack
from campaignkit.tasks import creators

SUMMARY = re.compile(r"^campaignkit: built (\d+), up to date (\d+), failed (\d+) in \d+\.\d s$")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(root, stream, *args) -> int:
    """doit in this process with campaignkit's reporter (run_doit chooses doit's JSON one),
    writing to `stream`."""
    loaded = creators(root)
    loaded["DOIT_CONFIG"]["outfile"] = stream
    with contextlib.chdir(root), contextlib.redirect_stderr(io.StringIO()):
        return DoitMain(ModuleTaskLoader(loaded), config_filenames=()).run(list(args))


def test_off_a_terminal_doits_lines_progress_and_a_summary(project, stubbed):
    out = io.StringIO()
    assert run(project, out, "leaflet") == 0
    lines = out.getvalue().splitlines()
    built = [line for line in lines if line.startswith(".  ")]
    assert len(built) == 10 and ".  leaflet:liege-fr" in built
    progress = [line for line in lines if line.startswith("campaignkit: ") and " of 10 " in line]
    assert progress[-1].startswith("campaignkit: 10 of 10 outputs (100 %), ")
    assert re.fullmatch(r"campaignkit: 10 of 10 outputs \(100 %\), \d+ s, about 0 s left",
                        progress[-1])  # fmt: skip
    assert SUMMARY.match(lines[-1]).groups() == ("10", "0", "0")
    again = io.StringIO()
    assert run(project, again, "leaflet") == 0
    lines = again.getvalue().splitlines()
    assert len([line for line in lines if line.startswith("-- ")]) == 10
    assert not [line for line in lines if " outputs (" in line]  # nothing built: no progress
    assert SUMMARY.match(lines[-1]).groups() == ("0", "10", "0")


def test_each_failure_is_one_line_of_the_summary(project, monkeypatch):
    def failing(action, job):
        if unpack(job).target.endswith("liege-fr.pdf"):
            return TaskFailed("leaflet liege-fr: the city's name does not fit; shorten it")
        return stub_action(action, job)

    monkeypatch.setattr(tasks, "perform", failing)
    out = io.StringIO()
    assert run(project, out, "leaflet:liege-fr", "leaflet:help-fr") == 1
    lines = out.getvalue().splitlines()
    assert SUMMARY.match(lines[-2]).groups() == ("1", "0", "1")
    assert lines[-1] == (
        "  failed leaflet:liege-fr: leaflet liege-fr: the city's name does not fit; shorten it"
    )


def test_on_a_terminal_a_table_per_family_and_only_what_runs(project, stubbed):
    screen = Terminal()
    assert run(project, screen, "leaflet", "leaflet-preview") == 0
    shown = screen.getvalue()
    assert "\x1b[" in shown  # drawn in place
    assert re.search(r"leaflet\s+█+\s+10/10", shown) and re.search(
        r"leaflet-preview\s+█+\s+10/10", shown
    )
    assert ".  leaflet:liege-fr" in shown and "-- " not in shown
    last = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.splitlines()[-1])  # drawing codes
    assert SUMMARY.match(last).groups() == ("20", "0", "0")
