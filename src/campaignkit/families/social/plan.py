"""Planning social media cards: each theme, figure, story, the quote, the day, where to get
help and every city event, in each language its texts have, at every size of `social.sizes`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from babel import Locale

from ... import review
from ...aid import where_to_get_help
from ...brand import steps_between
from ...family import Family
from ...heart import heart_svg
from ...labels import fill
from ...locales import comma, digits, direction, join_list, long_date, millions, separator
from ...output import Asset, Output, Step

if TYPE_CHECKING:
    from ...brand import Brand, CardText
    from ...content import Campaign, City
    from ...family import Settings
    from ...schema import Event

SOCIAL = Step(
    "social",
    "Social media cards (PNG) with alt texts: every card, language and size.",
    "campaignkit.families.social.render:render_card",
)
#: Texts of a card in the order they are read (and laid out, top to bottom).
ROLES = ("kicker", "figure", "headline", "address", "quote", "support", "note", "footer")
#: Alt texts are at most this long (platforms cut longer ones; screen reader users skip them),
#: but a quote card's, which carries the quote.
ALT_LIMIT = 250
#: What an alt text too long leaves out first: the heart, the words above (the campaign's
#: name), a note (a source, the site's languages), the footer (the day and its date).
ALT_SPARE = ("heart", "kicker", "note", "footer")
#: ... but the help card's title and its centres.
HELP_KEEPS = ("kicker", "footer")


@dataclass(frozen=True)
class Card:
    """One card in one language: what it is and what it says, by role."""

    id: str
    kind: str  # theme, figure, spotlight, quote, day, help, event
    # by role; a tuple holds the variants of a text, longest first: each card takes the
    # first that fits its size (a whole quote, else its excerpt)
    texts: dict[str, str | tuple[str, ...] | None]
    city: str | None = None
    hero: bool = False  # the big heart above or beside the texts, instead of the small one
    qr: tuple[str, str] | None = None  # the address a QR code holds, and its alt text
    alt: dict[str, str] | None = None  # by role, where the alt text says more than the card
    read: dict[tuple[str, str], str] = field(default_factory=dict)  # texts read to make it


@dataclass(frozen=True)
class Context:
    """What a card shows, in its one language."""

    lang: str
    rtl: bool  # written right to left: every line set so, the layout mirrored
    draft: bool
    texts: dict[str, str]  # by role, in reading order
    alt: str
    qr: str | None = None  # the address the card's QR code holds
    language: str = ""  # the language raqm shapes for (BCP 47): 'fa' for Dari


@dataclass(frozen=True)
class Style:
    """How one text of a card is set: the font file, the sizes to try, largest first."""

    font: str  # project-relative
    sizes: list[int]
    line_height: float
    color: str
    upper: bool
    wrap: bool


@dataclass(frozen=True)
class Params:
    """A card's geometry and the style of each text it shows (a style edit rebuilds the
    cards that show it)."""

    card: str
    kind: str
    size: str
    width: int
    height: int
    insets: dict[str, int]
    gap: int
    heart: int
    hero: int
    rule: int
    background: str
    rule_color: str
    text: dict[str, Style]
    qr: int = 0  # the QR code's size at most, px (0: none)
    qr_module: int = 0  # px per module at least
    qr_dark: str = "#000000"
    qr_light: str = "#FFFFFF"
    light: Light | None = None


@dataclass(frozen=True)
class Light:
    """The beam falling on the heart and the pool under it (brand `social.light`), and where
    they go on this card: the side of the small heart, where the beam enters the top edge."""

    color: str
    beam: float
    pool: float
    width: float
    min_width: int
    soft: int
    heart: str  # left or right
    source: float


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Every card in every language its texts have, at every size (PNGs carry no date)."""
    outputs = []
    # the heart as cards draw it, for trial layouts: read once for every card and size
    svg = heart_svg(campaign.root, brand.model_dump())
    for lang, language in campaign.main.languages.items():
        # shared by the language's cards; in the font its script is drawn in
        styles = {
            role: text_style(brand, spec, language.locale) for role, spec in brand.social.text
        }
        cards = [*campaign_cards(campaign, lang, language.locale),
                 *event_cards(campaign, lang, language.locale)]  # fmt: skip
        for card in cards:
            with review.reading() as read:  # what every size adds (the alt text's words)
                planned = card_outputs(campaign, brand, styles, card, lang, svg)
            for out in planned:  # a draft while a text it shows awaits review
                outputs += review.marked(campaign, [out], shown(card, out.context, read))
    return outputs


