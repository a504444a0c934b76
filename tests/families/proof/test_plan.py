"""Planning proof sheets: every asset on a sheet, a piece kept together, out of a plain doit."""

import hashlib
from pathlib import Path

import pytest
from conftest import REPO, copy_project, run_doit

import campaignkit.tasks
from campaignkit import description as tasks
from campaignkit.families.leaflet.plan import FAMILY as LEAFLET
from campaignkit.families.proof import plan as proof
from campaignkit.families.social.plan import FAMILY as SOCIAL
from campaignkit.job import unpack
from campaignkit.output import Asset
from campaignkit.registry import FAMILIES


def asset(group: str, path: str, **fields) -> Asset:
    return Asset(kind=group.split(":")[0], group=group, title="t", alt="t", lang="en",
                 city=None, path=path, **fields)  # fmt: skip


def project(tmp_path: Path) -> Path:
    """The campaign with two cities: Brussels (two leaflets, the launch) and Tournai (one)."""
    return copy_project(tmp_path / "project", cities=("brussels", "tournai"))


def test_a_piece_stays_on_one_sheet_unless_it_fills_more():
    assets = [asset("card:a", f"build/a-{n}.png") for n in range(3)]
    assets += [asset("card:b", f"build/b-{n}.png") for n in range(2)]
    assets += [asset("card:c", f"build/c-{n}.png") for n in range(9)]
    pages = [[a.path.removeprefix("build/") for a in page] for page in proof.paginate(assets, 4)]
    assert pages == [["a-0.png", "a-1.png", "a-2.png"],  # b would not fit beside a
                     ["b-0.png", "b-1.png"],  # c, bigger than a sheet, starts on its own
                     ["c-0.png", "c-1.png", "c-2.png", "c-3.png"],
                     ["c-4.png", "c-5.png", "c-6.png", "c-7.png"],
                     ["c-8.png"]]  # fmt: skip


def test_a_deck_shows_its_first_slide_or_says_why_it_cannot():
    slides = (
        "build/decks/previews/talk-en/slide-01.png",
        "build/decks/previews/talk-en/slide-02.png",
    )
    with_slides = asset("deck:talk", "build/decks/talk-en.pptx", slides=slides)
    assert proof.cell(with_slides, "soffice") == proof.Cell(
        "build/decks/talk-en.pptx", "decks/talk-en.pptx", slides[0], "", "PPTX · first slide"
    )
    bare = asset("deck:talk", "build/decks/talk-en.pptx")
    assert proof.cell(bare, None).note == "no preview (LibreOffice missing)"
    assert proof.cell(bare, None).picture is None
    pdf = asset("leaflet:liege", "build/leaflets/liege-fr.pdf", preview="build/leaflets/x.png")
    assert proof.cell(pdf, None).picture == "build/leaflets/liege-fr.pdf"  # the file itself


def test_every_asset_of_the_campaign_is_on_one_sheet_of_its_kind():
    _, planned = tasks.load(REPO)
    assets = [out.shows for out in planned if isinstance(out.shows, Asset)]
    sheets = [out for out in planned if out.step == proof.SHEET]
    cells = [(sheet.context.kind, cell.path) for sheet in sheets for cell in sheet.context.cells]
    assert sorted(cells) == sorted((a.kind, a.path) for a in assets)  # each once
    for sheet in sheets:  # each sheet depends on exactly the files it shows
        shown = {p for cell in sheet.context.cells for p in (cell.path, cell.picture) if p}
        assert set(sheet.needs) == shown
        assert len(sheet.context.cells) <= proof.GRID.cells
    books = {out.name: out for out in planned if out.step == proof.BOOK}
    assert sorted(books) == sorted({a.kind for a in assets})
    for kind, book in books.items():
        assert book.needs == tuple(s.target for s in sheets if s.context.kind == kind)


