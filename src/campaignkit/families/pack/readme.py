"""A pack's README.txt, in its reader's language, with a line for each kind of file it holds."""

from __future__ import annotations

import posixpath
import re
import textwrap
from typing import TYPE_CHECKING

from ...locales import comma, join_list, long_date
from .render import entry_name

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign

#: The `readme:` word of content/gallery.yaml on using each kind and variant of file. A family
#: adding a kind or variant adds its word here (and to content/gallery.yaml).
USAGE = {
    ("leaflet", "office"): "usage-leaflet-office",
    ("leaflet", "press"): "usage-leaflet-press",
    ("leaflet", "twoup"): "usage-leaflet-twoup",
    ("poster", "press"): "usage-poster-press",
    ("poster", "office"): "usage-poster-office",
    ("card", None): "usage-card",
    ("deck", "pptx"): "usage-deck-pptx",
    ("deck", "pdf"): "usage-deck-pdf",
    ("deck", None): "usage-deck-pptx",  # decks before they named their variants were PPTX
}
#: The `readme:` words on screen readers, said where a pack holds these files: office PDFs
#: are tagged (PDF/UA-1, render/pdf.py, deck/office.py), press PDFs are PDF/X-4 alone, and
#: two-up sheets lose the tags when pypdf imposes them.
TAGGING = {
    ("leaflet", "office"): "tagged",
    ("poster", "office"): "tagged",
    ("deck", "pdf"): "tagged",
    "press": "untagged-press",
    "twoup": "untagged-twoup",
}
#: Every `readme:` word the packs use: the pack family declares them (checked at load).
WORDS = (
    "holds", "using", "files",
    *dict.fromkeys(USAGE.values()), "alt", *dict.fromkeys(TAGGING.values()), "fonts", "heart",
    "licences", "licence-fonts", "licence-profile",
)  # fmt: skip
#: Placeholders in readme words: {name} replaced, anything else left as written.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
WIDTH = 78
FEW = 6  # a group of files the README names one by one, rather than by a pattern
IMAGES = (".png", ".jpg")


def word(campaign: Campaign, key: str, lang: str, section: str = "readme",
         **values: object) -> str:  # fmt: skip
    """A word of content/gallery.yaml in `lang`, its placeholders filled (an unknown one
    stays as written: a translator's typo shows in the README instead of stopping the build)."""
    text = getattr(campaign.gallery, section)[key][lang]
    return PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), text)


def language_name(campaign: Campaign, code: str, lang: str) -> str:
    """The name of language `code` as `lang` writes it inside a sentence ('français')."""
    from babel import Locale

    locale = campaign.main.languages[lang].locale
    return Locale.parse(locale).languages.get(code) or campaign.main.languages[code].name


def city_name(city, lang: str) -> str:
    """The city's name in `lang`, else in its first language."""
    names = city.data.name
    return names[lang] if lang in names.root else names[city.data.languages[0]]


def heading(campaign: Campaign, lang: str) -> str:
    """'Blue Heart Campaign — World Day against Trafficking in Persons, 30 July 2022, Belgium'."""
    main = campaign.main
    day = long_date(main.day.date.isoformat(), main.languages[lang].locale)
    name, country = main.campaign.name[lang], main.campaign.country[lang]
    return f"{name} — {main.day.name[lang]}, {day}, {country}"


def pattern(names: list[str], variant: str | None) -> list[str]:
    """Glob patterns naming these zip entries: 'posters/*/*-press.pdf'."""
    found = set()
    for name in names:
        folder, base = posixpath.split(name)
        ext = posixpath.splitext(base)[1]
        ending = f"-{variant}{ext}" if variant and base.endswith(f"-{variant}{ext}") else ext
        parts = folder.split("/")
        found.add("/".join([parts[0], *["*"] * (len(parts) - 1), f"*{ending}"]))
    return sorted(found)


def item(text: str) -> list[str]:
    """A README list item wrapped to WIDTH; no-break spaces stay unbroken."""
    return textwrap.wrap(text, WIDTH, initial_indent="- ", subsequent_indent="  ",
                         break_long_words=False, break_on_hyphens=False)  # fmt: skip


def paragraph(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def readme(campaign: Campaign, brand: Brand, lang: str, title: str, members) -> tuple[str, ...]:
    """README.txt's lines in `lang`: title, campaign, what the pack holds, a line on using
    each kind and variant of file it holds and only those, the alt texts, the licences."""
    main = campaign.main
    families = [font.family for _, font in brand.fonts.items()]
    values = {
        "count": len(members),
        "bleed": f"{brand.press.bleed_mm:g}",
        "profile": brand.press.profile_name,
        "page": brand.leaflet.page,
        "fonts": join_list(families, main.languages[lang].locale),
        "licences": comma(main.languages[lang].locale).join(
            posixpath.basename(rel) for rel in brand.licences()
        ),
    }

    def say(key: str, **more: object) -> str:
        return word(campaign, key, lang, **{**values, **more})

    groups: dict[tuple[str, str | None], list[str]] = {}
    for member in members:
        groups.setdefault((member.kind, member.variant), []).append(entry_name(member.path))
    lines = [*paragraph(title), *paragraph(heading(campaign, lang)), "",
             *paragraph(say("holds")), "", say("using")]  # fmt: skip
    order = list(USAGE)  # leaflets, posters, cards, decks: a city organiser's order of need

    def rank(group: tuple[str, str | None]) -> tuple:
        return (order.index(group) if group in order else len(order), group[0], group[1] or "")

    for (kind, variant), names in sorted(groups.items(), key=lambda pair: rank(pair[0])):
        if kind in ("font", "brand"):
            continue
        key = USAGE.get((kind, variant))
        if key is None:  # a kind or variant without its word yet: named, not explained
            named = [campaign.gallery.kinds[kind][lang]] if kind in campaign.gallery.kinds else []
            if variant in campaign.gallery.variants:
                named.append(campaign.gallery.variants[variant][lang])
            usage = ", ".join(named) or kind
        else:
            usage = say(key)
        lines += item(usage)
        # a few files by name, many by pattern
        where = ", ".join(sorted(names) if len(names) <= FEW else pattern(names, variant))
        lines += textwrap.wrap(say("files", where=where, count=len(names)), WIDTH,
                               initial_indent="  ", subsequent_indent="  ",
                               break_long_words=False, break_on_hyphens=False)  # fmt: skip
    kinds = {kind for kind, _ in groups}
    if "brand" in kinds:
        lines += item(say("heart"))
    if "font" in kinds:
        lines += item(say("fonts"))
    if any(member.path.endswith(IMAGES) for member in members):
        lines += ["", *paragraph(say("alt"))]
    held = set(groups) | {variant for _, variant in groups}
    tagging = dict.fromkeys(key for files, key in TAGGING.items() if files in held)
    if tagging:  # which PDFs a screen reader can read, and which not
        lines += ["", *paragraph(" ".join(say(key) for key in tagging))]
    if any(member.translation == "draft" for member in members):  # campaignkit.review
        lines += ["", *paragraph(campaign.gallery.draft[lang])]
    lines += ["", say("licences")]
    if any(member.path.endswith(".pdf") for member in members):  # fonts embedded in them
        lines += item(say("licence-fonts"))
    if any(member.variant == "press" for member in members):
        lines += item(say("licence-profile"))
    return tuple(lines)
