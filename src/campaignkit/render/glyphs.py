"""Which characters of the content the brand fonts cannot draw."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools.ttLib import TTFont


@lru_cache(maxsize=16)
def coverage(path: str) -> frozenset[int]:
    """Code points one font file has glyphs for."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(context: object, fonts: list[str], loc: str = "") -> list[str]:
    """One line per text field holding characters that none of `fonts` can draw.

    Without this, a missing glyph silently becomes a box, or a font from the machine.
    """
    covered = frozenset().union(*(coverage(path) for path in fonts))
    problems = []
    for where, text in _strings(context, loc):
        absent = sorted({ch for ch in text if ord(ch) not in covered and _visible(ch)})
        if absent:
            chars = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in absent)
            problems.append(
                f"{where} contains {chars}, which the brand fonts cannot show; "
                "replace the character or add a font that has it to brand/brand.yaml"
            )
    return problems


def _visible(ch: str) -> bool:
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))


def _strings(value: object, loc: str):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{loc}.{key}" if loc else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{loc}[{index}]")
