"""Planning decks: two decks in every language, slides on named layouts, notes, charts."""

from dataclasses import replace

import pytest
from conftest import REPO, copy_project, edit, run_doit

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.families.deck.plan import plan as plan_decks
from campaignkit.families.deck.slides import Chart, Paragraph, Picture, Text
from campaignkit.family import Settings

SLIDES = ["cover", "what-is", "chart-by-sex", "chart-children", "themes", "spotlight", "quote",
          "day", "blue-heart", "help"]  # fmt: skip
LAYOUTS = ["Title", "Statement", "Chart", "Chart", "Two Columns", "Three Columns", "Quote",
           "Statement", "Picture and Text", "Contact"]  # fmt: skip


def planned(root=REPO, office="soffice"):
    settings = Settings(programs={"libreoffice": office})
    outputs = plan_decks(load_campaign(root), load_brand(root), settings, [])
    return {(out.step.name, out.name): out for out in outputs}


def shows(slide, idx):
    """What placeholder `idx` of `slide` shows."""
    return next(fill.shows for fill in slide.fills if fill.idx == idx)


def test_two_decks_in_every_language_with_previews():
    outputs = planned()
    names = sorted(name for family, name in outputs if family == "deck")
    assert names == [f"{deck}-{lang}" for deck in ("launch", "talk")
                     for lang in ("de", "en", "fr", "nl")]  # fmt: skip
    launch = outputs["deck", "launch-fr"]
    assert (launch.target, launch.lang, launch.city) == ("build/decks/launch-fr.pptx", "fr",
                                                         "brussels")  # fmt: skip
    assert outputs["deck", "talk-nl"].city is None  # the talk deck is every city's
    preview = outputs["deck-preview", "launch-fr"]
    assert preview.needs == ("build/decks/launch-fr.pptx",)
    assert preview.target == "build/decks/launch-fr.pdf"
    slides = tuple(f"build/decks/previews/launch-fr/slide-{n:02}.png" for n in range(1, 11))
    assert preview.extra_targets == slides
    # one gallery tile for the deck, its PPTX and its PDF versions of it, in the same packs
    pptx, pdf = launch.shows, preview.shows
    assert (pptx.kind, pptx.group, pptx.variant, pptx.path, pptx.fonts) == (
        "deck", "deck:launch", "pptx", "build/decks/launch-fr.pptx", True)  # fmt: skip
    assert (pdf.kind, pdf.group, pdf.variant, pdf.path, pdf.fonts) == (
        "deck", "deck:launch", "pdf", "build/decks/launch-fr.pdf", False)  # fmt: skip
    for asset in (pptx, pdf):
        where = (asset.lang, asset.city, asset.preview, asset.slides)
        assert where == ("fr", "brussels", slides[0], slides)
        assert asset.packs == frozenset({"language", "city"})
    assert outputs["deck-preview", "talk-nl"].shows.packs == outputs["deck", "talk-nl"].shows.packs


def test_slides_layouts_and_notes_in_the_deck_language():
    context = planned()["deck", "launch-fr"].context
    assert [s.id for s in context.slides] == SLIDES
    assert [s.layout for s in context.slides] == LAYOUTS
    assert (context.language, context.title, context.author) == (
        "fr-BE",
        "Lancement de la Campagne Cœur bleu en Belgique",
        "Campagne Cœur bleu",
    )
    cover = context.slides[0]
    # the dot stays with the place, the date holds together: a line breaks only between
    assert shows(cover, 1).paragraphs == (Paragraph("Bruxelles\u00a0· 25\u00a0juillet\u00a02022"),)
    # draft translations say so first, in the notes the presenter reads
    assert cover.notes.startswith("Traduction provisoire, en attente de relecture")
    assert all(s.notes.strip() for s in context.slides)
    english = planned()["deck", "talk-en"].context
    assert not english.slides[0].notes.startswith("Draft")
    assert shows(english.slides[0], 0).paragraphs[0].text == "Blue Heart Campaign"
    assert english.slides[6].notes.endswith(
        "— António Guterres, Secretary-General of the United Nations."
    )


