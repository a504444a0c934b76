"""Code dependencies: each step rebuilds when a module its action runs changes, and only then."""

import shutil
import textwrap

import pytest
from conftest import REPO, make_content, run_doit

from campaignkit.codedeps import PACKAGE, closure

#: Steps whose actions read no project files and draw no heart (imposition, thumbnails).
PLAIN = {"leaflet-twoup", "thumbnail"}
STEPS = {"leaflet", "leaflet-preview", "leaflet-press", "leaflet-twoup", "poster-fit", "poster",
         "poster-preview", "social", "deck", "deck-preview", "pack", "thumbnail", "site"}  # fmt: skip
PDF = {"leaflet", "leaflet-press", "poster-fit", "poster"}  # WeasyPrint documents
TEMPLATED = PDF | {"site"}
PREVIEWS = {"leaflet-preview", "poster-preview", "deck-preview"}
NONE: set[str] = set()

#: Every module of the package -> the steps whose outputs an edit of it rebuilds. Written
#: out by hand from what each action imports: a new import shows up here as a failure.
EXPECTED = {
    "__init__.py": STEPS,
    "atomic.py": STEPS,
    "errors.py": STEPS,
    "confine.py": STEPS - PREVIEWS - PLAIN,
    "families/__init__.py": STEPS - {"leaflet-preview", "poster-preview"},
    "render/__init__.py": STEPS - {"pack", "social"} - PLAIN,
    "glyphs.py": PDF | {"social", "deck"},
    "fitting.py": PDF | {"social", "deck"},
    "heart.py": STEPS - PREVIEWS - PLAIN,  # the heart in the brand's colours: everything showing it
    "colours.py": STEPS - PREVIEWS - PLAIN,
    "images.py": PDF,  # content photos, re-encoded for documents by the fetcher
    "labels.py": TEMPLATED,  # template filters
    "locales.py": TEMPLATED,
    "render/fetch.py": PDF,
    "render/html.py": TEMPLATED,
    "render/pdf.py": PDF,
    "render/preview.py": PREVIEWS,
    "render/ooxml.py": {"deck"},
    "render/pptxparts.py": {"deck", "deck-preview"},  # office.py reads alt texts with it
    "brand.py": {"deck"},  # the deck validates the brand to find faces and sizes
    "schema.py": {"deck"},
    "typography.py": {"deck"},
    "validation.py": {"deck"},
    "yamlfile.py": {"deck"},
    "families/leaflet/__init__.py": {"leaflet", "leaflet-press"},
    "families/leaflet/render.py": {"leaflet", "leaflet-press"},
    "families/leaflet_press/__init__.py": {"leaflet-press"},
    "families/leaflet_press/render.py": {"leaflet-press"},
    "families/leaflet_twoup/__init__.py": {"leaflet-twoup"},
    "families/leaflet_twoup/render.py": {"leaflet-twoup"},
    "families/poster/__init__.py": {"poster-fit", "poster"},
    "families/poster/render.py": {"poster-fit", "poster"},
    "render/press.py": {"poster-fit", "poster", "leaflet-press"},
    "families/social/__init__.py": {"social"},
    "families/social/render.py": {"social"},
    "families/deck/__init__.py": {"deck", "deck-preview"},
    "families/deck/render.py": {"deck"},
    "families/deck/master.py": {"deck"},
    "families/deck/slides.py": {"deck"},
    "families/deck/office.py": {"deck-preview"},
    "families/pack/__init__.py": {"pack"},
    "families/pack/render.py": {"pack"},
    "families/gallery/__init__.py": {"site", "thumbnail"},
    "families/gallery/render.py": {"site"},
    "families/gallery/thumbnail.py": {"thumbnail"},
    # proof sheets are not built by a plain `doit` (Family.default)
    "families/proof/__init__.py": NONE,
    "families/proof/render.py": NONE,
    # Planning, loading and task machinery: their effect on an output is the content and
    # settings it is given, which its config_changed digests.
    **dict.fromkeys(["aid.py", "characters.py", "codedeps.py", "content.py", "family.py", "freshness.py",
                     "job.py", "lock.py", "output.py", "plan.py", "registry.py", "state.py",
                     "sweep.py", "tasks.py", "description.py", "snapshot.py", "shards.py",
                     "commands.py", "progress.py", "reasons.py", "watch.py", "garbage.py", "settled.py",
                     "families/leaflet/plan.py",
                     "families/poster/plan.py", "families/social/plan.py",
                     "families/deck/plan.py", "families/pack/plan.py",
                     "families/gallery/plan.py", "families/leaflet_press/plan.py",
                     "families/leaflet_twoup/plan.py", "families/proof/plan.py",
                     "families/pack/readme.py", "review.py", "xliff.py", "splice.py",
                     "cli.py"], NONE),
}  # fmt: skip


def test_every_module_of_the_package_is_in_the_table():
    modules = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
    assert modules == sorted(EXPECTED)


@pytest.fixture
def project(tmp_path, stubbed):
    root = make_content(tmp_path / "project")
    for folder in ("brand", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    code = tmp_path / "code" / "campaignkit"
    shutil.copytree(PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    return root, code


def test_editing_a_module_rebuilds_exactly_the_steps_that_run_it(project):
    root, code = project
    first = run_doit(root, code=code)
    assert first.code == 0, first.errors
    assert {name.split(":")[0] for name in first.executed} == STEPS
    wrong = {}
    for module, expected in EXPECTED.items():
        with open(code / module, "a", encoding="utf-8") as source:
            source.write("# edited\n")
        ran = {name.split(":")[0] for name in run_doit(root, code=code).executed}
        if ran != expected:
            wrong[module] = {"rebuilt": sorted(ran), "expected": sorted(expected)}
    assert wrong == {}


def test_imports_are_followed_through_the_package(tmp_path):
    package = tmp_path / "campaignkit"
    files = {
        "__init__.py": "",
        "a.py": "from . import b\nfrom .sub.c import thing\n",
        "b.py": "import os\n",
        "sub/__init__.py": "",
        "sub/c.py": textwrap.dedent("""\
            from typing import TYPE_CHECKING
            from .. import d
            if TYPE_CHECKING:
                from ..e import Never
            def late():
                from campaignkit.f import used
            """),
        "d.py": "",
        "e.py": "",
        "f.py": "",
        "g.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    found = [p.relative_to(package).as_posix() for p in closure("campaignkit.a", package)]
    # e.py only under TYPE_CHECKING (never runs); g.py never imported
    assert found == ["__init__.py", "a.py", "b.py", "d.py", "f.py", "sub/__init__.py", "sub/c.py"]
