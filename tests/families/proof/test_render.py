"""Proof sheets read back: every asset in a labelled cell, pictures drawn, the PDFs, bytes."""

import json
import shutil
from pathlib import Path

import pytest
from conftest import copy_project, run_doit, snapshot
from PIL import Image
from pypdf import PdfReader

from campaignkit import description as tasks
from campaignkit.brand import load_brand
from campaignkit.families.deck.plan import FAMILY as DECK
from campaignkit.families.leaflet.plan import FAMILY as LEAFLET
from campaignkit.families.proof import plan as proof
from campaignkit.families.social.plan import FAMILY as SOCIAL
from campaignkit.job import perform
from campaignkit.output import Asset, Output

FAMILIES = (LEAFLET, SOCIAL, DECK, proof.FAMILY)
PAPER = (255, 255, 255)
SKY = (0xE6, 0xEF, 0xF9)
NO_PROGRAMS = "no-programs"  # PATH without LibreOffice: decks have no slide previews


def proof_run(root: Path, *tasks_to_run: str):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(root / NO_PROGRAMS))
        return run_doit(root, "run", *tasks_to_run, families=FAMILIES)


def planned(root: Path) -> list[Output]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(root / NO_PROGRAMS))
        return tasks.load(root, FAMILIES)[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two cities' leaflets, the cards (stories only, to be quick), the decks, their proofs."""
    root = copy_project(tmp_path_factory.mktemp("proof") / "p", cities=("brussels", "tournai"))
    brand = root / "brand/brand.yaml"
    kept = [line for line in brand.read_text().splitlines(keepends=True)
            if not line.startswith(("    square: [", "    portrait: [", "    x: [", "    link: ["))]  # fmt: skip
    brand.write_text("".join(kept))
    result = proof_run(root, "proof")
    assert result.code == 0, result.errors
    return root


def sheets(root: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted((root / "build/proof").glob("*.json"))]


def test_every_planned_asset_is_in_one_cell_of_a_sheet(built):
    outputs = planned(built)
    assets = sorted(out.shows.path for out in outputs if isinstance(out.shows, Asset))
    indexes = sheets(built)
    assert sorted(cell["path"] for index in indexes for cell in index["cells"]) == assets
    assert sorted(index["sheet"] for index in indexes) == sorted(
        out.target for out in outputs if out.step == proof.SHEET
    )
    assert {index["kind"] for index in indexes} == {"leaflet", "card", "deck"}


def test_each_cell_shows_its_picture_and_its_label(built):
    for index in sheets(built):
        with Image.open(built / index["sheet"]) as opened:
            assert opened.size == (2480, 3508)  # A4 at 300 dpi
            assert round(opened.info["dpi"][0]) == 300
            sheet = opened.convert("RGB")
        for cell in index["cells"]:
            x, y, w, h = cell["picture"]
            assert w > 100 and h > 100, cell
            picture = sheet.crop((x, y, x + w, y + h))
            colours = picture.getcolors(w * h)
            assert len(colours) > 20, f"{index['sheet']} cell {cell['cell']} is blank"
            x, y, w, h = cell["label_box"]
            label = sheet.crop((x, y, x + w, y + h)).convert("L")
            assert label.getextrema()[0] < 80, f"{cell['label']}: no label drawn"
            assert cell["label"] == cell["path"].removeprefix("build/")


def test_decks_without_libreoffice_show_a_cell_saying_so(built):
    (deck,) = [index for index in sheets(built) if index["kind"] == "deck"]
    assert len(deck["cells"]) == 8
    with Image.open(built / deck["sheet"]) as opened:
        sheet = opened.convert("RGB")
    for cell in deck["cells"]:
        assert (cell["shown"], cell["note"]) == (None, "no preview (LibreOffice missing)")
        x, y, w, h = cell["picture"]
        assert sheet.getpixel((x + 5, y + 5)) == SKY  # the placeholder panel, its words on it
        assert sheet.crop((x, y, x + w, y + h)).convert("L").getextrema()[0] < 80


def test_each_kind_has_a_pdf_with_a_page_per_sheet(built):
    for kind in ("leaflet", "card", "deck"):
        reader = PdfReader(built / f"build/proof/{kind}.pdf", strict=True)
        pngs = sorted((built / "build/proof").glob(f"{kind}-*.png"))
        assert len(reader.pages) == len(pngs) >= 1
        for page in reader.pages:
            assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]  # A4
        assert reader.metadata["/CreationDate"] == "D:20220730000000Z"  # the campaign's day
        assert reader.metadata["/Title"] == f"Blue Heart Campaign: proofs of the {kind} files"


