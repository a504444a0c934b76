"""doit commands campaignkit adds or extends (entry-point group doit.COMMAND): `doit why`,
and doit's `run` answering a no-op at once."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from doit import cmd_run
from doit.cmd_base import DoitCmdBase
from doit.exceptions import InvalidCommand
from doit.tools import config_changed

from . import freshness, reasons, settled
from .state import RecordingSqliteDB


class Run(cmd_run.Run):
    """doit's run. When nothing changed since the last run that left every task it reached
    up to date (campaignkit.settled), the reporter is told each task is up to date without
    doit checking them one by one; any other run is doit's own, sealed when it ends well."""

    def _execute(
        self,
        outfile,
        verbosity=None,
        always=False,
        continue_=False,
        reporter="console",
        num_process=0,
        par_type="process",
        single=False,
        auto_delayed_regex=False,
        force_verbosity=False,
        failure_verbosity=0,
        pdb=False,
    ):  # doit passes the options this signature names
        backend = self.dep_manager.backend
        tasks = {task.name: task for task in self.task_list}
        # no selection and no default tasks: doit runs every task, in their order
        selected = list(tasks) if self.sel_tasks is None else list(self.sel_tasks)
        digest = None
        if (isinstance(backend, RecordingSqliteDB) and not single
                and all(name in tasks for name in selected)):  # fmt: skip
            names = settled.order(tasks, selected)  # names only: no targets, options
            digest = settled.token(tasks, names, self.dep_manager.checker)
        if digest and not always and settled.holds(backend.name, digest):
            return self._answer(tasks, selected, names, outfile, reporter, failure_verbosity)
        if isinstance(backend, RecordingSqliteDB):
            settled.forget(backend.name)  # until this run has ended well
        result = super()._execute(outfile, verbosity, always, continue_, reporter,
                                  num_process, par_type, single, auto_delayed_regex,
                                  force_verbosity, failure_verbosity, pdb)  # fmt: skip
        if result == 0 and digest:
            settled.seal(backend.name, tasks, names, digest, backend.records())
        return result

    def _answer(self, tasks, selected, names, outfile, reporter, failure_verbosity) -> int:
        """What doit's runner tells the reporter when it finds every task up to date."""
        named = isinstance(outfile, str)  # --output-file
        with open(outfile, "w", encoding="utf-8") if named else nullcontext(outfile) as stream:
            made = self.reporters[reporter] if isinstance(reporter, str) else reporter
            if isinstance(made, type):
                made = made(stream, {"failure_verbosity": failure_verbosity})
            if hasattr(made, "initialize"):
                made.initialize(tasks, selected)
            for name in names:
                task = tasks[name]
                made.get_status(task)
                if task.has_subtask:  # a group: doit runs it (there is nothing to run)
                    made.execute_task(task)
                    made.add_success(task)
                else:
                    made.skip_uptodate(task)
            self.dep_manager.close()
            made.complete_run()
        return 0


class Why(DoitCmdBase):
    """doit why [TASK ...]: which inputs of each output changed since its last build."""

    name = "why"
    doc_purpose = "say, in words, why outputs would be rebuilt"
    doc_usage = "[TASK ...]"
    doc_description = (
        "For each task named (every task when none is), the inputs that changed since its "
        "last build: content fields, renderer settings, template and brand files, code, "
        "library versions, its own files. Up-to-date tasks are named only when asked for."
    )
    cmd_options = ()

    def _execute(self, pos_args=None):
        tasks = {task.name: task for task in self.task_list}
        unknown = [name for name in pos_args or () if name not in tasks]
        if unknown:
            raise InvalidCommand(f"no task named {', '.join(unknown)}; see `doit list --all`")
        named = bool(pos_args)
        chosen = pos_args or [name for name, task in tasks.items() if task.actions]
        root = Path.cwd()  # doit runs in the folder of dodo.py
        stale = 0
        for name in chosen:
            lines = self.explain(tasks[name], tasks, root)
            if lines:
                stale += 1
                for line in lines:
                    self.outstream.write(f"{name}: {line}\n")
            elif named:
                self.outstream.write(f"{name}: up to date\n")
        if not named:
            self.outstream.write(f"{stale} of {len(chosen)} tasks would run\n")
        return 0

    def explain(self, task, tasks: dict, root: Path) -> list[str]:
        status = self.dep_manager.get_status(task, tasks, get_log=True)
        if status.status == "up-to-date":
            return []
        values = self.dep_manager.get_values(task.name)
        if not values:
            return ["never built (no record of a build)"]
        lines = []
        for check, _args, _ in status.reasons.get("uptodate_false", []):
            if isinstance(check, config_changed):
                lines += self.inputs(root, values.get("_config_changed"), check.config)
            elif check is freshness.unchanged:
                lines += freshness.changes(task.targets, values, str(root))
        words = {"missing_target": "is missing", "changed_file_dep": "changed",
                 "missing_file_dep": "is missing (an input)",
                 "added_file_dep": "is a new input",
                 "removed_file_dep": "is no input any more"}  # fmt: skip
        for reason, said in words.items():
            lines += [f"{path} {said}" for path in status.reasons.get(reason, [])]
        if status.reasons.get("checker_changed"):
            lines.append("doit's file checker changed")
        return list(dict.fromkeys(lines)) or ["its record is out of date"]

    @staticmethod
    def inputs(root: Path, before: str | None, now: str) -> list[str]:
        old, new = reasons.recall(root, before) if before else None, reasons.recall(root, now)
        if old is None or new is None:
            return ["its inputs changed (what was built before is no longer known)"]
        return reasons.differences(old, new) or ["its inputs changed"]