def test_charts_come_from_the_figures_with_locale_labels():
    slides = {s.id: s for s in planned()["deck", "talk-fr"].context.slides}
    by_sex = shows(slides["chart-by-sex"], 1)
    nb = "\u00a0"
    assert by_sex == Chart(
        kind="bar",
        categories=["Femmes et filles", "Hommes et garçons"],
        values=[11.4, 9.5],
        labels=[f"11,4{nb}millions", f"9,5{nb}millions"],
        alt=f"Femmes et filles, 11,4{nb}millions. Hommes et garçons, 9,5{nb}millions.",
    )
    assert [p.text for p in shows(slides["chart-by-sex"], 2).paragraphs] == [
        "Source\u202f: Organisation internationale du Travail (OIT)"
    ]
    children = shows(slides["chart-children"], 1)
    assert (children.kind, children.categories, children.values) == (
        "part",
        ["Enfants", "Adultes"],
        [5.5, 15.4],
    )
    # the adults are worked out from the ILO's figures, and say so
    derived = (f"Adultes\u202f: 20,9{nb}millions – 5,5{nb}millions, calculé à partir des "
               "chiffres de l’OIT")  # fmt: skip
    assert [p.text for p in shows(slides["chart-children"], 2).paragraphs] == [
        "Source\u202f: Organisation internationale du Travail (OIT)", derived]  # fmt: skip
    assert children.alt.endswith(f"Adultes, 15,4{nb}millions. {derived}.")
    assert derived in slides["chart-children"].notes
    english = {s.id: s for s in planned()["deck", "talk-en"].context.slides}
    assert shows(english["chart-children"], 2).paragraphs[1].text == (
        f"Adults: 20.9{nb}million – 5.5{nb}million, derived from the ILO figures"
    )


def test_day_slide_lists_the_cities_lighting_up_and_their_buildings():
    slides = {s.id: s for s in planned()["deck", "talk-en"].context.slides}
    body = [p.text for p in shows(slides["day"], 1).paragraphs]
    assert body == [
        "On 30\u00a0July\u00a02022, buildings and monuments light up in blue to show their "
        "support for the Blue Heart Campaign.",
        "Antwerp", "Bruges", "Brussels (Grand-Place, Egmont Palace, European Parliament)",
        "Kortrijk", "Tournai",
    ]  # fmt: skip


