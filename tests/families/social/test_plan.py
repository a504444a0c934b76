"""Planning social cards: which cards, in which languages and sizes, showing exactly what."""

import shutil

import pytest
from conftest import REPO, copy_project, edit
from test_brand import problems

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.families.social.plan import plan as plan_cards
from campaignkit.family import Settings

SIZES = {"square": (1080, 1080), "portrait": (1080, 1350), "story": (1080, 1920),
         "x": (1200, 675), "link": (1200, 630)}  # fmt: skip
CAMPAIGN_CARDS = ["beggar", "cleaning-lady", "day", "figure-children", "figure-men-and-boys",
                  "figure-total", "figure-women-and-girls", "help", "quote", "sex-worker",
                  "shine-the-light", "use-and-abuse-of-technology"]  # fmt: skip
EVENT_CARDS = ["antwerp-illumination", "bruges-illumination", "brussels-illumination-1",
               "brussels-illumination-2", "brussels-illumination-3", "brussels-stand",
               "kortrijk-illumination", "leuven-stand", "liege-stand", "nivelles-stand",
               "tournai-illumination"]  # fmt: skip


def planned(root=REPO):
    return {
        out.name: out for out in plan_cards(load_campaign(root), load_brand(root), Settings(), [])
    }


def test_every_card_in_every_language_at_every_size():
    outputs = planned()
    assert sorted({out.params.card for out in outputs.values()}) == sorted(
        CAMPAIGN_CARDS + EVENT_CARDS
    )
    # the campaign's cards in its six languages; the cities' texts are in four
    assert len(outputs) == (12 * 6 + 11 * 4) * 5
    card = outputs["tournai-illumination-nl-story"]
    assert card.target == "build/social/tournai-illumination/tournai-illumination-nl-story.png"
    assert card.extra_targets == (
        "build/social/tournai-illumination/tournai-illumination-nl-story.json",
    )
    assert (card.step.name, card.lang, card.city) == ("social", "nl", "tournai")
    for out in outputs.values():
        assert (out.params.width, out.params.height) == SIZES[out.params.size]


def test_sizes_and_safe_zones_come_from_the_brand():
    brand = load_brand(REPO)
    assert {name: tuple(size) for name, size in brand.social.sizes.items()} == SIZES
    assert planned()["quote-en-story"].params.insets == {
        "top": 250, "right": 64, "bottom": 250, "left": 64}  # fmt: skip
    assert planned()["quote-en-x"].params.insets == dict.fromkeys(
        ("top", "right", "bottom", "left"), 64
    )


def test_a_figure_card_shows_one_number_and_its_label_in_its_language():
    card = planned()["figure-total-fr-square"]
    assert card.context.texts == {
        "kicker": "Des chiffres inquiétants",
        "figure": "20,9\u00a0millions",
        "support": "de personnes dans le monde, selon l’estimation de l’OIT, sont victimes de "
        "travail forcé et d’exploitation sexuelle",
        "note": "Source\u202f: Organisation internationale du Travail (OIT)",
        "footer": "Journée mondiale de la lutte contre la traite d’êtres humains · 30\u00a0juillet\u00a02022",
    }
    assert card.params.kind == "figure"
    assert sorted(card.params.text) == ["figure", "footer", "kicker", "note", "support"]


def test_city_event_cards_compose_labels_and_dates():
    outputs = planned()
    assert outputs["brussels-illumination-2-nl-square"].context.texts == {
        "kicker": "In Brussel",
        "headline": "Brussel verlicht gebouwen en monumenten in het blauw",
        "support": "Blauw verlicht: Egmontpaleis",
        "footer": "Werelddag tegen mensenhandel · 30\u00a0juli\u00a02022",
    }
    assert outputs["liege-stand-de-link"].context.texts["headline"] == (
        "Sensibilisierungsstand von PAG-ASA und Sürya"
    )


