"""Load and check the campaign's content: every problem in every file, at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel

from .confine import project_path
from .errors import ContentError, Problem
from .images import image_problem
from .labels import PLACEHOLDERS, placeholders
from .schema import CampaignFile, CityFile, GalleryFile, LabelsFile, StoryFile, Text
from .validation import line_of, validate
from .yamlfile import Path_, dotted, read_yaml


@dataclass(frozen=True)
class City:
    id: str
    file: str
    data: CityFile


@dataclass(frozen=True)
class Story:
    id: str
    file: str
    data: StoryFile


@dataclass(frozen=True)
class Campaign:
    """Everything the content says, checked."""

    root: Path
    main: CampaignFile
    labels: LabelsFile
    cities: dict[str, City]
    stories: dict[str, Story]
    gallery: GalleryFile
    lines: dict[str, dict] = field(default_factory=dict)  # per file: key path -> line

    @property
    def languages(self) -> list[str]:
        return list(self.main.languages)


class _Files:
    """Reads content files and keeps their key lines for later checks."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.marks: dict[str, dict[Path_, int]] = {}
        self.languages: list[str] = []  # declared in campaign.yaml, once it is read

    def load(self, path: Path, model: type[BaseModel]):
        name = path.relative_to(self.root).as_posix()
        if not path.resolve().is_relative_to((self.root / "content").resolve()):
            self.problems.append(Problem(name, None, "", "is a link to a file outside content/; "
                                         "copy the file here instead"))  # fmt: skip
            return None
        data, marks, problems = read_yaml(path, name)
        self.marks[name] = marks
        self.problems += problems
        if problems:
            return None
        if (
            model is CampaignFile
            and isinstance(data, dict)
            and isinstance(data.get("languages"), dict)
        ):
            self.languages = list(data["languages"])
        context = {"languages": self.languages}
        instance, problems = validate(model, data, name, marks, context)
        self.problems += problems
        return instance

    def problem(self, name: str, loc: Path_, message: str, near: Path_ | None = None) -> None:
        """Record a problem at `loc` (or, for a missing field, at the line of `near`)."""
        line = line_of(self.marks.get(name, {}), near or loc)
        self.problems.append(Problem(name, line, dotted(loc), message))


def load_campaign(root: Path) -> Campaign:
    """Read content/ under `root`; raise ContentError listing every problem."""
    files = _Files(root)
    content = root / "content"
    main = _load_required(files, content / "campaign.yaml", CampaignFile)
    labels = _load_required(files, content / "labels.yaml", LabelsFile)
    gallery = _load_required(files, content / "gallery.yaml", GalleryFile)
    city_files = _entries(files, content / "cities", required=True)
    city_ids = {path.stem for path, _ in city_files}  # also those with problems of their own
    cities = {
        path.stem: City(path.stem, name, data)
        for path, name in city_files
        if (data := files.load(path, CityFile)) is not None
    }
    stories = {
        path.stem: Story(path.stem, name, data)
        for path, name in _entries(files, content / "stories", required=False)
        if (data := files.load(path, StoryFile)) is not None
    }
    if main is not None:
        _check_languages(files, main, labels, cities, stories, gallery)
        _check_launch(files, main, city_ids)
        _check_charts(files, main)
    for city in cities.values():
        _check_image(files, city.file, city.data)
    for story in stories.values():
        _check_image(files, story.file, story.data)
    if files.problems:
        raise ContentError(files.problems)
    stories = dict(sorted(stories.items(), key=lambda item: (item[1].data.order, item[0])))
    cities = dict(sorted(cities.items()))
    return Campaign(root, main, labels, cities, stories, gallery, files.marks)


def _load_required(files: _Files, path: Path, model: type[BaseModel]):
    if not path.is_file():
        name = path.relative_to(files.root).as_posix()
        files.problems.append(Problem(name, None, "", "is missing; campaignkit needs this file"))
        return None
    return files.load(path, model)


def _entries(files: _Files, folder: Path, required: bool):
    """(path, shown name) of each YAML file in `folder`, named as ids."""
    rel = folder.relative_to(files.root).as_posix()
    paths = sorted(folder.glob("*")) if folder.is_dir() else []
    found = []
    for path in paths:
        name = path.relative_to(files.root).as_posix()
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yml":
            files.problems.append(Problem(name, None, "", "use the .yaml extension"))
        elif path.suffix != ".yaml":
            continue
        elif not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem):
            files.problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "name files in lowercase letters, digits and hyphens, "
                    "e.g. la-louviere.yaml (the name becomes part of the file names built)",
                )
            )
        else:
            found.append((path, name))
    if required and not found and not paths:
        files.problems.append(Problem(rel + "/", None, "", "has no files; add one .yaml file each"))
    return found


