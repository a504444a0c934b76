"""Translation review: texts know their place, ledgers are checked, drafts are per output."""

from __future__ import annotations

import shutil

import pytest
from conftest import edit, make_project, write

from campaignkit import review
from campaignkit.content import load_campaign
from campaignkit.description import load
from campaignkit.errors import ContentError
from campaignkit.plan import plan

PLACE = "cities/brussels.yaml:events[0].place"
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def root(tmp_path):
    return make_project(tmp_path / "p")


def approve_all(root, *but: str) -> None:
    """A French ledger approving every text the outputs show in French, but `but`."""
    campaign = load_campaign(root)
    brand, _ = load(root)
    with review.reading() as read:
        plan(campaign, brand)
    entries = {
        key: review.Approval(
            "approved",
            review.fingerprint(campaign.texts[key].root["en"]),
            review.fingerprint(campaign.texts[key].root["fr"]),
        )
        for key, lang in read
        if lang == "fr" and key not in but
    }
    review.write_ledger(root, "fr", "Français", entries)


def outputs(root):
    _, planned = load(root)
    return {f"{out.step.name}:{out.name}": out for out in planned}


def drafts(root) -> list[str]:
    return sorted(
        name
        for name, out in outputs(root).items()
        if getattr(out.context, "draft", False)
        or getattr(out.shows, "translation", None) == "draft"
    )


def test_every_text_knows_its_place_in_content(root):
    campaign = load_campaign(root)
    assert campaign.main.day.call.key == "campaign.yaml:day.call"
    assert campaign.main.themes[0].title.key == "campaign.yaml:themes[0].title"
    assert campaign.labels.help_title.key == "labels.yaml:help_title"
    assert campaign.gallery.kinds["leaflet"].key == "gallery.yaml:kinds.leaflet"
    assert campaign.stories["beggar"].data.title.key == "stories/beggar.yaml:title"
    assert campaign.cities["brussels"].data.events[0].place.key == PLACE


def test_reading_collects_what_is_read_inside_only(root):
    campaign = load_campaign(root)
    campaign.main.day.name["fr"]  # before: not collected
    with review.reading() as outer:
        campaign.main.day.call["fr"]
        with review.reading() as inner:
            campaign.labels.help_title["en"]
    assert inner == {("labels.yaml:help_title", "en"): "help_title "}
    assert outer == {
        ("campaign.yaml:day.call", "fr"): "Portez le cœur bleu.",
        ("labels.yaml:help_title", "en"): "help_title ",
    }


def test_ledger_mistakes_are_one_line_each(root):
    write(
        root / "content/reviews/fr.yaml",
        '"campaign.yaml:day.cal": {state: approved, source: 000000000000, '
        "translation: 000000000000}\n"
        '"campaign.yaml:day.call": {state: aproved, source: 000000000000, '
        "translation: 000000000000}\n"
        '"campaign.yaml:day.name": {state: approved, source: abc, translation: 000000000000}\n'
        '"campaign.yaml:quote.author": {state: approved}\n',
    )
    write(root / "content/reviews/xx.yaml", "{}\n")
    write(root / "content/reviews/en.yaml", "{}\n")
    write(root / "content/reviews/fr.yml", "{}\n")
    with pytest.raises(ContentError) as err:
        load_campaign(root)
    assert err.value.lines == [
        "content/reviews/en.yaml: 'en' is the source language: its texts need no review; "
        "remove the file",
        "content/reviews/fr.yaml:1: campaign.yaml:day.cal: no text at this place in content/; "
        "remove the line (the text moved or was removed: export and import the review again)",
        "content/reviews/fr.yaml:2: campaign.yaml:day.call: 'aproved' is not a review state; "
        "use approved, or remove the line",
        "content/reviews/fr.yaml:3: campaign.yaml:day.name: source 'abc' is not a fingerprint "
        "campaignkit writes; remove the line and import the review again",
        "content/reviews/fr.yaml:4: campaign.yaml:quote.author: no text at this place in "
        "content/; remove the line (the text moved or was removed: export and import the "
        "review again)",
        "content/reviews/fr.yml: is not read: name a review file after a language of "
        "content/campaign.yaml (fr.yaml)",
        "content/reviews/xx.yaml: is not read: name a review file after a language of "
        "content/campaign.yaml (fr.yaml)",
    ]


