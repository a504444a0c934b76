"""What an action gets, and how every action runs: users' mistakes become one line each."""

from __future__ import annotations

import importlib
import pickle
from dataclasses import dataclass, replace

from doit.exceptions import TaskFailed

from .atomic import FULL
from .errors import DiskFull, UserError
from .garbage import render_pace


@dataclass(frozen=True)
class Job:
    """One output to make, with the project-wide inputs it is made from (plain, picklable
    data: `doit -n 2 -P process` sends it to a worker)."""

    root: str  # the project folder
    label: str  # 'leaflet liege-fr': starts every line said about it
    target: str  # project-relative path
    extra_targets: tuple[str, ...]
    template: str  # under templates/, or ''
    context: object  # the family's typed record of the content shown
    params: object  # the family's typed renderer settings
    needs: tuple[str, ...]  # other outputs' files (or content images) it reads
    deps: tuple[str, ...]  # templates and brand files it may read
    brand: dict  # brand/brand.yaml, checked
    families: tuple[str, ...]  # font family names documents may use ('brand-body', …)
    font_files: tuple[str, ...]  # the brand's font files, project-relative

    @property
    def targets(self) -> list[str]:
        return [self.target, *self.extra_targets]


@dataclass(frozen=True)
class Packed:
    """A Job as bytes, its brand apart: every job of a run is given the same brand bytes,
    so the graph's snapshot (pickle keeps an object met again once) holds the brand once,
    not once per task (half the snapshot at +100 cities)."""

    brand: bytes
    rest: bytes  # the job with an empty brand


def pack(job: Job, brand: bytes) -> Packed:
    """`job` as bytes: the task graph's snapshot then holds no family's records, and a run
    that reuses it imports no family (campaignkit.snapshot). `brand` is `job.brand` packed
    (by pack_brand), shared by the jobs of a run."""
    rest = pickle.dumps(replace(job, brand={}), protocol=pickle.HIGHEST_PROTOCOL)
    return Packed(brand, rest)


def pack_brand(brand: dict) -> bytes:
    return pickle.dumps(brand, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(job: Job | Packed) -> Job:
    if isinstance(job, Packed):
        return replace(pickle.loads(job.rest), brand=pickle.loads(job.brand))
    return job


def perform(action: str, job: Job | Packed) -> TaskFailed | None:
    """doit action: run `action` ('module:function') on `job` (packed or not). A user's
    mistake (content, template, brand, a full disk) fails the output with one line per
    problem, each naming the output; anything else is a bug and keeps its traceback."""
    render_pace()
    job = unpack(job)
    module, name = action.split(":")
    run = getattr(importlib.import_module(module), name)
    try:
        run(job)
    except UserError as err:
        return TaskFailed("\n".join(f"{job.label}: {line}" for line in err.lines))
    except OSError as err:
        if err.errno not in FULL:
            raise
        return TaskFailed(f"{job.label}: {DiskFull(job.target)}")
    return None
