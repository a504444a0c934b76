"""Shared fixtures: project trees in tmp dirs and doit runs in-process."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from doit.cmd_base import ModuleTaskLoader
from doit.doit_cmd import DoitMain

from campaignkit.job import unpack
from campaignkit.tasks import creators

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    code: int
    out: str
    err: str
    tasks: dict[str, str]  # task name -> 'success' | 'up-to-date' | 'fail' | ...
    errors: dict[str, str]  # task name -> what doit reported for a failed task

    @property
    def executed(self) -> list[str]:
        return sorted(name for name, result in self.tasks.items() if result == "success")


def run_doit(root: Path, *args: str, **options) -> Run:
    """Run doit in this process on the project at `root`; report which tasks ran. `options`
    go to campaignkit.tasks.creators."""
    out, err = io.StringIO(), io.StringIO()
    command = list(args) or ["run"]
    report_file = root / "build" / ".test-report.json"
    reporting = command[0] == "run"
    if reporting:
        report_file.unlink(missing_ok=True)
        command[1:1] = ["--reporter", "json", "--output-file", str(report_file)]
    # doit runs in the folder of dodo.py, and task paths are relative to it
    with redirect_stdout(out), redirect_stderr(err), contextlib.chdir(root):
        code = DoitMain(ModuleTaskLoader(creators(root, **options)), config_filenames=()).run(
            command
        )
    tasks, errors = {}, {}
    if reporting and report_file.exists() and report_file.read_text().strip():
        report = json.loads(report_file.read_text())
        report_file.unlink()
        for task in report["tasks"]:
            if ":" in task["name"]:
                tasks[task["name"]] = task["result"]
                if task["error"]:
                    errors[task["name"]] = task["error"]
    return Run(code, out.getvalue(), err.getvalue(), tasks, errors)


def stub_action(action: str, job) -> None:
    """Stands in for every action where a test is about the task graph, not the files: writes
    each target with the action's name."""
    job = unpack(job)
    for target in job.targets:
        path = Path(job.root) / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{action} {job.label}\n")


@pytest.fixture
def stubbed(monkeypatch):
    """Every action replaced by stub_action."""
    from campaignkit import tasks

    monkeypatch.setattr(tasks, "perform", stub_action)


def opens(path: Path, other: tuple[str, ...] = ()) -> None:
    """Raise unless `path` is a whole file of its kind (a file with a suffix in `other` may
    hold any bytes)."""
    import zipfile

    from PIL import Image
    from pptx import Presentation
    from pypdf import PdfReader

    if path.suffix == ".pdf":
        reader = PdfReader(path, strict=True)
        assert len(reader.pages) >= 1
        for page in reader.pages:
            page.extract_text()
    elif path.suffix in (".png", ".webp"):
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            image.load()
    elif path.suffix == ".json":
        json.loads(path.read_text())
    elif path.suffix in (".pptx", ".zip"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
        if path.suffix == ".pptx":
            assert len(Presentation(path).slides) >= 1
    elif path.suffix == ".html":
        path.read_text(encoding="utf-8")
    elif path.suffix not in other:
        raise AssertionError(f"unexpected file in build/: {path}")


def copy_project(dest: Path, cities: tuple[str, ...] | None = None) -> Path:
    """A copy of this repository's campaign (optionally only some cities) at `dest`."""
    for folder in ("brand", "templates", "content"):
        shutil.copytree(REPO / folder, dest / folder)
    if cities is not None:
        for path in (dest / "content" / "cities").glob("*.yaml"):
            if path.stem not in cities:
                path.unlink()
    return dest


@pytest.fixture(scope="session")
def whole_campaign(tmp_path_factory) -> Path:
    """The embedded campaign built once, serially, for every slow test that reads its files
    (read only: a test that edits content builds its own copy)."""
    root = copy_project(tmp_path_factory.mktemp("campaign") / "p")
    result = run_doit(root)
    assert result.code == 0, result.errors
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The embedded campaign reduced to three cities (four leaflets), in a tmp dir."""
    return copy_project(tmp_path / "project", cities=("antwerp", "brussels", "liege"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur exactly once) in `path`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """mtime and bytes of every file under `folder`, to prove nothing changed."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")  # doit's state, the lock, reports
    }


