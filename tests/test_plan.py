"""The plan: which files get built, each with exactly the content it shows."""

import json

from conftest import REPO, copy_project, edit

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.plan import plan


def planned(root, epoch=None):
    return {out.name: out for out in plan(load_campaign(root), load_brand(root), epoch)}


def test_every_city_in_each_of_its_languages():
    outputs = planned(REPO)
    assert sorted(outputs) == [
        "antwerp-nl", "bruges-nl", "brussels-fr", "brussels-nl", "kortrijk-nl", "leuven-nl",
        "liege-fr", "nivelles-fr", "tournai-fr",
    ]  # fmt: skip
    liege = outputs["liege-fr"]
    assert liege.target == "build/leaflets/liege-fr.pdf"
    assert liege.template == "leaflet/leaflet.html.j2"
    assert (liege.family, liege.lang, liege.city) == ("leaflet", "fr", "liege")
    assert liege.doc == "A5 leaflet for Liège in Français"


def test_a_leaflet_holds_its_language_only():
    context = planned(REPO)["brussels-nl"].context
    assert context["city"]["name"] == "Brussel"
    assert context["themes"][0]["title"] == "Zet mensenhandel in de schijnwerpers"
    assert context["locale"] == "nl_BE"
    assert context["draft"] is True
    text = json.dumps(context, ensure_ascii=False)
    for english in ("Shine the Light", "Human trafficking is", "Wear the blue heart"):
        assert english not in text


def test_the_launch_shows_in_its_city_only():
    outputs = planned(REPO)
    kinds = [event["kind"] for event in outputs["brussels-fr"].context["city"]["events"]]
    assert kinds == ["launch", "illumination", "illumination", "illumination", "stand"]
    assert "launch" not in json.dumps(outputs["liege-fr"].context["city"])


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
    assert changed == ["brussels-fr", "liege-fr", "nivelles-fr", "tournai-fr"]


def test_source_date_epoch_is_the_creation_date():
    assert planned(REPO)["liege-fr"].context["created"] is None
    assert planned(REPO, epoch=1659139200)["liege-fr"].context["created"] == "2022-07-30T00:00:00Z"
