"""Characters in the content that the brand fonts cannot draw, named by file, line and field
when content loads (the renderers check the text they show again, with glyphs.uncovered)."""

from __future__ import annotations

from pydantic import BaseModel

from .errors import Problem
from .glyphs import absent, covered_by
from .schema import Text
from .validation import line_of
from .yamlfile import dotted


def missing_glyphs(campaign, fonts: list) -> list[Problem]:
    """One problem per content field with characters the brand fonts lack, with its line."""
    covered = covered_by(fonts)
    files = [("content/campaign.yaml", campaign.main), ("content/labels.yaml", campaign.labels)]
    files += [(city.file, city.data) for city in campaign.cities.values()]
    files += [(story.file, story.data) for story in campaign.stories.values()]
    problems = []
    for name, model in files:
        for loc, text in _strings(model, ()):
            chars = absent(text, covered)
            if chars:
                line = line_of(campaign.lines.get(name, {}), loc)
                why = (f"has {chars}, which the brand fonts cannot show; replace it or add "
                       "a font that has it to brand/brand.yaml")  # fmt: skip
                problems.append(Problem(name, line, dotted(loc), why))
    return problems


def _strings(value: object, loc: tuple):
    if isinstance(value, Text):
        for lang, text in value.root.items():
            yield (*loc, lang), text
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, str):
        yield loc, value
