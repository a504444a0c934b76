"""PDF documents: HTML templates laid out by WeasyPrint, checked before they are written."""

from __future__ import annotations

import logging
from pathlib import Path

from doit.exceptions import TaskFailed

from ..atomic import write_bytes
from .glyphs import missing_glyphs
from .html import TemplateProblem, fill_template

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings: it logs missing images and fonts instead of failing."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(job: dict) -> TaskFailed | None:
    """doit action: lay out `job['template']` with its content and write `job['target']`.

    Fails (without writing) if WeasyPrint warned about anything, a file outside the
    declared dependencies was read, a font other than the brand's was used, or the
    text does not fit the page count the layout has.
    """
    # Imported here so that listing tasks and no-op runs never pay WeasyPrint's import.
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import VIRTUAL_ROOT, ProjectFetcher

    root = Path(job["root"])
    label = job["label"]
    target = root / job["target"]
    font_files = [str(root / rel) for rel in job["font_files"]]
    problems = missing_glyphs(job["context"], font_files)
    if problems:
        return _fail(target, label, problems)
    try:
        html = fill_template(root, job["template"], job["context"], job["brand"])
    except TemplateProblem as err:
        return _fail(target, label, [str(err)])
    fetcher = ProjectFetcher(root)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(string=html, base_url=VIRTUAL_ROOT, url_fetcher=fetcher).render()
        pdf = document.write_pdf()
    except FatalURLFetchingError:
        document = None  # the refusal is in fetcher.refused
    finally:
        logger.removeHandler(collect)
    problems += [f"refused to read {refusal}" for refusal in fetcher.refused]
    if document is None:
        return _fail(target, label, problems)
    problems += [f"WeasyPrint: {message}" for message in collect.messages]
    undeclared = sorted(set(fetcher.fetched) - set(job["deps"]))
    problems += [f"read {rel}, which is not among its dependencies" for rel in undeclared]
    problems += _check_fonts(job["families"], document)
    problems += _check_pages(document, job["pages"])
    if problems:
        return _fail(target, label, problems)
    write_bytes(target, pdf)
    return None


def _fail(target: Path, label: str, problems: list[str]) -> TaskFailed:
    """Fail the task, removing the old target: a file in build/ always matches its inputs."""
    target.unlink(missing_ok=True)
    return TaskFailed("\n".join(f"{label}: {problem}" for problem in problems))


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


def _check_pages(document, pages: list[dict]) -> list[str]:
    """Each page section must start on its own page and the document keep its page count.

    Templates mark page sections with id="page-N"; a section that holds too much pushes
    the next one (or the end) onto a later page.
    """
    starts = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("page-"):
                starts.setdefault(anchor, index)  # a long section is anchored on each page
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        start = starts.get(f"page-{number}")
        end = starts.get(f"page-{number + 1}", len(document.pages))
        if start is None:
            return [f'the template has no element with id="page-{number}"']
        if end - start > 1:
            return [
                f"page {number} of {total} holds too much text and runs over; "
                f"shorten {page['holds']}"
            ]
    return []
