"""Planning A5 city leaflets: one per city and language, with exactly the content each shows."""

from __future__ import annotations

from .content import Campaign, City, localize
from .output import Output

#: Labels the leaflet template prints (the phone label only where a contact has a phone).
LABELS = ("events_title", "illumination", "illumination_city", "stand", "stand_plain",
          "theme_line", "what_is", "figures_title", "source", "spotlight", "blue_heart_title",
          "help_title", "review_pending")  # fmt: skip


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
    used = [*LABELS, "phone"] if any(c.phone for c in main.help.contacts) else LABELS
    headline, *others = main.themes
    image = None
    if city.data.image:
        image = {"src": f"content/{city.data.image}", "alt": city.data.image_alt[lang]}
    context = {
        "lang": lang,
        "locale": language.locale,
        "draft": language.status == "needs-native-review",
        "created": created,
        "labels": {name: labels[name] for name in used},
        "campaign": {"name": main.campaign.name[lang], "organiser": main.campaign.organiser[lang]},
        "day": localize(main.day, lang),
        "headline": {
            "title": headline.title[lang],
            "summary": headline.summary[lang],
            "call": headline.call[lang],
        },
        "themes": [{"by": theme.by[lang], "title": theme.title[lang]} for theme in others],
        "trafficking": localize(main.trafficking, lang),
        "figures": {
            "source": main.figures.source[lang],
            "items": [
                {"value": item.value, "label": item.label[lang]} for item in main.figures.items
            ],
        },
        "blue_heart": localize(main.blue_heart, lang),
        "help": localize(main.help, lang),
        "stories": [story.data.title[lang] for story in campaign.stories.values()],
        "city": {"name": city.data.name[lang], "events": events, "image": image},
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
        needs=[image["src"]] if image else [],
        pages=[
            {"holds": f"the events in {city.file} or the theme texts in content/campaign.yaml"},
            {"holds": "the campaign texts in content/campaign.yaml"},
        ],
    )
