"""Characters of the content that the brand fonts cannot draw.

Without this check, a missing glyph silently becomes a box, or a font from the machine.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pydantic import BaseModel

from .errors import Problem
from .schema import Text
from .validation import line_of
from .yamlfile import dotted


@lru_cache(maxsize=16)
def coverage(path: str) -> frozenset[int]:
    """Code points one font file has glyphs for."""
    with TTFont(io.BytesIO(Path(path).read_bytes())) as font:  # no file left open on errors
        return frozenset(font.getBestCmap())


def covered_by(fonts: list) -> frozenset[int]:
    return frozenset().union(*(coverage(str(path)) for path in fonts))


def absent(text: str, covered: frozenset[int]) -> str:
    """'☃' (U+2603), …: the visible characters of `text` outside `covered`, or ''."""
    chars = sorted({ch for ch in text if ord(ch) not in covered and _visible(ch)})
    return ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in chars)


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


def uncovered(context: object, fonts: list, loc: str = "") -> list[str]:
    """The same check on the plain data an output shows (a safety net at render time)."""
    covered = covered_by(fonts)
    return [
        f"{where} contains {chars}, which the brand fonts cannot show; "
        "replace the character or add a font that has it to brand/brand.yaml"
        for where, text in _plain_strings(context, loc)
        if (chars := absent(text, covered))
    ]


def _visible(ch: str) -> bool:
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))


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


def _plain_strings(value: object, loc: str):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _plain_strings(item, f"{loc}.{key}" if loc else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _plain_strings(item, f"{loc}[{index}]")


def font_problem(path: Path) -> str | None:
    """Why `path` is not a usable font file, or None."""
    try:
        coverage(str(path))
    except Exception as err:  # fontTools raises many kinds for a file that is not a font
        return f"is not a font file campaignkit can use ({type(err).__name__}: {err})"
    return None
