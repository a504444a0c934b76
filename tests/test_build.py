"""End to end: the whole embedded campaign, built and read back."""

import io
import re

import pytest
from conftest import copy_project, edit, run_doit
from fontTools.ttLib import TTFont
from pypdf import PdfReader

pytestmark = pytest.mark.slow

A5 = [0, 0, 419.53, 595.28]

#: What each leaflet must say, in its own language (from content/, formatted by Babel).
EXPECTED = {
    "antwerp-nl": ["In Antwerpen", "30 juli 2022", "Antwerpen verlicht gebouwen en monumenten"],
    "bruges-nl": ["In Brugge", "Brugge verlicht gebouwen en monumenten in het blauw"],
    "brussels-fr": ["À Bruxelles", "25 juillet 2022", "30 juillet 2022", "Grand-Place",
                    "Palais d'Egmont", "Parlement européen",
                    "Stand de sensibilisation tenu par PAG-ASA et Sürya"],
    "brussels-nl": ["In Brussel", "25 juli 2022", "Grote Markt", "Egmontpaleis",
                    "Europees Parlement", "Sensibiliseringsstand van PAG-ASA en Sürya"],
    "kortrijk-nl": ["In Kortrijk", "Kortrijk verlicht gebouwen"],
    "leuven-nl": ["In Leuven", "Sensibiliseringsstand van PAG-ASA en Sürya"],
    "liege-fr": ["À Liège", "30 juillet 2022", "Stand de sensibilisation tenu par PAG-ASA et Sürya"],
    "nivelles-fr": ["À Nivelles", "Stand de sensibilisation tenu par PAG-ASA et Sürya"],
    "tournai-fr": ["À Tournai", "Tournai illumine des bâtiments et des monuments en bleu"],
}  # fmt: skip

#: Campaign-wide facts every leaflet carries, per language.
FACTS = {
    "fr": ["Mettons la traite des êtres humains en lumière", "20,9 millions", "11,4 millions",
           "9,5 millions", "5,5 millions", "Source : Organisation internationale du Travail (OIT)",
           "Le cœur bleu", "Fonds de contributions volontaires des Nations Unies",
           "Où trouver de l'aide", "Sürya", "Payoke", "Qu'est-ce que la traite"],
    "nl": ["Zet mensenhandel in de schijnwerpers", "20,9 miljoen", "5,5 miljoen",
           "Bron: Internationale Arbeidsorganisatie (IAO)", "Het blauwe hart",
           "Waar vind je hulp", "Wat is mensenhandel?"],
}  # fmt: skip


def norm(text: str) -> str:
    """Comparable text: case (some labels are set in capitals), hyphenation and spacing aside."""
    text = text.replace("\xa0", " ").replace("\u202f", " ").replace("’", "'")
    text = re.sub(r"[-\u2010]\s*", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def text_of(reader: PdfReader) -> str:
    return norm(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def built(whole_campaign):
    return whole_campaign


def test_every_city_and_language_is_built(built):
    names = sorted(path.stem for path in (built / "build/leaflets").glob("*.pdf")
                   if not path.stem.endswith(("-press", "-twoup")))  # fmt: skip
    # the cities' leaflets, and the national help leaflet in every language (test_help.py)
    helps = [f"help-{lang}" for lang in ("de", "en", "fr", "nl", "prs", "uk")]
    assert names == sorted([*EXPECTED, *helps])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_leaflet_reads_back_right(built, name):
    reader = PdfReader(built / f"build/leaflets/{name}.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert [round(float(v), 2) for v in page.mediabox] == A5
    text = text_of(reader)
    lang = name.rsplit("-", 1)[1]
    for expected in EXPECTED[name] + FACTS.get(lang, []):
        assert norm(expected) in text, f"{expected!r} missing from {name}"
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("name", ["brussels-fr", "antwerp-nl"])
def test_only_brand_fonts_are_embedded(built, name):
    reader = PdfReader(built / f"build/leaflets/{name}.pdf")
    programs = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            programs.add(TTFont(io.BytesIO(data))["name"].getDebugName(4))
    assert programs == {"Noto Sans Regular", "Noto Sans Bold", "Noto Sans Italic",
                        "Noto Sans Display Bold"}  # fmt: skip


def test_parallel_build_gives_the_same_bytes(built, tmp_path):
    root = copy_project(tmp_path / "p")
    result = run_doit(root, "run", "-n", "2", "-P", "process")
    assert result.code == 0, result.errors
    # every file of the whole build: PDFs (PDF/X included), PNGs, JSON, zips, the gallery
    files = sorted(p.relative_to(built) for p in (built / "build").rglob("*")
                   if p.is_file() and not p.name.startswith("."))  # fmt: skip
    assert len(files) > 1000
    for rel in files:
        assert (root / rel).read_bytes() == (built / rel).read_bytes(), rel


def test_every_language_fits_the_busiest_city(tmp_path):
    """Translations run longer than English: the fullest city must fit in all of them."""
    root = copy_project(tmp_path / "p", cities=("brussels",))
    edit(
        root / "content/cities/brussels.yaml", "languages: [fr, nl]", "languages: [en, fr, nl, de]"
    )
    leaflets = [f"leaflet:brussels-{lang}" for lang in ("en", "fr", "nl", "de")]
    result = run_doit(root, "run", *leaflets)
    assert result.code == 0, result.errors
    assert sorted(result.executed) == sorted(leaflets)
    german = text_of(PdfReader(root / "build/leaflets/brussels-de.pdf"))
    assert norm("30. Juli 2022") in german and norm("In Brüssel") in german


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1659139200")
    root = copy_project(tmp_path / "p", cities=("brussels",))
    assert run_doit(root, "run", "leaflet").code == 0
    metadata = PdfReader(root / "build/leaflets/brussels-fr.pdf").metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20220730000000Z"
    assert metadata["/Title"] == "Campagne Cœur bleu · Bruxelles · Journée mondiale de la lutte " \
                                 "contre la traite d’êtres humains"  # fmt: skip


def test_every_poster_is_built_and_no_text_leaves_its_column(built):
    import pypdfium2

    press = sorted((built / "build/posters").glob("*/*-press.pdf"))
    office = sorted((built / "build/posters").glob("*/*-office.pdf"))
    previews = sorted((built / "build/posters").glob("*/*.png"))
    assert (len(press), len(office), len(previews)) == (6 * 6 * 3, 6 * 6 * 2, 6 * 6)
    mm = 72 / 25.4
    widths = {"a3": 297, "a2": 420, "a1": 594}
    for path in press:
        data = path.read_bytes()
        assert b"/DeviceRGB" not in data, path.name
        [intent] = PdfReader(path).trailer["/Root"]["/OutputIntents"]
        assert intent.get_object()["/S"] == "/GTS_PDFX", path.name
        k = widths[path.stem.split("-")[-2]] / 297
        left, right = (13 + 20 * k) * mm - 2 * k, (13 + 277 * k) * mm + 2 * k
        document = pypdfium2.PdfDocument(data)
        text = document[0].get_textpage()
        for i in range(text.count_chars()):
            x0, _, x1, _ = text.get_charbox(i)
            assert x1 <= x0 or (left <= x0 and x1 <= right), f"{path.name}: character {i}"
        document.close()
