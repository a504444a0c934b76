"""PDF documents: HTML templates laid out by WeasyPrint, checked before they are written."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Failed
from ..fitting import EPSILON, Measure
from ..glyphs import uncovered
from ..heart import heart_svg
from .html import TemplateProblem, fill_template

if TYPE_CHECKING:
    from ..job import Job


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings: it logs missing images and fonts instead of failing."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(f"WeasyPrint: {record.getMessage()}")


@contextmanager
def _weasyprint_warnings():
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        yield collect.messages
    finally:
        logger.removeHandler(collect)


def lay_out(job: Job, params: dict | None = None, options: dict | None = None,
            press: bool = False):  # fmt: skip
    """Fill the job's template (with `params` as `p`) and lay it out: (document, fetcher).

    `options` go to WeasyPrint's HTML.render() (image options only work there). The heart
    is in the brand's colours: CMYK for `press`, else sRGB.

    Raises Failed if the content has characters the brand fonts lack, the template is
    broken, a file outside the project was asked for, or WeasyPrint warned.
    """
    # Imported here so that listing tasks and no-op runs never pay WeasyPrint's import.
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import VIRTUAL_ROOT, ProjectFetcher

    root = Path(job.root)
    problems = uncovered(job.context, [root / rel for rel in job.font_files])
    if problems:
        raise Failed(problems)
    try:
        html = fill_template(root, job.template, job.context, job.brand, params)
    except TemplateProblem as err:
        raise Failed([str(err)]) from None
    heart = f"brand/{job.brand['heart']['file']}"
    fetcher = ProjectFetcher(root, {heart: heart_svg(root, job.brand, press).encode()})
    with _weasyprint_warnings() as warnings:
        try:
            html = HTML(string=html, base_url=VIRTUAL_ROOT, url_fetcher=fetcher)
            document = html.render(**(options or {}))
        except FatalURLFetchingError:
            document = None  # the refusal is in fetcher.refused
    problems = [f"refused to read {refusal}" for refusal in fetcher.refused] + warnings
    if problems:
        raise Failed(problems)
    return document, fetcher


def write_checked(job: Job, document, fetcher, **options) -> bytes:
    """The PDF bytes of a laid-out document, once nothing in it is wrong.

    Raises Failed if WeasyPrint warned, a file outside the declared dependencies was read,
    or a font other than the brand's was used.
    """
    from weasyprint.urls import FatalURLFetchingError

    with _weasyprint_warnings() as warnings:
        try:
            pdf = document.write_pdf(**options)
        except FatalURLFetchingError:  # attachments are fetched while writing
            pdf = None
    undeclared = sorted(set(fetcher.fetched) - set(job.deps) - set(job.needs))
    # SVG images fetch their own resources while drawing, and WeasyPrint swallows the refusal
    problems = [f"refused to read {refusal}" for refusal in fetcher.refused] + warnings
    problems += [f"read {rel}, which is not among its dependencies" for rel in undeclared]
    if pdf is not None:
        problems += _check_fonts(job.families, document)
    if problems or pdf is None:
        raise Failed(problems)
    return pdf


def _check_fonts(families: list[str], document) -> list[str]:
    """Every glyph must come from a brand font, never from one installed on the machine.

    Brand faces are registered under role names ("brand-body") no system font has, so a
    font of any other family means a brand font failed to load or lacks a character.
    """
    return sorted(
        {
            f"text was set in '{font.family}', which is not a brand font; a brand font "
            "failed to load or lacks a character (see brand/brand.yaml)"
            for font in document.fonts.values()
            if font.family not in families
        }
    )


def fitted_boxes(document, names: list[str], template: str) -> dict[str, Measure]:
    """How the text of each fitted box sits in it, read from WeasyPrint's public Page.anchors
    (element ids -> border boxes): the box has id="<name>" and holds its text in an
    inline-block with id="<name>-text", which is as tall as the text's lines and, where a
    word is wider than the box, wider than the box (to the right, or to the left in a
    right-to-left box)."""
    found: dict[str, Measure] = {}
    for page in document.pages:
        for name in names:
            box, text = page.anchors.get(name), page.anchors.get(f"{name}-text")
            if name in found or box is None or text is None:
                continue
            left, top, right, bottom = box
            wide = text[0] < left - EPSILON or text[2] > right + EPSILON
            found[name] = Measure(text[3] - top, bottom - top, wide)
    problems = []
    for name in names:
        if name in found:
            continue
        anchors = {anchor for page in document.pages for anchor in page.anchors}
        missing = name if name not in anchors else f"{name}-text"
        problems.append(
            f'templates/{template} has no element with id="{missing}": the {name} box needs '
            f'id="{name}", and its text an inline-block inside it with id="{name}-text" '
            f'(<span class="fit" id="{name}-text">), so the fitter can measure it'
        )
    if problems:
        raise Failed(problems)
    return found
