"""Copy fitting: each fixed text box gets the largest size of the type scale its text fits at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Layout is in CSS px; tolerances absorb float noise, not real overflow.
EPSILON = 0.01
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Measure:
    """How the text of one box sits in it, in CSS px."""

    needed: float  # height the text takes
    allowed: float  # height the box gives
    too_wide: bool  # a line runs past a side (a word longer than the box is wide)

    @property
    def fits(self) -> bool:
        return self.needed <= self.allowed + EPSILON and not self.too_wide


def measure(document, ids: list[str]) -> dict[str, Measure]:
    """Measure the boxes with these element ids on the document's pages.

    Reads WeasyPrint's layout boxes (private API, version pinned in pyproject.toml): a
    box's line boxes against its content box. RTL text overflows to the left, so both
    sides are checked.
    """
    from weasyprint.formatting_structure.boxes import LineBox

    found: dict[str, Measure] = {}
    for page in document.pages:
        for box in boxes(page):
            element = getattr(box, "element", None)
            key = element.get("id") if element is not None else None
            if key not in ids or key in found:
                continue
            top, left = box.content_box_y(), box.content_box_x()
            lines = [line for line in boxes(box) if isinstance(line, LineBox)]
            bottom = max((line.position_y + line.height for line in lines), default=top)
            too_wide = any(
                line.position_x < left - EPSILON
                or line.position_x + line.width > left + box.width + EPSILON
                for line in lines
            )
            found[key] = Measure(bottom - top, box.height, too_wide)
    missing = sorted(set(ids) - set(found))
    if missing:
        raise LookupError(f"the template has no element with id {', '.join(missing)}")
    return found


def boxes(start):
    """Every layout box under a page (or box), absolutely positioned ones included
    (WeasyPrint's own descendants() stops at their placeholders)."""
    root = getattr(start, "_page_box", start)
    todo = [root]
    while todo:
        box = todo.pop()
        yield box
        todo.extend(reversed(getattr(box, "children", ())))


@dataclass(frozen=True)
class Fitted:
    sizes: dict[str, float]  # chosen size per box
    failures: dict[str, Measure]  # boxes that overflow even at their smallest size
    renders: int


def fit(render: Callable[[dict[str, float]], object], scales: dict[str, list[float]]) -> Fitted:
    """Largest size per box (from `scales`, each descending) at which its text fits.

    Boxes are independent, so all are searched together: each round renders once with
    every box at the middle of its remaining range (a binary search: ~log2(n) renders).
    """
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
        measured = measure(render({key: scales[key][i] for key, i in probe.items()}), list(scales))
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