def test_proofs_of_the_same_files_have_the_same_bytes(built):
    first = {name: data for name, (_, data) in snapshot(built / "build/proof").items()}
    shutil.rmtree(built / "build/proof")
    again = proof_run(built, "proof")
    assert again.code == 0, again.errors
    assert all(name.startswith("proof") for name in again.executed)
    assert {name: data for name, (_, data) in snapshot(built / "build/proof").items()} == first


def test_a_city_edit_redraws_the_leaflet_sheet_and_no_card_sheet(built):
    # organisers of an illumination: in the leaflet's events list, on no card
    with open(built / "content/cities/tournai.yaml", "a", encoding="utf-8") as city:
        city.write("    organisers: [Payoke]\n")
    result = proof_run(built, "proof")
    assert result.code == 0, result.errors
    assert result.executed == ["leaflet:tournai-fr", "proof-sheet:leaflet-01", "proof:leaflet"]


def test_unreadable_files_fail_the_sheet_with_one_line_each(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    (root / "build/leaflets").mkdir(parents=True)
    (root / "build/leaflets/x.pdf").write_bytes(b"not a pdf")
    (root / "build/social").mkdir()
    (root / "build/social/y.png").write_bytes(b"\x89PNG\r\n\x1a\n cut short")
    cells = (proof.Cell("build/leaflets/x.pdf", "leaflets/x.pdf", "build/leaflets/x.pdf"),
             proof.Cell("build/social/y.png", "social/y.png", "build/social/y.png"))  # fmt: skip
    brand = load_brand(root)
    params = proof.sheet_params(brand)
    context = proof.Context("leaflet", "Campaign", 1, 1, ("x",), cells, "build/proof/x-01.json")
    out = Output(step=proof.SHEET, name="x-01", target="build/proof/x-01.png", doc="",
                 context=context, params=params, extra_targets=(context.index,))  # fmt: skip
    job = tasks.make_job(root, brand.model_dump(), out, proof.SHEET, [])
    failed = perform(proof.SHEET.action, job)
    assert failed.message == (
        "proof-sheet x-01: build/leaflets/x.pdf cannot be read as a PDF; run doit to build it "
        "again\nproof-sheet x-01: build/social/y.png cannot be read as an image; run doit to "
        "build it again"
    )
    assert not (root / "build/proof").exists()  # nothing half made


def test_a_slide_preview_is_drawn_for_its_deck(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    slide = root / "build/decks/previews/talk-en/slide-01.png"
    slide.parent.mkdir(parents=True)
    Image.new("RGB", (1280, 720), (0x0B, 0x5C, 0xAD)).save(slide)
    deck = Asset(
        kind="deck",
        group="deck:talk",
        title="t",
        alt="t",
        lang="en",
        city=None,
        path="build/decks/talk-en.pptx",
        slides=(str(slide.relative_to(root)),),
    )
    brand = load_brand(root)
    params = proof.sheet_params(brand)
    context = proof.Context("deck", "Campaign", 1, 1, ("talk",), (proof.cell(deck, "soffice"),),
                            "build/proof/deck-01.json")  # fmt: skip
    out = Output(step=proof.SHEET, name="deck-01", target="build/proof/deck-01.png", doc="",
                 context=context, params=params, extra_targets=(context.index,))  # fmt: skip
    assert perform(proof.SHEET.action, tasks.make_job(root, brand.model_dump(), out,
                                                      proof.SHEET, [])) is None  # fmt: skip
    (cell,) = json.loads((root / context.index).read_text())["cells"]
    assert cell["shown"] == "build/decks/previews/talk-en/slide-01.png"
    x, y, w, h = cell["picture"]
    assert w / h == pytest.approx(16 / 9, abs=0.01)
    with Image.open(root / out.target) as sheet:
        assert sheet.convert("RGB").getpixel((x + w // 2, y + h // 2)) == (0x0B, 0x5C, 0xAD)
