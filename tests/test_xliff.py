"""XLIFF review files: exported valid, imported into the YAML byte for byte, drafts cleared."""

from __future__ import annotations

import json

import pypdfium2
import pytest
from conftest import edit, make_project, run_doit
from lxml import etree
from translate.storage import xliff as ttk

from campaignkit import review
from campaignkit.cli import main
from campaignkit.content import load_campaign
from campaignkit.splice import spliced
from campaignkit.xliff import NAMESPACE, export, import_file

PLACE = "cities/brussels.yaml:events[0].place"


@pytest.fixture
def root(tmp_path):
    return make_project(tmp_path / "p")


def approve(root, keys: dict[str, str | None], everything: bool = False) -> None:
    """Approve units of build/xliff/fr.xlf as a reviewer would in a tool: the `keys` (with a
    new text where given), or every unit."""
    path = root / "build/xliff/fr.xlf"
    store = ttk.xlifffile.parsestring(path.read_bytes())
    for unit in store.getunits():
        key = unit.getid().rpartition("\x04")[2]
        if everything or key in keys:
            if keys.get(key):
                unit.settarget(keys[key])
            unit.set_state_n(unit.S_SIGNED_OFF + 1)
    path.write_bytes(bytes(store))


def test_export_is_xliff_1_2_with_every_text_shown(root):
    assert export(root) == ["build/xliff/fr.xlf"]
    data = (root / "build/xliff/fr.xlf").read_bytes()
    tree = etree.fromstring(data)
    assert (tree.tag, tree.get("version")) == (f"{{{NAMESPACE}}}xliff", "1.2")
    (file,) = tree.findall(f"{{{NAMESPACE}}}file")
    assert {name: file.get(name) for name in ("original", "source-language", "target-language",
                                              "datatype")} == {
        "original": "content", "source-language": "en", "target-language": "fr",
        "datatype": "plaintext"}  # fmt: skip
    # only the XLIFF 1.2 namespace, and the 1.2 state values
    assert set(tree.nsmap.values()) == {NAMESPACE}
    assert not any(node.nsmap.get(None, NAMESPACE) != NAMESPACE for node in tree.iter())
    store = ttk.xlifffile.parsestring(data)
    units = {unit.getid().rpartition("\x04")[2]: unit for unit in store.getunits()}
    place = units[PLACE]
    assert (str(place.source), str(place.target)) == ("Grand-Place", "Grand-Place")
    assert not place.isapproved()
    assert place.getlanguageNode(index=1).get("state") == "needs-review-translation"
    assert place.getlocations() == ["content/cities/brussels.yaml:6"]
    assert place.getnotes() == "content/cities/brussels.yaml:6 (events[0].place.fr)"
    assert units["campaign.yaml:day.call"].target == "Portez le cœur bleu."
    # what no output shows is not sent: the theme's summary (decks' notes show it) is, the
    # labels no output uses are not
    assert "campaign.yaml:themes[0].summary" in units
    assert len(units) == len(set(units)) > 50


def test_approved_texts_are_exported_final(root):
    export(root)
    approve(root, {"campaign.yaml:day.call": None})
    assert main(["--root", str(root), "import-xliff", str(root / "build/xliff/fr.xlf")]) == 0
    export(root)
    store = ttk.xlifffile.parsestring((root / "build/xliff/fr.xlf").read_bytes())
    unit = next(u for u in store.getunits() if u.getid().endswith("campaign.yaml:day.call"))
    assert unit.isapproved()
    assert unit.getlanguageNode(index=1).get("state") == "final"


