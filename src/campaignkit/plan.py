"""What to build: one Output per file, with exactly the content it shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .brand import Brand
from .content import Campaign, City, localize


@dataclass(frozen=True)
class Output:
    """One file to build, and everything that decides its bytes besides files on disk."""

    family: str  # task group: 'leaflet'
    name: str  # task name inside the group: 'liege-fr'
    target: str  # project-relative path: 'build/leaflets/liege-fr.pdf'
    template: str  # under templates/
    doc: str  # one line for `doit list`
    context: dict  # exactly the content shown; its digest decides rebuilds
    lang: str | None = None
    city: str | None = None
    pages: list[dict] = field(default_factory=list)  # page sections and what they hold


def plan(campaign: Campaign, brand: Brand, epoch: int | None = None) -> list[Output]:
    """Every output of the campaign. Pure: reads nothing, writes nothing."""
    created = None
    if epoch is not None:
        created = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        leaflet(campaign, city, lang, created)
        for city in campaign.cities.values()
        for lang in city.data.languages
    ]


def leaflet(campaign: Campaign, city: City, lang: str, created: str | None) -> Output:
    main = campaign.main
    language = main.languages[lang]
    events = localize(city.data.events, lang)
    if main.launch.city == city.id:
        launch = main.launch
        events.append(
            {
                "date": launch.date.isoformat(),
                "kind": "launch",
                "time": None,
                "place": None,
                "organisers": [],
                "title": launch.title[lang],
                "description": launch.text[lang],
            }
        )
    events.sort(key=lambda event: (event["date"], event["time"] or ""))
    headline, *others = localize(main.themes, lang)
    context = {
        "lang": lang,
        "locale": language.locale,
        "draft": language.status == "needs-native-review",
        "created": created,
        "labels": localize(campaign.labels, lang),
        "campaign": {"name": main.campaign.name[lang], "organiser": main.campaign.organiser[lang]},
        "day": localize(main.day, lang),
        "themes": [headline] + [{"by": t["by"], "title": t["title"]} for t in others],
        "trafficking": localize(main.trafficking, lang),
        "figures": localize(main.figures, lang),
        "blue_heart": localize(main.blue_heart, lang),
        "help": localize(main.help, lang),
        "stories": [{"title": story.data.title[lang]} for story in campaign.stories.values()],
        "city": {"id": city.id, "name": city.data.name[lang], "events": events},
    }
    city_name = city.data.name["en"] if "en" in city.data.name.root else city.id
    return Output(
        family="leaflet",
        name=f"{city.id}-{lang}",
        target=f"build/leaflets/{city.id}-{lang}.pdf",
        template="leaflet/leaflet.html.j2",
        doc=f"A5 leaflet for {city_name} in {language.name}",
        context=context,
        lang=lang,
        city=city.id,
        pages=[
            {"holds": f"the events in {city.file} or the theme texts in content/campaign.yaml"},
            {"holds": "the campaign texts in content/campaign.yaml"},
        ],
    )
