"""Planning asset packs: one zip per language, one per city, and one for print shops."""

from __future__ import annotations

from .brand import Brand
from .content import Campaign
from .output import Output

#: Output families that are assets partners download (fits and previews are not).
KINDS = {"leaflet": "leaflet", "poster": "poster", "social": "card", "deck": "deck"}
#: Families of campaign-wide assets every city pack holds (in the city's languages).
SHARED = ("poster", "deck")


def packs(
    outputs: list[Output], campaign: Campaign, brand: Brand, created: str | None
) -> list[Output]:
    """Packs of the assets among `outputs`; each lists exactly its members and their facts."""
    assets = [out for out in outputs if out.family in KINDS]
    main = campaign.main
    day = main.day.date.isoformat()
    stamp = created or f"{day}T00:00:00Z"  # zip entries need a time: never "now"
    source = next(iter(main.languages))  # the language the content is written in first
    heading = (f"{main.campaign.name[source]} — {main.day.name[source]}, {day}, "
               f"{main.campaign.country[source]}")  # fmt: skip
    # decks use the brand fonts without embedding them: packs holding decks ship them
    fonts = (*(f"brand/{rel}" for rel in brand.font_files()), "brand/fonts/OFL.txt")
    planned = []
    for lang in campaign.languages:
        members = [out for out in assets if out.lang == lang]
        name = campaign.main.languages[lang].name
        planned.append(
            pack(
                f"language-{lang}",
                f"Every asset in {name}",
                members,
                heading,
                stamp,
                lang,
                fonts=fonts,
            )
        )
    for city in campaign.cities.values():
        langs = set(city.data.languages)
        # the city's own files, the posters and the talk decks, in the city's languages
        members = [
            out for out in assets
            if out.lang in langs and (out.city == city.id or (out.city is None
                                                             and out.family in SHARED))
        ]  # fmt: skip
        english = city.data.name["en"] if "en" in city.data.name.root else city.id
        planned.append(
            pack(
                f"city-{city.id}", f"Everything for {english}", members, heading, stamp, fonts=fonts
            )
        )
    press = [
        out for out in assets if out.family == "poster" and out.params.get("variant") == "press"
    ]
    extras = (f"brand/{brand.heart}",)
    planned.append(
        pack(
            "press", "Press-ready posters and the blue heart", press, heading, stamp, extras=extras
        )
    )
    return [out for out in planned if out.needs]


def pack(name: str, title: str, members: list[Output], heading: str, stamp: str,
         lang: str | None = None, extras: tuple[str, ...] = (),
         fonts: tuple[str, ...] = ()) -> Output:  # fmt: skip
    if any(out.family == "deck" for out in members):
        extras = (*extras, *fonts)
    files = sorted(
        [{"path": target, "kind": KINDS[out.family], "language": out.lang, "city": out.city}
         for out in members for target in (out.target, *out.extra_targets)
         if not target.endswith(".json")]  # sidecars go into the manifest, not beside it
        + [{"path": rel, "kind": "font" if rel in fonts else "brand", "language": None,
            "city": None} for rel in extras],
        key=lambda item: item["path"],
    )  # fmt: skip
    sidecars = sorted(t for out in members for t in out.extra_targets if t.endswith(".json"))
    return Output(
        family="pack",
        name=name,
        target=f"build/packs/{name}.zip",
        template="",
        doc=f"{title} (zip with manifest and README)",
        context={"title": title, "heading": heading, "files": files, "stamp": stamp},
        lang=lang,
        needs=[item["path"] for item in files] + sidecars,
    )
