"""The plan: which files get built, each with exactly the content it shows."""

import dataclasses
import json

from conftest import REPO, copy_project, edit

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.description import settings
from campaignkit.plan import plan


def planned(root, epoch=None, family="leaflet"):
    outputs = plan(load_campaign(root), load_brand(root), settings(epoch))
    return {out.name: out for out in outputs if out.step.name == family}


def test_every_city_in_each_of_its_languages():
    outputs = planned(REPO)
    assert sorted(outputs) == [
        "antwerp-nl", "bruges-nl", "brussels-fr", "brussels-nl", "help-de", "help-en", "help-fr",
        "help-nl", "help-prs", "help-uk", "kortrijk-nl", "leuven-nl", "liege-fr", "nivelles-fr",
        "tournai-fr",
    ]  # fmt: skip
    liege = outputs["liege-fr"]
    assert liege.target == "build/leaflets/liege-fr.pdf"
    assert liege.template == "leaflet/leaflet.html.j2"
    assert (liege.step.name, liege.lang, liege.city) == ("leaflet", "fr", "liege")
    assert liege.doc == "A5 leaflet for Liège in Français"


def test_a_leaflet_holds_its_language_only():
    context = planned(REPO)["brussels-nl"].context
    assert context.city["name"] == "Brussel"
    assert context.headline["title"] == "Zet mensenhandel in de schijnwerpers"
    assert context.themes == [{"by": "UNODC", "title": "Gebruik en misbruik van technologie"}]
    assert context.locale == "nl_BE"
    assert context.draft is True
    text = json.dumps(dataclasses.asdict(context), ensure_ascii=False)
    for english in ("Shine the Light", "Human trafficking is", "Wear the blue heart"):
        assert english not in text


def test_the_launch_shows_in_its_city_only():
    outputs = planned(REPO)
    kinds = [event["kind"] for event in outputs["brussels-fr"].context.city["events"]]
    assert kinds == ["launch", "illumination", "illumination", "illumination", "stand"]
    assert "launch" not in json.dumps(outputs["liege-fr"].context.city)


def test_editing_one_city_changes_only_its_leaflets(tmp_path):
    before = planned(copy_project(tmp_path / "a"))
    after_root = copy_project(tmp_path / "b")
    edit(
        after_root / "content/cities/liege.yaml",
        "organisers: [PAG-ASA, Sürya]",
        "organisers: [Sürya]",
    )
    after = planned(after_root)
    changed = sorted(name for name in before if before[name].context != after[name].context)
    assert changed == ["liege-fr"]


def test_editing_one_translation_changes_only_that_language(tmp_path):
    before = planned(copy_project(tmp_path / "a"))
    after_root = copy_project(tmp_path / "b")
    edit(
        after_root / "content/campaign.yaml", "fr: Campagne Cœur bleu", "fr: Campagne du Cœur bleu"
    )
    after = planned(after_root)
    changed = sorted(name for name in before if before[name].context != after[name].context)
    assert changed == ["brussels-fr", "help-fr", "liege-fr", "nivelles-fr", "tournai-fr"]


def test_source_date_epoch_is_the_creation_date():
    assert planned(REPO)["liege-fr"].context.created is None
    assert planned(REPO, epoch=1659139200)["liege-fr"].context.created == "2022-07-30T00:00:00Z"


def test_posters_for_each_theme_story_and_the_day_in_every_language():
    fits = planned(REPO, family="poster-fit")
    ids = sorted({name.rsplit("-", 1)[0] for name in fits})
    assert ids == ["beggar", "cleaning-lady", "lit-up-blue", "sex-worker", "shine-the-light",
                   "use-and-abuse-of-technology"]  # fmt: skip
    assert len(fits) == 6 * 6  # six posters in six languages
    pdfs = planned(REPO, family="poster")
    assert len(pdfs) == 6 * 6 * 5  # A3, A2, A1 press; A4, A3 office
    assert sorted(name for name in pdfs if name.startswith("beggar-de")) == [
        "beggar-de-a1-press", "beggar-de-a2-press", "beggar-de-a3-office", "beggar-de-a3-press",
        "beggar-de-a4-office",
    ]  # fmt: skip
    a2 = pdfs["beggar-de-a2-press"]
    assert a2.target == "build/posters/beggar/beggar-de-a2-press.pdf"
    assert a2.needs == ("build/.fit/poster-beggar-de.json",)
    assert a2.context.headline == "Eine bettelnde Person"
    assert a2.context.kicker == "Im Licht des Blauen Herzens"


def test_press_geometry_adds_bleed_and_slug_around_the_trim():
    a1 = planned(REPO, family="poster")["shine-the-light-fr-a1-press"].params
    assert (a1.trim_w, a1.trim_h) == (594, 841)
    assert (a1.page_w, a1.page_h) == (594 + 26, 841 + 26)  # 3 mm bleed + 10 mm slug
    assert (a1.sheet_x, a1.sheet_y, a1.bleed) == (13, 13, 3)
    assert a1.k == 2.0  # A1 is twice as wide as the A3 reference
    assert a1.colors["blue"] == "device-cmyk(100% 58% 0% 4%)"


def test_office_geometry_fits_the_design_inside_white_margins():
    a4 = planned(REPO, family="poster")["shine-the-light-fr-a4-office"].params
    assert a4.variant == "office" and a4.bleed == 0
    assert a4.k == (210 - 20) / 297  # width-bound: A-sizes keep their proportions
    assert round(a4.sheet_x, 6) == 10
    assert a4.sheet_y > 10 and round(a4.sheet_y * 2 + a4.trim_h, 6) == 297
    assert a4.colors["blue"] == "#0B5CAD"


def test_the_lit_up_poster_lists_cities_and_places_in_its_language():
    context = planned(REPO, family="poster-fit")["lit-up-blue-nl"].context
    assert context.headline == "België kleurt blauw"
    assert context.support.startswith("Op 30\xa0juli\xa02022 worden gebouwen")
    assert context.places == ("Antwerpen · Brugge · Brussel (Grote Markt, Egmontpaleis, "
                                 "Europees Parlement) · Kortrijk · Doornik")  # fmt: skip


def test_a_city_photo_is_shown_with_its_alt_text_and_rebuilds_its_leaflet(tmp_path):
    from conftest import run_doit
    from PIL import Image
    from pypdf import PdfReader
    from test_images import encoded

    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    (root / "content/photos").mkdir()
    photo = root / "content/photos/stand.jpg"
    photo.write_bytes(encoded(Image.new("RGB", (600, 300), "#0B5CAD"), "JPEG"))
    edit(root / "content/cities/liege.yaml", "languages: [fr]",
         "languages: [fr]\nimage: photos/stand.jpg\nimage_alt: {fr: Le stand du cœur bleu}")  # fmt: skip
    outputs = planned(root)
    assert outputs["liege-fr"].needs == ("content/photos/stand.jpg",)
    assert outputs["liege-fr"].context.city["image"] == {
        "src": "content/photos/stand.jpg",
        "alt": "Le stand du cœur bleu",
    }
    assert outputs["brussels-fr"].needs == ()
    result = run_doit(root, "run", "leaflet")
    assert result.code == 0, result.errors
    [image] = PdfReader(root / "build/leaflets/liege-fr.pdf").pages[0].images
    assert image.image.size == (600, 300)
    photo.write_bytes(encoded(Image.new("RGB", (600, 300), "#0A2A4A"), "JPEG"))
    assert run_doit(root, "run", "leaflet").executed == ["leaflet:liege-fr"]
