"""Planning A5 city leaflets: one per city and language, with exactly the content each shows,
and a preview PNG of each for the gallery."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...aid import Aid, where_to_get_help
from ...colours import device_cmyk
from ...content import localize
from ...family import Family
from ...output import Asset, Output, Step
from ...render import preview

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign, City
    from ...family import Settings

#: Labels the leaflet template prints (the phone label only where a contact has a phone).
LABELS = ("events_title", "illumination", "illumination_city", "stand", "stand_plain",
          "theme_line", "what_is", "figures_title", "source", "spotlight", "blue_heart_title",
          "help_title", "review_pending")  # fmt: skip

LEAFLET = Step("leaflet", "A5 leaflets (PDF) for city organisers: one per city and language.",
               "campaignkit.families.leaflet.render:render_leaflet")  # fmt: skip
PREVIEW = Step("leaflet-preview", "Preview PNGs of the leaflets, for the gallery.",
               preview.ACTION, preview.REVISION, brand=False)  # fmt: skip
#: Trimmed page sizes brand.leaflet.page may name, in mm (width, height).
PAGE_MM = {"A5": (148, 210), "A4": (210, 297)}


@dataclass(frozen=True)
class Context:
    """What a leaflet shows, in its one language (the template's `c`)."""

    lang: str
    locale: str
    draft: bool
    created: str | None
    labels: dict[str, str]
    campaign: dict[str, str]
    day: dict
    headline: dict[str, str]
    themes: list[dict[str, str]]
    trafficking: dict
    figures: dict
    blue_heart: dict
    help: Aid
    qr: tuple[tuple[tuple[bool, int], ...], ...] | None  # the QR code to help.point.url
    stories: list[str]
    city: dict


@dataclass(frozen=True)
class Page:
    """A page section of the layout (id="page-N") and what it holds, to say what to shorten."""

    holds: str


@dataclass(frozen=True)
class Params:
    """A leaflet's pages and geometry (the template's `p`): office (white margins) or press
    (trim + bleed + slug on each side, as render/press.py finishes it)."""

    pages: tuple[Page, ...]
    variant: str = "office"  # 'office' or 'press'
    trim_w: float = 148  # mm: the leaflet as cut
    trim_h: float = 210
    margin: float = 11  # mm inside the trim
    bleed: float = 0  # press only: backgrounds run this far past the trim
    slug: float = 0  # press only: room for crop marks outside the bleed
    colors: dict[str, str] = field(default_factory=dict)  # CSS colours (press: device-cmyk)
    profile: str | None = None  # press only: the CMYK output intent, under brand/
    profile_name: str | None = None
    condition: str | None = None
    min_dpi: int | None = None


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Each city's leaflet in each of its languages, and its preview."""
    outputs = []
    for city in campaign.cities.values():
        for lang in city.data.languages:
            out = leaflet(campaign, brand, city, lang, settings.created)
            shown = Output(
                step=PREVIEW,
                name=out.name,
                target=out.target.removesuffix(".pdf") + ".png",
                doc=f"Preview PNG of the {out.name} leaflet, for the gallery",
                context=preview.Source(out.target),
                params=preview.Width(600),
                lang=lang,
                city=city.id,
                needs=(out.target,),
            )
            title = out.context.headline["title"]
            # a city's own: its city pack carries it, whatever `packs` says
            asset = Asset(kind="leaflet", group=f"leaflet:{city.id}", title=title, alt=title,
                          lang=lang, city=city.id,
                          path=out.target, preview=shown.target, variant="office",
                          size=brand.leaflet.page, packs=frozenset())  # fmt: skip
            outputs += [replace(out, shows=asset), shown]
    return outputs


def leaflet(campaign: Campaign, brand: Brand, city: City, lang: str,
            created: str | None) -> Output:  # fmt: skip
    main = campaign.main
    language = main.languages[lang]
    events = localize(city.data.events, lang)
    if main.launch.city == city.id:
        launch = main.launch
        events.append({"date": launch.date.isoformat(), "kind": "launch", "time": None,
                       "place": None, "organisers": [], "title": launch.title[lang],
                       "description": launch.text[lang]})  # fmt: skip
    events.sort(key=lambda event: (event["date"], event["time"] or ""))
    labels = localize(campaign.labels, lang)
    used = [*LABELS, "phone"] if any(c.phone for c in main.help.centres) else LABELS
    headline, *others = main.themes
    aid = where_to_get_help(campaign, lang)
    image = None
    if city.data.image:
        image = {"src": f"content/{city.data.image}", "alt": city.data.image_alt[lang]}
    context = Context(
        lang=lang,
        locale=language.locale,
        draft=language.status == "needs-native-review",
        created=created,
        labels={name: labels[name] for name in used},
        campaign={"name": main.campaign.name[lang], "organiser": main.campaign.organiser[lang]},
        day=localize(main.day, lang),
        headline={
            "title": headline.title[lang],
            "summary": headline.summary[lang],
            "call": headline.call[lang],
        },
        themes=[{"by": theme.by[lang], "title": theme.title[lang]} for theme in others],
        trafficking=localize(main.trafficking, lang),
        figures={
            "source": main.figures.source[lang],
            "items": [
                {"value": item.value, "label": item.label[lang]} for item in main.figures.items
            ],
        },
        blue_heart=localize(main.blue_heart, lang),
        help=aid,
        qr=qr_runs(aid.point.url) if aid.point else None,
        stories=[story.data.title[lang] for story in campaign.stories.values()],
        city={"name": city.data.name[lang], "events": events, "image": image},
    )
    city_name = city.data.name["en"] if "en" in city.data.name.root else city.id
    return Output(
        step=LEAFLET,
        name=f"{city.id}-{lang}",
        target=f"build/leaflets/{city.id}-{lang}.pdf",
        template="leaflet/leaflet.html.j2",
        doc=f"A5 leaflet for {city_name} in {language.name}",
        context=context,
        params=geometry(brand, pages_of(city.file)),
        lang=lang,
        city=city.id,
        needs=(image["src"],) if image else (),
    )


def qr_runs(url: str) -> tuple[tuple[tuple[bool, int], ...], ...]:
    """The QR code of `url`, each row as runs of (dark, modules), no quiet zone: drawn in CSS,
    so press PDFs get it in CMYK (WeasyPrint draws SVG colours in RGB)."""
    import segno

    rows = []
    for row in segno.make(url, error="m", micro=False).matrix:
        runs: list[tuple[bool, int]] = []
        for module in row:
            if runs and runs[-1][0] == bool(module):
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((bool(module), 1))
        rows.append(tuple(runs))
    return tuple(rows)


def pages_of(city_file: str) -> tuple[Page, ...]:
    """What each page holds, to say what to shorten when it runs over."""
    return (
        Page(f"the events in {city_file} or the theme texts in content/campaign.yaml"),
        Page("the campaign texts in content/campaign.yaml"),
    )


def geometry(brand: Brand, pages: tuple[Page, ...], press: bool = False) -> Params:
    """The office leaflet's page (white margins, sRGB), or the press one: the same trimmed
    page with bleed and a slug for crop marks around it, in CMYK."""
    width, height = PAGE_MM[brand.leaflet.page]
    office = Params(pages=pages, trim_w=width, trim_h=height, margin=brand.leaflet.margin_mm,
                    colors=dict(brand.colors))  # fmt: skip
    if not press:
        return office
    spec = brand.press
    return replace(office, variant="press", bleed=spec.bleed_mm, slug=spec.slug_mm,
                   colors={name: device_cmyk(cmyk) for name, cmyk in brand.cmyk.items()},
                   profile=spec.profile, profile_name=spec.profile_name,
                   condition=spec.condition, min_dpi=spec.min_dpi)  # fmt: skip


FAMILY = Family(
    name="leaflet",
    steps=(LEAFLET, PREVIEW),
    folders=("build/leaflets",),
    plan=plan,
    words=("kinds.leaflet",),
)
