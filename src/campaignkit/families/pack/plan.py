"""Planning asset packs: one zip per language, one per city, and one for print shops, each of
the assets the families before it planned, as their Asset records say."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from ...family import Family
from ...output import Asset, Bundle, Output, Step
from . import readme
from .render import SCHEMA

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

PACK = Step("pack", "Asset packs (zip): per language, per city, press; manifest and README.",
            "campaignkit.families.pack.render:write_pack")  # fmt: skip


#: The kinds of pack, named by content/gallery.yaml `bundles:` ('Everything for {city}').
KINDS = ("language", "city", "press")


@dataclass(frozen=True)
class Member:
    """One file of a pack, as its manifest lists it."""

    path: str  # project-relative: build/... or brand/...
    kind: str  # the asset's kind, or 'font' / 'brand'
    language: str | None
    city: str | None
    variant: str | None = None
    sidecar: str | None = None  # JSON beside it holding its alt text (cards)
    alt: str | None = None  # an image's alt text when it has no sidecar: written beside it
    translation: str | None = None  # 'source', 'draft' or 'approved' (Asset.translation)


@dataclass(frozen=True)
class Context:
    """What a pack holds and says: its title and README in its reader's language, its files,
    and the time stamped on every entry."""

    title: str
    lang: str  # the language of its title and README
    readme: tuple[str, ...]  # README.txt's lines
    files: tuple[Member, ...]
    stamp: str


@dataclass(frozen=True)
class Params:
    """What every pack ships besides its files: the JSON Schema of its manifest."""

    schema: str  # manifest.schema.json as the package ships it


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Packs of the assets planned before; each lists exactly its members and their facts.
    A language pack holds the assets in its language that language packs carry (the
    campaign-wide ones, not every city's files); a city pack the city's own assets and the
    campaign-wide ones city packs carry, in the city's languages; the press pack the assets
    for print shops. So a city's edit rewrites that city's pack only. Each speaks its reader's
    language: a language pack its own, a city pack the city's first, the press pack the
    campaign's source language (its posters are in every language; print shops get one
    README, in the language every translation is made from)."""
    assets = [out.shows for out in before if isinstance(out.shows, Asset)]
    main = campaign.main
    stamp = settings.created or f"{main.day.date.isoformat()}T00:00:00Z"  # never "now"
    source = next(iter(main.languages))  # the language the content is written in first
    params = Params(files(__package__).joinpath(SCHEMA).read_text(encoding="utf-8"))
    # assets that use the brand fonts without embedding them (decks) bring them along
    fonts = tuple(f"brand/{rel}" for rel in (*brand.font_files(), *brand.licences()))

    def titles(kind: str, **values) -> dict[str, str]:
        # the gallery's names of packs (`bundles:`), so that page, manifest and README agree
        return {lang: readme.word(campaign, kind, lang, "bundles",
                                  **{name: value(lang) for name, value in values.items()})
                for lang in main.languages}  # fmt: skip

    def pack(name: str, reader: str, names: dict[str, str], members: list[Asset],
             extras: tuple[str, ...] = (), **where) -> Output:  # fmt: skip
        if any(asset.fonts for asset in members):
            extras = (*extras, *fonts)
        listed = sorted(
            [Member(asset.path, asset.kind, asset.lang, asset.city, asset.variant,
                    asset.sidecars[0] if asset.sidecars else None,
                    None if asset.sidecars or not asset.path.endswith(readme.IMAGES)
                    else asset.alt, asset.translation) for asset in members]
            + [Member(rel, "font" if rel in fonts else "brand", None, None)
               for rel in dict.fromkeys(extras)],
            key=lambda member: member.path,
        )  # fmt: skip
        title = names[reader]
        target = f"build/packs/{name}.zip"
        return Output(
            step=PACK,
            name=name,
            target=target,
            doc=f"{names[source]} (zip with manifest and README)",
            context=Context(
                title=title,
                lang=reader,
                readme=readme.readme(campaign, brand, reader, title, listed),
                files=tuple(listed),
                stamp=stamp,
            ),
            params=params,
            needs=tuple(member.path for member in listed)
            + tuple(sorted(member.sidecar for member in listed if member.sidecar)),
            shows=Bundle(title, target, names),
            **where,  # a language pack's language, a city pack's city
        )

    planned = []
    for lang in campaign.languages:
        members = [asset for asset in assets if asset.lang == lang and "language" in asset.packs]
        names = titles("language", language=lambda ui, code=lang:
                       readme.language_name(campaign, code, ui))  # fmt: skip
        planned.append(pack(f"language-{lang}", lang, names, members, lang=lang))
    for city in campaign.cities.values():
        langs = set(city.data.languages)
        members = [
            asset for asset in assets
            if asset.lang in langs
            and (asset.city == city.id or (asset.city is None and "city" in asset.packs))
        ]  # fmt: skip
        names = titles("city", city=lambda ui, city=city: readme.city_name(city, ui))
        planned.append(pack(f"city-{city.id}", city.data.languages[0], names, members,
                            city=city.id))  # fmt: skip
    press = [asset for asset in assets if "press" in asset.packs]
    planned.append(pack("press", source, titles("press"), press,
                        extras=(f"brand/{brand.heart.file}",)))  # fmt: skip
    return [out for out in planned if out.needs]


FAMILY = Family(
    name="pack",
    steps=(PACK,),
    folders=("build/packs",),
    plan=plan,
    words=(*(f"bundles.{kind}" for kind in KINDS), *(f"readme.{key}" for key in readme.WORDS)),
    gathers=True,
)