def test_import_writes_the_approved_text_and_keeps_every_other_byte(root, capsys):
    export(root)
    before = {path: path.read_bytes() for path in (root / "content").rglob("*.yaml")}
    approve(
        root,
        {
            "campaign.yaml:day.call": "Portez le cœur bleu par solidarité.",
            PLACE: None,
            "campaign.yaml:day.name": None,
        },
    )
    # a text left unapproved is not written, even if the reviewer changed it
    store = ttk.xlifffile.parsestring((root / "build/xliff/fr.xlf").read_bytes())
    for unit in store.getunits():
        if unit.getid().endswith("campaign.yaml:quote.text"):
            unit.settarget("Citation changée.")
    (root / "build/xliff/fr.xlf").write_bytes(bytes(store))
    assert main(["--root", str(root), "import-xliff", str(root / "build/xliff/fr.xlf")]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[:2] == [
        "content/campaign.yaml:11: campaign.yaml:day.call (fr): text changed: "
        "'Portez le cœur bleu.' -> 'Portez le cœur bleu par solidarité.'",
        "content/campaign.yaml:11: campaign.yaml:day.call (fr): approved",
    ]
    assert said[-1].startswith(f"{root / 'build/xliff/fr.xlf'}: 4 changes; ")
    after = {path: path.read_bytes() for path in (root / "content").rglob("*.yaml")}
    main_file = root / "content/campaign.yaml"
    assert after[main_file] == before[main_file].replace(
        b"fr: Portez le c\xc5\x93ur bleu.}",
        b"fr: Portez le c\xc5\x93ur bleu par solidarit\xc3\xa9.}",
    )
    ledger = root / "content/reviews/fr.yaml"
    assert {path for path in after if after[path] != before.get(path)} == {main_file, ledger}
    campaign = load_campaign(root)
    assert campaign.approved["fr"] == {"campaign.yaml:day.call", "campaign.yaml:day.name", PLACE}
    assert campaign.main.quote.text.root["fr"] == "Citation."


def test_a_unit_whose_english_changed_is_refused(root, capsys):
    export(root)
    approve(root, {"campaign.yaml:day.call": "Portez-le.", "campaign.yaml:day.name": None})
    edit(root / "content/campaign.yaml", "en: Wear the blue heart.", "en: Wear the heart.")
    before = (root / "content/campaign.yaml").read_bytes()
    assert main(["--root", str(root), "import-xliff", str(root / "build/xliff/fr.xlf")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "ERROR: content/campaign.yaml:11: campaign.yaml:day.call: the English changed since "
        "export; export again",
        f"{root / 'build/xliff/fr.xlf'}: nothing imported (1 problem)",
    ]
    assert (root / "content/campaign.yaml").read_bytes() == before
    assert not (root / "content/reviews/fr.yaml").exists()


def test_an_approved_text_that_breaks_content_is_not_imported(root, capsys):
    export(root)
    approve(root, {"labels.yaml:events_title": "Événements"})  # lost its {city}
    before = (root / "content/labels.yaml").read_bytes()
    assert main(["--root", str(root), "import-xliff", str(root / "build/xliff/fr.xlf")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "ERROR: content/labels.yaml:1: events_title.fr: must hold exactly {city}, as written, "
        "where the language needs them"
    )
    assert (root / "content/labels.yaml").read_bytes() == before
    assert not (root / "content/reviews/fr.yaml").exists()


def test_a_file_that_is_not_xliff_is_one_line(root, capsys):
    (root / "notes.xlf").write_text("not xml")
    assert main(["--root", str(root), "import-xliff", str(root / "notes.xlf")]) == 1
    assert capsys.readouterr().err.startswith("ERROR: notes.xlf: is not an XLIFF file (")


@pytest.mark.parametrize(
    ("text", "path", "value", "expected"),
    [
        (
            "a:\n  fr: Un\n  en: One  # kept\n",
            ("a", "fr"),
            "Deux",
            "a:\n  fr: Deux\n  en: One  # kept\n",
        ),
        ("a: {en: One, fr: Un}\n", ("a", "fr"), "Un, deux", 'a: {en: One, fr: "Un, deux"}\n'),
        ("a: {fr: 'l''un'}\n", ("a", "fr"), "l'autre", "a: {fr: 'l''autre'}\n"),
        ("a:\n  - fr: Oui\n", ("a", 0, "fr"), "NO", 'a:\n  - fr: "NO"\n'),
        (
            "a:\n  fr: >-\n    Une ligne\n    pliée.\n  en: x\n",
            ("a", "fr"),
            "Une autre ligne.",
            "a:\n  fr: >-\n    Une autre ligne.\n  en: x\n",
        ),
        (
            "a:\n  fr: |\n    l1\n    l2\n# end\n",
            ("a", "fr"),
            "m1\nm2\n",
            "a:\n  fr: |\n    m1\n    m2\n# end\n",
        ),
    ],
)
def test_a_text_is_spliced_in_its_own_style(text, path, value, expected):
    assert spliced(text, path, value) == expected


def test_approving_the_last_text_clears_the_notice_where_every_text_is_approved(root):
    """Export, approve one text, import, build: only the outputs showing it rebuild, and the
    notice leaves the leaflet whose every text is now approved."""
    tasks = ["leaflet:brussels-fr", "social:brussels-illumination-fr-square",
             "social:day-fr-square"]  # fmt: skip
    export(root)
    approve(root, {}, everything=True)  # everything approved but the place
    store = ttk.xlifffile.parsestring((root / "build/xliff/fr.xlf").read_bytes())
    for unit in store.getunits():
        if unit.getid().endswith(PLACE):
            unit.set_state_n(unit.S_NEEDS_REVIEW)
    (root / "build/xliff/fr.xlf").write_bytes(bytes(store))
    assert import_file(root, root / "build/xliff/fr.xlf").problems == []
    first = run_doit(root, "run", *tasks)
    assert first.code == 0, first.errors
    assert first.executed == sorted(tasks)

    def leaflet_text() -> str:
        pdf = pypdfium2.PdfDocument(root / "build/leaflets/brussels-fr.pdf")
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)

    def card_draft(card: str) -> bool:
        return json.loads((root / f"build/social/{card}/{card}-fr-square.json").read_text())[
            "draft"
        ]

    assert "review_pending fr" in leaflet_text()
    assert (card_draft("brussels-illumination"), card_draft("day")) == (True, False)
    export(root)
    approve(root, {PLACE: None})
    done = import_file(root, root / "build/xliff/fr.xlf")
    assert (done.problems, done.changes) == ([], [
        f"content/cities/brussels.yaml:6: {PLACE} (fr): approved"])  # fmt: skip
    second = run_doit(root, "run", *tasks)
    assert second.code == 0, second.errors
    assert second.executed == ["leaflet:brussels-fr", "social:brussels-illumination-fr-square"], (
        second.tasks,
        second.out,
        second.err,
    )
    assert "review_pending fr" not in leaflet_text()
    assert (card_draft("brussels-illumination"), card_draft("day")) == (False, False)
    assert review.fingerprint("Grand-Place") in (root / "content/reviews/fr.yaml").read_text()
