"""Packs and the gallery, end to end: built, opened, checked, and driven in a real browser."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from conftest import copy_project, run_doit
from pptx import Presentation

from campaignkit.content import load_campaign

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("gallery") / "p", cities=("brussels", "liege"))
    result = run_doit(root, "run", "-n", "2", "-P", "process")
    assert result.code == 0, result.errors
    return root


def members(zip_path: Path) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(zip_path)
    assert archive.testzip() is None
    return archive, json.loads(archive.read("manifest.json"))


def test_packs_per_language_city_and_press(built):
    names = sorted(path.name for path in (built / "build/packs").glob("*.zip"))
    assert names == ["city-brussels.zip", "city-liege.zip", "language-de.zip", "language-en.zip",
                     "language-fr.zip", "language-nl.zip", "press.zip"]  # fmt: skip
    _, liege = members(built / "build/packs/city-liege.zip")
    paths = [item["path"] for item in liege["files"]]
    assert "leaflets/liege-fr.pdf" in paths
    # the partner talk deck in the city's language, and the fonts decks need beside it
    assert {"decks/talk-fr.pptx", "brand/fonts/OFL.txt", "brand/fonts/NotoSans-Regular.ttf"} <= set(
        paths
    )
    assert "decks/launch-fr.pptx" not in paths  # the launch deck is Brussels'
    _, brussels = members(built / "build/packs/city-brussels.zip")
    assert "decks/launch-fr.pptx" in [item["path"] for item in brussels["files"]]
    assert all(item["language"] in ("fr", None) for item in liege["files"])
    _, press = members(built / "build/packs/press.zip")
    assert {item["kind"] for item in press["files"]} == {"poster", "brand"}
    assert all(p.endswith("-press.pdf") or p == "brand/blue-heart.svg"
               for p in (item["path"] for item in press["files"]))  # fmt: skip


@pytest.mark.parametrize("name", ["language-fr.zip", "city-brussels.zip", "press.zip"])
def test_every_entry_matches_its_manifest(built, name):
    archive, manifest = members(built / "build/packs" / name)
    assert sorted(archive.namelist()) == archive.namelist()  # sorted entries
    assert {"manifest.json", "README.txt"} <= set(archive.namelist())
    for item in manifest["files"]:
        data = archive.read(item["path"])
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        assert len(data) == item["bytes"]
        assert not item["path"].startswith(("/", ".."))
        info = archive.getinfo(item["path"])
        stored = item["path"].endswith((".pdf", ".png", ".pptx"))
        assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        if item["path"].endswith(".pdf"):
            assert item["pages"] >= 1 and len(item["page_mm"]) == 2
        if item["kind"] == "card":
            assert item["pixels"][0] in (1080, 1200) and item["alt"]
        if item["kind"] == "deck":
            assert (item["slides"], item["slide_mm"]) == (10, [338.7, 190.5])
    assert set(manifest["made_with"]["software"]) >= {"weasyprint", "pillow", "pydyf"}
    assert manifest["made_with"]["fonts"]["NotoSans-Regular.ttf"].startswith("Version 2.004")


def test_the_gallery_in_a_browser(built):
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (setup.sh --test installs it)")
    page_file = built / "build/site/index.html"
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(locale="en-GB")
        errors = []
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        assert page.title().endswith("Campaign materials")

        # titles are what the assets say, never a Python repr
        titles = page.eval_on_selector_all("#items .title", "els => els.map(e => e.innerText)")
        assert titles and not [t for t in titles if "{" in t or "'title'" in t]
        headline = load_campaign(built).main.themes[0].title
        leaflets = page.eval_on_selector_all(
            "#items .item[data-kind=leaflet] .title", "els => els.map(e => e.innerText)"
        )
        assert sorted(leaflets) == sorted(headline[lang] for lang in ("fr", "nl", "fr"))

        # every link and image resolves to a file that exists
        for selector, attribute in (("a[href]", "href"), ("img[src]", "src")):
            for value in page.eval_on_selector_all(
                selector, f"els => els.map(e => e.getAttribute('{attribute}'))"
            ):
                if value.startswith(("#", "data:")):
                    continue
                assert (page_file.parent / value).resolve().is_file(), value

        # filter by a city: only its assets stay
        page.select_option("#filter-city", "liege")
        visible = page.eval_on_selector_all(
            "#items .item:not([hidden])", "els => els.map(e => e.dataset.city)"
        )
        assert visible and set(visible) == {"liege"}
        # the Liège French leaflet in three steps: city, language, download
        page.select_option("#filter-language", "fr")
        link = page.locator("#items .item:not([hidden]) a[href$='leaflets/liege-fr.pdf']")
        # (file:// pages navigate rather than download: check the link a click would follow)
        assert link.count() == 1 and link.is_visible()
        assert link.get_attribute("download") is not None
        assert (page_file.parent / link.get_attribute("href")).resolve() == (
            built / "build/leaflets/liege-fr.pdf"
        )

        # the interface speaks the partner's language
        page.select_option("#ui-language", "fr")
        assert page.locator("h1").inner_text() == "Matériel de campagne"
        assert page.locator("html").get_attribute("lang") == "fr"
        assert "fichiers affichés" in page.locator("#count").inner_text()
        browser.close()
    assert errors == []


def test_two_clean_builds_give_identical_zips(built, tmp_path):
    other = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    assert run_doit(other).code == 0
    for path in sorted((built / "build/packs").glob("*.zip")):
        assert (other / "build/packs" / path.name).read_bytes() == path.read_bytes(), path.name
    assert (other / "build/site/index.html").read_bytes() == (
        built / "build/site/index.html"
    ).read_bytes()


def test_editing_the_quote_rebuilds_the_decks_and_quote_cards_only(built):
    """Edits the module's build in place, like the test after it."""
    campaign = built / "content/campaign.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("secure internet for all.", "secure internet for all!", 1),
                        encoding="utf-8")  # fmt: skip
    executed = run_doit(built).executed
    # English text only: the English decks, their previews and quote cards; the packs holding
    # them (the English pack: the cities here print in French and Dutch); the gallery
    decks = ["deck:launch-en", "deck:talk-en"]
    previews = ["deck-preview:launch-en", "deck-preview:talk-en"]
    cards = [f"social:quote-en-{size}" for size in ("link", "portrait", "square", "story", "x")]
    assert executed == sorted([*decks, *previews, *cards, "pack:language-en", "site:index"])
    assert "secure internet for all!" in " ".join(
        slide.notes_slide.notes_text_frame.text
        for slide in Presentation(built / "build/decks/talk-en.pptx").slides
    )


def test_a_pack_rebuilds_only_when_a_file_in_it_changed(built):
    """Runs last: it edits the module's build in place (doit's state is tied to the folder)."""
    root = built
    # Liège's stand: its French leaflet and cards change (no deck: decks show the lit
    # buildings, not the stands); so do the packs that hold them.
    (root / "content/cities/liege.yaml").write_text(
        (root / "content/cities/liege.yaml")
        .read_text()
        .replace("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    )
    holding_liege = sorted(
        f"pack:{path.stem}" for path in (built / "build/packs").glob("*.zip")
        if any(item["city"] == "liege" for item in members(path)[1]["files"])
    )  # fmt: skip
    executed = [name for name in run_doit(root).executed if name.startswith("pack:")]
    assert "pack:city-liege" in executed and "pack:press" not in executed
    assert executed == holding_liege