def help_card(campaign: Campaign, lang: str, locale: str) -> Card | None:
    """Where to get help: the contact point's name, its address on one line and a QR code
    to it, what it does, the note on its site's languages, and the three centres (with
    their addresses, or cities, where the line has room); none without a contact point."""
    aid = where_to_get_help(campaign, lang)
    point = aid.point
    if point is None:
        return None

    def centre(c, *parts) -> str:
        shown = [part for part in parts if part]
        return f"{c.name} ({comma(locale).join(shown)})" if shown else c.name

    lines = tuple(dict.fromkeys([  # one line each, never wrapped: the first that fits
        " · ".join(" ".join(filter(None, (c.name, c.site))) for c in aid.centres),
        " · ".join(centre(c, c.city) for c in aid.centres),
        " · ".join(c.name for c in aid.centres),
    ]))  # fmt: skip
    return Card(
        "help",
        "help",
        {
            "kicker": aid.title,
            "headline": point.name,
            "address": point.site,
            "support": point.text,
            "note": point.note,
            "footer": lines if aid.centres else None,
        },
        qr=(point.url, point.qr_alt),
        # the alt text names every centre with its city and address, whatever the line shows
        alt={"footer": comma(locale).join(centre(c, c.city, c.site) for c in aid.centres)},
    )


def campaign_cards(campaign: Campaign, lang: str, locale: str) -> list[Card]:
    """The theme, figure, spotlight, quote and day cards (campaign texts are in every language),
    each with the texts read to make it (campaignkit.review: a draft while one awaits review)."""
    main, labels = campaign.main, campaign.labels
    with review.reading() as kicker:
        name = main.campaign.name[lang]
    date = one_line_date(main.day.date, locale)
    with review.reading() as foot:
        footer = f"{main.day.name[lang]}{separator(locale)}{date}"
    found = []
    for theme in main.themes:
        with review.reading() as read:
            card = Card(
                theme.id,
                "theme",
                {
                    "kicker": name,
                    "headline": theme.title[lang],
                    "support": theme.call[lang],
                    "footer": footer,
                },
            )
        found.append(replace(card, read={**kicker, **foot, **read}))
    for item in main.figures.items:
        with review.reading() as read:
            card = Card(
                f"figure-{item.id}",
                "figure",
                {
                    "kicker": labels.figures_title[lang],
                    "figure": millions(item.value, locale),
                    "support": item.label[lang],
                    "note": fill(labels.source[lang], source=main.figures.source[lang]),
                    "footer": footer,
                },
            )
        found.append(replace(card, read={**foot, **read}))
    for story_id, story in campaign.stories.items():
        with review.reading() as read:
            card = Card(
                story_id,
                "spotlight",
                {
                    "kicker": labels.spotlight_kicker[lang],
                    "headline": story.data.title[lang],
                    "support": story.data.text[lang],
                    "footer": footer,
                },
            )
        found.append(replace(card, read={**foot, **read}))
    quote = main.quote
    with review.reading() as read:
        card = Card(
            "quote",
            "quote",
            {
                "kicker": name,
                # the excerpt where the whole quote does not fit at the quote's least size
                "quote": (quote.text[lang], quote.short[lang]) if quote.short else quote.text[lang],
                "note": f"— {quote.author}, {quote.role[lang]}",
                "footer": footer,
            },
            hero=True,  # the words under the light, beside the lit heart
        )
    found.append(replace(card, read={**kicker, **foot, **read}))
    with review.reading() as read:
        card = Card(
            "day",
            "day",
            {
                "kicker": name,
                "figure": date,
                "headline": main.day.name[lang],
                "support": main.day.call[lang],
                "footer": main.campaign.organiser[lang],
            },
            hero=True,
        )
    found.append(replace(card, read={**kicker, **read}))
    with review.reading() as read:
        aid = help_card(campaign, lang, locale)
    return [*found, replace(aid, read=read)] if aid else found


def event_cards(campaign: Campaign, lang: str, locale: str) -> list[Card]:
    """One card per event of each city whose texts have `lang`: `<city>-<kind>`, numbered
    where a city has several events of a kind."""
    found = []
    for city in campaign.cities.values():
        kinds = Counter(event.kind for event in city.data.events)
        seen: Counter = Counter()
        for event in city.data.events:
            seen[event.kind] += 1
            number = f"-{seen[event.kind]}" if kinds[event.kind] > 1 else ""
            shows = (city.data.name, event.place, event.title, event.description)
            if all(text is None or lang in text.root for text in shows):
                with review.reading() as read:
                    texts = event_texts(campaign, city, event, lang, locale)
                found.append(Card(f"{city.id}-{event.kind}{number}", "event", texts, city.id,
                                  read=read))  # fmt: skip
    return found


