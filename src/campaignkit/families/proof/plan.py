"""Planning proof sheets: every asset planned before, by kind, small and labelled on sheets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ...family import Family
from ...output import Asset, Output, Step

if TYPE_CHECKING:
    from ...brand import Brand
    from ...content import Campaign
    from ...family import Settings

FOLDER = "build/proof"
SHEET = Step("proof-sheet", "Proof sheets (PNG, A4 at 300 dpi): every asset of a kind, small.",
             "campaignkit.families.proof.render:render_sheet")  # fmt: skip
BOOK = Step("proof", "Proofs (doit proof): a PDF per kind of asset, a page per proof sheet.",
            "campaignkit.families.proof.render:render_book", brand=False)  # fmt: skip
#: Files drawn as they are (a PDF's first page, an image); any other kind shows its preview.
DRAWN = (".pdf", ".png", ".jpg", ".jpeg")
#: What an empty cell says, by the file's suffix, when a family planned no preview.
NO_PREVIEW = {".pptx": "no preview (LibreOffice missing)"}
#: Brand colours the sheets use.
COLOURS = ("ink", "muted", "navy", "sky", "paper")


@dataclass(frozen=True)
class Grid:
    """A sheet's geometry in px: A4 portrait at 300 dpi, cells in rows under a heading."""

    width: int = 2480
    height: int = 3508
    dpi: int = 300
    columns: int = 5  # a card's or poster's 5 sizes in a row: one row per language
    rows: int = 4
    margin: int = 100
    heading: int = 190  # room for the heading's two lines
    pad: int = 14  # inside each cell, around its picture and label
    label_px: int = 26  # the file name: about 6 pt printed
    label_lines: int = 3
    detail_px: int = 22

    @property
    def cells(self) -> int:
        return self.columns * self.rows


GRID = Grid()


@dataclass(frozen=True)
class Cell:
    """One asset on a sheet."""

    path: str  # the asset, project-relative
    label: str  # its path under build/, printed under it
    picture: str | None  # drawn small: the asset (PDF page 1, an image) or its preview
    note: str = ""  # said in the cell instead when there is nothing to draw
    detail: str = ""  # what a file not drawn itself is, under its label ('PPTX · first slide')


@dataclass(frozen=True)
class Context:
    """One sheet: its heading and its cells, in order."""

    kind: str
    heading: str  # the campaign and its day
    number: int
    count: int  # sheets of this kind
    groups: tuple[str, ...]  # the pieces shown ('theme-shine-the-light'), named in the heading
    cells: tuple[Cell, ...]
    index: str  # the JSON written beside the sheet: each cell's file and boxes


@dataclass(frozen=True)
class Params:
    grid: Grid
    font: str  # the brand's body face, project-relative: labels
    bold: str  # the body's bold face: the heading
    colors: dict[str, str]


@dataclass(frozen=True)
class Book:
    """One kind's sheets as a PDF, a page each."""

    title: str
    author: str
    created: str  # the PDF's dates: SOURCE_DATE_EPOCH, or else the campaign's day
    sheets: tuple[str, ...]


@dataclass(frozen=True)
class BookParams:
    dpi: int
    quality: int  # each page is a JPEG at this quality


def plan(
    campaign: Campaign, brand: Brand, settings: Settings, before: list[Output]
) -> list[Output]:
    """For each kind of asset planned before, in planning order: its sheets and their PDF."""
    assets = [out.shows for out in before if isinstance(out.shows, Asset)]
    main = campaign.main
    source = next(iter(main.languages))
    day = main.day.date.isoformat()
    heading = f"{main.campaign.name[source]} · {main.day.name[source]}, {day}"
    created = settings.created or f"{day}T00:00:00Z"  # a PDF carries a date: never "now"
    office = settings.programs.get("libreoffice")
    params = sheet_params(brand)
    outputs = []
    for kind in dict.fromkeys(asset.kind for asset in assets):
        pages = paginate([asset for asset in assets if asset.kind == kind], GRID.cells)
        sheets = []
        for number, page in enumerate(pages, 1):
            name = f"{kind}-{number:02}"
            stem = f"{FOLDER}/{name}"
            cells = tuple(cell(asset, office) for asset in page)
            groups = tuple(dict.fromkeys(asset.group.partition(":")[2] or asset.group
                                         for asset in page))  # fmt: skip
            shown = [path for c in cells for path in (c.path, c.picture) if path]
            context = Context(kind, heading, number, len(pages), groups, cells, f"{stem}.json")
            outputs.append(
                Output(
                    step=SHEET,
                    name=name,
                    target=f"{stem}.png",
                    doc=f"Proof sheet {number} of {len(pages)} of the {kind} files "
                    f"({len(cells)} files)",
                    context=context,
                    params=params,
                    needs=tuple(dict.fromkeys(shown)),
                    extra_targets=(f"{stem}.json",),
                )
            )
            sheets.append(f"{stem}.png")
        title = f"{main.campaign.name[source]}: proofs of the {kind} files"
        book = Book(title, main.campaign.organiser[source], created, tuple(sheets))
        outputs.append(
            Output(
                step=BOOK,
                name=kind,
                target=f"{FOLDER}/{kind}.pdf",
                doc=f"Proofs of the {kind} files: {len(sheets)} sheets as one PDF",
                context=book,
                params=BookParams(GRID.dpi, 85),
                needs=tuple(sheets),
            )
        )
    return outputs


def paginate(assets: list[Asset], size: int) -> list[list[Asset]]:
    """Assets in sheets of `size`, by group then file name. A group starts a new sheet rather
    than be split, unless it fills more than one: an edit of one piece (a city) then redraws
    only the sheets showing it, and a card's or poster's versions stay together."""
    groups: dict[str, list[Asset]] = {}
    for asset in sorted(assets, key=lambda asset: (asset.group, asset.path)):
        groups.setdefault(asset.group, []).append(asset)
    pages: list[list[Asset]] = []
    page: list[Asset] = []
    for members in groups.values():
        if page and len(page) + len(members) > size:
            pages.append(page)
            page = []
        for asset in members:
            page.append(asset)
            if len(page) == size:
                pages.append(page)
                page = []
    return [*pages, page] if page else pages


def cell(asset: Asset, office: str | None) -> Cell:
    label = asset.path.removeprefix("build/")
    suffix = PurePosixPath(asset.path).suffix.lower()
    if suffix in DRAWN:
        return Cell(asset.path, label, asset.path)  # the render says its pages or pixels
    kind = suffix.lstrip(".").upper()
    if asset.slides:
        return Cell(asset.path, label, asset.slides[0], detail=f"{kind} · first slide")
    if asset.preview:
        return Cell(asset.path, label, asset.preview, detail=f"{kind} · its preview")
    note = NO_PREVIEW.get(suffix, "no preview") if not office else "no preview"
    return Cell(asset.path, label, None, note, kind)


def sheet_params(brand: Brand) -> Params:
    return Params(GRID, f"brand/{face(brand, 400)}", f"brand/{face(brand, 700)}",
                  {name: brand.colors[name] for name in COLOURS})  # fmt: skip


def face(brand: Brand, weight: int) -> str:
    """The body font's upright face nearest `weight`, under brand/."""
    faces = brand.fonts.body.faces
    return min(faces, key=lambda f: (f.style != "normal", abs(f.weight - weight))).file


FAMILY = Family(
    name="proof",
    steps=(SHEET, BOOK),
    folders=(FOLDER,),
    plan=plan,
    default=False,  # a designer's last look before sending out: `doit proof`
    gathers=True,
)
