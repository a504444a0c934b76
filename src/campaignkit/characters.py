"""Characters in the content that the brand fonts cannot draw, named by file, line and field
when content loads (the renderers check the text they show again, with glyphs.uncovered)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .errors import Problem
from .glyphs import absent, covered_by
from .schema import Text
from .validation import line_of
from .yamlfile import dotted


def missing_glyphs(campaign, brand, folder: Path) -> list[Problem]:
    """One problem per content field with characters the fonts its language is drawn with
    lack (`brand` fonts, files under `folder`), with its line. A text in one language is
    checked against that language's fonts (Dari's Vazirmatn, Ukrainian's Noto Sans); a text
    shown in every language (a name) against what all of them have."""
    covers = {lang: covered_by([folder / rel for rel in brand.font_files(language.locale)])
              for lang, language in campaign.main.languages.items()}  # fmt: skip
    everywhere = frozenset.intersection(*covers.values()) if covers else frozenset()
    files = [("content/campaign.yaml", campaign.main), ("content/labels.yaml", campaign.labels)]
    files += [(city.file, city.data) for city in campaign.cities.values()]
    files += [(story.file, story.data) for story in campaign.stories.values()]
    problems = []
    for name, model in files:
        for loc, lang, text in _strings(model, ()):
            chars = absent(text, covers.get(lang, everywhere))
            if chars:
                line = line_of(campaign.lines.get(name, {}), loc)
                why = (f"has {chars}, which the brand fonts cannot show; replace it or add "
                       "a font that has it to brand/brand.yaml")  # fmt: skip
                problems.append(Problem(name, line, dotted(loc), why))
    return problems


def _strings(value: object, loc: tuple):
    """(where, language or None, text) of every text in `value`."""
    if isinstance(value, Text):
        for code, text in value.root.items():
            yield (*loc, code), code, text
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
    elif isinstance(value, dict) and loc == ("languages",):  # each named in its own language
        for code, language in value.items():
            yield (*loc, code, "name"), code, language.name
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, str):
        yield loc, None, value  # shown in every language
