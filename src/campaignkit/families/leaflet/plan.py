"""Planning A5 city leaflets: one per city and language, with exactly the content each shows,
and a preview PNG of each for the gallery."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...aid import Aid, where_to_get_help
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
USAGE = ("- Leaflets: A5 PDFs, two pages. Print on A5, or on A4 with 'fit to page'.",)


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
    stories: list[str]
    city: dict


@dataclass(frozen=True)
class Page:
    """A page section of the layout (id="page-N") and what it holds, to say what to shorten."""

    holds: str


@dataclass(frozen=True)
class Params:
    pages: tuple[Page, ...]


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """Each city's leaflet in each of its languages, and its preview."""
    outputs = []
    for city in campaign.cities.values():
        for lang in city.data.languages:
            out = leaflet(campaign, city, lang, settings.created)
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
            asset = Asset(kind="leaflet", group=f"leaflet:{city.id}", title=title, alt=title,
                          lang=lang, city=city.id,
                          path=out.target, preview=shown.target, packs=frozenset(),
                          usage=USAGE)  # a city's own: in its city pack only  # fmt: skip
            outputs += [replace(out, shows=asset), shown]
    return outputs


def leaflet(campaign: Campaign, city: City, lang: str, created: str | None) -> Output:
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
        help=where_to_get_help(campaign, lang),
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
        params=Params(
            pages=(
                Page(f"the events in {city.file} or the theme texts in content/campaign.yaml"),
                Page("the campaign texts in content/campaign.yaml"),
            )
        ),
        lang=lang,
        city=city.id,
        needs=(image["src"],) if image else (),
    )


FAMILY = Family(
    name="leaflet",
    steps=(LEAFLET, PREVIEW),
    folders=("build/leaflets",),
    plan=plan,
    words=("kinds.leaflet",),
)