#: The kinds and variants of files the families make, named in content/gallery.yaml.
KINDS = ("leaflet", "poster", "card", "deck")
VARIANTS = ("press", "office", "twoup", "pptx", "pdf")
#: What the test's words say besides their own name, where a word has placeholders.
FILLED = {"language": " {language}", "city": " {city}", "files": " ({count}) {where}"}

MINIMAL_CAMPAIGN = """\
languages:
  en: {name: English, locale: en_GB, status: source}
  fr: {name: Français, locale: fr_BE, status: needs-native-review}
campaign:
  name: {en: Blue Heart Campaign, fr: Campagne Cœur bleu}
  organiser: {en: UNODC, fr: ONUDC}
  country: {en: Belgium, fr: Belgique}
day:
  date: 2022-07-30
  name: {en: World Day, fr: Journée mondiale}
  call: {en: Wear the blue heart., fr: Portez le cœur bleu.}
themes:
  - id: shine
    by: {en: Belgium, fr: la Belgique}
    title: {en: Shine the Light, fr: Mettons en lumière}
    summary: {en: Summary., fr: Résumé.}
    call: {en: Look., fr: Regardez.}
trafficking:
  definition: {en: Definition., fr: Définition.}
  victims: {en: Victims., fr: Victimes.}
figures:
  source: {en: ILO, fr: OIT}
  items:
    - id: total
      value: 20900000
      label: {en: people, fr: personnes}
quote:
  author: António Guterres
  role: {en: Secretary-General, fr: Secrétaire général}
  text: {en: Quote., fr: Citation.}
blue_heart:
  about: {en: About., fr: À propos.}
  meaning: {en: Meaning., fr: Sens.}
  donations: {en: Donations., fr: Dons.}
launch:
  date: 2022-07-25
  city: brussels
  title: {en: Launch, fr: Lancement}
  text: {en: Launch text., fr: Texte du lancement.}
help:
  text: {en: Help., fr: Aide.}
  centres:
    - name: Sürya
"""

MINIMAL_CITY = """\
name: {en: Brussels, fr: Bruxelles}
languages: [fr]
events:
  - date: 2022-07-30
    kind: illumination
    place: {en: Grand-Place, fr: Grand-Place}
"""

MINIMAL_STORY = """\
order: 1
person: archetype
title: {en: A beggar, fr: Une personne qui mendie}
text: {en: In plain sight., fr: Au grand jour.}
"""


def make_project(root: Path) -> Path:
    """make_content's tree with this repository's brand and templates: a small project."""
    make_content(root)
    for folder in ("brand", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def make_content(root: Path) -> Path:
    """A small valid content tree (English and French, one city) under `root`."""
    from campaignkit.labels import PLACEHOLDERS
    from campaignkit.registry import FAMILIES
    from campaignkit.schema import GalleryFile, LabelsFile, Text

    def label(name: str) -> str:
        words = " ".join(f"{{{word}}}" for word in sorted(PLACEHOLDERS.get(name, ())))
        return f'{name}: {{en: "{name} {words}", fr: "{name} fr {words}"}}\n'

    labels = "".join(label(name) for name in LabelsFile.model_fields)
    words = [name for name, spec in GalleryFile.model_fields.items() if spec.annotation is Text]
    gallery = "".join(f"{name}: {{en: {name}, fr: {name} fr}}\n" for name in words)
    sections = {"kinds": list(KINDS), "variants": list(VARIANTS)}
    for word in (word for family in FAMILIES for word in family.words):
        section, key = word.split(".")
        sections.setdefault(section, [])
        if key not in sections[section]:
            sections[section].append(key)
    for section, names in sections.items():
        gallery += f"{section}:\n" + "".join(
            f'  {name}: {{en: "{name}{FILLED.get(name, "")}", fr: "{name} fr{FILLED.get(name, "")}"}}\n'
            for name in names
        )
    write(root / "content" / "gallery.yaml", gallery)
    write(root / "content" / "campaign.yaml", MINIMAL_CAMPAIGN)
    write(root / "content" / "labels.yaml", labels)
    write(root / "content" / "cities" / "brussels.yaml", MINIMAL_CITY)
    write(root / "content" / "stories" / "beggar.yaml", MINIMAL_STORY)
    return root
