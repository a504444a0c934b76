"""What a designer sees while doit builds: outputs done of total per family, time spent and
left, and a summary at the end (doit's reporter for campaignkit's dodo.py).

On a terminal the progress is drawn in place (rich) and only the tasks that run are listed;
elsewhere (CI, a pipe) the lines are doit's own ('.  leaflet:liege-fr', '-- ' up to date),
with a plain progress line each tenth of the way. Either way the run ends with one summary:
built, up to date, failed (each failure on one line), time.
"""

from __future__ import annotations

import time

from doit.reporter import ConsoleReporter

from .settled import order


class Reporter(ConsoleReporter):
    desc = "campaignkit: progress per family and a summary (doit's lines off a terminal)"

    def __init__(self, outstream, options):
        super().__init__(outstream, options)
        self.started = time.monotonic()
        self.total: dict[str, int] = {}  # step -> tasks of the run
        self.done: dict[str, int] = {}
        self.built = self.fresh = 0
        self.failed: list[tuple[str, str]] = []
        self.shown = 0  # tenths of the way said so far (plain lines)
        self.live = None

    # --- doit's reporter interface ----------------------------------------------------------
    def initialize(self, tasks, selected_tasks):
        for name in self._reached(tasks, selected_tasks):
            step = name.split(":")[0]
            self.total[step] = self.total.get(step, 0) + 1
        self.done = dict.fromkeys(self.total, 0)
        if self._terminal() and self.total:
            self._start_live()

    def execute_task(self, task):
        if self.live is None:
            super().execute_task(task)
        elif task.actions and not task.name.startswith("_"):
            self.live.console.print(f".  {task.title()}", highlight=False, markup=False)

    def skip_uptodate(self, task):
        if self.live is None:
            super().skip_uptodate(task)
        self._finished(task, "fresh")

    def add_success(self, task):
        super().add_success(task)
        self._finished(task, "built")

    def add_failure(self, task, fail):
        if self.live is not None:
            self.live.stop()  # doit's report of the failure goes between the updates
        super().add_failure(task, fail)
        if self.live is not None:
            self.live.start()
        message = (fail.get_msg() or "").strip().splitlines()
        first = next((line for line in message if line.strip()), type(fail).__name__)
        self.failed.append((task.name, first.strip()))
        self._finished(task, "failed")

    def complete_run(self):
        if self.live is not None:
            self.live.refresh()
            self.live.stop()
        super().complete_run()
        self.write(self.summary() + "\n")

    # --- what is shown -----------------------------------------------------------------------
    def summary(self) -> str:
        lines = [f"campaignkit: built {self.built}, up to date {self.fresh}, failed "
                 f"{len(self.failed)} in {time.monotonic() - self.started:.1f} s"]  # fmt: skip
        lines += [f"  failed {name}: {line}" for name, line in self.failed]
        return "\n".join(lines)

    def _finished(self, task, result: str) -> None:
        step = task.name.split(":")[0]
        if task.has_subtask or step not in self.done:  # `actions` would make action objects
            return
        self.done[step] += 1
        if result == "built":
            self.built += 1
        elif result == "fresh":
            self.fresh += 1
        if self.live is not None:
            return  # redrawn four times a second
        done, total = sum(self.done.values()), sum(self.total.values())
        tenth = done * 10 // total
        if tenth > self.shown and self.built:
            self.shown = tenth
            self.write(f"campaignkit: {self._progress(done, total)}\n")

    def _progress(self, done: int, total: int) -> str:
        elapsed = time.monotonic() - self.started
        left = elapsed / done * (total - done) if done else 0.0
        return (f"{done} of {total} outputs ({100 * done // total} %), {elapsed:.0f} s, "
                f"about {left:.0f} s left")  # fmt: skip

    def _start_live(self) -> None:
        from rich.console import Console
        from rich.live import Live

        console = Console(file=self.outstream, force_terminal=True)
        self.live = Live(console=console, auto_refresh=True, refresh_per_second=4,
                         transient=True, get_renderable=self._table)  # fmt: skip
        self.live.start()

    def _table(self):
        from rich.table import Table

        table = Table(box=None, show_header=False, pad_edge=False)
        for step, total in self.total.items():
            done = self.done[step]
            bar = "█" * (20 * done // total) + "░" * (20 - 20 * done // total)
            table.add_row(step, bar, f"{done}/{total}")
        done, total = sum(self.done.values()), sum(self.total.values())
        table.add_row("all", "", self._progress(done, total))
        return table

    def _terminal(self) -> bool:
        isatty = getattr(self.outstream, "isatty", None)
        return bool(isatty and isatty())

    @staticmethod
    def _reached(tasks: dict, selected: list[str]) -> list[str]:
        """Names of the tasks with actions this run reaches: the selected ones and what
        they depend on (a group's subtasks)."""
        # a group has no actions of its own (`actions` would make every task's action objects)
        return sorted(name for name in order(tasks, selected) if not tasks[name].has_subtask)
