"""Load and check the campaign's content: every problem in every file, at once."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, TypeAdapter, ValidationError

from .confine import project_path
from .errors import ContentError, Problem
from .images import image_problem
from .labels import PLACEHOLDERS, placeholders
from .review import Approval, approved_keys, keyed, load_ledgers
from .schema import CampaignFile, CityFile, GalleryFile, LabelsFile, StoryFile, Text
from .validation import line_of, raw_values, validate
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
    texts: dict[str, Text] = field(default_factory=dict)  # by key: 'campaign.yaml:day.call'
    reviews: dict[str, dict[str, Approval]] = field(default_factory=dict)  # content/reviews/
    approved: dict[str, frozenset[str]] = field(default_factory=dict)  # per language: keys
    translated: frozenset[str] = frozenset()  # keys of the texts with an English to translate

    @property
    def languages(self) -> list[str]:
        return list(self.main.languages)


CAMPAIGN = "content/campaign.yaml"
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LANG = re.compile(r"[a-z]{2,3}")
#: City file names the build's own file names already use.
TAKEN = {
    "help": "'help' names the national help leaflet (build/leaflets/help-<lang>.pdf); "
    "name the city's file after the city",
}


class _Files:
    """Reads content files and keeps their data and key lines for later checks."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.marks: dict[str, dict[Path_, int]] = {}
        self.raw: dict[str, object] = {}  # per file: its plain data, valid or not
        self.spots: set[tuple[str, str]] = set()  # (file, field) the schema already reported
        self.languages: list[str] = []  # declared in campaign.yaml, once it is read
        self.year: int | None = None  # of the campaign's day, once it is read

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
        self.raw[name] = data
        if model is CampaignFile and isinstance(data, dict):
            languages = data.get("languages")
            if isinstance(languages, dict):
                self.languages = [code for code in languages if LANG.fullmatch(code)]
            day = data.get("day")
            date = _parsed(dt.date, day.get("date") if isinstance(day, dict) else None)
            self.year = date.year if date else None
        context = {"languages": self.languages, "year": self.year}
        instance, problems = validate(model, data, name, marks, context)
        self.problems += problems
        self.spots.update((problem.file, problem.field) for problem in problems)
        return instance

    def mapping(self, name: str) -> dict:
        """The data read from file `name` where it is a mapping, else {} (nothing to check)."""
        data = self.raw.get(name)
        return data if isinstance(data, dict) else {}

    def problem(self, name: str, loc: Path_, message: str, near: Path_ | None = None) -> None:
        """Record a problem at `loc` (or, for a missing field, at the line of `near`), unless
        the schema already said what is wrong there."""
        if (name, dotted(loc)) in self.spots:
            return
        line = line_of(self.marks.get(name, {}), near or loc)
        self.problems.append(Problem(name, line, dotted(loc), message))


def _parsed(kind: type, value: object):
    """`value` as the schema reads a field of type `kind`, or None where it cannot."""
    try:
        return TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return None


def load_campaign(root: Path) -> Campaign:
    """Read content/ under `root`; raise ContentError listing every problem."""
    files = _Files(root)
    content = root / "content"
    main = _load_required(files, content / "campaign.yaml", CampaignFile)
    labels = _load_required(files, content / "labels.yaml", LabelsFile)
    gallery = _load_required(files, content / "gallery.yaml", GalleryFile)
    city_files = _entries(files, content / "cities", required=True)
    story_files = _entries(files, content / "stories", required=False)
    _check_unread(files, content)
    city_ids = {path.stem for path, _ in city_files}  # also those with problems of their own
    cities = {
        path.stem: City(path.stem, name, data)
        for path, name in city_files
        if (data := files.load(path, CityFile)) is not None
    }
    stories = {
        path.stem: Story(path.stem, name, data)
        for path, name in story_files
        if (data := files.load(path, StoryFile)) is not None
    }
    # cross-checks read each file's data as written, so they run on files that do not validate
    city_names, story_names = [n for _, n in city_files], [n for _, n in story_files]
    _check_languages(files, city_names, story_names)
    _check_placeholders(files)
    _check_launch(files, city_ids)
    _check_charts(files)
    for name in city_names + story_names:
        _check_image(files, name)
    if files.problems:
        _, problems = load_ledgers(root, None, files.languages, _source(files))
        raise ContentError(files.problems + problems)
    stories = dict(sorted(stories.items(), key=lambda item: (item[1].data.order, item[0])))
    cities = {
        city_id: City(city_id, city.file, _dated(city.data, main.day.date))
        for city_id, city in sorted(cities.items())
    }
    texts = (
        keyed(main, "campaign.yaml") | keyed(labels, "labels.yaml") | keyed(gallery, "gallery.yaml")
    )
    for item in (*cities.values(), *stories.values()):
        texts |= keyed(item.data, item.file.removeprefix("content/"))
    source = _source(files)
    reviews, problems = load_ledgers(root, texts, files.languages, source)
    if problems:
        raise ContentError(problems)
    return Campaign(
        root,
        main,
        labels,
        cities,
        stories,
        gallery,
        files.marks,
        texts,
        reviews,
        approved_keys(texts, reviews, source),
        frozenset(key for key, text in texts.items() if source in text.root),
    )


