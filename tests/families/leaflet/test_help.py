"""The national help leaflet, and leaflets right to left (Dari), read back from their PDFs."""

import io
import itertools

import pypdfium2
import pytest
import zxingcpp
from bands import tallest_band
from conftest import REPO, copy_project, edit, run_doit
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from campaignkit.aid import where_to_get_help
from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.description import settings
from campaignkit.families.leaflet.plan import FAMILY
from campaignkit.plan import plan

NAMES = ("help-en", "help-uk", "help-prs", "liege-prs")
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The help leaflet in English, Ukrainian and Dari, and Liège's leaflet in Dari."""
    root = copy_project(tmp_path_factory.mktemp("help") / "p", cities=("brussels", "liege"))
    liege = root / "content/cities/liege.yaml"
    edit(liege, "  de: Lüttich\n", "  de: Lüttich\n  prs: لیژ\n")
    edit(liege, "languages: [fr]", "languages: [fr, prs]")
    edit(liege, "  - kind: stand\n", "  - kind: stand\n    time: '14:00'\n")
    result = run_doit(root, "run", *(f"leaflet:{name}" for name in NAMES), families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def pages(path, scale=1.0):
    pdf = pypdfium2.PdfDocument(path)
    try:
        return [pdf[index].render(scale=scale).to_pil().convert("RGB") for index in range(len(pdf))]
    finally:
        pdf.close()


def texts(path) -> list[str]:
    """Each page's text as pypdfium2 reads it (in logical order, right to left included)."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        return [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]
    finally:
        pdf.close()


def bare(text: str) -> str:
    """Letters only: line breaks, hyphenation, joiners (ZWNJ, which text layers drop) and
    brackets out (a text layer gives a right-to-left '(' as the ')' glyph drawn for it)."""
    for mark in ("-", "\u2010", "\xad", "\u200c", "(", ")"):
        text = text.replace(mark, "")
    return "".join(text.split())


def test_planned_in_every_language_without_a_city_in_the_packs():
    outputs = plan(load_campaign(REPO), load_brand(REPO), settings(None))
    languages = load_campaign(REPO).languages
    assert {"uk", "prs"} <= set(languages)
    office = {out.name: out for out in outputs
              if out.step.name == "leaflet" and out.name.startswith("help-")}  # fmt: skip
    assert sorted(office) == sorted(f"help-{lang}" for lang in languages)
    prs = office["help-prs"]
    assert (prs.target, prs.template, prs.city) == (
        "build/leaflets/help-prs.pdf", "leaflet/help.html.j2", None)  # fmt: skip
    assert (prs.context.tag, prs.context.dir) == ("fa-AF", "rtl")
    assert (office["help-en"].context.tag, office["help-en"].context.dir) == ("en", "ltr")
    assert prs.shows.city is None and prs.shows.packs == {"language", "city"}
    files = {(out.step.name, out.name): out for out in outputs}
    assert files["leaflet-press", "help-prs"].shows.packs == {"press"}
    assert files["leaflet-twoup", "help-prs"].target == "build/leaflets/help-prs-twoup.pdf"
    held = {out.name: {member.path for member in out.context.files}
            for out in outputs if out.step.name == "pack"}  # fmt: skip
    assert "build/leaflets/help-prs.pdf" in held["language-prs"]
    assert "build/leaflets/help-fr.pdf" in held["city-liege"]  # Liège speaks French
    assert "build/leaflets/help-nl.pdf" not in held["city-liege"]
    assert "build/leaflets/help-prs-press.pdf" in held["press"]
    assert "build/leaflets/help-prs.pdf" not in held["press"]


@pytest.mark.parametrize("lang", ["en", "uk", "prs"])
def test_what_trafficking_is_the_help_and_where_read_back(built, lang):
    campaign = load_campaign(built)
    main, aid = campaign.main, where_to_get_help(campaign, lang)
    front, back = (bare(text) for text in texts(built / f"build/leaflets/help-{lang}.pdf"))
    for said in (main.help.leaflet.title[lang], main.trafficking.definition[lang],
                 main.help.leaflet.rights_title[lang], aid.text,
                 main.help.leaflet.confidential[lang], aid.minors):  # fmt: skip
        assert bare(said) in front, said
    for said in (aid.title, aid.point.name, aid.point.text, aid.point.site):
        assert bare(said) in back, said
    assert (aid.point.note is None) == (lang == "en")  # the site is in English
    assert aid.point.note is None or bare(aid.point.note) in back
    for centre in aid.centres:
        assert bare(centre.site) in back and bare(centre.name) in back
    [code] = zxingcpp.read_barcodes(pages(built / f"build/leaflets/help-{lang}.pdf", 2.0)[1])
    assert code.text == "https://stopmensenhandel.be" == aid.point.url


@pytest.mark.parametrize("name", NAMES)
def test_no_page_leaves_a_large_empty_band(built, name):
    for number, page in enumerate(pages(built / f"build/leaflets/{name}.pdf"), start=1):
        fraction, colour, row = tallest_band(page)
        assert fraction <= 0.15, f"{name} page {number}: {fraction:.3f} of {colour} at {row}"


@pytest.mark.parametrize("name", ["help-prs", "liege-prs"])
def test_dari_is_set_in_the_arabic_brand_font(built, name):
    reader = PdfReader(built / f"build/leaflets/{name}.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "fa-AF"
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor["/FontFile2"].get_object().get_data()
            embedded.add(TTFont(io.BytesIO(data))["name"].getDebugName(4))
    assert embedded == {"Vazirmatn Regular", "Vazirmatn Bold"}  # the brand's, nothing else


def test_the_dari_city_leaflet_reads_in_logical_order(built):
    campaign = load_campaign(built)
    front, back = (bare(text) for text in texts(built / "build/leaflets/liege-prs.pdf"))
    assert bare(campaign.main.themes[0].title["prs"]) in front
    assert bare("در لیژ") in front  # "In Liège": the city's own name, in Dari
    assert "۱۴:۰۰" in front  # the stand's time in Dari's own digits
    assert bare(campaign.main.blue_heart.meaning["prs"]) in back


def heart_x(page: Image.Image) -> float:
    """The x of the cover heart's centre, as a share of the page width: the blue pixels inside
    the pool of light, the one wide run of white on the navy cover (its title's white letters
    are narrow; the white page margins run to the page's edges; the text lies lower)."""
    blue, white = (11, 92, 173), (255, 255, 255)

    def near(pixel, colour):
        return all(abs(a - b) <= 24 for a, b in zip(pixel, colour, strict=True))

    data, (w, h) = page.load(), page.size
    pool = []  # (start, end, row) of each row's runs of white, 20 mm wide or more
    for y in range(h):
        x = 0
        while x < w:
            end = x
            while end < w and near(data[end, y], white):
                end += 1
            if end - x >= w * 20 / 148 and x > 0 and end < w:
                pool.append((x, end, y))
            x = end + 1
    pool = [run for run in pool if run[2] <= pool[0][2] + h * 20 / 210]  # 19 mm tall; the
    left, right = min(run[0] for run in pool), max(run[1] for run in pool)  # text is lower
    top, bottom = min(run[2] for run in pool), max(run[2] for run in pool)
    heart = [x for y in range(top, bottom) for x in range(left, right) if near(data[x, y], blue)]
    return sum(heart) / len(heart) / w


@pytest.mark.parametrize(("ltr", "rtl"), [("help-en", "help-prs")])
def test_the_heart_and_its_beam_swap_sides_right_to_left(built, ltr, rtl):
    english = heart_x(pages(built / f"build/leaflets/{ltr}.pdf")[0])
    dari = heart_x(pages(built / f"build/leaflets/{rtl}.pdf")[0])
    assert english > 0.7  # beside the text's end: the right, in English
    assert dari == pytest.approx(1 - english, abs=0.01)  # the mirror image, in Dari


@pytest.mark.parametrize("name", ["help-prs", "liege-prs"])
def test_web_addresses_stay_on_one_line_left_to_right(built, name):
    pdf = pypdfium2.PdfDocument(built / f"build/leaflets/{name}.pdf")
    textpage = pdf[1].get_textpage()
    for site in ("stopmensenhandel.be", "pag-asa.be", "asblsurya.org"):
        searcher = textpage.search(site)
        found = searcher.get_next()
        assert found is not None, site
        start, count = found
        boxes = [textpage.get_charbox(index, loose=True) for index in range(start, start + count)]
        assert max(box[1] for box in boxes) - min(box[1] for box in boxes) < 1, site  # one line
        lefts = [box[0] for box in boxes]
        assert lefts == sorted(lefts), site  # drawn left to right inside the line
    pdf.close()


@pytest.mark.parametrize("lang", ["en", "prs"])
def test_the_centres_stand_one_under_the_other_without_overlapping(built, lang):
    """Each centre's name and site take their own lines on the back (a flex column whose
    items could shrink to nothing would draw them over each other, every word still in the
    text layer)."""
    aid = where_to_get_help(load_campaign(built), lang)
    pdf = pypdfium2.PdfDocument(built / f"build/leaflets/help-{lang}.pdf")
    textpage = pdf[1].get_textpage()
    spans = []  # (bottom, top) of each centre's name and site, in page points
    for centre in aid.centres:
        for said in (centre.name, centre.site):
            found = textpage.search(said, match_case=True).get_next()
            assert found is not None, said
            start, count = found
            boxes = [textpage.get_charbox(index) for index in range(start, start + count)]
            spans.append((min(box[1] for box in boxes), max(box[3] for box in boxes)))
    spans.sort(reverse=True)  # top of the page first
    for (bottom, _), (_, top) in itertools.pairwise(spans):
        assert top < bottom, f"two centres' lines overlap on help-{lang}: {spans}"
    pdf.close()
