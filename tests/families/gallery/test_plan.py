"""The gallery's plan: one tile per piece, a thumbnail per piece and language, every word."""

from pathlib import Path

import pytest
from conftest import REPO

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.description import load
from campaignkit.families.gallery.plan import SITE, THUMBNAIL, plan, words
from campaignkit.family import Settings
from campaignkit.output import Asset, Bundle, Output, Step

STEP = Step("x", "x", "x:x")


@pytest.fixture(scope="module")
def campaign():
    return load_campaign(REPO)


def shown(asset: Asset | Bundle) -> Output:
    return Output(step=STEP, name=asset.path, target=asset.path, doc="", context=None, shows=asset)


def card(lang: str, size: str) -> Asset:
    return Asset(kind="card", group="card:day", title=f"Day {lang}", alt=f"The day, {lang}",
                 lang=lang, city=None, path=f"build/social/day/day-{lang}-{size}.png",
                 preview=f"build/social/day/day-{lang}-{size}.png", size=size)  # fmt: skip


def poster(lang: str, size: str, variant: str) -> Asset:
    return Asset(kind="poster", group="poster:beggar", title=f"Beggar {lang}", alt="", lang=lang,
                 city=None, path=f"build/posters/beggar/beggar-{lang}-{size}-{variant}.pdf",
                 preview=f"build/posters/beggar/beggar-{lang}.png", size=size, variant=variant)  # fmt: skip


def test_one_tile_per_piece_and_a_thumbnail_per_language(campaign):
    before = [shown(card(lang, size)) for lang in ("fr", "en") for size in ("story", "square")]
    before += [shown(poster(lang, size, variant)) for lang in ("en", "nl")
               for size, variant in (("A2", "press"), ("A4", "office"), ("A3", "press"))]  # fmt: skip
    outputs = plan(campaign, load_brand(REPO), Settings(), before)
    thumbs = [out for out in outputs if out.step == THUMBNAIL]
    # a card's thumbnail is made from its square size
    assert {out.target: out.needs for out in thumbs} == {
        "build/site/thumbs/card-day-en.webp": ("build/social/day/day-en-square.png",),
        "build/site/thumbs/card-day-fr.webp": ("build/social/day/day-fr-square.png",),
        "build/site/thumbs/poster-beggar-en.webp": ("build/posters/beggar/beggar-en.png",),
        "build/site/thumbs/poster-beggar-nl.webp": ("build/posters/beggar/beggar-nl.png",),
    }
    (site,) = [out for out in outputs if out.target == SITE]
    # pieces by kind in gallery.yaml's order; versions in the campaign's language order
    assert [tile.group for tile in site.context.tiles] == ["poster:beggar", "card:day"]
    beggar = site.context.tiles[0]
    assert [v.lang for v in beggar.versions] == ["en", "nl"]
    # files by variant, then size, in gallery.yaml's order: office before press, A3 before A2
    assert [(f.variant, f.size) for f in beggar.versions[0].files] == [
        ("office", "A4"),
        ("press", "A3"),
        ("press", "A2"),
    ]
    assert beggar.versions[1].files[0].href == "../posters/beggar/beggar-nl-A4-office.pdf"
    assert beggar.versions[1].thumb == "thumbs/poster-beggar-nl.webp"
    assert set(site.needs) >= {"build/site/thumbs/card-day-fr.webp", before[0].target}


def test_every_word_in_every_language(campaign):
    # the packs as the pack family plans them, named in every language, and a pack whose
    # family gives no names in other languages
    bundles = [out.shows for out in load(REPO)[1] if isinstance(out.shows, Bundle)]
    bundles.append(Bundle("A new kind", "build/packs/extra.zip"))
    french = words(campaign, "fr", bundles)
    assert french["pack.city-liege"] == "Tout pour Liège"
    assert french["pack.language-nl"] == "Tous les fichiers en néerlandais"
    assert french["pack.extra"] == "A new kind"
    assert french["city.antwerp"] == "Anvers"
    assert french["kind.card"] == "Images pour les réseaux sociaux"
    assert french["size.link"] == "Aperçu de lien (Facebook, LinkedIn)"
    assert french["variant.press"].startswith("Pour l’imprimeur")
    assert words(campaign, "de", bundles)["pack.language-nl"] == "Alle Dateien auf Niederländisch"
    for lang in campaign.languages:
        found = words(campaign, lang, bundles)
        for section, prefix in (("sizes", "size"), ("variants", "variant"), ("kinds", "kind")):
            assert {f"{prefix}.{key}" for key in getattr(campaign.gallery, section)} <= set(found)
        assert all(isinstance(value, str) and value for value in found.values())


def test_the_sizes_and_variants_other_families_use_are_named(campaign):
    gallery = campaign.gallery
    assert set(gallery.variants) >= {"press", "office", "twoup", "pptx", "pdf"}
    assert set(gallery.sizes) >= {"A1", "A2", "A3", "A4", "A5", "square", "portrait", "story",
                                  "x", "link"}  # fmt: skip
    assert Path(REPO / "content/gallery.yaml").read_text(encoding="utf-8").count("\t") == 0