def event_texts(campaign: Campaign, city: City, event: Event, lang: str, locale: str) -> dict:
    """'In Liège' / 'Awareness stand by PAG-ASA and Sürya' / place / date and time."""
    labels, day = campaign.labels, campaign.main.day
    name = city.data.name[lang]
    place = event.place[lang] if event.place else None
    if event.kind == "illumination":
        headline = fill(labels.illumination_city[lang], city=name)
        support = fill(labels.illumination[lang], place=place) if place else None
    else:
        if event.kind == "stand" and event.organisers:
            headline = fill(labels.stand[lang], organisers=join_list(event.organisers, locale))
        elif event.kind == "stand":
            headline = labels.stand_plain[lang]
        else:
            headline = event.title[lang]
        parts = [place, event.description[lang] if event.description else None]
        support = " · ".join(part for part in parts if part) or None
    # the date where it is not the day's (the footer has that), and the time
    when = [one_line_date(event.date, locale) if event.date != day.date else None,
            digits(event.time, locale) if event.time else None]  # fmt: skip
    return {
        "kicker": fill(labels.events_title[lang], city=name),
        "headline": headline,
        "support": support,
        "note": separator(locale).join(part for part in when if part) or None,
        "footer": f"{day.name[lang]}{separator(locale)}{one_line_date(day.date, locale)}",
    }


def one_line_date(date: dt.date, locale: str) -> str:
    """'30 juillet 2022' with no-break spaces: a date is never split over two lines."""
    return long_date(date.isoformat(), locale).replace(" ", "\u00a0")


def shown(card: Card, context: Context, read: dict[tuple[str, str], str]) -> dict:
    """The texts a card shows at one size: those read to make it and its outputs, but the
    variants of a text this size does not take (the quote's excerpt where it fits whole)."""
    variants = {text for value in card.texts.values() if isinstance(value, tuple) for text in value}
    dropped = variants - set(context.texts.values())
    return {key: text for key, text in {**card.read, **read}.items() if text not in dropped}


def card_outputs(campaign: Campaign, brand: Brand, styles: dict[str, Style], card: Card,
                 lang: str, svg: str) -> list[Output]:  # fmt: skip
    language = campaign.main.languages[lang]
    given = {role: card.texts[role] for role in ROLES if card.texts.get(role)}
    labels = campaign.labels
    heart = labels.blue_heart_title[lang]
    social = brand.social
    blank = Context(
        lang=lang,
        rtl=direction(language.locale) == "rtl",
        draft=language.status == "needs-native-review",
        texts={},
        alt="",
        qr=card.qr[0] if card.qr else None,
        language=Locale.parse(language.locale).language,
    )
    outputs = []
    for size, (width, height) in social.sizes.items():
        params = card_params(brand, styles, card, list(given), size, width, height)
        texts = chosen(campaign, card, given, blank, params, svg)
        first = texts.get("kicker") if card.kind == "help" else texts.get("headline")
        title = first or texts.get("figure") or texts.get("quote") or card.id
        graphic = labels.graphic[lang]  # 'Graphic: {shows}'
        room = None if card.kind == "quote" else ALT_LIMIT - len(fill(graphic, shows=""))
        qr = card.qr[1] if card.qr else None
        keep = HELP_KEEPS if card.kind == "help" else ()
        shows = alt_text(heart, {**texts, **(card.alt or {})}, qr, room, keep)
        context = replace(blank, texts=texts, alt=fill(graphic, shows=shows))
        base = f"{card.id}-{lang}-{size.lower()}"
        target = f"build/social/{card.id}/{base}.png"
        sidecar = target.removesuffix(".png") + ".json"
        outputs.append(
            Output(
                step=SOCIAL,
                name=base,
                target=target,
                doc=f"{size} card ({width}×{height}) '{title}' ({lang})",
                context=context,
                lang=lang,
                city=card.city,
                params=params,
                extra_targets=(sidecar,),
                shows=Asset(
                    kind="card",
                    group=f"card:{card.id}",
                    size=size,
                    title=title,
                    alt=context.alt,
                    lang=lang,
                    city=card.city,
                    path=target,
                    sidecars=(sidecar,),
                    preview=target,
                    # a city's event cards go in its pack; campaign-wide cards in every pack
                    packs=frozenset() if card.city else frozenset({"language", "city"}),
                ),
            )
        )
    return outputs


