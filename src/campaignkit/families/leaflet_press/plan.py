"""Planning press leaflets: each office leaflet planned before (city and national help
leaflets), as the same content on a press page (bleed, slug, CMYK) for print shops."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...family import Family
from ...output import Output, Step
from ..leaflet.plan import LEAFLET, geometry

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

PRESS = Step(
    "leaflet-press",
    "Press leaflets (PDF/X-4, A5, bleed and crop marks), for print shops.",
    "campaignkit.families.leaflet_press.render:render_press_leaflet",
)


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """A press PDF of each leaflet: same content, template and pages, press geometry."""
    outputs = []
    for out in before:
        if out.step != LEAFLET:
            continue
        target = out.target.removesuffix(".pdf") + "-press.pdf"
        shows = replace(out.shows, path=target, variant="press", packs=frozenset({"press"}))
        # PDF/X must carry a date: SOURCE_DATE_EPOCH, else the campaign's day, never "now"
        day = campaign.main.day.date.isoformat()
        context = replace(out.context, created=out.context.created or f"{day}T00:00:00Z")
        outputs.append(replace(
            out, step=PRESS, target=target, doc=f"{out.doc}: press PDF/X-4 with crop marks",
            context=context,
            params=geometry(brand, out.params.pages, out.params.lines, press=True), shows=shows,
        ))  # fmt: skip
    return outputs


FAMILY = Family(
    name="leaflet-press",
    steps=(PRESS,),
    folders=("build/leaflets",),
    plan=plan,
    words=("kinds.leaflet", "variants.press"),
)
