"""What to build: every Output of the campaign, each with exactly the content it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .family import Family, Settings
from .registry import FAMILIES

if TYPE_CHECKING:
    from .brand import Brand
    from .content import Campaign
    from .output import Output


def plan(campaign: Campaign, brand: Brand, settings: Settings | None = None,
         families: tuple[Family, ...] = FAMILIES) -> list[Output]:  # fmt: skip
    """Every output of every family, in registry order. Pure: reads nothing, writes nothing."""
    settings = settings or Settings()
    planned: list[Output] = []
    for family in families:
        planned += family.plan(campaign, brand, settings, planned)
    return planned
