"""Planning A5 leaflets: one per city and language, and the national help leaflet in every
language, each with exactly the content it shows, and a preview PNG of each for the gallery."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from ... import review
from ...aid import Aid, where_to_get_help
from ...colours import device_cmyk
from ...content import localize
from ...family import Family
from ...locales import direction, tag
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
#: Labels the national help leaflet prints.
HELP_LABELS = ("what_is", "help_title", "help_centres", "blue_heart_title", "review_pending")

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
    tag: str  # the BCP 47 tag it declares: 'fa-AF' for Dari
    dir: str  # 'rtl' or 'ltr'
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
class HelpContext:
    """What the national help leaflet shows, in its one language (the template's `c`)."""

    lang: str
    tag: str
    dir: str
    locale: str
    draft: bool
    created: str | None
    labels: dict[str, str]
    campaign: dict[str, str]
    day: dict
    trafficking: dict
    leaflet: dict  # help.leaflet: its title, the heading over what help there is, ...
    rights: list[str]  # what a victim can get and do, one fact each
    help: Aid
    qr: tuple[tuple[tuple[bool, int], ...], ...] | None


@dataclass(frozen=True)
class Page:
    """A page section of the layout (id="page-N") and what it holds, to say what to shorten."""

    holds: str


@dataclass(frozen=True)
class Line:
    """A text that must stay on one line (a web address): the box id="<name>" holds it in an
    inline-block id="<name>-text", which is wider than the box when it runs over."""

    name: str
    what: str  # "the contact point's address"
    text: str  # 'stopmensenhandel.be'
    fix: str  # what to change if it runs over


@dataclass(frozen=True)
class Params:
    """A leaflet's pages and geometry (the template's `p`): office (white margins) or press
    (trim + bleed + slug on each side, as render/press.py finishes it)."""

    pages: tuple[Page, ...]
    lines: tuple[Line, ...] = ()
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
    """Each city's leaflet in each of its languages, the national help leaflet in every
    language (where content/campaign.yaml has `help.leaflet`), and a preview of each."""
    outputs = []
    for city in campaign.cities.values():
        for lang in city.data.languages:
            with review.reading() as read:  # what it shows: a draft while one awaits review
                out = leaflet(campaign, brand, city, lang, settings.created)
            # a city's own: its city pack carries it, whatever `packs` says
            planned = shown(out, brand, out.context.headline["title"], frozenset())
            outputs += review.marked(campaign, planned, read)
    if campaign.main.help.leaflet is not None:
        for lang in campaign.languages:
            with review.reading() as read:
                out = help_leaflet(campaign, brand, lang, settings.created)
            # campaign-wide: in the language packs and in the packs of cities that speak it
            planned = shown(out, brand, out.context.leaflet["title"],
                            frozenset({"language", "city"}))  # fmt: skip
            outputs += review.marked(campaign, planned, read)
    return outputs


def shown(out: Output, brand: Brand, title: str, packs: frozenset[str]) -> list[Output]:
    """The leaflet with what partners get of it, and its preview."""
    preview_png = Output(
        step=PREVIEW,
        name=out.name,
        target=out.target.removesuffix(".pdf") + ".png",
        doc=f"Preview PNG of the {out.name} leaflet, for the gallery",
        context=preview.Source(out.target),
        params=preview.Width(600),
        lang=out.lang,
        city=out.city,
        needs=(out.target,),
    )
    group = f"leaflet:{out.city}" if out.city else "leaflet:help"
    asset = Asset(kind="leaflet", group=group, title=title, alt=title, lang=out.lang,
                  city=out.city, path=out.target, preview=preview_png.target, variant="office",
                  size=brand.leaflet.page, packs=packs)  # fmt: skip
    return [replace(out, shows=asset), preview_png]


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
    headline, *others = main.themes
    image = None
    if city.data.image:
        image = {"src": f"content/{city.data.image}", "alt": city.data.image_alt[lang]}
    shared = common(campaign, lang, created, LABELS)
    aid = shared["help"]
    context = Context(
        **shared,
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
        params=geometry(brand, pages_of(city.file), lines_of(aid)),
        lang=lang,
        city=city.id,
        needs=(image["src"],) if image else (),
    )


def common(campaign: Campaign, lang: str, created: str | None, shown: tuple[str, ...]) -> dict:
    """The fields both leaflets' contexts share: language and direction, the `shown` labels
    (and the phone's where a centre has one), the campaign, the day, where to get help."""
    main = campaign.main
    language = main.languages[lang]
    used = [*shown, "phone"] if any(c.phone for c in main.help.centres) else shown
    aid = where_to_get_help(campaign, lang)
    return {
        "lang": lang,
        "tag": tag(lang, language.locale),
        "dir": direction(language.locale),
        "locale": language.locale,
        "draft": language.status == "needs-native-review",
        "created": created,
        "labels": {name: getattr(campaign.labels, name)[lang] for name in used},
        "campaign": {"name": main.campaign.name[lang], "organiser": main.campaign.organiser[lang]},
        "day": localize(main.day, lang),
        "help": aid,
        "qr": qr_runs(aid.point.url) if aid.point else None,
    }


def help_leaflet(campaign: Campaign, brand: Brand, lang: str, created: str | None) -> Output:
    """The national help leaflet in `lang`: what trafficking is, what help a person can get,
    and where (the contact point with its QR code, the centres); no city."""
    main = campaign.main
    language = main.languages[lang]
    shared = common(campaign, lang, created, HELP_LABELS)
    aid = shared["help"]
    texts = localize(main.help.leaflet, lang)
    # the contact point's own text stands beside its address, behind
    rights = [aid.text, texts["confidential"], *([aid.minors] if aid.minors else [])]
    context = HelpContext(
        **shared,
        trafficking=localize(main.trafficking, lang),
        leaflet={"title": texts["title"], "rights_title": texts["rights_title"]},
        rights=rights,
    )
    where = "content/campaign.yaml"
    pages = (Page(f"help.leaflet, trafficking or the help texts in {where}"),
             Page(f"the help texts in {where}"))  # fmt: skip
    return Output(
        step=LEAFLET,
        name=f"help-{lang}",
        target=f"build/leaflets/help-{lang}.pdf",
        template="leaflet/help.html.j2",
        doc=f"A5 help leaflet for Belgium in {language.name}",
        context=context,
        params=geometry(brand, pages, lines_of(aid)),
        lang=lang,
    )


def lines_of(aid: Aid) -> tuple[Line, ...]:
    """The web addresses a leaflet prints, each on one line: what to shorten if one runs
    over (a longer address, a larger type size, a narrower column)."""
    fix = "give a shorter address in content/campaign.yaml ({}), or smaller leaflet type sizes"
    lines = []
    if aid.point:
        lines.append(Line("address", "the contact point's address", aid.point.site,
                          fix.format("help.point.sites") + " in brand/brand.yaml"))  # fmt: skip
    lines += [Line(f"site-{number}", f"{centre.name}'s address", centre.site,
                   fix.format(f"help.centres[{number - 1}].website") + " in brand/brand.yaml")
              for number, centre in enumerate(aid.centres, start=1) if centre.site]  # fmt: skip
    return tuple(lines)


@cache  # a pure function of the address: one per address in a run, not one per leaflet
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


def geometry(brand: Brand, pages: tuple[Page, ...], lines: tuple[Line, ...] = (),
             press: bool = False) -> Params:  # fmt: skip
    """The office leaflet's page (white margins, sRGB), or the press one: the same trimmed
    page with bleed and a slug for crop marks around it, in CMYK."""
    width, height = PAGE_MM[brand.leaflet.page]
    office = Params(pages=pages, lines=lines, trim_w=width, trim_h=height,
                    margin=brand.leaflet.margin_mm, colors=dict(brand.colors))  # fmt: skip
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