def test_a_ledger_that_is_no_mapping_is_named(root):
    write(root / "content/reviews/fr.yaml", "- campaign.yaml:day.call\n")
    with pytest.raises(ContentError) as err:
        load_campaign(root)
    assert err.value.lines == [
        "content/reviews/fr.yaml:1: must map each text's place to its review, as campaignkit "
        "import-xliff writes it"
    ]


def test_without_a_ledger_every_french_output_is_a_draft(root):
    names = drafts(root)
    assert "leaflet:brussels-fr" in names and "social:day-fr-square" in names
    assert not [name for name in names if "-en" in name]
    assets = {out.shows.translation for out in outputs(root).values()
              if getattr(out.shows, "lang", None) == "en"}  # fmt: skip
    assert assets == {"source"}


def test_a_draft_is_an_output_showing_a_text_not_approved(root):
    approve_all(root)
    assert drafts(root) == []
    planned = outputs(root)
    assert planned["leaflet:brussels-fr"].shows.translation == "approved"
    approve_all(root, PLACE)
    # the place is shown by Brussels' leaflet (and its press and two-up sheets), its card,
    # the lit-up poster (and its fit) and the decks' day slide: nothing else
    assert drafts(root) == sorted(
        [
            "leaflet:brussels-fr", "leaflet-press:brussels-fr", "leaflet-twoup:brussels-fr",
            "deck:launch-fr", "deck:talk-fr", "poster-fit:lit-up-blue-fr",
            # the decks' PDFs, where LibreOffice makes them
            *(["deck-preview:launch-fr", "deck-preview:talk-fr"] if OFFICE else []),
            *(f"poster:lit-up-blue-fr-{size}" for size in ("a1-press", "a2-press", "a3-press",
                                                           "a3-office", "a4-office")),
            *(f"social:brussels-illumination-fr-{size}"
              for size in ("square", "portrait", "story", "x", "link")),
        ]
    )  # fmt: skip


def test_an_edit_of_either_text_makes_it_a_draft_again(root):
    approve_all(root)
    edit(root / "content/cities/brussels.yaml", "fr: Grand-Place}", "fr: Grand-Place !}")
    assert "leaflet:brussels-fr" in drafts(root)
    approve_all(root)
    edit(root / "content/cities/brussels.yaml", "{en: Grand-Place,", "{en: Grand Place,")
    assert "leaflet:brussels-fr" in drafts(root)


def test_a_reviewed_language_is_approved_wholesale(root):
    edit(root / "content/campaign.yaml", "status: needs-native-review", "status: reviewed")
    assert drafts(root) == []


def test_the_notice_itself_makes_no_draft(root):
    approve_all(root, "labels.yaml:review_pending")
    assert drafts(root) == []


def test_a_card_at_a_size_shows_only_the_variant_it_takes(root):
    edit(root / "content/campaign.yaml", "  text: {en: Quote., fr: Citation.}",
         "  text: {en: Quote., fr: Citation.}\n  short: {en: Short., fr: Courte.}")  # fmt: skip
    approve_all(root, "campaign.yaml:quote.short")
    # the whole quote fits every size: its excerpt is shown by none
    assert not [name for name in drafts(root) if name.startswith("social:quote")]
    approve_all(root, "campaign.yaml:quote.text")
    assert [name for name in drafts(root) if name.startswith("social:quote")] == [
        f"social:quote-fr-{size}" for size in sorted(["square", "portrait", "story", "x", "link"])
    ]
