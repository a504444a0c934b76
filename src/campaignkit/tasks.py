"""doit tasks: one per planned output. Creators only describe; actions do the work."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from doit.exceptions import InvalidDodoFile
from doit.tools import config_changed

from . import freshness, lock
from .brand import Brand, load_brand
from .content import load_campaign
from .errors import ContentError, Problem
from .glyphs import missing_glyphs
from .output import Output
from .plan import plan
from .render import deck, office, pack, pdf, poster, preview, site, social
from .render.html import template_chain
from .sweep import sweep

PACKAGE = Path(__file__).resolve().parent

#: Code every WeasyPrint document depends on (package-relative).
PDF_CODE = ("atomic.py", "brand.py", "confine.py", "labels.py", "locales.py", "render/fetch.py",
            "render/html.py", "render/pdf.py")  # fmt: skip

#: Libraries whose upgrade can change output bytes: their versions are part of every task's
#: inputs, so an upgrade rebuilds.
LIBRARIES = ("weasyprint", "pydyf", "babel", "jinja2", "fonttools", "pypdfium2", "pillow", "segno",
             "resvg-py", "python-pptx", "xlsxwriter", "lxml")  # fmt: skip


@dataclass(frozen=True)
class Family:
    """A task group: its one-line doc, its action and what of the project it depends on."""

    name: str
    doc: str
    action: Callable[[dict], object]
    revision: int
    code: tuple[str, ...]  # modules whose edits rebuild the family
    uses_brand: bool = True


FAMILIES = (
    Family("leaflet", "A5 leaflets (PDF) for city organisers: one per city and language.",
           pdf.render_pdf, pdf.REVISION, PDF_CODE),
    Family("poster-fit", "Type sizes at which each poster's text fits, per language (JSON).",
           poster.fit_poster, poster.REVISION, (*PDF_CODE, "fit.py", "render/poster.py")),
    Family("poster", "Posters (PDF): press PDF/X-4 with bleed and crop marks, and office.",
           poster.render_poster, poster.REVISION,
           (*PDF_CODE, "fit.py", "render/poster.py", "render/press.py")),
    Family("poster-preview", "Preview PNGs of the posters, for the gallery.",
           preview.render_preview, preview.REVISION, ("atomic.py", "render/preview.py"),
           uses_brand=False),
    Family("social", "Social media cards (PNG) with alt texts: every card, language and size.",
           social.render_card, social.REVISION,
           ("atomic.py", "confine.py", "fit.py", "render/social.py")),
    Family("deck", "Slide decks (PPTX, 16:9) on the brand master: launch and partner talk.",
           deck.render_deck, deck.REVISION,
           ("atomic.py", "brand.py", "confine.py", "master.py", "render/deck.py",
            "render/ooxml.py")),
    Family("deck-preview", "Slide previews (PNG) of the decks: LibreOffice, then pypdfium2.",
           office.render_slides, office.REVISION,
           ("atomic.py", "render/office.py", "render/preview.py")),
    Family("leaflet-preview", "Preview PNGs of the leaflets, for the gallery.",
           preview.render_preview, preview.REVISION, ("atomic.py", "render/preview.py"),
           uses_brand=False),
    Family("pack", "Asset packs (zip): per language, per city, press; manifest and README.",
           pack.write_pack, pack.REVISION, ("atomic.py", "confine.py", "render/pack.py")),
    Family("site", "The download gallery (build/site/index.html) with previews and filters.",
           site.render_site, site.REVISION,
           ("atomic.py", "confine.py", "render/html.py", "render/site.py")),
)  # fmt: skip


def doit_config(root: Path) -> dict:
    """doit settings: state in build/ with sqlite3 (dbm falls back to slow dbm.dumb here,
    and sqlite3 survives a killed build); keep going after a failure to report them all."""
    (root / "build").mkdir(exist_ok=True)
    return {
        "dep_file": str(root / "build" / ".doit.db"),
        "backend": "sqlite3",
        "action_string_formatting": "new",
        "continue": True,
    }


def creators(root: Path) -> dict:
    """The DOIT_CONFIG and task_* creators for the project at `root`, for dodo.py."""
    root = Path(root).resolve()

    @lru_cache(maxsize=1)
    def outputs() -> tuple[Brand, list[Output]]:
        try:
            lock.hold(root)
        except lock.Busy as err:
            raise InvalidDodoFile(str(err)) from None
        return load(root)

    def creator(family: Family):
        def create():
            brand, planned = outputs()
            yield from describe(root, brand, planned, family)

        create.__doc__ = family.doc
        return create

    def task_sweep():
        """Removes built files no output owns any more (a city, language or size removed)."""
        owned = sorted(t for out in outputs()[1] for t in (out.target, *out.extra_targets))
        return {
            "basename": "sweep",
            "actions": [(sweep, [str(root), owned])],
            "uptodate": [config_changed({"owned": owned})],
            "verbosity": 0,
        }

    tasks = {f"task_{family.name.replace('-', '_')}": creator(family) for family in FAMILIES}
    return {"DOIT_CONFIG": doit_config(root), **tasks, "task_sweep": task_sweep}


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
    if brand is not None and campaign is not None:
        problems += missing_glyphs(campaign, [root / "brand" / rel for rel in brand.font_files()])
    epoch, problem = source_date_epoch()
    problems += problem
    if problems:
        raise InvalidDodoFile(ContentError(problems).report())
    program = office.find_program()
    planned = plan(campaign, brand, epoch, program)
    if program is None and any(out.family == "deck" for out in planned):
        print("campaignkit: LibreOffice is not installed: decks are built without slide "
              "previews, and the gallery shows none; run ./setup.sh (Debian: apt install "
              "libreoffice-impress)", file=sys.stderr)  # fmt: skip
    return brand, planned


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


def project_relative(root: Path, path: Path) -> str:
    """`path` relative to the project where it is inside it (an editable install's code),
    else absolute (an installed package's)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def describe(root: Path, brand: Brand, planned: list[Output], family: Family):
    """The doit task dicts of one output family."""
    # the slide master is the decks' own: editing it in PowerPoint rebuilds decks only
    used = [rel for rel in brand.files() if family.name == "deck" or rel != brand.deck.master]
    brand_files = ["brand/brand.yaml", *(f"brand/{rel}" for rel in used)]
    families = [f"brand-{role}" for role, _ in brand.fonts.items()]
    font_files = [f"brand/{rel}" for rel in brand.font_files()]
    code = [project_relative(root, PACKAGE / rel) for rel in family.code]
    chains: dict[str, list[str]] = {}
    yield {"basename": family.name, "name": None, "doc": family.doc}
    for out in planned:
        if out.family != family.name:
            continue
        if out.template and out.template not in chains:
            try:
                chain = template_chain(root / "templates", out.template)
            except ValueError as err:
                raise InvalidDodoFile(str(err)) from None
            chains[out.template] = [f"templates/{name}" for name in chain]
        deps = chains.get(out.template, []) + (brand_files if family.uses_brand else [])
        # Paths relative to the project (doit runs in the folder of dodo.py): a moved or
        # copied checkout, build/ included, is still up to date.
        targets = [out.target, *out.extra_targets]
        job = {
            "root": str(root),
            "label": f"{family.name} {out.name}",
            "template": out.template,
            "target": out.target,
            "extra_targets": out.extra_targets,
            "context": out.context,
            "params": out.params,
            "needs": out.needs,
            "brand": brand.model_dump(),
            "deps": deps,
            "families": families,
            "font_files": font_files,
            "pages": out.pages,
        }
        # Exactly one config_changed: the content shown, renderer settings and versions.
        inputs = {"revision": family.revision, "versions": library_versions(),
                  "content": out.context, "params": out.params}  # fmt: skip
        yield {
            "basename": family.name,
            "name": out.name,
            "doc": out.doc,
            "actions": [(family.action, [job]), (freshness.record, [str(root), targets])],
            "targets": targets,
            "file_dep": deps + out.needs + code,
            "uptodate": [config_changed(inputs), (freshness.unchanged, [str(root)])],
            "clean": True,
        }
