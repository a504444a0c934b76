"""The shape of the content files: what each field is and what it may hold."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from .typography import typeset

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


def _known_language(code: str, info: ValidationInfo) -> str:
    """Languages used must be declared in content/campaign.yaml (passed as context)."""
    known = (info.context or {}).get("languages")
    if known and code not in known:
        raise ValueError(f"unknown language '{code}'; use one of {', '.join(sorted(known))}")
    return code


Lang = Annotated[LangCode, AfterValidator(_known_language)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ./-]{3,}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


def _time_of_day(value: str) -> str:
    """'9:00' -> '09:00'; '14:00-18:00' -> '14:00–18:00' (sortable, typeset with an en dash)."""
    parts = [part.strip() for part in re.split(r"[-–]", value)]
    times = []
    for part in parts:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", part)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            times = []
            break
        times.append(f"{int(match[1]):02}:{match[2]}")
    if len(times) not in (1, 2) or (len(times) == 2 and times[0] >= times[1]):
        raise ValueError(
            f"'{value}' is not a time of day or a range of one; write HH:MM or HH:MM-HH:MM, "
            "e.g. 18:00-22:00"
        )
    return "–".join(times)


Time = Annotated[str, AfterValidator(_time_of_day)]


def _in_campaign_year(date: dt.date, info: ValidationInfo) -> dt.date:
    """An event lies in the year of the campaign's day (passed as context, once it is read)."""
    year = (info.context or {}).get("year")
    if year is not None and date.year != year:
        raise ValueError(
            f"'{date.isoformat()}' is not in {year}, the year of the campaign's day (day.date in "
            "content/campaign.yaml); correct it, or leave the date out for an event on the day "
            "itself"
        )
    return date