def chosen(campaign: Campaign, card: Card, given: dict, blank: Context, params: Params,
           svg: str) -> dict[str, str]:  # fmt: skip
    """The card's texts at this size: of a text's variants, the first with which the card
    lays out at the sizes its styles allow (later texts at their shortest, to judge it), so
    a text too long for a format takes the shorter one written for it, never a smaller size.
    Trials are measured as drawn: in the card's language and direction (`blank`), with the
    heart (`svg`) the card shows."""
    from .render import fits

    shortest = {role: text[-1] if isinstance(text, tuple) else text for role, text in given.items()}
    texts = dict(shortest)
    for role, text in given.items():
        if not isinstance(text, tuple):
            continue
        for variant in text[:-1]:
            trial = {**texts, role: variant}
            if fits(campaign.root, replace(blank, texts=trial), params, svg):
                texts[role] = variant
                break
    return texts


def card_params(brand: Brand, styles: dict[str, Style], card: Card, roles: list[str],
                size: str, width: int,
                height: int) -> Params:  # fmt: skip
    """What the renderer needs besides the texts: geometry, and the face, sizes and colour
    of each text the card shows (so a style edit rebuilds the cards that show it)."""
    social = brand.social
    light = social.light
    place = light.compositions.get(card.id, light.compositions["default"])
    text = {role: styles[role] for role in roles}
    if card.kind == "help" and "footer" in text:
        text["footer"] = dataclasses.replace(text["footer"], wrap=False)  # the centres' one line
    return Params(
        card=card.id,
        kind=card.kind,
        size=size,
        width=width,
        height=height,
        insets=social.insets(size).model_dump(),
        gap=social.gap,
        heart=social.heart,
        hero=social.hero_heart if card.hero else 0,
        rule=social.rule,
        background=brand.colors[social.background],
        rule_color=brand.colors[social.rule_color],
        text=text,
        qr=social.qr if card.qr else 0,
        qr_module=social.qr_module,
        qr_dark=brand.colors["navy"],
        qr_light=brand.colors["paper"],
        light=Light(
            color=brand.colors[light.color],
            **light.model_dump(exclude={"color", "compositions"}),
            **place.model_dump(),
        ),
    )


def text_style(brand: Brand, spec: CardText, locale: str | None = None) -> Style:
    """How a text of `spec` is set in `locale`: in the face its language is drawn in."""
    sizes = spec.sizes()
    return Style(
        font=f"brand/{brand.face(spec, locale)}",
        sizes=steps_between(brand.social.scale, sizes[0], sizes[-1]),
        line_height=spec.line_height or brand.type.line_height,
        color=brand.colors[spec.color],
        upper=spec.upper,
        wrap=spec.wrap,
    )


def alt_text(heart: str, texts: dict[str, str], qr: str | None = None,
             limit: int | None = None, keep: tuple[str, ...] = ()) -> str:  # fmt: skip
    """What the card shows, in reading order, as sentences: the heart, then every text (and
    the QR code, before the footer). Longer than `limit`, it leaves out what ALT_SPARE
    names (but the texts in `keep`), then the support text's last sentences,
    then the support; past that, it is cut at a word."""
    parts: list[tuple[str, str]] = [("heart", heart)]
    for role in ROLES:
        if role == "footer" and qr:
            parts.append(("qr", qr))
        text = texts.get(role)
        if not text:
            continue
        last_role, last = parts[-1]
        if role == "support" and "figure" in texts and texts.get("headline") is None:
            parts[-1] = (last_role, f"{last} {text}")  # '20.9 million' + ' people around …'
        elif role == "address":
            parts[-1] = (last_role, f"{last}: {text}")  # 'Central contact point …: stoptraite.be'
        else:
            parts.append((role, text.replace(" · ", ", ")))

    def said(parts: list[tuple[str, str]]) -> str:
        return " ".join(text if re.search(r"[.!?…:;»”\"]$", text) else f"{text}."
                        for _, text in parts)  # fmt: skip

    if limit is None:
        return said(parts)
    for spare in (role for role in ALT_SPARE if role not in keep):
        if len(said(parts)) <= limit:
            return said(parts)
        parts = [part for part in parts if part[0] != spare]
    for index in [i for i, (role, _) in enumerate(parts) if role == "support"]:
        sentences = re.split(r"(?<=[.!?؟])\s+", parts[index][1])
        while len(sentences) > 1 and len(said(parts)) > limit:
            sentences.pop()
            parts[index] = ("support", " ".join(sentences))
        if len(said(parts)) > limit:
            parts.pop(index)
    found = said(parts)
    return found if len(found) <= limit else found[: limit - 1].rsplit(" ", 1)[0] + "…"


FAMILY = Family(
    name="social",
    steps=(SOCIAL,),
    folders=("build/social",),
    plan=plan,
    words=("kinds.card",),
)
