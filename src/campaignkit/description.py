"""The task graph described from content, brand and templates: load, plan, and one doit
task dict per planned output (what tasks.py reuses from its snapshot when nothing changed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from doit.exceptions import InvalidDodoFile

from . import freshness, reasons, shards
from .brand import Brand, load_brand
from .characters import missing_glyphs
from .codedeps import closure
from .content import load_campaign
from .errors import ContentError, Problem
from .family import Family, Settings, missing_words
from .job import Job, Packed, pack, pack_brand
from .output import Output, Step
from .plan import plan
from .registry import FAMILIES
from .render.html import template_chain
from .snapshot import Graph
from .sweep import sweep

#: Libraries whose upgrade can change output bytes: their versions are part of every task's
#: inputs, so an upgrade rebuilds.
LIBRARIES = ("weasyprint", "pydyf", "babel", "jinja2", "fonttools", "pypdfium2", "pillow", "segno",
             "resvg-py", "python-pptx", "xlsxwriter", "lxml", "pypdf")  # fmt: skip


def graph(root: Path, families: tuple[Family, ...], code: Path, perform: Callable,
          shard: shards.Shard | None = None) -> Graph:  # fmt: skip
    """Every task dict of the project at `root`: one group per step of each family (only
    the outputs of `shard` when given), and the sweep; or InvalidDodoFile listing every
    problem."""
    brand, planned = load(root, families)
    found = settings(source_date_epoch()[0], families)  # as load found them
    gathering = {step for family in families if family.gathers for step in family.steps}
    kept = shards.share(planned, gathering, shard)
    files: dict[str, str] = {}  # digests of the templates and brand files, read once a run
    inputs: dict[str, dict] = {}  # each task's inputs by their digest, for `doit why`
    memo: dict[int, object] = {}  # the steps' outputs share records (a city's, a poster's)
    digests = Digests(reasons.kept(root), {})  # of the content each job shows
    tasks = {
        step.name: list(
            describe(root, brand, kept, step, code, perform, files, inputs, memo, digests)
        )
        for family in families
        for step in family.steps
    }
    reasons.remember(root, inputs, digests.now, digests.before)
    folders = sorted({folder for family in families for folder in family.folders})
    # a shard owns its share; the assemble step (and one machine) every output's files
    mine = kept if shard is not None and shard.index else planned
    owned = sorted(target for out in mine for target in out.targets)
    sweeping = {
        "basename": "sweep",
        "doc": "Removes built files no output owns any more (a city, language or size removed).",
        "actions": [(sweep, [str(root), folders, owned])],
        "uptodate": [freshness.Shown(freshness.fingerprint({"folders": folders, "owned": owned}))],
        "verbosity": 0,
    }
    notices = [notice for family in families for notice in family.notices(found, planned)]
    programs = {name: (commands, found.programs[name])
                for family in families for name, commands in family.programs.items()}  # fmt: skip
    return Graph(
        steps=[(step.name, step.doc) for family in families for step in family.steps],
        tasks=tasks,
        sweep=sweeping,
        default_tasks=default_tasks(families),
        notices=notices,
        programs=programs,
    )


def default_tasks(families: tuple[Family, ...] = FAMILIES) -> list[str]:
    """What a plain `doit` runs: the steps of the families built by default, and the sweep
    (which keeps the others' files: they are planned, built or not)."""
    steps = [step.name for family in families if family.default for step in family.steps]
    return [*steps, "sweep"]


def load(root: Path, families: tuple[Family, ...] = FAMILIES) -> tuple[Brand, list[Output]]:
    """Brand, content and plan, or one doit error listing every problem (no traceback)."""
    problems: list[Problem] = []
    brand = campaign = None
    try:
        brand = load_brand(root)
    except ContentError as err:
        problems += err.problems
    try:
        campaign = load_campaign(root)
    except ContentError as err:
        problems += err.problems
    if campaign is not None:
        problems += missing_words(campaign, [word for family in families for word in family.words])
    if brand is not None and campaign is not None:
        problems += missing_glyphs(campaign, brand, root / "brand")
    epoch, problem = source_date_epoch()
    problems += problem
    if problems:
        raise InvalidDodoFile(ContentError(problems).report())
    return brand, plan(campaign, brand, settings(epoch, families), families)


def settings(epoch: int | None, families: tuple[Family, ...] = FAMILIES) -> Settings:
    """The build's Settings: the creation date from SOURCE_DATE_EPOCH seconds, and the
    programs the families use, looked up on PATH (None where missing)."""
    created = None
    if epoch is not None:
        created = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    programs = {
        name: next((command for command in commands if shutil.which(command)), None)
        for family in families
        for name, commands in family.programs.items()
    }
    return Settings(created, programs)


def source_date_epoch() -> tuple[int | None, list[Problem]]:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970, unset when empty."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None, []
    if not value.isdigit() or int(value) > 253402300799:  # 9999-12-31T23:59:59Z
        why = f"'{value}' is not a date as whole seconds since 1970; unset it or fix it"
        return None, [Problem("SOURCE_DATE_EPOCH", None, "", why)]
    return int(value), []


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    return {name: version(name) for name in LIBRARIES}


#: Values plain() gives back as they are, by exact type (the bulk of every record).
LEAVES = frozenset({str, int, float, bool, type(None)})
#: Each dataclass's field names, looked up once: dataclasses.fields() is slow per call.
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: object, memo: dict[int, object] | None = None) -> object:
    """A family's typed record as plain data, what config_changed digests (as
    dataclasses.asdict, without its deep copies: the records are never changed; a record
    met again, by identity in `memo`, is converted once)."""
    kind = type(value)
    if kind in LEAVES:
        return value
    if memo is not None and id(value) in memo:
        return memo[id(value)]
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(kind))
    if names is not None:
        found = {name: plain(getattr(value, name), memo) for name in names}
        if memo is not None:
            memo[id(value)] = found
        return found
    # leaves inline: most items of a record's lists (lines, paths, names) are strings
    if isinstance(value, dict):
        return {key: item if type(item) in LEAVES else plain(item, memo)
                for key, item in value.items()}  # fmt: skip
    if isinstance(value, (list, tuple)):
        return [item if type(item) in LEAVES else plain(item, memo) for item in value]
    return value


