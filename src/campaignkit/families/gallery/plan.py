"""Planning the download gallery: one static page listing every asset and pack planned before
it, as their Asset and Bundle records say."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...content import localize
from ...family import Family
from ...output import Asset, Bundle, Output, Step

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

SITE = "build/site/index.html"
STEP = Step("site", "The download gallery (build/site/index.html) with previews and filters.",
            "campaignkit.families.gallery.render:render_site")  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One asset as a tile of the gallery shows it (links relative to the page)."""

    kind: str
    lang: str | None
    city: str | None
    title: str
    variant: str | None
    href: str
    path: str
    preview: str | None
    preview_path: str | None
    slides: tuple[str, ...]  # a deck's slide previews
    slide_paths: tuple[str, ...]
    alt: str


@dataclass(frozen=True)
class Pack:
    title: str
    href: str
    path: str


@dataclass(frozen=True)
class Context:
    """What the gallery shows: every asset and pack, and its words in every language."""

    lang: str
    created: str | None
    campaign: dict[str, dict[str, str]]
    ui: dict[str, dict[str, str]]  # language -> word key -> word
    languages: dict[str, str]
    cities: dict[str, str]
    items: tuple[Item, ...]
    packs: tuple[Pack, ...]


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """The gallery page, with every asset, its preview and the packs."""
    items = [item(out.shows) for out in before if isinstance(out.shows, Asset)]
    packs = [Pack(out.shows.title, link(out.shows.path), out.shows.path)
             for out in before if isinstance(out.shows, Bundle)]  # fmt: skip
    main = campaign.main
    languages = {code: language.name for code, language in main.languages.items()}
    context = Context(
        lang=next(iter(languages)),
        created=None,
        campaign={"name": main.campaign.name.root, "organiser": main.campaign.organiser.root},
        ui={lang: words(campaign, lang) for lang in languages},
        languages=languages,
        cities={
            city.id: city.data.name.root.get("en", city.id) for city in campaign.cities.values()
        },
        items=tuple(sorted(items, key=lambda i: (i.kind, i.lang or "", i.href))),
        packs=tuple(packs),
    )
    shown = {i.preview_path for i in items if i.preview_path}
    shown |= {path for i in items for path in i.slide_paths}
    files = sorted({i.path for i in items} | shown | {p.path for p in packs})
    return [
        Output(
            step=STEP,
            name="index",
            target=SITE,
            template="site/index.html.j2",
            doc="The download gallery: every asset with its preview, filters and packs",
            context=context,
            needs=tuple(files),
        )
    ]


def words(campaign: Campaign, lang: str) -> dict[str, str]:
    """The gallery's words in `lang`, the names of kinds and variants among them."""
    found = localize(campaign.gallery, lang)
    kinds, variants = found.pop("kinds"), found.pop("variants")
    return {**found, **kinds, **variants}


def link(target: str) -> str:
    """A link from the gallery page to a file in build/ (relative: works from file://)."""
    return posixpath.relpath(target, posixpath.dirname(SITE))


def item(asset: Asset) -> Item:
    return Item(
        kind=asset.kind,
        lang=asset.lang,
        city=asset.city,
        title=asset.title,
        variant=asset.variant,
        href=link(asset.path),
        path=asset.path,
        preview=link(asset.preview) if asset.preview else None,
        preview_path=asset.preview,
        slides=tuple(link(path) for path in asset.slides),
        slide_paths=asset.slides,
        alt=asset.alt,
    )


FAMILY = Family(
    name="gallery",
    steps=(STEP,),
    folders=("build/site",),
    plan=plan,
)
