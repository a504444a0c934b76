"""Planning asset packs: one zip per language, one per city, and one for print shops, each of
the assets the families before it planned, as their Asset records say."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...family import Family
from ...output import Asset, Bundle, Output, Step

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

PACK = Step("pack", "Asset packs (zip): per language, per city, press; manifest and README.",
            "campaignkit.families.pack.render:write_pack")  # fmt: skip


@dataclass(frozen=True)
class Member:
    """One file of a pack, as its manifest lists it."""

    path: str  # project-relative: build/... or brand/...
    kind: str  # the asset's kind, or 'font' / 'brand'
    language: str | None
    city: str | None
    sidecar: str | None = None  # JSON beside it holding its alt text


@dataclass(frozen=True)
class Context:
    """What a pack holds and says: its title, the campaign's heading line, its files, the
    README's lines on using and licensing them, and the time stamped on every entry."""

    title: str
    heading: str
    files: tuple[Member, ...]
    usage: tuple[str, ...]
    licences: tuple[str, ...]
    stamp: str


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Packs of the assets planned before; each lists exactly its members and their facts.
    A language pack holds the assets in its language that language packs carry (the
    campaign-wide ones, not every city's files); a city pack the city's own assets and the
    campaign-wide ones city packs carry, in the city's languages; the press pack the assets
    for print shops. So a city's edit rewrites that city's pack only."""
    assets = [out.shows for out in before if isinstance(out.shows, Asset)]
    main = campaign.main
    day = main.day.date.isoformat()
    stamp = settings.created or f"{day}T00:00:00Z"  # zip entries need a time: never "now"
    source = next(iter(main.languages))  # the language the content is written in first
    heading = (f"{main.campaign.name[source]} — {main.day.name[source]}, {day}, "
               f"{main.campaign.country[source]}")  # fmt: skip
    # assets that use the brand fonts without embedding them (decks) bring them along
    fonts = (*(f"brand/{rel}" for rel in brand.font_files()), "brand/fonts/OFL.txt")
    planned = []
    for lang in campaign.languages:
        members = [asset for asset in assets if asset.lang == lang and "language" in asset.packs]
        name = main.languages[lang].name
        planned.append(pack(f"language-{lang}", f"Every asset in {name}", members, heading,
                            stamp, fonts, lang))  # fmt: skip
    for city in campaign.cities.values():
        langs = set(city.data.languages)
        members = [
            asset for asset in assets
            if asset.lang in langs
            and (asset.city == city.id or (asset.city is None and "city" in asset.packs))
        ]  # fmt: skip
        english = city.data.name["en"] if "en" in city.data.name.root else city.id
        planned.append(pack(f"city-{city.id}", f"Everything for {english}", members, heading,
                            stamp, fonts))  # fmt: skip
    press = [asset for asset in assets if "press" in asset.packs]
    planned.append(pack("press", "Press-ready posters and the blue heart", press, heading,
                        stamp, fonts, extras=(f"brand/{brand.heart.file}",)))  # fmt: skip
    return [out for out in planned if out.needs]


def pack(name: str, title: str, members: list[Asset], heading: str, stamp: str,
         fonts: tuple[str, ...], lang: str | None = None,
         extras: tuple[str, ...] = ()) -> Output:  # fmt: skip
    if any(asset.fonts for asset in members):
        extras = (*extras, *fonts)
    files = sorted(
        [Member(asset.path, asset.kind, asset.lang, asset.city,
                asset.sidecars[0] if asset.sidecars else None) for asset in members]
        + [Member(rel, "font" if rel in fonts else "brand", None, None)
           for rel in dict.fromkeys(extras)],
        key=lambda member: member.path,
    )  # fmt: skip
    kinds = sorted({asset.kind for asset in members})
    by_kind = {asset.kind: asset for asset in members}
    target = f"build/packs/{name}.zip"
    return Output(
        step=PACK,
        name=name,
        target=target,
        doc=f"{title} (zip with manifest and README)",
        context=Context(
            title=title,
            heading=heading,
            files=tuple(files),
            usage=tuple(line for kind in kinds for line in by_kind[kind].usage),
            licences=tuple(line for kind in kinds for line in by_kind[kind].licences),
            stamp=stamp,
        ),
        lang=lang,
        needs=tuple(member.path for member in files)
        + tuple(sorted(member.sidecar for member in files if member.sidecar)),
        shows=Bundle(title, target),
    )


FAMILY = Family(
    name="pack",
    steps=(PACK,),
    folders=("build/packs",),
    plan=plan,
)
