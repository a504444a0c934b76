"""Planning slide decks: the launch-event deck and the partner talk deck, in every language,
as slides of layouts (by name) with what each placeholder (by idx) shows, and notes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from babel import Locale

from ... import review
from ...aid import where_to_get_help
from ...family import Family
from ...labels import fill
from ...locales import NBSP, join_list, long_date, millions
from ...output import Asset, Output, Step
from .slides import Chart, Fill, Paragraph, Picture, Slide, Text

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

#: Decks: id -> its line in `doit list` (they differ in their title slide only).
DECKS = {
    "launch": "The launch-event deck (25 July, Brussels)",
    "talk": "The partner talk deck",
}
DECK = Step(
    "deck",
    "Slide decks (PPTX, 16:9) on the brand master: launch and partner talk.",
    "campaignkit.families.deck.render:render_deck",
)
PREVIEW = Step(
    "deck-preview",
    "PDFs of the decks (LibreOffice, brand fonts embedded) and their slide previews (PNG).",
    "campaignkit.families.deck.office:render_slides",
    brand=False,
)
#: LibreOffice, for the decks' PDFs and slide previews (Debian: libreoffice-impress).
OFFICE = {"libreoffice": ("soffice", "libreoffice")}


@dataclass(frozen=True)
class Context:
    """What a deck shows in its one language: its properties and slides."""

    lang: str
    language: str  # the language tag of every text run: 'fr-BE'
    created: str
    title: str
    subject: str
    author: str
    keywords: str
    heart_alt: str
    rtl: bool
    slides: tuple[Slide, ...]


@dataclass(frozen=True)
class Params:
    heart_px: int  # height of the heart picture


@dataclass(frozen=True)
class SlideCount:
    """What a deck's PDF and slide previews show: every slide of the deck they need, and the
    date the PDF says it was made (the deck's own, never the time of the build)."""

    slides: int
    created: str


@dataclass(frozen=True)
class PreviewParams:
    width: int  # px
    program: str  # the LibreOffice command


def text(role: str, *paragraphs: str | tuple[str, bool] | None) -> Text:
    """A placeholder's text: paragraphs of one run each, a (text, bold) pair where bold. A line
    break in content (a blank line in a folded YAML block) starts a paragraph; tabs are
    spaces (slides have no tab stops the fitting could know)."""
    paras = []
    for para in paragraphs:
        if para is None:
            continue
        body, bold = (para, False) if isinstance(para, str) else para
        for line in body.replace("\t", " ").split("\n"):
            if line.strip():
                paras.append(Paragraph(line.strip(), bold))
    return Text(role, tuple(paras))


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Each deck in each language, and its PDF and slide previews when LibreOffice was
    found."""
    office = settings.programs.get("libreoffice")
    outputs = []
    main_city = campaign.main.launch.city  # the launch deck belongs to the launch city
    decks = campaign.main.decks
    for deck_id, doc in DECKS.items():
        for lang in decks.languages if decks else campaign.languages:
            with review.reading() as read:  # what it shows: a draft while one awaits review
                context = deck_context(campaign, deck_id, lang, settings.created)
            draft = review.draft(campaign, read)
            context = noticed(campaign, context, draft)
            name = f"{deck_id}-{lang}"
            target = f"build/decks/{name}.pptx"
            pdf = f"build/decks/{name}.pdf"
            count = len(context.slides)
            slides = [f"build/decks/previews/{name}/slide-{n:02}.png" for n in range(1, count + 1)]
            city = main_city if deck_id == "launch" else None
            # one gallery tile for the deck: its PPTX and PDF in every language
            shown = Asset(
                kind="deck",
                group=f"deck:{deck_id}",
                title=context.title,
                alt=context.title,
                lang=lang,
                city=city,
                path=target,
                preview=slides[0] if office else None,
                slides=tuple(slides) if office else (),
                # the talk deck is for any partner: every city pack carries it
                packs=frozenset({"language", "city"}),
                translation=review.state(campaign, lang, draft),
            )
            outputs.append(
                Output(
                    step=DECK,
                    name=name,
                    target=target,
                    doc=f"{doc} ({lang}), {count} slides",
                    context=context,
                    lang=lang,
                    city=city,
                    params=Params(heart_px=600),
                    shows=replace(shown, path=target, variant="pptx", fonts=True),
                )
            )
            if office is None:
                continue
            outputs.append(
                Output(
                    step=PREVIEW,
                    name=name,
                    target=pdf,
                    doc=f"{name}.pdf and its slide previews (LibreOffice, then PNG)",
                    context=SlideCount(count, context.created),
                    lang=lang,
                    city=city,
                    params=PreviewParams(width=1280, program=office),
                    needs=(target,),
                    extra_targets=tuple(slides),
                    shows=replace(shown, path=pdf, variant="pdf"),
                )
            )
    return outputs


def notices(settings: Settings, outputs: list[Output]) -> list[str]:
    """Said on every run while LibreOffice is missing."""
    if settings.programs.get("libreoffice") or not any(o.step == DECK for o in outputs):
        return []
    return [
        "LibreOffice is not installed: decks are built as PPTX only, their PDFs and slide "
        "previews are left out (and the gallery and packs go without them); run ./setup.sh "
        "(Debian: apt install libreoffice-impress)"
    ]


def deck_context(campaign: Campaign, deck_id: str, lang: str, created: str | None) -> Context:
    """Everything the deck shows in `lang`: properties and slides."""
    main, labels = campaign.main, campaign.labels
    language = main.languages[lang]
    locale = Locale.parse(language.locale)
    name = main.campaign.name[lang]
    title = main.launch.title[lang] if deck_id == "launch" else f"{name} · {main.day.name[lang]}"
    found = deck_slides(campaign, deck_id, lang, language.locale)
    return Context(
        lang=lang,
        language=f"{locale.language}-{locale.territory}" if locale.territory else lang,
        created=created or f"{main.day.date.isoformat()}T00:00:00Z",
        title=title,
        subject=main.day.name[lang],
        author=name,
        keywords=f"{name}; {main.campaign.country[lang]}",
        heart_alt=labels.blue_heart_title[lang],
        rtl=locale.character_order == "right-to-left",
        slides=tuple(found),
    )


def noticed(campaign: Campaign, context: Context, draft: bool) -> Context:
    """A draft deck (one of the texts it shows awaits review) says so first, in the notes the
    presenter reads first."""
    if not draft:
        return context
    first, *rest = context.slides
    notice = campaign.labels.review_pending[context.lang]
    return replace(context, slides=(replace(first, notes=f"{notice}\n{first.notes}"), *rest))


def deck_slides(campaign: Campaign, deck_id: str, lang: str, locale: str) -> list[Slide]:
    main, labels = campaign.main, campaign.labels
    day_date = long_date(main.day.date.isoformat(), locale)
    found = [cover(campaign, deck_id, lang, locale)]
    found.append(
        slide(
            "what-is",
            "Statement",
            {
                0: text("title", labels.what_is[lang]),
                1: text("body", main.trafficking.definition[lang]),
            },
            notes=main.trafficking.victims[lang],
        )
    )
    found += chart_slides(campaign, lang, locale)
    themes = main.themes[:2]
    columns = {
        1 + i: text("body", (fill(labels.theme_line[lang], by=t.by[lang], title=t.title[lang]),
                             True), t.call[lang])
        for i, t in enumerate(themes)
    }  # fmt: skip
    found.append(
        slide(
            "themes",
            "Two Columns",
            {0: text("title", labels.themes_title[lang]), **columns},
            notes=" ".join(t.summary[lang] for t in themes),
        )
    )
    stories = list(campaign.stories.values())[:3]
    if stories:
        found.append(spotlight(campaign, stories, lang, locale))
    quote = main.quote
    found.append(
        slide(
            "quote",
            "Quote",
            {
                1: text("quote", quote.text[lang]),
                0: text("subtitle", f"— {quote.author}, {quote.role[lang]}"),
            },
            notes=f"{quote.text[lang]} — {quote.author}, {quote.role[lang]}.",
        )
    )
    found.append(day_slide(campaign, lang, locale, day_date))
    heart = main.blue_heart
    found.append(
        slide(
            "blue-heart",
            "Picture and Text",
            {
                0: text("title", labels.blue_heart_title[lang]),
                1: text("body", heart.meaning[lang], heart.donations[lang]),
                2: Picture("heart", labels.blue_heart_title[lang]),
            },
            notes=heart.about[lang],
        )
    )
    found.append(help_slide(campaign, lang))
    return found


def slide(slide_id: str, layout: str, fills: dict[int, Text | Chart | Picture],
          notes: str) -> Slide:  # fmt: skip
    """One slide: its layout's name, what each placeholder idx shows, its speaker notes."""
    return Slide(slide_id, layout, tuple(Fill(idx, shows) for idx, shows in fills.items()), notes)


def cover(campaign: Campaign, deck_id: str, lang: str, locale: str) -> Slide:
    main, labels = campaign.main, campaign.labels
    heart = Picture("heart", labels.blue_heart_title[lang])
    if deck_id == "launch":
        launch = main.launch
        city = campaign.cities[launch.city].data.name
        where = city[lang] if lang in city.root else city[next(iter(city.root))]
        subtitle = dated(where, launch.date.isoformat(), locale)
        return slide(
            "cover",
            "Title",
            {0: text("cover", launch.title[lang]), 1: text("subtitle", subtitle), 2: heart},
            notes=f"{launch.text[lang]} {main.blue_heart.about[lang]}",
        )
    subtitle = dated(main.day.name[lang], main.day.date.isoformat(), locale)
    return slide(
        "cover",
        "Title",
        {0: text("cover", main.campaign.name[lang]), 1: text("subtitle", subtitle), 2: heart},
        notes=main.blue_heart.about[lang],
    )


def dated(what: str, iso: str, locale: str) -> str:
    """'Bruxelles · 25 juillet 2022': the dot kept with what it follows, so that a line
    breaks only before the date, never inside it."""
    return f"{what}{NBSP}· {long_date(iso, locale)}"


def chart_slides(campaign: Campaign, lang: str, locale: str) -> list[Slide]:
    """One slide per chart of content's figures: native chart data, labels in the locale."""
    main, labels = campaign.main, campaign.labels
    figures = {item.id: item for item in main.figures.items}
    source = fill(labels.source[lang], source=main.figures.source[lang])
    found = []
    for chart in main.figures.charts:
        items = [figures[item] for item in chart.items]
        names = [(item.short or item.label)[lang] for item in items]
        values = [item.value for item in items]
        sentences = [f"{millions(item.value, locale)} {item.label[lang]}." for item in items]
        captions = [source]
        if chart.kind == "part":
            part, whole = values
            values = [part, whole - part]
            names = [names[0], chart.rest[lang]]
            # the rest is worked out here, not a figure of the source's: say so
            derived = fill(labels.derived[lang], rest=chart.rest[lang],
                           whole=millions(whole, locale), part=millions(part, locale))  # fmt: skip
            captions.append(derived)
        data = Chart(
            kind=chart.kind,
            categories=names,
            values=[round(value / 1_000_000, 1) for value in values],
            labels=[millions(value, locale) for value in values],
            alt=" ".join(
                [f"{n}, {millions(v, locale)}." for n, v in zip(names, values, strict=True)]
                + [f"{line}." for line in captions[1:]]
            ),
        )
        found.append(
            slide(
                f"chart-{chart.id}",
                "Chart",
                {0: text("title", labels.figures_title[lang]), 1: data,
                 2: text("caption", *captions)},
                notes=" ".join([*sentences, *(f"{line}." for line in captions)]),
            )
        )  # fmt: skip
    return found


def spotlight(campaign: Campaign, stories: list, lang: str, locale: str) -> Slide:
    """The three people in the spotlight: their titles over columns of their texts, or over
    their text once where they share it."""
    labels = campaign.labels
    titles = [story.data.title[lang] for story in stories]
    texts = [story.data.text[lang] for story in stories]
    columns = {1 + i: text("heading", title) for i, title in enumerate(titles)}
    if len(set(texts)) == 1:
        columns[7] = text("body", texts[0])
    else:
        columns.update({4 + i: text("body", body) for i, body in enumerate(texts)})
    people = join_list(titles, locale, inline=True)
    return slide(
        "spotlight",
        "Three Columns",
        {0: text("title", labels.spotlight_kicker[lang]), **columns},
        notes=f"{fill(labels.spotlight[lang], people=people)} {labels.archetypes[lang]}",
    )


def help_slide(campaign: Campaign, lang: str) -> Slide:
    """Where to get help: the contact point, its address and a QR code of it, what the
    centres do, and the centres (name, city, address) in columns. Only the phone numbers
    content gives are shown: none is ever made up."""
    labels = campaign.labels
    aid = where_to_get_help(campaign, lang)
    fills: dict[int, Text | Chart | Picture] = {0: text("title", aid.title)}
    said = []
    point = aid.point
    if point is not None:
        fills[1] = text("body", (point.name, True), point.text, (point.site, True), point.note)
        fills[2] = Picture("qr", point.qr_alt, point.url)
        said = [f"{point.name}: {point.site}.", point.text, point.note or ""]
    columns, rest = aid.centres[:3], aid.centres[3:]

    def where(centre) -> str:  # 'Bruxelles · pag-asa.be'
        phone = centre.phone and f"{labels.phone[lang]} {centre.phone}"
        return " · ".join(part for part in (centre.city, centre.site, phone) if part)

    more = [" · ".join([centre.name, where(centre)]) for centre in rest]  # past 3 columns
    fills[3] = text("body", aid.text, aid.minors, *more)
    for i, centre in enumerate(columns):
        fills[4 + i] = text("body", (centre.name, True), where(centre) or None)
    centres = [" · ".join([centre.name, where(centre)]) for centre in aid.centres]
    notes = [*said, aid.text, *(f"{line}." for line in centres), campaign.main.day.call[lang]]
    return slide("help", "Contact", fills, notes=" ".join(part for part in notes if part))


def day_slide(campaign: Campaign, lang: str, locale: str, day_date: str) -> Slide:
    """The 30 July day: the cities lighting up buildings in blue, and which buildings. (Stands
    are each city's own news, on its leaflet and cards: an edit to one rebuilds no deck.)"""
    main, labels = campaign.main, campaign.labels
    places = []
    for city in campaign.cities.values():
        lit = [event for event in city.data.events if event.kind == "illumination"]
        if not lit:
            continue
        names = city.data.name
        name = names[lang] if lang in names.root else names[next(iter(names.root))]
        shown = [event.place[lang] for event in lit if event.place and lang in event.place.root]
        places.append(f"{name} ({', '.join(shown)})" if shown else name)
    support = fill(labels.lit_up_support[lang], date=day_date)
    return slide(
        "day",
        "Statement",
        {0: text("title", main.day.name[lang]), 1: text("body", (support, True), *places)},
        notes=f"{support} {main.day.call[lang]}",
    )


FAMILY = Family(
    name="deck",
    steps=(DECK, PREVIEW),
    folders=("build/decks",),
    plan=plan,
    words=("kinds.deck", "variants.pptx", "variants.pdf"),
    programs=OFFICE,
    notices=notices,
)
