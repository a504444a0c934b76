"""Packs of a small built project, read back: exactly the planned files, each image's alt text
beside it, a manifest valid against the shipped schema, a README in the reader's language."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import shutil
import zipfile
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, make_content, run_doit

from campaignkit.content import load_campaign
from campaignkit.description import load
from campaignkit.families.pack.plan import FAMILY
from campaignkit.families.pack.readme import pattern
from campaignkit.families.pack.render import SCHEMA, entry_name
from campaignkit.registry import FAMILIES

#: Without LibreOffice (no deck PDFs or previews): packs are about what they hold, not decks.
QUICK = tuple(dataclasses.replace(f, programs={}) if f.programs else f for f in FAMILIES)
#: What every pack holds besides its files and their alt texts.
OWN = {"manifest.json", SCHEMA, "README.txt"}
#: What the test's words say besides their own name.
FILLED = {"language": " {language}", "city": " {city}", "files": " ({count}) {where}"}


def small(root: Path) -> Path:
    """make_content's project (en and fr, Brussels in fr) with one poster size of each variant
    and one card size (quick to build), and the words the packs need."""
    make_content(root)
    for folder in ("brand", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    brand = root / "brand" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    text = text.replace("    A2: [420, 594]\n    A1: [594, 841]\n", "")
    text = text.replace("    A3: [297, 420]\n  office_margin", "  office_margin")
    text = re.sub(r"    (portrait|story|x|link): \[.*\n", "", text)
    text = re.sub(r"  safe: .*\n    story: .*\n", "  safe: {}\n", text)
    brand.write_text(text, encoding="utf-8")
    gallery = root / "content" / "gallery.yaml"
    said = gallery.read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    for word in FAMILY.words:
        section, key = word.split(".")
        sections.setdefault(section, []).append(key)
    for section, keys in sections.items():
        if f"\n{section}:" not in f"\n{said}":  # words of one pack ('usage-card'), named
            said += f"{section}:\n" + "".join(
                f'  {key}: {{en: "{key}{FILLED.get(key, "")}", fr: "{key} fr{FILLED.get(key, "")}"}}\n'
                for key in keys
            )
    gallery.write_text(said, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = small(tmp_path_factory.mktemp("packs") / "project")
    run = run_doit(root, "run", "pack", families=QUICK)
    assert run.code == 0, run.errors
    planned = {out.name: out for out in load(root, QUICK)[1] if out.step.name == "pack"}
    return root, planned


def read(root: Path, out) -> zipfile.ZipFile:
    return zipfile.ZipFile(root / out.target)


def manifest(root: Path, out) -> dict:
    return json.loads(read(root, out).read("manifest.json"))


def test_every_pack_holds_exactly_what_its_plan_lists(built):
    root, planned = built
    assert sorted(planned) == ["city-brussels", "language-en", "language-fr", "press"]
    for out in planned.values():
        names = set(read(root, out).namelist())
        members = {entry_name(member.path) for member in out.context.files}
        beside = {entry_name(member.sidecar) for member in out.context.files if member.sidecar}
        assert names == members | beside | OWN, out.name
        assert [item["path"] for item in manifest(root, out)["files"]] == sorted(members)


def test_packs_hold_what_their_readers_need(built):
    root, planned = built
    held = {name: set(read(root, out).namelist()) for name, out in planned.items()}
    # the city's whole kit: its leaflets (office, press, two-up), campaign-wide office posters,
    # cards and decks in its language (fr), the fonts the decks need
    city = held["city-brussels"]
    assert {"leaflets/brussels-fr.pdf", "leaflets/brussels-fr-press.pdf",
            "leaflets/brussels-fr-twoup.pdf"} <= city  # fmt: skip
    assert any(re.fullmatch(r"posters/.*-fr-a4-office\.pdf", name) for name in city)
    assert any(re.fullmatch(r"social/.*-fr-square\.png", name) for name in city)
    assert "decks/talk-fr.pptx" in city and "brand/fonts/OFL.txt" in city
    assert not any(re.search(r"-en[-.]|press\.pdf$", name) and not name.startswith("leaflets/")
                   for name in city)  # fmt: skip
    # a language pack: campaign-wide files in its language, no city's leaflets
    for lang in ("en", "fr"):
        files = manifest(root, planned[f"language-{lang}"])["files"]
        assert {item["language"] for item in files if item["kind"] not in ("font",)} == {lang}
        assert not any(item["kind"] == "leaflet" for item in files)
        assert not any(item["variant"] == "press" for item in files)
    # print shops: press files only, and the heart
    press = manifest(root, planned["press"])["files"]
    assert {item["variant"] for item in press if item["kind"] != "brand"} == {"press"}
    assert {item["kind"] for item in press} == {"leaflet", "poster", "brand"}
    assert "brand/blue-heart.svg" in held["press"]


def test_every_image_has_its_alt_text_beside_it(built):
    root, planned = built
    images = 0
    for out in planned.values():
        archive = read(root, out)
        names = set(archive.namelist())
        for item in manifest(root, out)["files"]:
            if not item["path"].endswith(".png"):
                continue
            images += 1
            beside = item["path"].removesuffix(".png") + ".json"
            assert item["alt_file"] == beside and beside in names
            sidecar = json.loads(archive.read(beside))
            assert sidecar["alt"] == item["alt"] and item["alt"].strip()
    assert images > 0


def schema() -> dict:
    return json.loads(files("campaignkit.families.pack").joinpath(SCHEMA).read_text("utf-8"))


def test_manifests_validate_against_the_schema_each_pack_ships(built):
    root, planned = built
    jsonschema.Draft202012Validator.check_schema(schema())
    for out in planned.values():
        archive = read(root, out)
        assert json.loads(archive.read(SCHEMA)) == schema()
        found = manifest(root, out)
        assert found["$schema"] == SCHEMA
        jsonschema.validate(found, schema(), cls=jsonschema.Draft202012Validator)


def test_every_file_gives_its_translation_state(built):
    """English is the source; French awaits review (no ledger): every French file is a
    draft, and the README says what that means; fonts and the heart show no text."""
    root, planned = built
    states = {}
    for out in planned.values():
        for item in manifest(root, out)["files"]:
            states.setdefault((item["language"], item["translation"]), item["path"])
    assert set(states) == {("en", "source"), ("fr", "draft"), (None, None)}, states
    draft = load_campaign(root).gallery.draft

    def notice(lang: str) -> str:
        return " ".join(draft[lang].split())

    def readme(name: str) -> str:
        return " ".join(read(root, planned[name]).read("README.txt").decode().split())

    assert notice("fr") in readme("language-fr")
    assert notice("en") not in readme("language-en")  # English files only: no drafts


@pytest.mark.parametrize(
    "breaks",
    [
        lambda m: m["files"][0].pop("sha256"),
        lambda m: m["files"][0].update(path="../../etc/passwd"),
        lambda m: m["files"][0].update(bytes=-1),
        lambda m: next(i for i in m["files"] if i["path"].endswith(".png")).pop("alt"),
        lambda m: next(i for i in m["files"] if i["path"].endswith(".pdf")).pop("page_mm"),
        lambda m: m.update(language="French"),
        lambda m: m.update(extra=1),
        lambda m: m.update(files=[]),
    ],
    ids=[
        "no-checksum",
        "climbs",
        "negative-size",
        "image-without-alt",
        "pdf-without-size",
        "language-name",
        "unknown-field",
        "no-files",
    ],
)
def test_the_schema_rejects_a_broken_manifest(built, breaks):
    root, planned = built
    broken = copy.deepcopy(manifest(root, planned["city-brussels"]))
    breaks(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema(), cls=jsonschema.Draft202012Validator)


def test_readme_and_title_speak_the_packs_language(built):
    root, planned = built
    for name, lang in (("language-fr", "fr"), ("city-brussels", "fr"), ("language-en", "en"),
                       ("press", "en")):  # fmt: skip
        out = planned[name]
        readme = read(root, out).read("README.txt").decode()
        title = manifest(root, out)["title"]
        assert readme.splitlines()[0] == title == out.shows.title == out.shows.titles[lang]
        assert manifest(root, out)["language"] == lang
        assert (" fr " in readme) == (lang == "fr"), name  # the test words say their language
    assert planned["language-fr"].shows.titles == {"en": "language French",
                                                   "fr": "language fr français"}  # fmt: skip


def test_readme_explains_exactly_the_kinds_of_file_the_pack_holds(built):
    root, planned = built
    said = {name: read(root, out).read("README.txt").decode() for name, out in planned.items()}
    usage = {name: set(re.findall(r"^- (usage-[a-z-]+)", text, re.M))
             for name, text in said.items()}  # fmt: skip
    assert usage["press"] == {"usage-leaflet-press", "usage-poster-press"}
    assert usage["language-fr"] == {"usage-poster-office", "usage-card", "usage-deck-pptx"}
    assert usage["city-brussels"] == {"usage-leaflet-office", "usage-leaflet-press",
                                      "usage-leaflet-twoup", "usage-poster-office",
                                      "usage-card", "usage-deck-pptx"}  # fmt: skip
    assert "licence-profile" in said["press"] and "licence-profile" not in said["language-en"]
    assert "- heart" in said["press"] and "- heart" not in said["city-brussels"]
    assert "- fonts" in said["city-brussels"] and "- fonts" not in said["press"]
    # each kind's files named under its line, with how many there are
    assert "  files fr (1) leaflets/brussels-fr-twoup.pdf\n" in said["city-brussels"]
    assert "  files fr (2) decks/launch-fr.pptx, decks/talk-fr.pptx\n" in said["city-brussels"]


def test_many_files_are_named_by_a_pattern():
    names = [f"posters/p{n}/p{n}-en-a3-press.pdf" for n in range(3)] + ["posters/x-a3-press.pdf"]
    assert pattern(names, "press") == ["posters/*-press.pdf", "posters/*/*-press.pdf"]
    assert pattern(["leaflets/liege-fr.pdf"], "office") == ["leaflets/*.pdf"]


def test_a_rebuilt_pack_is_the_same_bytes(built):
    root, planned = built
    before = {name: (root / out.target).read_bytes() for name, out in planned.items()}
    shutil.rmtree(root / "build" / "packs")
    assert run_doit(root, "run", "pack", families=QUICK).code == 0
    assert {name: (root / out.target).read_bytes() for name, out in planned.items()} == before