def test_without_libreoffice_decks_are_built_and_the_build_says_so(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no LibreOffice on it
    outputs = planned(project, office=None)
    assert {family for family, _ in outputs} == {"deck"}  # no PDF, no previews
    assert {(out.shows.variant, out.shows.preview, out.shows.slides)
            for out in outputs.values()} == {("pptx", None, ())}  # fmt: skip
    result = run_doit(project, "list")
    assert result.code == 0
    assert result.err == (
        "campaignkit: LibreOffice is not installed: decks are built as PPTX only, their PDFs "
        "and slide previews are left out (and the gallery and packs go without them); run "
        "./setup.sh (Debian: apt install libreoffice-impress)\n"
    )


def test_spotlight_headings_over_texts_and_a_shared_text_once():
    slides = {s.id: s for s in planned()["deck", "talk-en"].context.slides}
    spot = slides["spotlight"]
    assert [(f.idx, f.shows.role) for f in spot.fills] == [
        (0, "title"), (1, "heading"), (2, "heading"), (3, "heading"),
        (4, "body"), (5, "body"), (6, "body")]  # fmt: skip
    from campaignkit.families.deck.plan import spotlight

    campaign = load_campaign(REPO)
    stories = list(campaign.stories.values())[:3]
    same = [replace(s, data=s.data.model_copy(update={"text": stories[0].data.text}))
            for s in stories]  # fmt: skip
    shared = spotlight(campaign, same, "en", "en_GB")
    assert [f.idx for f in shared.fills] == [0, 1, 2, 3, 7]


@pytest.mark.parametrize(
    ("lang", "site", "note", "alt"),
    [("fr", "stoptraite.be", None, "Code QR\u202f: stoptraite.be"),
     ("en", "stopmensenhandel.be", None, "QR code: stopmensenhandel.be"),
     ("de", "stopmensenhandel.be", "Website auf Englisch, Französisch und Niederländisch.",
      "QR-Code: stopmensenhandel.be")],
)  # fmt: skip
def test_help_slide_shows_the_contact_point_its_qr_code_and_the_centres(lang, site, note, alt):
    slides = {s.id: s for s in planned()["deck", f"talk-{lang}"].context.slides}
    help_ = slides["help"]
    assert help_.layout == "Contact"
    point = shows(help_, 1).paragraphs
    assert point[0].bold and point[2] == Paragraph(site, True)
    assert [p.text for p in point[3:]] == ([note] if note else [])
    qr = shows(help_, 2)
    assert qr == Picture("qr", alt, f"https://{site}")
    centres = [tuple(p.text for p in shows(help_, idx).paragraphs) for idx in (4, 5, 6)]
    assert [c[0] for c in centres] == ["PAG-ASA", "Payoke", "Sürya"]
    assert [c[1].split(" · ")[1] for c in centres] == ["pag-asa.be", "payoke.be", "asblsurya.org"]
    shown = " ".join(p.text for f in help_.fills if isinstance(f.shows, Text)
                     for p in f.shows.paragraphs)  # fmt: skip
    assert not any(ch.isdigit() for ch in shown)  # no phone number in the content: none shown


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("items: [women-and-girls, men-and-boys]", "items: [women-and-girls, men]",
         "content/campaign.yaml:295: figures.charts[0].items: no figure 'men' in figures.items; "
         "use one of total, children, women-and-girls, men-and-boys"),
        ("items: [children, total]", "items: [total, children]",
         "content/campaign.yaml:298: figures.charts[1].items: 'total' is not smaller than "
         "'children'; put the part first, then the whole"),
        ("      rest: {en: Adults, fr: Adultes, nl: Volwassenen, de: Erwachsene, uk: Дорослі, prs: بزرگسالان}\n",
         "",
         "content/campaign.yaml:296: figures.charts[1].rest: a 'part' chart needs 'rest': the "
         "name of what the whole holds besides the part"),
    ],
)  # fmt: skip
def test_chart_mistakes_are_named(tmp_path, old, new, message):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    edit(project / "content" / "campaign.yaml", old, new)
    result = run_doit(project, "list")
    assert result.code == 3
    assert result.err == f"ERROR: 1 problem to fix before anything is built:\n{message}\n"


def test_line_breaks_in_content_start_paragraphs_and_tabs_are_spaces():
    from campaignkit.families.deck.plan import text

    assert text("body", "One.\n\nTwo\tthree.", ("Bold", True), None) == Text(
        "body", (Paragraph("One."), Paragraph("Two three."), Paragraph("Bold", True))
    )


def test_decks_are_in_the_languages_content_lists_for_them(tmp_path):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    campaign = project / "content" / "campaign.yaml"
    edit(campaign, "  languages: [en, fr, nl, de]\n", "  languages: [nl]\n")
    assert sorted(name for family, name in planned(project) if family == "deck") == [
        "launch-nl", "talk-nl"]  # fmt: skip
    edit(campaign, "  languages: [nl]\n", "  languages: [nl, xx]\n")
    result = run_doit(project, "list")
    assert result.code == 3
    line = campaign.read_text(encoding="utf-8").splitlines().index("  languages: [nl, xx]") + 1
    assert result.err.splitlines()[1] == (
        f"content/campaign.yaml:{line}: decks.languages[1]: unknown language 'xx'; use one of "
        + ", ".join(sorted(load_campaign(REPO).languages))
    )