def test_proofs_come_after_every_family_and_out_of_a_plain_doit():
    assert FAMILIES.index(proof.FAMILY) == len(FAMILIES) - 1
    defaults = tasks.default_tasks()
    assert "proof" not in defaults and "proof-sheet" not in defaults
    assert defaults[-1] == "sweep"
    assert {"leaflet", "social", "deck", "pack", "site"} <= set(defaults)


def test_a_plain_doit_leaves_the_proofs_out_and_doit_proof_builds_them(tmp_path, stubbed):
    root = project(tmp_path)
    plain = run_doit(root)
    assert plain.code == 0, plain.errors
    assert plain.executed and not any(name.startswith("proof") for name in plain.executed)
    assert not (root / "build/proof").exists()
    asked = run_doit(root, "run", "proof")
    assert asked.code == 0, asked.errors
    planned = tasks.load(root)[1]
    proofs = sorted(f"{out.step.name}:{out.name}" for out in planned
                    if out.step in (proof.SHEET, proof.BOOK))  # fmt: skip
    assert [name for name in asked.executed if name.startswith("proof")] == proofs
    for out in planned:
        if out.step in (proof.SHEET, proof.BOOK):
            assert all((root / target).is_file() for target in out.targets)
    (root / "build/proof/card-99.png").write_text("a sheet no output owns any more")
    (root / "content/cities/tournai.yaml").unlink()  # the sweep runs: what it owns changed
    again = run_doit(root)
    assert again.code == 0, again.errors
    assert not any(name.startswith("proof") for name in again.executed)
    # the proofs are kept (planned, though a plain doit does not build them), the stale one goes
    assert sorted(p.name for p in (root / "build/proof").iterdir()) == sorted(
        Path(target).name for out in tasks.load(root)[1]
        if out.step in (proof.SHEET, proof.BOOK) for target in out.targets
    )  # fmt: skip


def digest_stub(action: str, job) -> None:
    """Writes each target with a digest of what it shows and the files it reads, so a changed
    input changes its bytes, as the real actions do."""
    job = unpack(job)
    digest = hashlib.sha256(repr(job.context).encode())
    for need in job.needs:
        digest.update((Path(job.root) / need).read_bytes())
    for target in job.targets:
        path = Path(job.root) / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{action} {digest.hexdigest()}\n")


def test_a_city_edit_redraws_only_the_sheets_showing_its_files(tmp_path, monkeypatch):
    monkeypatch.setattr(campaignkit.tasks, "perform", digest_stub)
    monkeypatch.setattr(proof, "GRID", proof.Grid(columns=2, rows=1))  # two files a sheet
    root = project(tmp_path)
    families = (LEAFLET, SOCIAL, proof.FAMILY)
    first = run_doit(root, "run", "proof", families=families)
    assert first.code == 0, first.errors
    sheets = {out.name: out.context for out in tasks.load(root, families)[1]
              if out.step == proof.SHEET}  # fmt: skip
    sheet = next(name for name, context in sheets.items()
                 if "build/leaflets/tournai-fr.pdf" in [cell.path for cell in context.cells])  # fmt: skip
    # organisers of an illumination: in the leaflet's events list, on no card
    with open(root / "content/cities/tournai.yaml", "a", encoding="utf-8") as city:
        city.write("    organisers: [Payoke]\n")
    again = run_doit(root, "run", "proof", families=families)
    assert again.code == 0, again.errors
    assert again.executed == ["leaflet:tournai-fr", f"proof-sheet:{sheet}", "proof:leaflet"]
    assert run_doit(root, "run", "proof", families=families).executed == []


@pytest.mark.parametrize("kind", ["leaflet", "card"])
def test_sheet_names_are_the_kind_and_a_number(tmp_path, kind):
    root = project(tmp_path)
    names = [out.target for out in tasks.load(root)[1]
             if out.step == proof.SHEET and out.context.kind == kind]  # fmt: skip
    assert names == [f"build/proof/{kind}-{n:02}.png" for n in range(1, len(names) + 1)]
