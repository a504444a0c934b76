"""doit tasks: one per planned output. Creators only describe; actions do the work."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from doit.exceptions import InvalidDodoFile
from doit.tools import config_changed

from .brand import Brand, load_brand
from .content import load_campaign
from .errors import ContentError, Problem
from .plan import Output, plan
from .render import html as html_module
from .render import pdf as pdf_module
from .render.html import template_chain

PACKAGE = Path(__file__).resolve().parent

#: Per output family: the action, its revision, and the code files whose edits rebuild it.
RENDERERS = {
    "leaflet": (
        pdf_module.render_pdf,
        pdf_module.REVISION,
        [
            PACKAGE / "render" / "pdf.py",
            PACKAGE / "render" / "fetch.py",
            PACKAGE / "render" / "glyphs.py",
            Path(html_module.__file__),
            PACKAGE / "atomic.py",
        ],
    ),
}

DOCS = {
    "leaflet": "A5 leaflets (PDF) for city organisers: one per city and language.",
}


def doit_config(root: Path) -> dict:
    """doit settings: state in build/ with sqlite3 (dbm falls back to slow dbm.dumb here)."""
    (root / "build").mkdir(exist_ok=True)
    return {
        "dep_file": str(root / "build" / ".doit.db"),
        "backend": "sqlite3",
        "action_string_formatting": "new",
    }


def creators(root: Path) -> dict:
    """The DOIT_CONFIG and task_* creators for the project at `root`, for dodo.py."""
    root = Path(root).resolve()

    @lru_cache(maxsize=1)
    def outputs() -> tuple[Brand, list[Output]]:
        return load(root)

    def task_leaflet():
        brand, planned = outputs()
        yield from describe(root, brand, planned, "leaflet")

    task_leaflet.__doc__ = DOCS["leaflet"]
    return {"DOIT_CONFIG": doit_config(root), "task_leaflet": task_leaflet}


def load(root: Path) -> tuple[Brand, list[Output]]:
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
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.isdigit():
        problems.append(
            Problem(
                "SOURCE_DATE_EPOCH",
                None,
                "",
                f"'{epoch}' is not a whole number of seconds since 1970",
            )
        )
    if problems:
        raise InvalidDodoFile(ContentError(problems).report())
    return brand, plan(campaign, brand, int(epoch) if epoch else None)


def describe(root: Path, brand: Brand, planned: list[Output], family: str):
    """The doit task dicts of one output family."""
    action, revision, code = RENDERERS[family]
    brand_files = ["brand/brand.yaml", *(f"brand/{rel}" for rel in brand.files())]
    families = [f"brand-{role}" for role, _ in brand.fonts.items()]
    font_files = [f"brand/{face.file}" for _, font in brand.fonts.items() for face in font.faces]
    chains: dict[str, list[str]] = {}
    yield {"basename": family, "name": None, "doc": DOCS[family]}
    for out in planned:
        if out.family != family:
            continue
        if out.template not in chains:
            try:
                chain = template_chain(root / "templates", out.template)
            except ValueError as err:
                raise InvalidDodoFile(str(err)) from None
            chains[out.template] = [f"templates/{name}" for name in chain]
        deps = chains[out.template] + brand_files
        job = {
            "root": str(root),
            "label": f"{family} {out.name}",
            "template": out.template,
            "target": out.target,
            "context": out.context,
            "brand": brand.model_dump(),
            "deps": deps,
            "families": families,
            "font_files": font_files,
            "pages": out.pages,
        }
        yield {
            "basename": family,
            "name": out.name,
            "doc": out.doc,
            "actions": [(action, [job])],
            "targets": [str(root / out.target)],
            "file_dep": [str(root / dep) for dep in deps] + [str(path) for path in code],
            "uptodate": [config_changed({"revision": revision, "content": out.context})],
            "clean": True,
        }