def _source(files: _Files) -> str | None:
    """The language translations are made from (`status: source`), else the first."""
    languages = files.mapping(CAMPAIGN).get("languages")
    languages = languages if isinstance(languages, dict) else {}
    found = [code for code, spec in languages.items()
             if isinstance(spec, dict) and spec.get("status") == "source"]  # fmt: skip
    return (found or list(languages) or [None])[0]


def _dated(city: CityFile, day: dt.date) -> CityFile:
    """`city` with every event dated: an event written without a date is on the campaign's day."""
    events = [
        event if event.date is not None else event.model_copy(update={"date": day})
        for event in city.events
    ]
    return city.model_copy(update={"events": events})


def _load_required(files: _Files, path: Path, model: type[BaseModel]):
    if not path.is_file():
        name = path.relative_to(files.root).as_posix()
        files.problems.append(Problem(name, None, "", "is missing; campaignkit needs this file"))
        return None
    return files.load(path, model)


#: The files campaignkit reads directly in content/ (besides those in cities/ and stories/).
TOP = ("campaign.yaml", "labels.yaml", "gallery.yaml")
FOLDERS = ("cities", "stories", "reviews")  # reviews/: the ledgers (campaignkit.review)


def _yaml_name(name: str) -> tuple[str, str] | None:
    """(stem, extension) of a file named like YAML in any letter case, else None."""
    for ext in (".yaml", ".yml"):
        if name.lower().endswith(ext):
            return name[: -len(ext)], name[-len(ext) :]
    return None


def _entries(files: _Files, folder: Path, required: bool):
    """(path, shown name) of each YAML file in `folder`, named as ids."""
    rel = folder.relative_to(files.root).as_posix()
    paths = sorted(folder.glob("*")) if folder.is_dir() else []
    found = []
    for path in paths:
        name = path.relative_to(files.root).as_posix()
        parts = _yaml_name(path.name)
        if parts is None or path.is_dir():  # photos, notes, editor backups: not content
            continue
        stem, ext = parts
        if not ID.fullmatch(stem) and ext != ".yml":
            files.problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "name files in lowercase letters, digits and hyphens, "
                    "e.g. la-louviere.yaml (the name becomes part of the file names built)",
                )
            )
        elif ext == ".yml":
            files.problems.append(Problem(name, None, "", "use the .yaml extension"))
        elif rel == "content/cities" and stem in TAKEN:
            files.problems.append(Problem(name, None, "", TAKEN[stem]))
        elif ext != ".yaml":
            why = f"use the .yaml extension in lowercase: rename it to {stem}.yaml"
            files.problems.append(Problem(name, None, "", why))
        else:
            found.append((path, name))
    if required and not found and not paths:
        files.problems.append(Problem(rel + "/", None, "", "has no files; add one .yaml file each"))
    return found


def _check_unread(files: _Files, content: Path) -> None:
    """Every YAML-named file in content/ that campaignkit does not read, so none is ignored
    silently (those directly in cities/ and stories/ are named by `_entries`)."""
    for folder, dirs, names in os.walk(content):  # links to folders are not followed
        dirs.sort()
        here = Path(folder).relative_to(content)
        for filename in sorted(names):
            parts = _yaml_name(filename)
            if parts is None:
                continue
            if (here == Path(".") and filename in TOP) or here.as_posix() in FOLDERS:
                continue
            name = (Path(folder) / filename).relative_to(files.root).as_posix()
            stem = parts[0].lower()
            if here == Path(".") and f"{stem}.yaml" in TOP:
                why = (
                    f"is not read (campaignkit reads content/{stem}.yaml, in lowercase); "
                    f"rename it to {stem}.yaml, or move it out of content/"
                )
            else:
                why = (
                    "is not read: campaignkit reads campaign.yaml, labels.yaml and gallery.yaml "
                    "in content/, and one <id>.yaml (lowercase) per city in content/cities/ and "
                    "per story in content/stories/; rename or move it there, or move it out of "
                    "content/"
                )
            files.problems.append(Problem(name, None, "", why))


