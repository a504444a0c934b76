"""Posters: copy-fitted text, press PDF/X-4 with bleed and crop marks, office PDFs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed
from ...fitting import Measure, fit, overflow
from ...render.pdf import fitted_boxes, lay_out, write_checked

if TYPE_CHECKING:
    from ...job import Job

MM_PER_PX = 25.4 / 96  # WeasyPrint lays out in CSS px


def fit_poster(job: Job) -> None:
    """doit action: find the type sizes at which the poster's text fits; write them as JSON.

    Fitting runs at the reference size; every size and variant scales from it and checks
    its own layout again.
    """
    target = Path(job.root) / job.target
    params = dataclasses.asdict(job.params)
    press = params["variant"] == "press"

    def measure(sizes: dict[str, float]) -> dict[str, Measure]:
        document = lay_out(job, {**params, "sizes": sizes}, render_options(params), press)[0]
        return fitted_boxes(document, list(sizes), job.template)

    fitted = fit(measure, params["fit"])
    if fitted.failures:
        raise Failed([
            too_long(job, field, fitted.sizes[field], result)
            for field, result in sorted(fitted.failures.items())
        ])  # fmt: skip
    report = {"sizes": fitted.sizes, "renders": fitted.renders}
    write_bytes(target, json.dumps(report, indent=1, sort_keys=True).encode() + b"\n")


def render_poster(job: Job) -> None:
    """doit action: one poster PDF, press (PDF/X-4, bleed, marks) or office, at its size."""
    root, target = Path(job.root), Path(job.root) / job.target
    geometry = job.params
    sizes = json.loads((root / job.needs[0]).read_text())["sizes"]
    params = {**dataclasses.asdict(geometry), "sizes": sizes}
    press = geometry.variant == "press"
    document, fetcher = lay_out(job, params, render_options(params), press)
    problems = [
        too_long(job, field, sizes[field], result)
        for field, result in sorted(fitted_boxes(document, list(sizes), job.template).items())
        if not result.fits
    ]
    if problems:
        raise Failed(problems)
    report: dict = {}
    pdf = write_checked(job, document, fetcher, **write_options(job, params, report))
    if report.get("rgb"):
        raise Failed(["has RGB colour, which a press PDF must not: give every colour in "
                      "the template as p.colors (CMYK from brand/brand.yaml) and use CMYK "
                      "images"])  # fmt: skip
    if press:
        problems = low_resolution_images(pdf, geometry.min_dpi, Path(job.root), fetcher.fetched)
        if problems:
            raise Failed(problems)
    write_bytes(target, pdf)


def render_options(params: dict) -> dict:
    return {"pdf_variant": "pdf/x-4"} if params["variant"] == "press" else {}


def write_options(job: Job, params: dict, report: dict) -> dict:
    if params["variant"] != "press":
        return {}
    from ...render.press import finisher

    key = job.target  # stable identity: same file, same IDs
    return {
        "pdf_variant": "pdf/x-4",
        "finisher": finisher(params, key, report),
        "pdf_identifier": hashlib.md5(key.encode()).hexdigest().encode(),
    }


def too_long(job: Job, field: str, size: float, result: Measure) -> str:
    """One line: which field, at what size (pt at this poster's size), by how much it is too
    long (layout px in mm)."""
    text = getattr(job.context, field, None) or ""
    return overflow(field, text, size, "pt", result, "mm", MM_PER_PX)


def low_resolution_images(pdf: bytes, min_dpi: int, root: Path | None = None,
                          fetched: list[str] = ()) -> list[str]:  # fmt: skip
    """Raster images the PDF prints below `min_dpi` at their size on the page, named by the
    project file they came from (the `fetched` one with their pixel size), read from the PDF
    itself (pypdfium2)."""
    import pypdfium2
    import pypdfium2.raw as pdfium
    from PIL import Image

    sources: dict[tuple[int, int], str] = {}
    for rel in fetched:
        if root is not None and rel.lower().endswith((".png", ".jpg", ".jpeg")):
            with Image.open(root / rel) as image:
                sources.setdefault(image.size, rel)
    problems = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            for image in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE]):
                facts = image.get_metadata()
                dpi = min(facts.horizontal_dpi, facts.vertical_dpi)
                if dpi < min_dpi - 0.5:
                    name = sources.get((facts.width, facts.height), "an image")
                    problems.append(
                        f"image {name} prints at {dpi:.0f} dpi at this size; press PDFs need "
                        f"at least {min_dpi} dpi: use a larger image"
                    )
    finally:
        document.close()
    return sorted(set(problems))
