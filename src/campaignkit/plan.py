"""What to build: every Output of the campaign, each with exactly the content it shows."""

from __future__ import annotations

import datetime as dt

from .brand import Brand
from .cards import cards
from .content import Campaign
from .decks import decks
from .leaflets import leaflet
from .output import Output
from .packs import packs
from .posters import posters
from .site import gallery


def plan(campaign: Campaign, brand: Brand, epoch: int | None = None,
         office: str | None = None) -> list[Output]:  # fmt: skip
    """Every output of the campaign; slide previews only with `office`, the LibreOffice
    command. Pure: reads nothing, writes nothing."""
    created = None
    if epoch is not None:
        created = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    leaflets = [
        leaflet(campaign, city, lang, created)
        for city in campaign.cities.values()
        for lang in city.data.languages
    ]
    assets = (leaflets + posters(campaign, brand, created) + cards(campaign, brand, created)
              + decks(campaign, brand, created, office))  # fmt: skip
    bundles = packs(assets, campaign, brand, created)
    return assets + bundles + gallery(assets + bundles, campaign)
