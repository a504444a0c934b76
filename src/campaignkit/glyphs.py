"""The characters the brand's fonts can draw, and those of a text they cannot.

Without these checks, a missing glyph silently becomes a box, or a font from the machine.
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from babel import Locale
from fontTools.ttLib import TTFont

#: The roles of the brand's fonts every text names (`font: body`).
ROLES = ("body", "display")


@lru_cache(maxsize=16)
def coverage(path: str) -> frozenset[int]:
    """Code points one font file has glyphs for."""
    with TTFont(io.BytesIO(Path(path).read_bytes())) as font:  # no file left open on errors
        return frozenset(font.getBestCmap())


def drawing(languages: dict[str, list[str]], locale: str | None) -> dict[str, str]:
    """Which font (by role) draws body and display texts in `locale`, given the languages
    each font lists: the one listing the locale's language (Dari, fa_AF: fa) for both, else
    their own; None: their own."""
    language = Locale.parse(locale).language if locale else None
    own = next((role for role, listed in languages.items() if language in listed), None)
    return {role: own or role for role in ROLES}


def drawn_with(brand: dict, locale: str | None) -> list[str]:
    """The project-relative font files texts in `locale` are drawn with, from the brand as
    actions get it (dumped): what a renderer checks their characters against."""
    fonts = brand["fonts"]
    roles = drawing({role: font["languages"] for role, font in fonts.items()}, locale)
    roles = fonts if locale is None else dict.fromkeys(roles.values())
    return list(dict.fromkeys(f"brand/{face['file']}" for role in roles
                              for face in fonts[role]["faces"]))  # fmt: skip


def covered_by(fonts: list) -> frozenset[int]:
    return frozenset().union(*(coverage(str(path)) for path in fonts))


def absent(text: str, covered: frozenset[int]) -> str:
    """'☃' (U+2603), …: the visible characters of `text` outside `covered`, or ''."""
    chars = sorted({ch for ch in text if ord(ch) not in covered and _visible(ch)})
    return ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in chars)


def uncovered(context: object, fonts: list, loc: str = "") -> list[str]:
    """The same check on the plain data an output shows (a safety net at render time)."""
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        context = dataclasses.asdict(context)
    covered = covered_by(fonts)
    return [
        f"{where} contains {chars}, which the brand fonts cannot show; "
        "replace the character or add a font that has it to brand/brand.yaml"
        for where, text in _plain_strings(context, loc)
        if (chars := absent(text, covered))
    ]


def _visible(ch: str) -> bool:
    return not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))


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
