"""doit tasks: what dodo.py hands doit. The graph is described from the plan
(campaignkit.description) or, when no input of the plan changed, reused from the last run's
snapshot (campaignkit.snapshot): a no-op build then loads no content and imports no family."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from doit import get_var
from doit.exceptions import InvalidDodoFile

from . import lock, shards, snapshot
from .atomic import FULL
from .codedeps import PACKAGE
from .errors import DiskFull
from .family import Family
from .garbage import load_pace
from .job import perform
from .progress import Reporter
from .state import doit_config

__all__ = ["creators", "doit_config"]


def creators(root: Path, families: tuple[Family, ...] | None = None, code: Path = PACKAGE,
             shard: str | None = None) -> dict:  # fmt: skip
    """The DOIT_CONFIG and task_* creators for the project at `root`, for dodo.py: one task
    group per step of each family, and the sweep. `families` defaults to the registry's (a
    test's own families are never snapshot); `code` is the package's source folder (its
    files are the steps' code dependencies); `shard` ('2/3', 'assemble'; else `doit
    shard=2/3` or CAMPAIGNKIT_SHARD) builds one share of the outputs (campaignkit.shards)."""
    load_pace()  # until the first action runs (job.perform)
    root = Path(root).resolve()
    config = doit_config(root)
    wrong = None  # said when doit asks for the tasks, as any other problem
    try:
        share = shards.parse(shard or get_var("shard") or shards.from_environment())
    except ValueError as err:
        share, wrong = None, str(err)
    # What else the graph depends on: compared with the snapshot's as they are
    setting = {"root": str(root), "shard": str(share), "perform": _name(perform)}
    then = snapshot.facts(root, code, setting)
    saved = snapshot.reuse(root, code, then) if families is None and not wrong else None
    if saved is None:
        # Planning needs the families (and through them the content and brand models);
        # a run that reuses the snapshot never imports them.
        from . import description
        from .registry import FAMILIES

        chosen = families or FAMILIES
        steps = [(step.name, step.doc) for family in chosen for step in family.steps]
        defaults = description.default_tasks(chosen)
    else:
        steps, defaults = saved.steps, saved.default_tasks

    @lru_cache(maxsize=1)
    def described() -> snapshot.Graph:
        if wrong:
            raise InvalidDodoFile(wrong)
        try:
            lock.hold(root)
        except lock.Busy as err:
            raise InvalidDodoFile(str(err)) from None
        except OSError as err:  # no room even for the lock's process id
            if err.errno not in FULL:
                raise
            raise InvalidDodoFile(str(DiskFull("build/.lock"))) from None
        graph = saved
        if graph is None:
            graph = description.graph(root, chosen, code, perform, share)
            if families is None:
                snapshot.save(root, code, then, graph)
        for notice in graph.notices:
            print(f"campaignkit: {notice}", file=sys.stderr)
        return graph

    def creator(name: str, doc: str):
        def create():
            yield from described().tasks[name]

        create.__doc__ = doc
        return create

    def task_sweep():
        """Removes built files no output owns any more (a city, language or size removed)."""
        return described().sweep

    tasks = {f"task_{name.replace('-', '_')}": creator(name, doc) for name, doc in steps}
    config = {**config, "default_tasks": defaults, "reporter": Reporter}
    return {"DOIT_CONFIG": config, **tasks,
            "task_sweep": task_sweep}  # fmt: skip


def _name(function) -> str:
    return f"{function.__module__}:{function.__qualname__}"