def make_job(root: Path, brand: dict, out: Output, step: Step, deps: list[str]) -> Job:
    """What `step`'s action gets for `out`: the output, the brand (dumped), the files it may
    read."""
    return Job(
        root=str(root),
        label=f"{step.name} {out.name}",
        target=out.target,
        extra_targets=out.extra_targets,
        template=out.template,
        context=out.context,
        params=out.params,
        needs=out.needs,
        deps=tuple(deps),
        brand=brand,
        families=tuple(f"brand-{role}" for role in brand["fonts"]),
        font_files=tuple(
            f"brand/{face['file']}" for font in brand["fonts"].values() for face in font["faces"]
        ),
    )


#: Bump when what a content digest is made of changes (plain, fingerprint): the digests
#: kept by earlier plans are then not reused.
SHOWN_FORMAT = b"campaignkit shown 1\n"


@dataclass
class Digests:
    """Content digests: those of the last plans by job digest (reasons.Kept), and this one's."""

    before: reasons.Kept
    now: dict[str, str]

    def shown(self, packed: Packed, out: Output, memo: dict[int, object]) -> str:
        """The digest of what `out` shows (its context and params), for its job `packed`:
        the last plan's when the job is the same to the byte (the same values), else worked
        out from the records made plain (what most of a plan's time went into)."""
        job = hashlib.sha256(SHOWN_FORMAT + packed.rest).hexdigest()
        found = self.before.shown.get(job)
        if found is None:
            found = freshness.fingerprint(shown_content(out, memo))
        self.now[job] = found
        return found


def shown_content(out: Output, memo: dict[int, object]) -> dict:
    return {"content": plain(out.context, memo), "params": plain(out.params, memo)}


def describe(root: Path, brand: Brand, planned: list[Output], step: Step, code: Path,
             perform: Callable, files: dict[str, str], inputs: dict[str, dict],
             memo: dict[int, object], digests: Digests):  # fmt: skip
    """The doit task dicts of one step of a family. The templates and brand files a task
    reads are inputs by digest (`files`, read once a run for all tasks), not file_dep: doit
    would check each of them again for every task. Each task's inputs go to `inputs`, by
    their digest, unless the last plans kept them (`digests`); `memo` keeps the records
    made plain, for the other steps of `planned`."""
    brand_files = ["brand/brand.yaml", *(f"brand/{rel}" for rel in brand.files())]
    brand_data = brand.model_dump()
    brand_blob = pack_brand(brand_data)  # one object, shared by every job
    # The code the step's action runs, by digest: checked once per run for all its tasks
    module = step.action.split(":")[0]
    code_digests = {path.relative_to(code.parent).as_posix(): freshness.digest(path)
                    for path in closure(module, code)}  # fmt: skip
    chains: dict[str, list[str]] = {}
    yield {"basename": step.name, "name": None, "doc": step.doc}
    for out in planned:
        if out.step != step:
            continue
        if out.template and out.template not in chains:
            try:
                chain = template_chain(root / "templates", out.template)
            except ValueError as err:
                raise InvalidDodoFile(str(err)) from None
            chains[out.template] = [f"templates/{name}" for name in chain]
        deps = chains.get(out.template, []) + (brand_files if step.brand else [])
        for dep in deps:
            if dep not in files:
                files[dep] = freshness.digest(root / dep)
        # Paths relative to the project (doit runs in the folder of dodo.py): a moved or
        # copied checkout, build/ included, is still up to date.
        packed = pack(make_job(root, brand_data, out, step, deps), brand_blob)
        # Exactly one config_changed: the content shown, renderer settings, the files, the
        # code that draws it and the versions of the libraries it uses; by digest, worked
        # out here once (a dict would be serialised again on every run)
        made = {"revision": step.revision, "versions": library_versions(),
                "code": code_digests, "files": {dep: files[dep] for dep in deps}}  # fmt: skip
        digest = freshness.fingerprint({**made, "shown": digests.shown(packed, out, memo)})
        if digest not in digests.before.digests:
            inputs[digest] = {**made, **shown_content(out, memo)}
        yield {
            "basename": step.name,
            "name": out.name,
            "doc": out.doc,
            "actions": [
                (perform, [step.action, packed]),
                (freshness.record, [str(root), out.targets]),
            ],
            "targets": out.targets,
            "file_dep": list(out.needs),
            "uptodate": [freshness.Shown(digest), (freshness.unchanged, [str(root)])],
            "clean": True,
        }
