"""What to build: every Output of the campaign, each with exactly the content it shows."""

from __future__ import annotations

import datetime as dt

from .brand import Brand
from .content import Campaign
from .leaflets import leaflet
from .output import Output
from .posters import posters


def plan(campaign: Campaign, brand: Brand, epoch: int | None = None) -> list[Output]:
    """Every output of the campaign. Pure: reads nothing, writes nothing."""
    created = None
    if epoch is not None:
        created = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    leaflets = [
        leaflet(campaign, city, lang, created)
        for city in campaign.cities.values()
        for lang in city.data.languages
    ]
    return leaflets + posters(campaign, brand, created)
