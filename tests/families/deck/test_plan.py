"""Planning decks: two decks in every language, slides on named layouts, notes, charts."""

import pytest
from conftest import REPO, copy_project, edit, run_doit

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.families.deck.plan import plan as plan_decks
from campaignkit.families.deck.slides import Chart, Paragraph, Text
from campaignkit.family import Settings

SLIDES = ["cover", "what-is", "chart-by-sex", "chart-children", "themes", "spotlight", "quote",
          "day", "blue-heart", "help"]  # fmt: skip
LAYOUTS = ["Title", "Statement", "Chart", "Chart", "Two Columns", "Three Columns", "Quote",
           "Statement", "Picture and Text", "Statement"]  # fmt: skip


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
    assert [preview.target, *preview.extra_targets] == [
        f"build/decks/previews/launch-fr/slide-{n:02}.png" for n in range(1, 11)
    ]


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
    assert shows(cover, 1).paragraphs == (Paragraph("Bruxelles · 25 juillet 2022"),)
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
    assert by_sex == Chart(
        kind="bar",
        categories=["Femmes et filles", "Hommes et garçons"],
        values=[11.4, 9.5],
        labels=["11,4 millions", "9,5 millions"],
        alt="Femmes et filles, 11,4 millions. Hommes et garçons, 9,5 millions.",
    )
    children = shows(slides["chart-children"], 1)
    assert (children.kind, children.categories, children.values) == (
        "part",
        ["Enfants", "Adultes"],
        [5.5, 15.4],
    )
    caption = shows(slides["chart-children"], 2).paragraphs[0].text
    assert caption == "Source\u202f: Organisation internationale du Travail (OIT)"


def test_day_slide_lists_the_cities_lighting_up_and_their_buildings():
    slides = {s.id: s for s in planned()["deck", "talk-en"].context.slides}
    body = [p.text for p in shows(slides["day"], 1).paragraphs]
    assert body == [
        "On 30 July 2022, buildings and monuments light up in blue to show their support for "
        "the Blue Heart Campaign.",
        "Antwerp", "Bruges", "Brussels (Grand-Place, Egmont Palace, European Parliament)",
        "Kortrijk", "Tournai",
    ]  # fmt: skip


def test_without_libreoffice_decks_are_built_and_the_build_says_so(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no LibreOffice on it
    families = {family for family, _ in planned(project, office=None)}
    assert "deck" in families and "deck-preview" not in families
    result = run_doit(project, "list")
    assert result.code == 0
    assert result.err == (
        "campaignkit: LibreOffice is not installed: decks are built without slide previews, "
        "and the gallery shows none; run ./setup.sh (Debian: apt install libreoffice-impress)\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("items: [women-and-girls, men-and-boys]", "items: [women-and-girls, men]",
         "content/campaign.yaml:220: figures.charts[0].items: no figure 'men' in figures.items; "
         "use one of total, children, women-and-girls, men-and-boys"),
        ("items: [children, total]", "items: [total, children]",
         "content/campaign.yaml:223: figures.charts[1].items: 'total' is not smaller than "
         "'children'; put the part first, then the whole"),
        ("      rest: {en: Adults, fr: Adultes, nl: Volwassenen, de: Erwachsene}\n", "",
         "content/campaign.yaml:221: figures.charts[1].rest: a 'part' chart needs 'rest': the "
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
