"""The blue heart in the brand's colours: its SVG with every colour it is drawn in replaced
by the brand colour brand.yaml says it is (sRGB, or CMYK for press)."""

from __future__ import annotations

import re
from pathlib import Path

from .colours import device_cmyk
from .confine import read_project_file

#: A colour given to an SVG paint property, as an attribute (fill="#0B5CAD") or in CSS
#: (fill: #0b5cad), in hex or by name. Keywords (none, currentColor, …) and url() are not
#: colours the drawing is in.
PAINT = re.compile(
    r"(?P<prop>\b(?:fill|stroke|stop-color|flood-color|lighting-color|color))"
    r"(?P<sep>\s*(?:=\s*[\"']|:\s*))"
    r"(?P<value>#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|[A-Za-z]+\b)"
)
KEYWORDS = {"none", "currentcolor", "transparent", "inherit", "initial", "unset", "url",
            "context", "auto"}  # fmt: skip


def normal(colour: str) -> str | None:
    """'#0b5cad', '#0BF', 'white' -> '#0B5CAD', '#00BBFF', '#FFFFFF'; None for a keyword."""
    if colour.lower() in KEYWORDS:
        return None
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return f"#{digits.upper()}"
    from PIL import ImageColor

    try:
        return "#{:02X}{:02X}{:02X}".format(*ImageColor.getrgb(colour)[:3])
    except ValueError:
        return None  # not a colour name: left as it is


def drawn_colours(svg: str) -> list[str]:
    """The colours `svg` is drawn in, normalised, in order of first use."""
    found = (normal(match["value"]) for match in PAINT.finditer(svg))
    return list(dict.fromkeys(colour for colour in found if colour))


def recoloured(svg: str, colours: dict[str, str]) -> str:
    """`svg` with each colour it is drawn in replaced by `colours[normal(colour)]` (a CSS
    colour: '#1060B0' or 'device-cmyk(100% 58% 0% 4%)'); colours not named stay."""

    def swap(match: re.Match) -> str:
        new = colours.get(normal(match["value"]) or "")
        return match[0] if new is None else f"{match['prop']}{match['sep']}{new}"

    return PAINT.sub(swap, svg)


def heart_svg(root: Path, brand: dict, press: bool = False) -> str:
    """The brand's heart (brand.yaml `heart`) in the brand's colours: sRGB from `colors`, or
    CMYK from `cmyk` for `press` documents."""
    heart = brand["heart"]
    svg = read_project_file(root, f"brand/{heart['file']}").decode("utf-8")
    if press:
        values = {name: device_cmyk(cmyk) for name, cmyk in brand["cmyk"].items()}
    else:
        values = dict(brand["colors"])
    return recoloured(svg, {normal(drawn): values[name] for drawn, name in heart["colors"].items()})
