"""Planning the download gallery: leaflet previews and one static page listing every asset."""

from __future__ import annotations

import posixpath

from .content import Campaign, localize
from .output import Output
from .packs import KINDS

SITE = "build/site/index.html"


def gallery(outputs: list[Output], campaign: Campaign) -> list[Output]:
    """Leaflet previews, and the gallery page with every asset, its preview and the packs."""
    previews = [
        Output(
            family="leaflet-preview",
            name=out.name,
            target=out.target.removesuffix(".pdf") + ".png",
            template="",
            doc=f"Preview PNG of the {out.name} leaflet, for the gallery",
            context={"source": out.target},
            lang=out.lang,
            city=out.city,
            params={"width_px": 600},
            needs=[out.target],
        )
        for out in outputs
        if out.family == "leaflet"
    ]
    preview_of = {out.name: out.target for out in previews}
    preview_of |= {out.name: out.target for out in outputs
                   if out.family in ("poster-preview", "deck-preview")}  # fmt: skip
    slides_of = {out.name: [out.target, *out.extra_targets] for out in outputs
                 if out.family == "deck-preview"}  # fmt: skip
    items = []
    for out in outputs:
        if out.family not in KINDS:
            continue
        if out.family == "poster":
            preview = preview_of.get(out.name.rsplit("-", 2)[0])
        elif out.family == "social":
            preview = out.target
        else:
            preview = preview_of.get(out.name)
        items.append(item(campaign, out, preview, slides_of.get(out.name, [])))
    packs = [{"href": link(out.target), "title": out.context["title"], "path": out.target}
             for out in outputs if out.family == "pack"]  # fmt: skip
    main = campaign.main
    languages = {code: language.name for code, language in main.languages.items()}
    context = {
        "lang": next(iter(languages)),
        "created": None,
        "campaign": {"name": main.campaign.name.root, "organiser": main.campaign.organiser.root},
        "ui": {lang: localize(campaign.gallery, lang) for lang in languages},
        "languages": languages,
        "cities": {
            city.id: city.data.name.root.get("en", city.id) for city in campaign.cities.values()
        },
        "items": sorted(items, key=lambda i: (i["kind"], i["lang"] or "", i["href"])),
        "packs": packs,
    }
    previews_shown = {i["preview_path"] for i in items if i["preview_path"]}
    previews_shown |= {path for i in items for path in i["slide_paths"]}
    files = sorted({i["path"] for i in items} | previews_shown | {p["path"] for p in packs})
    site = Output(
        family="site",
        name="index",
        target=SITE,
        template="site/index.html.j2",
        doc="The download gallery: every asset with its preview, filters and packs",
        context=context,
        needs=files,
    )
    return [*previews, site]


def link(target: str) -> str:
    """A link from the gallery page to a file in build/ (relative: works from file://)."""
    return posixpath.relpath(target, posixpath.dirname(SITE))


def item(campaign: Campaign, out: Output, preview: str | None, slides: list[str]) -> dict:
    context = out.context
    texts = context.get("texts") or {}  # social cards: their texts by role
    title = context.get("headline") or texts.get("headline") or texts.get("figure") or (
        context.get("city", {}).get("name") if isinstance(context.get("city"), dict) else None
    ) or out.doc  # fmt: skip
    if out.family == "deck":
        title = context["title"]
    variant = out.params.get("variant")
    return {
        "kind": KINDS[out.family],
        "lang": out.lang,
        "city": out.city,
        "title": title,
        "detail": out.name,
        "variant": variant,
        "href": link(out.target),
        "path": out.target,
        "preview": link(preview) if preview else None,
        "preview_path": preview,
        "slides": [link(path) for path in slides],  # a deck's slide previews
        "slide_paths": slides,
        "alt": context.get("alt") or title,
    }
