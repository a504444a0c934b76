"""Every output family, in the order they are planned (a family may use those before it)."""

from __future__ import annotations

from .families.deck.plan import FAMILY as DECK
from .families.gallery.plan import FAMILY as GALLERY
from .families.leaflet.plan import FAMILY as LEAFLET
from .families.pack.plan import FAMILY as PACK
from .families.poster.plan import FAMILY as POSTER
from .families.social.plan import FAMILY as SOCIAL

FAMILIES = (
    LEAFLET,
    POSTER,
    SOCIAL,
    DECK,
    PACK,  # packs of the assets above
    GALLERY,  # every asset and pack, last
)
