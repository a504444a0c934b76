"""Where to get help, in one language: the contact point and the centres, ready to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .labels import fill

if TYPE_CHECKING:
    from .content import Campaign


@dataclass(frozen=True)
class Centre:
    """A centre as pieces show it: 'PAG-ASA (Bruxelles) · pag-asa.be'."""

    name: str
    city: str | None
    site: str | None  # the web address as printed: 'pag-asa.be'
    url: str | None  # as linked: 'https://pag-asa.be'
    phone: str | None


@dataclass(frozen=True)
class Point:
    """The contact point in the piece's language: its address there, and a note where the
    site has no version in that language."""

    name: str
    text: str
    site: str  # as printed, never wrapped: 'stoptraite.be'
    url: str  # what the QR code holds: 'https://stoptraite.be'
    note: str | None  # 'Site in English, French and Dutch.'
    qr_alt: str  # 'QR code: stoptraite.be'


@dataclass(frozen=True)
class Aid:
    """Everything a "where to get help" part shows, in one language."""

    title: str  # 'Where to get help'
    point: Point | None
    text: str  # on the centres
    centres: tuple[Centre, ...]
    minors: str | None


def printed(url: str) -> str:
    """'https://www.stoptraite.be/' -> 'stoptraite.be': an address as people type it."""
    site = url.split("://", 1)[-1].rstrip("/")
    return site.removeprefix("www.")


def where_to_get_help(campaign: Campaign, lang: str) -> Aid:
    """The help facts of content/campaign.yaml `help` in `lang` (the address for `lang`, or
    the fallback's with the note on the site's languages)."""
    main, labels = campaign.main, campaign.labels
    found = main.help
    point = None
    if found.point is not None:
        spec = found.point
        url = spec.sites.get(lang) or spec.sites[spec.fallback]
        site = printed(url)
        note = None
        if spec.note is not None and spec.languages and lang not in spec.languages:
            note = spec.note[lang]
        point = Point(name=spec.name[lang], text=spec.text[lang], site=site, url=url,
                      note=note, qr_alt=fill(labels.qr[lang], site=site))  # fmt: skip
    centres = tuple(
        Centre(
            name=centre.name,
            city=centre.city[lang] if centre.city else None,
            site=printed(centre.website) if centre.website else None,
            url=centre.website,
            phone=centre.phone,
        )
        for centre in found.centres
    )
    return Aid(
        title=labels.help_title[lang],
        point=point,
        text=found.text[lang],
        centres=centres,
        minors=found.minors[lang] if found.minors else None,
    )