EventDate = Annotated[dt.date, AfterValidator(_in_campaign_year)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: Open readings (campaignkit.review.reading): each collects the texts read while it is open,
#: (key, lang) -> the text as read: what the output being planned shows.
READINGS: list[dict[tuple[str, str], str]] = []


class Text(RootModel[dict[Lang, Annotated[str, StringConstraints(min_length=1)]]]):
    """One text in several languages: {en: ..., fr: ...}."""

    model_config = ConfigDict(frozen=True)
    #: Its place in content/, 'campaign.yaml:day.call' (set by the loader; None if made in code).
    _key: str | None = PrivateAttr(default=None)

    @property
    def key(self) -> str | None:
        return self._key

    def __getitem__(self, lang: str) -> str:
        """The text in `lang`, typeset as printed (’ apostrophes, French spacing)."""
        text = typeset(self.root[lang], lang)
        if READINGS and self._key is not None:
            for read in READINGS:
                read[self._key, lang] = text
        return text


class Language(Model):
    name: Name
    locale: Name
    status: Literal["source", "reviewed", "needs-native-review"]


class CampaignInfo(Model):
    name: Text
    organiser: Text
    country: Text
    website: Url | None = None  # printed as a QR code where set


class Day(Model):
    date: dt.date
    name: Text
    call: Text


class Theme(Model):
    id: Slug
    by: Text
    title: Text
    summary: Text
    call: Text
    link: Url | None = None


class Trafficking(Model):
    definition: Text
    victims: Text


class Figure(Model):
    id: Slug
    value: Annotated[int, Field(gt=0)]
    label: Text
    short: Text | None = None  # its name on a chart: "Women and girls"


class Chart(Model):
    """A native, editable chart of the figures, on slides: `bar` sets figures side by side;
    `part` shows the first figure as a part of the second, the rest named by `rest`."""

    id: Slug
    kind: Literal["bar", "part"]
    items: Annotated[list[Slug], Field(min_length=2)]
    rest: Text | None = None


class Figures(Model):
    source: Text
    items: Annotated[list[Figure], Field(min_length=1)]
    charts: list[Chart] = []


class Quote(Model):
    author: Name
    role: Text
    text: Text
    short: Text | None = None  # an excerpt for formats too small for the whole quote


class BlueHeart(Model):
    about: Text
    meaning: Text
    donations: Text


class Launch(Model):
    date: dt.date
    city: Slug
    title: Text
    text: Text


class Centre(Model):
    """A place victims can turn to, with only the ways to reach it that a source gives."""

    name: Name
    city: Text | None = None
    website: Url | None = None
    phone: Phone | None = None


class ContactPoint(Model):
    """The one address victims and witnesses can turn to, in each language it has."""

    name: Text
    text: Text
    launched: dt.date | None = None
    sites: Annotated[dict[LangCode, Url], Field(min_length=1)]  # its address per language
    fallback: LangCode  # the address pieces in other languages give (one of `sites`)
    languages: list[LangCode] = []  # the languages the site is in
    note: Text | None = None  # said where a piece's language is not among `languages`

    @model_validator(mode="after")
    def _fallback_has_a_site(self):
        if self.fallback not in self.sites:
            raise ValueError(
                f"fallback '{self.fallback}' has no address under sites; name one of "
                f"{', '.join(self.sites)}"
            )
        return self


class HelpLeaflet(Model):
    """The national help leaflet's own words; its other facts are the rest of `help`."""

    title: Text  # its headline
    rights_title: Text  # over what help a person can get
    confidential: Text  # Payoke's line: free, confidential, and a person may stay anonymous


class Help(Model):
    text: Text  # on the centres
    point: ContactPoint | None = None
    centres: list[Centre] = []
    minors: Text | None = None  # where a child victim is referred
    leaflet: HelpLeaflet | None = None  # left out: no national help leaflet


class Decks(Model):
    languages: Annotated[list[Lang], Field(min_length=1)]  # the partners' decks are in these


class CampaignFile(Model):
    """content/campaign.yaml"""

    languages: Annotated[dict[LangCode, Language], Field(min_length=1)]
    campaign: CampaignInfo
    day: Day
    themes: Annotated[list[Theme], Field(min_length=1)]
    trafficking: Trafficking
    figures: Figures
    quote: Quote
    blue_heart: BlueHeart
    launch: Launch
    help: Help
    decks: Decks | None = None  # left out: every language


class Event(Model):
    date: EventDate | None = None  # left out: the campaign's day (content.py fills it in)
    kind: Literal["illumination", "stand", "other"]
    time: Time | None = None
    place: Text | None = None
    organisers: list[Name] = []
    title: Text | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _other_has_title(self):
        if self.kind == "other" and self.title is None:
            raise ValueError("an event of kind 'other' needs a title; add one")
        return self


class CityFile(Model):
    """content/cities/<id>.yaml"""

    name: Text
    languages: Annotated[list[Lang], Field(min_length=1)]
    events: list[Event] = []
    image: Name | None = None
    image_alt: Text | None = None


class StoryFile(Model):
    """content/stories/<id>.yaml"""

    order: int = 0
    person: Literal["archetype", "real"]
    consent: bool = False
    anonymised: bool = False
    title: Text
    text: Text
    link: Url | None = None
    image: Name | None = None
    image_alt: Text | None = None

    @model_validator(mode="after")
    def _real_people_consent(self):
        if self.person == "real" and not (self.consent and self.anonymised):
            raise ValueError(
                "a real person's story needs 'consent: true' and 'anonymised: true'; "
                "publish it only with the person's consent and nothing that identifies them"
            )
        return self


class LabelsFile(Model):
    """content/labels.yaml: the words templates put around the content."""

    events_title: Text
    illumination: Text
    illumination_city: Text
    stand: Text
    stand_plain: Text
    theme_line: Text
    what_is: Text
    figures_title: Text
    source: Text
    spotlight: Text
    blue_heart_title: Text
    help_title: Text
    phone: Text
    review_pending: Text
    spotlight_kicker: Text
    lit_up_headline: Text
    lit_up_support: Text
    help_short: Text
    qr: Text  # the QR code's text alternative: "QR code: {site}"
    themes_title: Text
    archetypes: Text  # said of the spotlight stories in speaker notes
    help_centres: Text  # before the three centres' names, on posters
    derived: Text  # under a 'part' chart: its rest, worked out from the source's figures
    graphic: Text  # how a card's alt text starts: 'Graphic: {shows}' (what it shows)


class GalleryFile(Model):
    """content/gallery.yaml: the words of the download gallery."""

    title: Text
    intro: Text
    interface: Text
    packs: Text
    assets: Text
    language: Text
    city: Text
    kind: Text
    all_languages: Text
    all_cities: Text
    all_kinds: Text
    filter: Text  # the heading of the filters
    download: Text
    shown: Text  # "Shown: {count}"
    nothing: Text  # said when no file matches the filters
    noscript: Text  # said to browsers without JavaScript
    slides: Text  # before the links to a deck's slide previews
    slide: Text  # a slide preview link's name: "Slide {number}"
    draft: Text
    draft_mark: Text  # on a file whose texts are not all approved yet: 'Draft translation'
    kinds: dict[Slug, Text]  # the name of each kind of file ('leaflet'), as families give it
    variants: dict[Slug, Text]  # the name of each variant ('press'), in the order tiles list them
    sizes: dict[str, Text] = {}  # the name of each size or platform ('A2', 'story'), in order
    bundles: dict[Slug, Text] = {}  # each kind of pack ('city': "Everything for {city}")
    readme: dict[Slug, Text] = {}  # the words of the packs' README.txt
