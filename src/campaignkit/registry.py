"""Every output family, in the order they are planned (a family may use those before it)."""

from __future__ import annotations

from .families.deck.plan import FAMILY as DECK
from .families.gallery.plan import FAMILY as GALLERY
from .families.leaflet.plan import FAMILY as LEAFLET
from .families.leaflet_press.plan import FAMILY as LEAFLET_PRESS
from .families.leaflet_twoup.plan import FAMILY as LEAFLET_TWOUP
from .families.pack.plan import FAMILY as PACK
from .families.poster.plan import FAMILY as POSTER
from .families.proof.plan import FAMILY as PROOF
from .families.social.plan import FAMILY as SOCIAL

FAMILIES = (
    LEAFLET,
    LEAFLET_PRESS,  # the leaflets above, for print shops
    LEAFLET_TWOUP,  # the leaflets above, two to an A4 sheet
    POSTER,
    SOCIAL,
    DECK,
    PACK,  # packs of the assets above
    GALLERY,  # every asset and pack, last
    PROOF,  # every asset on sheets, for a last look (`doit proof`, not a plain `doit`)
)
