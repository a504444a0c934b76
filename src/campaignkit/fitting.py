"""Copy fitting, for posters, social cards and slides alike: each fixed text box takes the
largest size of its scale at which its text fits, measured with the brand fonts' real
metrics (by WeasyPrint's layout or the fonts' advance widths); one search, one word wrap,
and one way of saying that a text is too long."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Tolerance for float noise in layout units, not for real overflow.
EPSILON = 0.01
#: Where lines may break: spaces, tabs and line ends (no-break spaces hold: '20,9 millions').
BREAKS = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class Measure:
    """How the text of one box sits in it, in the layout's units."""

    needed: float  # height the text takes
    allowed: float  # height the box gives
    too_wide: bool = False  # a word is wider than the box

    @property
    def fits(self) -> bool:
        return self.needed <= self.allowed + EPSILON and not self.too_wide


@dataclass(frozen=True)
class Fitted:
    sizes: dict[str, float]  # the chosen size of each box: its smallest where none fits
    failures: dict[str, Measure]  # boxes whose text does not fit even at their smallest size
    renders: int  # times the boxes were measured


def fit(measure: Callable[[dict[str, float]], dict[str, Measure]],
        scales: dict[str, Sequence[float]]) -> Fitted:  # fmt: skip
    """The largest size of each box (from `scales`, each largest first) at which its text
    fits, assuming a text takes more room at a larger size.

    `measure(sizes)` lays out every box at once, each at its size, so all boxes are searched
    together: each round measures once with every box at the middle of what is left of its
    range (a binary search: about log2(n) rounds)."""
    lo = dict.fromkeys(scales, 0)
    hi = {key: len(sizes) - 1 for key, sizes in scales.items()}
    best: dict[str, int] = {}
    smallest: dict[str, Measure] = {}
    renders = 0
    while any(lo[key] <= hi[key] for key in scales):
        probe = {
            key: (lo[key] + hi[key]) // 2 if lo[key] <= hi[key] else best.get(key, hi[key])
            for key in scales
        }
        measured = measure({key: scales[key][i] for key, i in probe.items()})
        renders += 1
        for key in scales:
            if lo[key] > hi[key]:
                continue
            if measured[key].fits:
                best[key], hi[key] = probe[key], probe[key] - 1
            else:
                lo[key] = probe[key] + 1
                if probe[key] == len(scales[key]) - 1:
                    smallest[key] = measured[key]
    sizes = {key: scales[key][best.get(key, len(scales[key]) - 1)] for key in scales}
    return Fitted(sizes, {key: m for key, m in smallest.items() if key not in best}, renders)


def wrap(text: str, width: float, length: Callable[[str], float]) -> list[str]:
    """`text` broken greedily into lines of at most `width` (as `length` measures them) at
    spaces, as browsers, PowerPoint and LibreOffice break. A word wider than `width` stays
    whole on a line of its own: see too_wide. Lines are in logical (reading) order, so
    right-to-left text wraps alike; `length` measures a line as it will be drawn (Pillow:
    in the text's direction and language)."""
    lines: list[str] = []
    current = ""
    for word in BREAKS.split(text.strip()):
        candidate = f"{current} {word}" if current else word
        if current and length(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def too_wide(lines: list[str], width: float, length: Callable[[str], float]) -> bool:
    """Whether a line of wrap's is wider than `width`: a word alone is."""
    return any(length(line) > width + EPSILON for line in lines)


def shown(text: str, length: int = 40) -> str:
    """The start of a text, to name it in a message."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def overflow(field: str, text: str, size: float, unit: str, measure: Measure,
             height_unit: str | None = None, scale: float = 1.0) -> str:  # fmt: skip
    """One line saying that `field`'s text does not fit its box even at its smallest `size`
    (in `unit`), with heights (times `scale`, in `height_unit`) and how much to shorten it.

    A text keeps its box's width, so the height it needs grows with its length: shortening
    it by 1 - allowed/needed brings it into the box."""
    if measure.too_wide:
        return (f"{field} ('{shown(text)}') has a word wider than its box even at {size:g} "
                f"{unit}; shorten the word or split it with a hyphen")  # fmt: skip
    need, have = measure.needed * scale, max(0.0, measure.allowed) * scale
    cut = max(1, math.ceil(100 * (1 - have / need))) if need > 0 else 1
    return (f"{field} ('{shown(text)}') does not fit its box even at the minimum {size:g} "
            f"{unit}: it needs {need:.0f} {height_unit or unit} of height, the box has "
            f"{have:.0f} {height_unit or unit}; shorten it by about {cut} %")  # fmt: skip
