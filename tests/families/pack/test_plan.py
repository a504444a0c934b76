"""Planning packs from the embedded campaign: who gets which files, and a README and title in
the reader's language that explain exactly those files."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, edit
from doit.exceptions import InvalidDodoFile

from campaignkit.content import load_campaign
from campaignkit.description import load
from campaignkit.families.pack.plan import FAMILY
from campaignkit.families.pack.readme import USAGE, WORDS
from campaignkit.output import Asset


@pytest.fixture
def planned(project):
    """The packs of the three-city campaign, by name, and every asset planned before them."""
    outputs = load(project)[1]
    packs = {out.name: out for out in outputs if out.step.name == "pack"}
    assets = [out.shows for out in outputs if isinstance(out.shows, Asset)]
    return packs, assets, load_campaign(project)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces (README lines wrap)."""
    return " ".join(text.split())


def readme(out) -> str:
    return flat("\n".join(out.context.readme))


def members(out) -> set[str]:
    return {member.path for member in out.context.files}


def test_each_pack_holds_what_its_reader_needs(planned):
    packs, assets, campaign = planned
    assert sorted(packs) == ["city-antwerp", "city-brussels", "city-liege", "language-de",
                             "language-en", "language-fr", "language-nl", "language-prs",
                             "language-uk", "press"]  # fmt: skip
    fonts = {path for path in members(packs["city-liege"]) if path.startswith("brand/fonts/")}
    assert {"brand/fonts/OFL.txt", "brand/fonts/Vazirmatn-OFL.txt"} <= fonts  # with licences
    for lang in campaign.languages:
        expected = {a.path for a in assets if a.lang == lang and "language" in a.packs}
        assert members(packs[f"language-{lang}"]) - fonts == expected
        # the national help leaflet, for print at home or the office; no city's leaflet
        leaflets = {
            (a.city, a.variant) for a in assets if a.path in expected and a.kind == "leaflet"
        }
        assert leaflets == {(None, "office"), (None, "twoup")}, lang
    for city in campaign.cities.values():
        langs = set(city.data.languages)
        own = {a.path for a in assets if a.city == city.id and a.lang in langs}
        wide = {a.path for a in assets
                if a.city is None and "city" in a.packs and a.lang in langs}  # fmt: skip
        assert members(packs[f"city-{city.id}"]) - fonts == own | wide
        variants = {a.variant for a in assets if a.path in own and a.kind == "leaflet"}
        assert variants == {"office", "press", "twoup"}, city.id
        assert not any(a.variant == "press" for a in assets if a.path in wide)
    press = {a.path for a in assets if "press" in a.packs}
    assert members(packs["press"]) == press | {"brand/blue-heart.svg"}
    assert {a.variant for a in assets if a.path in press} == {"press"}


def test_each_pack_speaks_its_readers_language(planned):
    packs, _, campaign = planned
    words = campaign.gallery
    expected = {"language-de": "de", "language-fr": "fr", "city-antwerp": "nl",
                "city-brussels": "fr", "city-liege": "fr", "press": "en"}  # fmt: skip
    for name, lang in expected.items():
        out = packs[name]
        assert out.context.lang == lang
        assert out.context.readme[0] == out.context.title == out.shows.titles[lang]
        assert words.readme["using"][lang] in out.context.readme
    assert packs["language-fr"].shows.title == "Tous les fichiers en français"
    assert packs["language-fr"].shows.titles["de"] == "Alle Dateien auf Französisch"
    assert packs["city-antwerp"].shows.title == "Alles voor Antwerpen"
    assert packs["city-liege"].shows.titles["nl"] == "Alles voor Luik"
    assert set(packs["press"].shows.titles) == set(campaign.languages)


def test_a_readme_explains_only_the_files_its_pack_holds(planned):
    packs, _, campaign = planned
    words = campaign.gallery.readme

    def says(name: str, key: str) -> bool:
        out = packs[name]
        return flat(words[key][out.context.lang].split("{")[0]) in readme(out)

    assert says("press", "usage-poster-press") and says("press", "usage-leaflet-press")
    for key in ("usage-poster-office", "usage-leaflet-office", "usage-leaflet-twoup",
                "usage-card", "usage-deck-pptx", "alt", "fonts"):  # fmt: skip
        assert not says("press", key), key
    assert "office" not in readme(packs["press"])  # no *-office.pdf it does not hold
    for key in ("usage-leaflet-office", "usage-leaflet-press", "usage-leaflet-twoup",
                "usage-poster-office", "usage-card", "usage-deck-pptx", "alt", "fonts",
                "licence-profile"):  # fmt: skip
        assert says("city-antwerp", key), key
    assert "(OFL.txt, Vazirmatn-OFL.txt)" in readme(packs["city-antwerp"])  # every licence
    assert says("language-nl", "usage-leaflet-office")  # the national help leaflet
    assert not says("language-nl", "usage-leaflet-press")
    assert not says("language-nl", "licence-profile")  # no press PDF in it
    assert says("language-nl", "usage-card") and not says("language-nl", "heart")
    # English is the source language: its pack has no drafts to warn of
    assert campaign.gallery.draft["en"] not in packs["language-en"].context.readme
    assert flat(campaign.gallery.draft["de"]) in readme(packs["language-de"])


def test_every_kind_and_variant_planned_has_its_words(planned):
    _, assets, campaign = planned
    assert {(a.kind, a.variant) for a in assets} <= set(USAGE)
    assert set(FAMILY.words) == {"bundles.language", "bundles.city", "bundles.press",
                                 *(f"readme.{key}" for key in WORDS)}  # fmt: skip
    for key in WORDS:  # the embedded campaign has them all, in all its languages
        assert set(campaign.gallery.readme[key].root) == set(campaign.languages), key


def test_a_missing_readme_word_is_one_line_at_load(project):
    gallery = project / "content" / "gallery.yaml"
    text = gallery.read_text(encoding="utf-8")
    block = re.search(r"  usage-card:\n(    .*\n)+", text)[0]  # its text in every language
    edit(gallery, block, "")
    lines = gallery.read_text(encoding="utf-8").splitlines()
    line = next(n for n, said in enumerate(lines, 1) if said.startswith("readme:"))
    with pytest.raises(InvalidDodoFile) as err:
        load(project)
    assert str(err.value) == (
        "1 problem to fix before anything is built:\n"
        f"content/gallery.yaml:{line}: readme.usage-card: is missing: the gallery's name for "
        "this kind of file; add it with a text in each language"
    )


def test_the_embedded_readme_words_fill_only_known_placeholders():
    campaign = load_campaign(REPO)
    known = {"count", "where", "bleed", "profile", "page", "fonts", "licences"}
    for key, text in campaign.gallery.readme.items():
        for lang, said in text.root.items():
            assert set(re.findall(r"\{([a-z_]+)\}", said)) <= known, (key, lang)
