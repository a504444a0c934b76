"""An output family: everything tasks, packs, the gallery and the sweep need to know of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .brand import Brand
    from .content import Campaign
    from .errors import Problem
    from .output import Output, Step


@dataclass(frozen=True)
class Settings:
    """What the plan knows besides content and brand: found once when the build starts."""

    created: str | None = None  # from SOURCE_DATE_EPOCH: '2022-07-30T00:00:00Z'
    programs: Mapping[str, str | None] = field(default_factory=dict)  # found on PATH, by name


def no_notices(settings: Settings, outputs: list[Output]) -> list[str]:
    return []


@dataclass(frozen=True)
class Family:
    """One family of outputs (leaflets, posters, …), declared in its package's plan.py and
    entered once in campaignkit.registry."""

    name: str
    steps: tuple[Step, ...]
    folders: tuple[str, ...]  # folders of build/ it owns: files no output owns are swept
    # (campaign, brand, settings, outputs planned by the families before it) -> its outputs
    plan: Callable[[Campaign, Brand, Settings, list[Output]], list[Output]]
    programs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> commands
    notices: Callable[[Settings, list[Output]], list[str]] = no_notices  # said on every run
    words: tuple[str, ...] = ()  # the gallery's names of its kinds: 'kinds.leaflet'
    default: bool = True  # built by a plain `doit`; else only when named (`doit proof`)
    gathers: bool = False  # made of the other families' files: sharded builds leave it to
    #                        the assemble step (campaignkit.shards)


def missing_words(campaign: Campaign, words: list[str]) -> list[Problem]:
    """A problem for each word content/gallery.yaml lacks ('kinds.leaflet'): the families'
    names of the kinds and variants of files they make."""
    from .errors import Problem
    from .validation import line_of

    name = "content/gallery.yaml"
    marks = campaign.lines.get(name, {})
    problems = []
    for word in words:
        section, key = word.split(".")
        if key not in getattr(campaign.gallery, section):
            problems.append(Problem(name, line_of(marks, (section,)), word,
                                    "is missing: the gallery's name for this kind of file; add "
                                    "it with a text in each language"))  # fmt: skip
    return problems
