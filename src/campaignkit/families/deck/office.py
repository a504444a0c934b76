"""A deck's PDF and slide previews: LibreOffice (headless, seeing only the brand fonts, its
profile under build/) makes the tagged PDF, pypdfium2 a PNG of each page."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ...atomic import write_bytes
from ...errors import Failed
from ...render.preview import page_pngs

if TYPE_CHECKING:
    from ...job import Job

TIMEOUT_S = 180
#: impress_pdf_Export's options (JSON on the command line: LibreOffice 7.4 and later): a
#: tagged PDF/UA-1 file, the deck's title in the title bar rather than its file name.
EXPORT = {"UseTaggedPDF": True, "PDFUACompliance": True, "DisplayPDFDocumentTitle": True}
#: --convert-to's argument: the format, the filter and its options.
CONVERT_TO = "pdf:impress_pdf_Export:" + json.dumps(
    {name: {"type": "boolean", "value": str(value).lower()} for name, value in EXPORT.items()},
    separators=(",", ":"),
)


def render_slides(job: Job) -> None:
    """doit action: the PDF of the deck it needs (its target), and a PNG of each slide (its
    extra targets)."""
    root = Path(job.root)
    deck = root / job.needs[0]
    targets = job.extra_targets
    program = shutil.which(job.params.program)
    if program is None:
        raise Failed("LibreOffice is not installed, so the deck's PDF and slide previews "
                     "cannot be made; run ./setup.sh (Debian: apt install "
                     "libreoffice-impress)")  # fmt: skip
    try:
        pdf = to_pdf(root, program, deck)
    except (OSError, RuntimeError, subprocess.SubprocessError) as err:
        raise Failed(f"LibreOffice could not convert {deck.name}: {err}") from None
    pngs = page_pngs(pdf, job.params.width)
    if len(pngs) != len(targets):
        raise Failed(f"LibreOffice made {len(pngs)} pages of {deck.name}, which has "
                     f"{len(targets)} slides")  # fmt: skip
    for target, png in zip(targets, pngs, strict=True):
        write_bytes(root / target, png)
    write_bytes(root / job.target, same_bytes(pdf, deck.read_bytes(), job.context.created))


def same_bytes(pdf: bytes, deck: bytes, created: str) -> bytes:
    """The PDF with what LibreOffice stamps on each run fixed: its dates (in the document
    information and the XMP) are the deck's, its file identifier a digest of the deck (same
    deck, same PDF), its checksum dropped; and its tags completed (`complete_tags`)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    when = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone(dt.UTC)
    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # LibreOffice's version (pypdf would write 1.3)
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    if "/Metadata" in writer.root_object:  # the XMP of a PDF/UA export: dated now
        xmp = writer.root_object["/Metadata"].get_object()
        iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        xmp.set_data(re.sub(rb"(<xmp:(?:Create|Modify|Metadata)Date>)[^<]*", rb"\g<1>" +
                            iso.encode(), xmp.get_data()))  # fmt: skip
    complete_tags(writer, deck)
    digest = ByteStringObject(hashlib.md5(deck, usedforsecurity=False).digest())
    # pypdf has no public setter, and would keep LibreOffice's random identifier
    writer._ID = ArrayObject([digest, digest])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def complete_tags(writer, deck: bytes) -> None:
    """What LibreOffice 7.4's tagged PDF lacks: the deck's language as the document's (it
    writes its own locale's, en-US), and the alt text of each chart (it writes a Figure for a
    chart without the description the deck gives it), taken from the deck slide by slide.

    Raises Failed if a page has figures without alt text other than its charts.
    """
    from pptx import Presentation
    from pypdf.generic import NameObject, TextStringObject

    from ...render.pptxparts import alt_text

    presentation = Presentation(io.BytesIO(deck))
    root = writer.root_object
    if presentation.core_properties.language:
        root[NameObject("/Lang")] = TextStringObject(presentation.core_properties.language)
    charts = [[alt_text(shape) for shape in slide.shapes if shape.has_chart]
              for slide in presentation.slides]  # fmt: skip
    pages = [page.indirect_reference.idnum for page in writer.pages]
    bare: dict[int, list] = {}
    for element in _figures(root.get("/StructTreeRoot")):
        if not str(element.get("/Alt") or ""):
            where = element.raw_get("/Pg").idnum if "/Pg" in element else None
            bare.setdefault(pages.index(where) if where in pages else -1, []).append(element)
    for page, elements in sorted(bare.items()):
        alts = charts[page] if 0 <= page < len(charts) else []
        if len(elements) != len(alts) or not all(alts):
            raise Failed(f"slide {page + 1} of the PDF has {len(elements)} figures without alt "
                         f"text; give every picture and chart on it alt text")  # fmt: skip
        for element, alt in zip(elements, alts, strict=True):
            element[NameObject("/Alt")] = TextStringObject(alt)


def _figures(node):
    """The Figure structure elements under `node`, in the structure tree's order."""
    from pypdf.generic import ArrayObject, DictionaryObject

    todo = [node]
    while todo:
        node = todo.pop(0)
        node = node.get_object() if node is not None else None
        if isinstance(node, ArrayObject):
            todo[:0] = list(node)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                yield node
            kids = node.get("/K")
            if kids is not None:
                todo[:0] = [kids]


def to_pdf(root: Path, program: str, deck: Path) -> bytes:
    """The deck as PDF, converted in a fresh profile of its own in build/.office-<deck> (several
    run at once), with fontconfig limited to brand/fonts (output never depends on system
    fonts)."""
    tmp = root / "build" / f".office-{deck.stem}"  # one task per deck: no two share it
    shutil.rmtree(tmp, ignore_errors=True)  # left by a build killed while converting
    tmp.mkdir(parents=True)
    try:
        conf = tmp / "fonts.conf"
        conf.write_text(fonts_conf(root / "brand" / "fonts", tmp / "font-cache"), encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp),
            "FONTCONFIG_FILE": str(conf),
            "SAL_USE_VCLPLUGIN": "svp",  # no display
            "LANG": "C.UTF-8",
        }
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                   "--convert-to", CONVERT_TO, "--outdir", str(tmp / "out"), str(deck)]  # fmt: skip
        code, said = run_group(command, env)
        pdf = tmp / "out" / f"{deck.stem}.pdf"
        if code != 0 or not pdf.is_file():
            lines = said.strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit status {code}")
        return pdf.read_bytes()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_group(command: list[str], env: dict) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own, and kill the whole group when it times
    out or the build is interrupted: soffice starts oosplash, which starts soffice.bin, and
    killing the first alone leaves the others running (and writing into build/)."""
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)  # fmt: skip
    try:
        said, _ = process.communicate(timeout=TIMEOUT_S)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return process.returncode, said


def fonts_conf(fonts: Path, cache: Path) -> str:
    """A fontconfig file that knows only the brand fonts."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <dir>{escape(str(fonts))}</dir>\n"
        f"  <cachedir>{escape(str(cache))}</cachedir>\n</fontconfig>\n"
    )
