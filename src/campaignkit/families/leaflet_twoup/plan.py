"""Planning two-up sheets: each office leaflet planned before, twice on an A4 landscape sheet
with cut marks, fronts on page 1 and backs on page 2."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...family import Family
from ...output import Output, Step
from ..leaflet.plan import LEAFLET

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

TWOUP = Step("leaflet-twoup", "Leaflets two to an A4 landscape sheet (PDF), double-sided with "
             "cut marks, for office printers.",
             "campaignkit.families.leaflet_twoup.render:render_twoup")  # fmt: skip


@dataclass(frozen=True)
class Source:
    """What a sheet shows: the pages of an office leaflet's PDF, whose metadata it keeps."""

    source: str  # project-relative


@dataclass(frozen=True)
class Sheet:
    """The sheet, in mm: its size, and how far the cut marks at its centre line run in from
    the top and bottom edges (clear of office printers' unprintable edge and of the text)."""

    width: float = 297
    height: float = 210
    marks_from: float = 3
    marks_to: float = 9


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """A two-up sheet of each office leaflet."""
    outputs = []
    for out in before:
        if out.step != LEAFLET:
            continue
        target = out.target.removesuffix(".pdf") + "-twoup.pdf"
        shows = replace(out.shows, path=target, variant="twoup", size="A4")
        outputs.append(Output(
            step=TWOUP, name=out.name, target=target, context=Source(out.target), params=Sheet(),
            doc=f"{out.doc}, two to an A4 sheet for office printers", lang=out.lang,
            city=out.city, needs=(out.target,), shows=shows,
        ))  # fmt: skip
    return outputs


FAMILY = Family(
    name="leaflet-twoup",
    steps=(TWOUP,),
    folders=("build/leaflets",),
    plan=plan,
    words=("kinds.leaflet", "variants.twoup"),
)