def test_an_event_off_the_day_shows_its_date_and_time(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    edit(root / "content/cities/liege.yaml", "  - kind: stand",
         "  - date: 2022-07-29\n    kind: stand\n    time: 14:00-18:00")  # fmt: skip
    assert planned(root)["liege-stand-fr-square"].context.texts["note"] == (
        "29\u00a0juillet\u00a02022 · 14:00–18:00"
    )


def test_the_alt_text_reads_what_the_card_shows_in_its_language():
    outputs = planned()
    # the number and its label read as one sentence
    assert outputs["figure-children-en-x"].context.alt == (
        "Graphic: The Blue Heart. Disturbing numbers. 5.5\u00a0million children are exposed to forced labour, "
        "by the ILO’s figures. Source: International Labour Organization (ILO). World Day "
        "against Trafficking in Persons, 30\u00a0July\u00a02022."
    )
    # within 250 characters: without the heart and the words above the figure
    assert outputs["figure-children-fr-square"].context.alt == (
        "Visuel\u202f: 5,5\u00a0millions d’enfants sont exposés au travail forcé, selon les "
        "chiffres de l’OIT. Source\u202f: Organisation internationale du Travail (OIT). Journée "
        "mondiale de la lutte contre la traite d’êtres humains, 30\u00a0juillet\u00a02022."
    )
    assert outputs["quote-de-square"].context.alt.endswith(
        "für alle gewährleisten können. — António Guterres, Generalsekretär der Vereinten "
        "Nationen. Welttag gegen Menschenhandel, 30.\u00a0Juli\u00a02022."
    )


def test_event_cards_only_in_the_languages_their_texts_have(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    edit(root / "content/cities/brussels.yaml", "      de: Egmont-Palast\n", "")
    langs = {out.lang for out in planned(root).values()
             if out.params.card == "brussels-illumination-2"}  # fmt: skip
    assert langs == {"en", "fr", "nl"}


def test_editing_one_city_changes_only_its_cards(tmp_path):
    before = planned(copy_project(tmp_path / "a"))
    root = copy_project(tmp_path / "b")
    edit(root / "content/cities/liege.yaml", "organisers: [PAG-ASA, Sürya]", "organisers: [Sürya]")
    after = planned(root)
    changed = {name for name in before if before[name].context != after[name].context}
    assert changed == {f"liege-stand-{lang}-{size}" for lang in ("en", "fr", "nl", "de")
                       for size in SIZES}  # fmt: skip


@pytest.fixture
def brand_root(tmp_path):
    shutil.copytree(REPO / "brand", tmp_path / "brand")
    return tmp_path


def test_card_type_sizes_must_be_on_the_scale_and_above_the_minimum(brand_root):
    brand = brand_root / "brand/brand.yaml"
    edit(brand, "support: {font: body, min: 24,", "support: {font: body, min: 20,")
    edit(
        brand,
        "note: {font: body, weight: 700, size: 28,",
        "note: {font: body, weight: 700, size: 30,",
    )
    edit(brand, "    story: {top: 250, bottom: 250}", "    stories: {top: 250, bottom: 250}")
    [line] = problems(brand_root)
    assert line.startswith("brand/brand.yaml:")
    assert line.split(": ", 2)[1:] == ["social", (
        "safe.stories: 'stories' is not one of the sizes; text.support: 20 px is below the "
        "minimum of 24 px; text.note: 30 px is not on the scale; use one of 20, 24, 28, 32, 36, "
        "40, 48, 56, 64, 72, 88, 104, 128, 160, 192, 224")]  # fmt: skip


def test_a_card_text_has_a_size_or_a_range(brand_root):
    edit(brand_root / "brand/brand.yaml", "footer: {font: body, size: 28,", "footer: {font: body,")
    [line] = problems(brand_root)
    assert line.endswith("social.text.footer: give either a size, or min and max for a fitted text")


def test_each_story_card_reads_on_its_own_with_its_own_supporting_line():
    outputs = planned()
    for lang in ("en", "fr"):
        lines = {story: outputs[f"{story}-{lang}-square"].context.texts["support"]
                 for story in ("beggar", "cleaning-lady", "sex-worker")}  # fmt: skip
        assert len(set(lines.values())) == 3, lang
    assert outputs["beggar-en-square"].context.alt == (
        "Graphic: The Blue Heart. In the spotlight of the Blue Heart. A beggar. Passers-by see them every "
        "day, yet rarely ask about their situation, or might not notice that they are being "
        "trafficked. World Day against Trafficking in Persons, 30\u00a0July\u00a02022."
    )


def test_the_help_card_shows_the_contact_point_in_the_cards_language():
    outputs = planned()
    fr = outputs["help-fr-square"]
    assert fr.context.qr == "https://stoptraite.be"
    assert fr.context.texts["kicker"] == "Où trouver de l’aide"
    assert fr.context.texts["address"] == "stoptraite.be"
    assert "note" not in fr.context.texts  # the site is in French
    assert fr.shows.group == "card:help" and fr.shows.title == "Où trouver de l’aide"
    de = outputs["help-de-link"]
    assert de.context.qr == "https://stopmensenhandel.be"
    assert de.context.texts["note"] == "Website auf Englisch, Französisch und Niederländisch."
    # within 250 characters: its title, the address, the QR code and the centres kept
    assert outputs["help-en-story"].context.alt == (
        "Graphic: Where to get help. Central contact point for victims and witnesses: "
        "stopmensenhandel.be. QR code: stopmensenhandel.be. PAG-ASA (Brussels, pag-asa.be), "
        "Payoke (Antwerp, payoke.be), Sürya (Liège, asblsurya.org)."
    )
    assert not any("phone" in repr(out.context).lower() for out in outputs.values()
                   if out.params.card == "help")  # fmt: skip


def test_the_quote_takes_its_excerpt_only_where_the_whole_does_not_fit():
    outputs = planned()
    campaign = load_campaign(REPO)
    whole, short = campaign.main.quote.text, campaign.main.quote.short
    for lang in ("fr", "nl", "de"):
        assert short[lang] in outputs[f"quote-{lang}-link"].context.alt, lang
        assert outputs[f"quote-{lang}-link"].context.texts["quote"] == short[lang]
    for lang in ("en", "fr"):
        assert whole[lang] in outputs[f"quote-{lang}-square"].context.alt, lang
        assert short[lang] not in outputs[f"quote-{lang}-square"].context.alt, lang


def test_each_story_has_a_composition_of_its_own():
    outputs = planned()
    lights = {story: outputs[f"{story}-en-square"].params.light
              for story in ("beggar", "cleaning-lady", "sex-worker", "shine-the-light")}  # fmt: skip
    assert len({(light.heart, light.source) for light in lights.values()}) == 4


def test_a_dari_card_is_set_right_to_left_in_vazirmatn_with_its_own_digits():
    outputs = planned()
    card = outputs["figure-total-prs-square"]
    assert (card.context.rtl, card.context.language, card.context.lang) == (True, "fa", "prs")
    assert card.context.texts["figure"] == "۲۰٫۹\u00a0میلیون"
    assert card.context.texts["footer"].endswith(" – ۳۰\u00a0جولای\u00a0۲۰۲۲")
    assert {style.font for style in card.params.text.values()} == {
        "brand/fonts/Vazirmatn-Bold.ttf", "brand/fonts/Vazirmatn-Regular.ttf"}  # fmt: skip
    ukrainian = outputs["figure-total-uk-square"]
    assert (ukrainian.context.rtl, ukrainian.context.language) == (False, "uk")
    assert ukrainian.context.texts["figure"] == "20,9\u00a0мільйона"
    assert ukrainian.params.text["figure"].font == "brand/fonts/NotoSansDisplay-Bold.ttf"


def test_a_dari_event_card_gives_its_date_and_time_in_persian_digits(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    city = root / "content/cities/liege.yaml"
    edit(city, "  de: Lüttich\n", "  de: Lüttich\n  prs: لیژ\n")
    edit(city, "  - kind: stand", "  - date: 2022-07-29\n    kind: stand\n    time: 14:00-18:00")
    texts = planned(root)["liege-stand-prs-square"].context.texts
    assert texts["note"] == "۲۹\u00a0جولای\u00a0۲۰۲۲ – ۱۴:۰۰–۱۸:۰۰"
    assert texts["headline"].endswith("PAG-ASA و Sürya")  # Latin names kept, in the line


def test_the_fitting_trials_are_measured_in_the_cards_direction(monkeypatch):
    """The planner's trial of a text's variants (the whole quote or its excerpt) lays the card
    out as it is drawn: right to left, in its language."""
    from campaignkit.families.social import render

    tried = []
    real = render.fits
    monkeypatch.setattr(render, "fits", lambda *args: tried.append(args[1]) or real(*args))
    planned()
    dari = {(context.rtl, context.language) for context in tried if context.lang == "prs"}
    assert dari == {(True, "fa")}
    assert {context.rtl for context in tried if context.lang == "en"} == {False}


def test_every_alt_text_says_it_is_a_graphic_within_250_characters():
    """In the card's language, every kind of card; a quote card's carries the whole quote."""
    campaign = load_campaign(REPO)
    kinds = set()
    for out in planned().values():
        word = campaign.labels.graphic[out.lang].split("{")[0]  # 'Graphic: ', 'گرافیک: '
        assert out.context.alt.startswith(word), out.name
        kinds.add(out.params.kind)
        if out.params.kind != "quote":
            assert len(out.context.alt) <= 250, (out.name, len(out.context.alt))
        else:
            whole, short = campaign.main.quote.text[out.lang], campaign.main.quote.short[out.lang]
            assert whole in out.context.alt or short in out.context.alt, out.name
    assert kinds == {"theme", "figure", "spotlight", "quote", "day", "help", "event"}
    assert planned()["help-prs-square"].context.alt.startswith(
        "گرافیک: از کجا کمک بگیرید. نقطه تماس مرکزی برای قربانیان و شاهدان: stopmensenhandel.be."
    )
    # the centres listed with Dari's comma, not a Latin one
    assert "PAG-ASA (بروکسل\u060c\u200f pag-asa.be)" in planned()["help-prs-square"].context.alt
