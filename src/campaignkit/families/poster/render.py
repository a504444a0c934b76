"""Posters: copy-fitted text, press PDF/X-4 with bleed and crop marks, office PDFs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed
from ...fitting import Measure, fit, overflow, shown
from ...render.pdf import TAGGED, fitted_boxes, lay_out, write_checked
from ...render.press import RGB_PROBLEM, low_resolution_images
from ...render.press import write_options as press_options

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
        raise Failed([RGB_PROBLEM])
    if press:
        problems = low_resolution_images(pdf, geometry.min_dpi, Path(job.root), fetcher.fetched)
        if problems:
            raise Failed(problems)
    write_bytes(target, pdf)


def render_options(params: dict) -> dict:
    return {"pdf_variant": "pdf/x-4"} if params["variant"] == "press" else {}


def write_options(job: Job, params: dict, report: dict) -> dict:
    if params["variant"] != "press":  # office posters are tagged for screen readers
        return {"pdf_variant": TAGGED}
    return press_options(params, job.target, report)


def too_long(job: Job, field: str, size: float, result: Measure) -> str:
    """One line: which field, at what size (pt at this poster's size), by how much it is too
    long (layout px in mm)."""
    text = shown_text(job.context, field)
    if field == "address":  # one line, never wrapped: the only cure is a shorter address
        return (f"address ('{shown(text)}') does not fit on one line even at {size:g} pt; a web "
                "address is never wrapped: give a shorter one (help.point.sites in "
                "content/campaign.yaml)")  # fmt: skip
    return overflow(field, text, size, "pt", result, "mm", MM_PER_PX)


def shown_text(context, field: str) -> str:
    """The text a fitted box shows, to name it in a message."""
    if field == "address":
        return context.help.site or ""
    if field == "help":
        help = context.help
        parts = [help.name, help.note, help.centres_title, *(c.name for c in help.centres)]
        return " ".join(part for part in parts if part)
    return getattr(context, field, None) or ""
