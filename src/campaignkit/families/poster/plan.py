"""Planning posters: each theme, story and the lit-up day, per language, size and variant:
the type sizes that fit, press and office PDFs, and a preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ... import review
from ...aid import printed, where_to_get_help
from ...colours import device_cmyk
from ...family import Family
from ...labels import fill
from ...locales import direction, long_date, tag
from ...output import Asset, Output, Step
from ...render import preview

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

RENDER = "campaignkit.families.poster.render"
FIT = Step(
    "poster-fit",
    "Type sizes at which each poster's text fits, per language (JSON).",
    f"{RENDER}:fit_poster",
)
POSTER = Step(
    "poster",
    "Posters (PDF): press PDF/X-4 with bleed and crop marks, and office.",
    f"{RENDER}:render_poster",
)
PREVIEW = Step(
    "poster-preview",
    "Preview PNGs of the posters, for the gallery.",
    preview.ACTION,
    preview.REVISION,
    brand=False,
)
#: The composition of theme and day posters: the beam falls straight down on the heart.
CENTRE = "centre"
#: The story posters' compositions, in turn (templates/poster/layouts.j2 draws each): the
#: beam from the top left, from the top right, and a narrow spot from above on a lower heart.
STORY_LAYOUTS = ("from-left", "from-right", "spot")


@dataclass(frozen=True)
class Centre:
    """A centre as the poster names it: 'PAG-ASA', 'Bruxelles', 'pag-asa.be'."""

    name: str
    city: str | None
    site: str | None


@dataclass(frozen=True)
class Help:
    """Where to get help, as the poster shows it (no phone numbers: the sources give none)."""

    title: str  # 'Où trouver de l'aide'
    site: str | None  # the contact point's address, printed large and never wrapped
    name: str | None  # the contact point's name
    note: str | None  # on the languages of its site, where the poster's is not one of them
    centres_title: str
    centres: tuple[Centre, ...]


@dataclass(frozen=True)
class Context:
    """What a poster shows, in its one language (the template's `c`)."""

    lang: str  # the content's code: 'prs'
    locale: str
    tag: str  # the document's BCP 47 tag: 'fa-AF'
    dir: str  # 'rtl' for a language written right to left: the layout mirrors
    draft: bool
    created: str
    campaign: dict[str, str]
    kicker: str
    headline: str
    support: str
    places: str | None
    day: dict[str, str]
    help: Help
    qr: str | None  # the contact point's address in this language, else the poster's link
    qr_alt: str | None  # the QR code's text alternative
    heart_alt: str  # the blue heart's, in tagged office PDFs ('The Blue Heart')


@dataclass(frozen=True)
class Params:
    """A poster's page: its geometry, colours and type (the template's `p`, with the fitted
    `sizes` and the `heart` added when it renders)."""

    variant: str  # 'press' or 'office'
    layout: str  # the composition of beam, pool, heart and panel: CENTRE or a STORY_LAYOUTS
    k: float  # scale of the design from the reference size
    page_w: float  # mm: the whole sheet (press: trim + bleed + slug on each side)
    page_h: float
    sheet_x: float  # where the trimmed poster sits on the page
    sheet_y: float
    trim_w: float
    trim_h: float
    bleed: float
    colors: dict[str, str]  # CSS colours by brand name (press: device-cmyk)
    type: dict[str, float] = field(default_factory=dict)  # fixed sizes, pt at the reference
    fit: dict[str, list[float]] = field(default_factory=dict)  # fitted boxes: sizes to try
    slug: float = 0  # press only: room for crop marks outside the bleed
    profile: str | None = None  # press only: the CMYK output intent, under brand/
    profile_name: str | None = None
    condition: str | None = None
    min_dpi: int | None = None


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """For each poster and language: a fit, press and office PDFs, and a preview."""
    outputs = []
    for poster_id, texts in poster_texts(campaign).items():
        for lang in campaign.languages:
            with review.reading() as read:  # what it shows: a draft while one awaits review
                context = poster_context(campaign, texts, lang, settings.created)
            planned = poster_outputs(brand, poster_id, lang, context, texts["layout"])
            outputs += review.marked(campaign, planned, read)
    return outputs


def poster_texts(campaign: Campaign) -> dict[str, dict]:
    """What each poster says, as Text per field (theme, story or the day's lit buildings)."""
    main, labels = campaign.main, campaign.labels
    texts = {}
    for theme in main.themes:
        texts[theme.id] = dict(
            kicker=main.campaign.name,
            headline=theme.title,
            support=theme.call,
            link=theme.link,
            layout=CENTRE,
        )
    for i, (story_id, story) in enumerate(campaign.stories.items()):
        texts[story_id] = dict(
            layout=STORY_LAYOUTS[i % len(STORY_LAYOUTS)],
            kicker=labels.spotlight_kicker,
            headline=story.data.title,
            support=story.data.text,
            link=story.data.link,
        )
    texts["lit-up-blue"] = dict(
        kicker=main.campaign.name,
        headline=labels.lit_up_headline,
        support=labels.lit_up_support,
        link=None,
        places=True,
        layout=CENTRE,
    )
    return texts


def lit_places(campaign: Campaign, lang: str) -> str:
    """'Bruxelles (Grand-Place, Palais d'Egmont) · Anvers · …': the cities lighting up blue."""
    parts = []
    for city in campaign.cities.values():
        lit = [event for event in city.data.events if event.kind == "illumination"]
        if not lit or lang not in city.data.name.root:
            continue
        places = [event.place[lang] for event in lit if event.place and lang in event.place.root]
        name = city.data.name[lang]
        parts.append(f"{name} ({', '.join(places)})" if places else name)
    return " · ".join(parts)


def poster_context(campaign: Campaign, texts: dict, lang: str, created: str | None) -> Context:
    main, labels = campaign.main, campaign.labels
    language = main.languages[lang]
    aid = where_to_get_help(campaign, lang)
    point = aid.point
    day = {"date": main.day.date.isoformat(), "name": main.day.name[lang]}
    # the QR code leads to help; a campaign without a contact point links its poster's page
    qr = point.url if point else texts["link"] or main.campaign.website
    support = texts["support"][lang]
    if texts.get("places"):
        support = fill(support, date=long_date(day["date"], language.locale))
    return Context(
        lang=lang,
        locale=language.locale,
        tag=tag(lang, language.locale),
        dir=direction(language.locale),
        draft=language.status == "needs-native-review",
        # PDF/X must carry a date: SOURCE_DATE_EPOCH, else the day itself, never "now"
        created=created or f"{day['date']}T00:00:00Z",
        campaign={"name": main.campaign.name[lang], "organiser": main.campaign.organiser[lang]},
        kicker=texts["kicker"][lang],
        headline=texts["headline"][lang],
        support=support,
        places=lit_places(campaign, lang) if texts.get("places") else None,
        day=day,
        help=Help(
            title=aid.title,
            site=point.site if point else None,
            name=point.name if point else None,
            note=point.note if point else None,
            centres_title=labels.help_centres[lang],
            centres=tuple(Centre(centre.name, centre.city, centre.site) for centre in aid.centres),
        ),
        qr=qr,
        qr_alt=point.qr_alt if point else (fill(labels.qr[lang], site=printed(qr)) if qr else None),
        heart_alt=labels.blue_heart_title[lang],
    )


def poster_outputs(
    brand: Brand, poster_id: str, lang: str, context: Context, layout: str = CENTRE
) -> list[Output]:
    spec = brand.poster
    ref_w, ref_h = spec.sizes[spec.reference]
    base = f"{poster_id}-{lang}"
    folder = f"build/posters/{poster_id}"
    fit_file = f"build/.fit/poster-{base}.json"
    common = {
        "layout": layout,
        "type": {"kicker": spec.kicker, "date": spec.date, "small": spec.small},
        "fit": {"headline": brand.scale_between(spec.headline),
                "support": brand.scale_between(spec.support),
                "address": brand.scale_between(spec.address),
                "help": brand.scale_between(spec.help)},
    }  # fmt: skip
    name = context.headline
    outputs = [
        Output(
            step=FIT,
            name=base,
            target=fit_file,
            template="poster/poster.html.j2",
            doc=f"Type sizes that fit poster {poster_id} in {lang}",
            context=context,
            lang=lang,
            params=press_geometry(brand, ref_w, ref_h, 1.0, **common),
        )
    ]
    first_office = f"{folder}/{base}-{next(iter(spec.office)).lower()}-office.pdf"
    shown = f"{folder}/{base}.png"
    variants = [
        (size, f"press PDF/X-4 of '{name}' ({lang}), bleed and crop marks",
         press_geometry(brand, width, height, width / ref_w, **common))
        for size, (width, height) in spec.sizes.items()
    ] + [
        (size, f"office PDF of '{name}' ({lang}), white margins",
         office_geometry(brand, width, height, **common))
        for size, (width, height) in spec.office.items()
    ]  # fmt: skip
    for size, what, geometry in variants:
        target = f"{folder}/{base}-{size.lower()}-{geometry.variant}.pdf"
        # office posters in the language and city packs; press posters in the press pack
        packs = {"press"} if geometry.variant == "press" else {"language", "city"}
        outputs.append(
            Output(
                step=POSTER,
                name=f"{base}-{size.lower()}-{geometry.variant}",
                target=target,
                template="poster/poster.html.j2",
                doc=f"{size} {what}",
                context=context,
                lang=lang,
                params=geometry,
                needs=(fit_file,),
                shows=Asset(
                    kind="poster",
                    group=f"poster:{poster_id}",
                    size=size,
                    title=name,
                    alt=name,
                    lang=lang,
                    city=None,
                    path=target,
                    preview=shown,
                    variant=geometry.variant,
                    packs=frozenset(packs),
                ),
            )
        )
    outputs.append(
        Output(
            step=PREVIEW,
            name=base,
            target=shown,
            doc=f"Preview PNG of poster {poster_id} in {lang}",
            context=preview.Source(first_office),
            lang=lang,
            params=preview.Width(800),
            needs=(first_office,),
        )
    )
    return outputs


def press_geometry(brand: Brand, width: float, height: float, k: float, **common) -> Params:
    """A press page: the trim, the bleed around it, and a slug with crop marks outside that."""
    bleed, slug = brand.press.bleed_mm, brand.press.slug_mm
    edge = bleed + slug
    return Params(
        variant="press",
        k=k,
        page_w=width + 2 * edge,
        page_h=height + 2 * edge,
        sheet_x=edge,
        sheet_y=edge,
        trim_w=width,
        trim_h=height,
        bleed=bleed,
        colors={name: device_cmyk(cmyk) for name, cmyk in brand.cmyk.items()},
        slug=slug,
        profile=brand.press.profile,
        profile_name=brand.press.profile_name,
        condition=brand.press.condition,
        min_dpi=brand.press.min_dpi,
        **common,
    )


def office_geometry(brand: Brand, width: float, height: float, **common) -> Params:
    """An office page: the design scaled to fit inside white margins, centred, no marks."""
    spec = brand.poster
    ref_w, ref_h = spec.sizes[spec.reference]
    margin = spec.office_margin_mm
    k = min((width - 2 * margin) / ref_w, (height - 2 * margin) / ref_h)
    return Params(
        variant="office",
        k=k,
        page_w=width,
        page_h=height,
        sheet_x=(width - ref_w * k) / 2,
        sheet_y=(height - ref_h * k) / 2,
        trim_w=ref_w * k,
        trim_h=ref_h * k,
        bleed=0,
        colors=dict(brand.colors),
        **common,
    )


FAMILY = Family(
    name="poster",
    steps=(FIT, POSTER, PREVIEW),
    folders=("build/posters", "build/.fit"),
    plan=plan,
    words=("kinds.poster", "variants.press", "variants.office"),
)
