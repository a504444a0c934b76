"""Planning the download gallery: a thumbnail per piece and language, and one static page."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...content import localize
from ...family import Family
from ...locales import digits, direction, tag
from ...output import Asset, Bundle, Output, Step

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

SITE = "build/site/index.html"
THUMBS = "build/site/thumbs"
FONTS = "build/site/fonts"
STEP = Step("site", "The download gallery (build/site/index.html) with previews and filters.",
            "campaignkit.families.gallery.render:render_site")  # fmt: skip
THUMBNAIL = Step("thumbnail", "Thumbnails (WebP) of the previews, for the gallery's tiles.",
                 "campaignkit.families.gallery.thumbnail:make_thumbnail", brand=False)  # fmt: skip
#: A card's thumbnail shows this size where it has it (the others differ only in shape).
SHOWN_SIZE = "square"


@dataclass(frozen=True)
class ThumbContext:
    preview: str  # the preview PNG it is made from, project-relative


@dataclass(frozen=True)
class ThumbParams:
    box: int = 320  # fits in box × box pixels: 2x for a 160 px tile
    quality: int = 72  # WebP


@dataclass(frozen=True)
class File:
    """One download of a tile, in one language."""

    href: str  # relative to the page
    path: str  # project-relative, for its size
    variant: str | None
    size: str | None


@dataclass(frozen=True)
class Version:
    """A tile in one language: its title, thumbnail and files."""

    lang: str | None
    title: str
    alt: str
    thumb: str | None  # relative to the page
    thumb_path: str | None
    files: tuple[File, ...]
    slides: tuple[str, ...]  # a deck's slide previews, relative to the page
    draft: bool = False  # a text one of its files shows awaits review (campaignkit.review)


@dataclass(frozen=True)
class Tile:
    """One piece (Asset.group): a poster, a card, a leaflet, a deck, in all its versions."""

    group: str
    kind: str
    city: str | None  # None: campaign-wide
    versions: tuple[Version, ...]


@dataclass(frozen=True)
class WebFont:
    """A face of a brand font the page serves: the font of languages systems may lack a font
    for (Dari's Arabic script), cut down to the characters of the page."""

    family: str  # 'brand-arabic'
    languages: tuple[str, ...]  # the BCP 47 language subtags it draws (:lang(fa))
    weight: int
    style: str
    source: str  # the brand's font file, project-relative
    href: str  # relative to the page
    path: str  # project-relative: written with the page
    licence: str  # the font's licence, project-relative: copied beside it (SIL OFL)
    licence_path: str


@dataclass(frozen=True)
class Pack:
    name: str  # 'city-liege': its words in ui as 'pack.<name>'
    href: str
    path: str


@dataclass(frozen=True)
class Context:
    """What the gallery shows: every piece and pack, and its words in every language."""

    lang: str  # of the page as built; the page's script switches
    ui: dict[str, dict[str, str]]  # language -> word key -> word, every name included
    languages: dict[str, str]  # code -> the language's own name
    locales: dict[str, str]  # code -> Babel locale, for file sizes
    tags: dict[str, str]  # code -> BCP 47 tag, for lang attributes ('prs' -> 'fa-AF')
    dirs: dict[str, str]  # code -> 'rtl' or 'ltr': the page mirrors for Dari
    digits: dict[str, str]  # code -> its digits 0 to 9, for the counts the script writes
    cities: dict[str, tuple[str, ...]]  # id -> the city's languages
    kinds: tuple[str, ...]  # in the order of their headings
    variants: tuple[str, ...]  # the order of a tile's files
    sizes: tuple[str, ...]
    tiles: tuple[Tile, ...]
    packs: tuple[Pack, ...]
    fonts: tuple[WebFont, ...] = ()
    drafts: bool = False  # some file is a draft translation: the page says what that means


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """A thumbnail per piece and language, and the page listing every piece and pack."""
    assets = [out.shows for out in before if isinstance(out.shows, Asset)]
    bundles = [out.shows for out in before if isinstance(out.shows, Bundle)]
    gallery = campaign.gallery
    kinds = [kind for kind in gallery.kinds if any(a.kind == kind for a in assets)]
    kinds += sorted({a.kind for a in assets} - set(kinds))
    groups: dict[str, list[Asset]] = {}
    for asset in assets:
        groups.setdefault(asset.group, []).append(asset)
    order = {lang: i for i, lang in enumerate(campaign.languages)}
    variants, sizes = tuple(gallery.variants), tuple(gallery.sizes)
    outputs, tiles = [], []
    for group, members in groups.items():
        versions = []
        for lang in sorted({a.lang for a in members}, key=lambda lang: order.get(lang, 99)):
            shown = [a for a in members if a.lang == lang]
            thumb = thumbnail(group, lang, shown)
            if thumb is not None:
                outputs.append(thumb)
            versions.append(version(lang, shown, thumb, variants, sizes))
        first = members[0]
        tiles.append(Tile(group, first.kind, first.city, tuple(versions)))
    tiles.sort(key=lambda tile: kinds.index(tile.kind))  # stable: pieces in planned order
    packs = tuple(Pack(posixpath.basename(b.path).removesuffix(".zip"), link(b.path), b.path)
                  for b in bundles)  # fmt: skip
    main = campaign.main
    languages = {code: language.name for code, language in main.languages.items()}
    own = main.languages.items()
    context = Context(
        lang=next(iter(languages)),
        ui={lang: words(campaign, lang, bundles) for lang in languages},
        languages=languages,
        locales={code: language.locale for code, language in main.languages.items()},
        tags={code: tag(code, language.locale) for code, language in own},
        dirs={code: direction(language.locale) for code, language in own},
        digits={code: digits("0123456789", language.locale) for code, language in own},
        cities={city.id: tuple(city.data.languages) for city in campaign.cities.values()},
        kinds=tuple(kinds),
        variants=variants,
        sizes=sizes,
        tiles=tuple(tiles),
        packs=packs,
        drafts=any(a.translation == "draft" for a in assets),
        fonts=web_fonts(brand),
    )
    files = {f.path for tile in tiles for v in tile.versions for f in v.files}
    files |= {v.thumb_path for tile in tiles for v in tile.versions if v.thumb_path}
    files |= {slide for asset in assets for slide in asset.slides}  # linked: they must exist
    files |= {p.path for p in packs}
    outputs.append(
        Output(
            step=STEP,
            name="index",
            target=SITE,
            template="site/index.html.j2",
            doc="The download gallery: every piece with its versions, filters and packs",
            context=context,
            needs=tuple(sorted(files)),
            extra_targets=tuple(
                dict.fromkeys(
                    path for font in context.fonts for path in (font.path, font.licence_path)
                )
            ),
        )
    )
    return outputs


def web_fonts(brand: Brand) -> tuple[WebFont, ...]:
    """The faces of the brand's fonts for languages of their own (Vazirmatn for Dari): Latin
    and Cyrillic the page leaves to the reader's system, which always has them."""
    found = []
    for role, font in brand.fonts.items():
        for face in font.faces if font.languages else ():
            name = f"brand-{role}-{face.weight}{'-italic' if face.style == 'italic' else ''}.ttf"
            licence = f"{FONTS}/{posixpath.basename(font.licence)}"
            found.append(WebFont(f"brand-{role}", tuple(font.languages), face.weight,
                                 face.style, f"brand/{face.file}", f"fonts/{name}",
                                 f"{FONTS}/{name}", f"brand/{font.licence}", licence))  # fmt: skip
    return tuple(found)


def thumbnail(group: str, lang: str | None, shown: list[Asset]) -> Output | None:
    """The thumbnail task of a piece in one language, from one of its previews."""
    previews = [a for a in shown if a.size == SHOWN_SIZE and a.preview]
    previews += [a for a in shown if a.preview]
    if not previews:
        return None
    name = re.sub(r"[^a-z0-9]+", "-", f"{group}-{lang or 'all'}".lower()).strip("-")
    return Output(
        step=THUMBNAIL,
        name=name,
        target=f"{THUMBS}/{name}.webp",
        doc=f"Thumbnail of {group} in {lang or 'every language'} for the gallery",
        context=ThumbContext(previews[0].preview),
        params=ThumbParams(),
        lang=lang,
        needs=(previews[0].preview,),
    )


def version(lang: str | None, shown: list[Asset], thumb: Output | None,
            variants: tuple[str, ...], sizes: tuple[str, ...]) -> Version:  # fmt: skip
    """A piece in one language, its files in the order gallery.yaml names variants, sizes."""

    def rank(asset: Asset) -> tuple:
        variant = variants.index(asset.variant) if asset.variant in variants else len(variants)
        size = sizes.index(asset.size) if asset.size in sizes else len(sizes)
        return variant, size, asset.path

    first = shown[0]
    slides = next((a.slides for a in shown if a.slides), ())
    return Version(
        lang=lang,
        title=first.title,
        alt=first.alt,
        thumb=link(thumb.target) if thumb else None,
        thumb_path=thumb.target if thumb else None,
        files=tuple(File(link(a.path), a.path, a.variant, a.size) for a in sorted(shown, key=rank)),
        slides=tuple(link(path) for path in slides),
        draft=any(a.translation == "draft" for a in shown),
    )


def words(campaign: Campaign, lang: str, bundles: list[Bundle]) -> dict[str, str]:
    """Every word of the gallery in `lang`: its own, and the names of kinds ('kind.card'),
    variants, sizes, cities ('city.liege') and packs ('pack.city-liege'), filled in."""
    found = localize(campaign.gallery, lang)
    sections = {section: found.pop(section) or {}
                for section in ("kinds", "variants", "sizes", "bundles", "readme")}  # fmt: skip
    found = {key: value for key, value in found.items() if value is not None}
    found["campaign"] = campaign.main.campaign.name[lang]
    for section, prefix in (("kinds", "kind"), ("variants", "variant"), ("sizes", "size")):
        found |= {f"{prefix}.{key}": value for key, value in sections[section].items() if value}
    cities = {}
    for city in campaign.cities.values():
        names = city.data.name
        cities[city.id] = names[lang] if lang in names.root else names[next(iter(names.root))]
    found |= {f"city.{key}": name for key, name in cities.items()}
    for bundle in bundles:  # the pack family names its packs in every language
        name = posixpath.basename(bundle.path).removesuffix(".zip")
        found[f"pack.{name}"] = bundle.titles.get(lang, bundle.title)
    return found


def link(target: str) -> str:
    """A link from the gallery page to a file in build/ (relative: works from file://)."""
    return posixpath.relpath(target, posixpath.dirname(SITE))


FAMILY = Family(
    name="gallery",
    steps=(THUMBNAIL, STEP),
    folders=("build/site",),
    plan=plan,
    gathers=True,
)