def _check_languages(files: _Files, city_names: list[str], story_names: list[str]) -> None:
    """Every text is in the languages it is printed in: the campaign's for campaign-wide files,
    a city's own for its file (where its `languages:` list can be read)."""
    known = files.languages
    languages = files.mapping(CAMPAIGN).get("languages")
    for code, language in languages.items() if isinstance(languages, dict) else ():
        locale = language.get("locale") if isinstance(language, dict) else None
        if not isinstance(locale, str) or not locale.strip():
            continue
        try:
            Locale.parse(locale.strip())
        except (UnknownLocaleError, ValueError):
            files.problem(
                CAMPAIGN,
                ("languages", code, "locale"),
                f"'{locale.strip()}' is not a known locale; use a code like fr_BE",
            )

    def check(name: str, model: type[BaseModel], needed: list[str], why: str) -> None:
        for loc, text in raw_values(model, files.raw.get(name), Text):
            missing = [lang for lang in needed if isinstance(text, dict) and lang not in text]
            if missing:
                quoted = ", ".join(f"'{lang}'" for lang in missing)
                lines = ", ".join(f"'{lang}:'" for lang in missing)
                add = f"add {lines} lines" if len(missing) > 1 else f"add a {lines} line"
                files.problem(name, loc, f"has no {quoted} text{why}; {add}")

    check(CAMPAIGN, CampaignFile, known, "")
    check("content/labels.yaml", LabelsFile, known, "")
    check("content/gallery.yaml", GalleryFile, known, "")
    for name in story_names:
        check(name, StoryFile, known, "")
    for name in city_names:
        listed = files.mapping(name).get("languages")
        needed = [
            lang
            for lang in (listed if isinstance(listed, list) else ())
            if isinstance(lang, str) and LANG.fullmatch(lang) and (not known or lang in known)
        ]
        why = ", which this city's leaflets are printed in"
        check(name, CityFile, list(dict.fromkeys(needed)), why)


def _check_placeholders(files: _Files) -> None:
    name = "content/labels.yaml"
    for loc, text in raw_values(LabelsFile, files.raw.get(name), Text):
        expected = PLACEHOLDERS.get(str(loc[0]), set())
        for lang, value in text.items() if isinstance(text, dict) else ():
            if isinstance(value, str) and value and placeholders(value) != expected:
                keep = ", ".join(f"{{{word}}}" for word in sorted(expected))
                why = (
                    f"must hold exactly {keep}, as written, where the language needs them"
                    if expected
                    else "must not hold words in braces: this label has nothing to fill in"
                )
                files.problem(name, (*loc, lang), why)


def _check_launch(files: _Files, city_ids: set[str]) -> None:
    launch = files.mapping(CAMPAIGN).get("launch")
    city = launch.get("city") if isinstance(launch, dict) else None
    if isinstance(city, str) and city not in city_ids:
        choices = ", ".join(sorted(city_ids)) or "none yet"
        files.problem(
            CAMPAIGN,
            ("launch", "city"),
            f"no city '{city}' in content/cities/; use one of {choices}",
        )


def _check_charts(files: _Files) -> None:
    """Charts name figures that exist; a part is smaller than its whole and names the rest."""
    figures = files.mapping(CAMPAIGN).get("figures")
    figures = figures if isinstance(figures, dict) else {}
    items, charts = figures.get("items"), figures.get("charts")
    values = {
        item["id"]: _parsed(int, item.get("value"))
        for item in (items if isinstance(items, list) else ())
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    for index, chart in enumerate(charts if isinstance(charts, list) else ()):
        names = chart.get("items") if isinstance(chart, dict) else None
        if not isinstance(names, list):
            continue
        loc = ("figures", "charts", index)
        ids = [item for item in names if isinstance(item, str) and ID.fullmatch(item)]
        unknown = [item for item in ids if item not in values]
        for item in unknown:
            choices = ", ".join(values)
            files.problem(CAMPAIGN, (*loc, "items"),
                          f"no figure '{item}' in figures.items; use one of {choices}")  # fmt: skip
        if chart.get("kind") != "part" or unknown or len(ids) != len(names):
            continue
        if len(ids) != 2:
            files.problem(CAMPAIGN, (*loc, "items"),
                          "a 'part' chart needs two figures: the part, then the whole")  # fmt: skip
        elif None not in (part := values[ids[0]], whole := values[ids[1]]) and part >= whole:
            files.problem(CAMPAIGN, (*loc, "items"),
                          f"'{ids[0]}' is not smaller than '{ids[1]}'; put the "
                          "part first, then the whole")  # fmt: skip
        if chart.get("rest") is None:
            files.problem(CAMPAIGN, (*loc, "rest"),
                          "a 'part' chart needs 'rest': the name of what the whole holds "
                          "besides the part")  # fmt: skip


def _check_image(files: _Files, name: str) -> None:
    data = files.mapping(name)
    image = data.get("image")
    if not isinstance(image, str) or not image.strip():
        return
    image = image.strip()
    rel, why = (
        project_path(files.root, f"content/{image}", ("content",))
        if "\0" not in image  # a NUL byte names no file (and makes path functions raise)
        else (None, "no such file in the project")
    )
    if rel is None and why == "no such file in the project":
        files.problem(
            name, ("image",), f"'{image}' does not exist in content/; add it or fix the path"
        )
    elif rel is None:
        files.problem(name, ("image",), f"'{image}' is outside content/; put the image there")
    elif why := image_problem((files.root / rel).read_bytes(), image):
        files.problem(name, ("image",), why)
    if data.get("image_alt") is None:
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