def texts(obj: object, loc: Path_ = ()):
    """Every Text inside a model, with its location."""
    if isinstance(obj, Text):
        yield loc, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from texts(getattr(obj, name), (*loc, name))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from texts(item, (*loc, index))


def _check_languages(files, main: CampaignFile, labels, cities, stories, gallery) -> None:
    known = list(main.languages)
    for code, language in main.languages.items():
        try:
            Locale.parse(language.locale)
        except (UnknownLocaleError, ValueError):
            files.problem(
                "content/campaign.yaml",
                ("languages", code, "locale"),
                f"'{language.locale}' is not a known locale; use a code like fr_BE",
            )

    def check(name: str, model, needed: list[str], why: str) -> None:
        for loc, text in texts(model):
            missing = [lang for lang in needed if lang not in text.root]
            if missing:
                quoted = ", ".join(f"'{lang}'" for lang in missing)
                lines = ", ".join(f"'{lang}:'" for lang in missing)
                add = f"add {lines} lines" if len(missing) > 1 else f"add a {lines} line"
                files.problem(name, loc, f"has no {quoted} text{why}; {add}")

    check("content/campaign.yaml", main, known, "")
    if labels is not None:
        check("content/labels.yaml", labels, known, "")
        _check_placeholders(files, labels)
    if gallery is not None:
        check("content/gallery.yaml", gallery, known, "")
    for story in stories.values():
        check(story.file, story.data, known, "")
    for city in cities.values():
        check(
            city.file, city.data, city.data.languages, ", which this city's leaflets are printed in"
        )


def _check_placeholders(files, labels: LabelsFile) -> None:
    for loc, text in texts(labels):
        expected = PLACEHOLDERS.get(str(loc[0]), set())
        for lang, value in text.root.items():
            if placeholders(value) != expected:
                keep = ", ".join(f"{{{name}}}" for name in sorted(expected))
                why = (
                    f"must hold exactly {keep}, as written, where the language needs them"
                    if expected
                    else "must not hold words in braces: this label has nothing to fill in"
                )
                files.problem("content/labels.yaml", (*loc, lang), why)


def _check_launch(files, main: CampaignFile, city_ids: set[str]) -> None:
    if main.launch.city not in city_ids:
        choices = ", ".join(sorted(city_ids)) or "none yet"
        files.problem(
            "content/campaign.yaml",
            ("launch", "city"),
            f"no city '{main.launch.city}' in content/cities/; use one of {choices}",
        )


def _check_charts(files, main: CampaignFile) -> None:
    """Charts name figures that exist; a part is smaller than its whole and names the rest."""
    values = {item.id: item.value for item in main.figures.items}
    for index, chart in enumerate(main.figures.charts):
        loc = ("figures", "charts", index)
        unknown = [item for item in chart.items if item not in values]
        for item in unknown:
            choices = ", ".join(values)
            files.problem("content/campaign.yaml", (*loc, "items"),
                          f"no figure '{item}' in figures.items; use one of {choices}")  # fmt: skip
        if chart.kind != "part" or unknown:
            continue
        if len(chart.items) != 2:
            files.problem("content/campaign.yaml", (*loc, "items"),
                          "a 'part' chart needs two figures: the part, then the whole")  # fmt: skip
        elif values[chart.items[0]] >= values[chart.items[1]]:
            files.problem("content/campaign.yaml", (*loc, "items"),
                          f"'{chart.items[0]}' is not smaller than '{chart.items[1]}'; put the "
                          "part first, then the whole")  # fmt: skip
        if chart.rest is None:
            files.problem("content/campaign.yaml", (*loc, "rest"),
                          "a 'part' chart needs 'rest': the name of what the whole holds "
                          "besides the part")  # fmt: skip


def _check_image(files, name: str, data) -> None:
    if data.image is None:
        return
    rel, why = project_path(files.root, f"content/{data.image}", ("content",))
    if rel is None and why == "no such file in the project":
        files.problem(
            name, ("image",), f"'{data.image}' does not exist in content/; add it or fix the path"
        )
    elif rel is None:
        files.problem(name, ("image",), f"'{data.image}' is outside content/; put the image there")
    elif why := image_problem((files.root / rel).read_bytes(), data.image):
        files.problem(name, ("image",), why)
    if data.image_alt is None:
        files.problem(
            name,
            ("image_alt",),
            "is required with an image: describe the image for people who cannot see it",
            near=("image",),
        )


def localize(obj: object, lang: str) -> object:
    """Plain data in one language: Text becomes its `lang` string, dates ISO strings."""
    if isinstance(obj, Text):
        return obj[lang] if lang in obj.root else None
    if isinstance(obj, BaseModel):
        return {name: localize(getattr(obj, name), lang) for name in type(obj).model_fields}
    if isinstance(obj, (list, tuple)):
        return [localize(item, lang) for item in obj]
    if isinstance(obj, dict):
        return {key: localize(value, lang) for key, value in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj
