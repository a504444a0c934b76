"""Posters: copy-fitted text, press PDF/X-4 with bleed and crop marks, office PDFs."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from doit.exceptions import TaskFailed

from ..atomic import write_bytes
from ..confine import read_project_file
from ..fit import PX_PER_MM, Measure, boxes, fit, measure
from .pdf import Failed, fail, lay_out, write_checked

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1


def fit_poster(job: dict) -> TaskFailed | None:
    """doit action: find the type sizes at which the poster's text fits; write them as JSON.

    Fitting runs at the reference size; every size and variant scales from it and checks
    its own layout again.
    """
    root, target = Path(job["root"]), Path(job["root"]) / job["target"]
    params = {**job["params"], "heart": heart_source(root, job)}

    def render(sizes: dict[str, float]):
        return lay_out(job, {**params, "sizes": sizes}, render_options(params))[0]

    try:
        fitted = fit(render, params["fit"])
    except Failed as err:
        return fail(target, job["label"], err.problems)
    if fitted.failures:
        problems = [
            overflow(job, field, fitted.sizes[field], 1.0, result)
            for field, result in sorted(fitted.failures.items())
        ]
        return fail(target, job["label"], problems)
    report = {"sizes": fitted.sizes, "renders": fitted.renders}
    write_bytes(target, json.dumps(report, indent=1, sort_keys=True).encode() + b"\n")
    return None


def render_poster(job: dict) -> TaskFailed | None:
    """doit action: one poster PDF, press (PDF/X-4, bleed, marks) or office, at its size."""
    root, target = Path(job["root"]), Path(job["root"]) / job["target"]
    geometry = job["params"]
    sizes = json.loads((root / job["needs"][0]).read_text())["sizes"]
    params = {**geometry, "sizes": sizes, "heart": heart_source(root, job)}
    try:
        document, fetcher = lay_out(job, params, render_options(params))
        problems = [
            overflow(job, field, sizes[field], geometry["k"], result)
            for field, result in sorted(measure(document, list(sizes)).items())
            if not result.fits
        ]
        if geometry["variant"] == "press":
            problems += low_resolution_images(document, geometry["min_dpi"])
        if problems:
            raise Failed(problems)
        report: dict = {}
        pdf = write_checked(job, document, fetcher, **write_options(job, params, report))
        if report.get("rgb"):
            raise Failed(["has RGB colour, which a press PDF must not: give every colour in "
                          "the template as p.colors (CMYK from brand/brand.yaml) and use CMYK "
                          "images"])  # fmt: skip
    except Failed as err:
        return fail(target, job["label"], err.problems)
    write_bytes(target, pdf)
    return None


def render_options(params: dict) -> dict:
    return {"pdf_variant": "pdf/x-4"} if params["variant"] == "press" else {}


def write_options(job: dict, params: dict, report: dict) -> dict:
    if params["variant"] != "press":
        return {}
    from .press import finisher

    key = job["target"]  # stable identity: same file, same IDs
    return {
        "pdf_variant": "pdf/x-4",
        "finisher": finisher(params, key, report),
        "pdf_identifier": hashlib.md5(key.encode()).hexdigest().encode(),
    }


def heart_source(root: Path, job: dict) -> str:
    """The blue heart for the template: the brand's SVG, recoloured to CMYK for press."""
    brand, params = job["brand"], job["params"]
    rel = f"brand/{brand['heart']}"
    if params["variant"] != "press":
        return rel
    svg = read_project_file(root, rel).decode("utf-8")
    for name, value in brand["colors"].items():
        for spelling in {value, value.lower(), value.upper()}:
            svg = svg.replace(f'"{spelling}"', f'"{params["colors"][name]}"')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def overflow(job: dict, field: str, size: float, k: float, result: Measure) -> str:
    """One line: which field, at what size, by how much it is too long."""
    text = job["context"].get(field) or ""
    shown = text if len(text) <= 40 else text[:39] + "…"
    if result.too_wide:
        return (f"{field} ('{shown}') has a word wider than its box even at {size:g} pt; "
                "shorten the word or split it with a hyphen")  # fmt: skip
    need, have = result.needed / PX_PER_MM, result.allowed / PX_PER_MM
    cut = max(1, round(100 * (1 - (have / need) ** 2)))  # text area grows with the square
    return (
        f"{field} ('{shown}') does not fit its box even at the minimum {size:g} pt: it needs "
        f"{need:.0f} mm of height, the box has {have:.0f} mm; shorten it by about {cut} %"
    )


def low_resolution_images(document, min_dpi: int) -> list[str]:
    """Raster images printed below `min_dpi` at their size on the page, by source."""
    from weasyprint.formatting_structure.boxes import ReplacedBox
    from weasyprint.images import RasterImage

    problems = []
    for page in document.pages:
        for box in boxes(page):
            if not isinstance(box, ReplacedBox) or not isinstance(box.replacement, RasterImage):
                continue
            dpi = box.replacement.width / (box.width / 96)
            if dpi < min_dpi - 0.5:
                source = box.element.get("src")
                problems.append(
                    f"image {source} prints at {dpi:.0f} dpi at this size; press PDFs need "
                    f"at least {min_dpi} dpi: use a larger image"
                )
    return problems
