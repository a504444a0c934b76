"""Press finishing of a WeasyPrint PDF: page boxes, crop marks, a fixed identity."""

from __future__ import annotations

import hashlib
import re
import uuid

import pydyf

PT_PER_MM = 72 / 25.4
HAIRLINE_PT = 0.25
#: RGB fill and stroke colour operators in a content stream.
RGB_OPERATOR = re.compile(rb"(?:^|\s)(?:rg|RG)$")
#: Marks keep this far from the bleed edge and from the edge of the sheet.
MARK_GAP_MM = 1.0
#: What a press PDF drawing anything in RGB fails with.
RGB_PROBLEM = ("has RGB colour, which a press PDF must not: give every colour in the template "
               "as p.colors (CMYK from brand/brand.yaml) and use CMYK images")  # fmt: skip


def write_options(geometry: dict, key: str, report: dict) -> dict:
    """WeasyPrint's write_pdf() options for a press PDF/X-4 finished by `finisher`, with
    file identifiers derived from `key` (the target: same file, same IDs)."""
    return {
        "pdf_variant": "pdf/x-4",
        "finisher": finisher(geometry, key, report),
        "pdf_identifier": hashlib.md5(key.encode()).hexdigest().encode(),
    }


def finisher(geometry: dict, key: str, report: dict):
    """A WeasyPrint `finisher(document, pdf)` for a press page laid out as poster.css.j2 and
    leaflet.css.j2 do (trim + bleed + slug on each side).

    The page is the whole sheet (trim + bleed + slug on each side). This sets TrimBox and
    BleedBox, draws crop marks in the slug in registration colour (100 % on every plate),
    names the output condition, and replaces the random XMP DocumentID with one derived
    from `key`, so the same inputs give the same bytes. Sets report["rgb"] when anything
    in the file is drawn in RGB, which a press PDF must not be.
    """
    edge = (geometry["bleed"] + geometry["slug"]) * PT_PER_MM
    bleed = geometry["bleed"] * PT_PER_MM
    start = bleed + MARK_GAP_MM * PT_PER_MM
    end = (geometry["bleed"] + geometry["slug"] - MARK_GAP_MM) * PT_PER_MM
    document_id = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, key)}".encode()

    def finish(document, pdf) -> None:
        pages = [_object(pdf, reference) for reference in pdf.page_references]
        resources = _object(pdf, pages[0]["Resources"])  # WeasyPrint shares one dict
        spaces = _object(pdf, resources["ColorSpace"])
        spaces["Registration"] = pydyf.Array(["/Separation", "/All", "/DeviceCMYK",
            pydyf.Dictionary({"FunctionType": 2, "Domain": pydyf.Array([0, 1]),
                              "C0": pydyf.Array([0, 0, 0, 0]), "C1": pydyf.Array([1, 1, 1, 1]),
                              "N": 1})])  # fmt: skip
        for page in pages:
            left, bottom, right, top = (float(value) for value in page["MediaBox"])
            trim = [left + edge, bottom + edge, right - edge, top - edge]
            page["TrimBox"] = pydyf.Array(trim)
            page["BleedBox"] = pydyf.Array(
                [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
            )
            content = _object(pdf, page["Contents"])
            content.stream.insert(0, b"q")  # WeasyPrint leaves its y-flip on the stack
            content.stream.append(b"Q")
            marks = _crop_marks(trim, start, end)
            pdf.add_object(marks)
            page["Contents"] = pydyf.Array([content.reference, marks.reference])
        intent = pdf.catalog["OutputIntents"][0]
        intent["OutputConditionIdentifier"] = pydyf.String(geometry["profile_name"])
        intent["OutputCondition"] = pydyf.String(geometry["condition"])
        intent["RegistryName"] = pydyf.String("http://www.color.org")
        metadata = _object(pdf, pdf.catalog["Metadata"])
        xmp, found = re.subn(rb"xmp\.did:[0-9a-f-]{36}", document_id, b"".join(metadata.stream))
        if found != 1:
            raise RuntimeError("WeasyPrint's XMP no longer has one DocumentID to pin")
        metadata.stream = [xmp]
        report["rgb"] = uses_rgb(pdf)

    return finish


def uses_rgb(pdf) -> bool:
    """Whether any object of the (not yet compressed) PDF draws or declares RGB colour."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream):
            operators = (item for item in obj.stream if isinstance(item, bytes))
            if any(RGB_OPERATOR.search(item) for item in operators):
                return True
            if b"DeviceRGB" in pydyf.Dictionary(obj.extra).data:
                return True
        elif isinstance(obj, (pydyf.Dictionary, pydyf.Array)) and b"DeviceRGB" in obj.data:
            return True
    return False


def low_resolution_images(pdf: bytes, min_dpi: int, root=None, fetched=()) -> list[str]:
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


def _object(pdf, reference):
    """pydyf references look like b'12 0 R'; objects are indexed by number."""
    return pdf.objects[int(reference.split()[0])]


def _crop_marks(trim: list[float], start: float, end: float):
    """Eight hairlines on the trim lines, from `start` to `end` points out from the trim."""
    left, bottom, right, top = trim
    marks = pydyf.Stream(compress=True)
    marks.push_state()
    marks.set_color_space("Registration", stroke=True)
    marks.set_color_special(None, True, 1)
    marks.set_line_width(HAIRLINE_PT)
    for x, sx in ((left, -1), (right, 1)):
        for y, sy in ((bottom, -1), (top, 1)):
            marks.move_to(x + sx * start, y)  # horizontal, on the trim line y
            marks.line_to(x + sx * end, y)
            marks.move_to(x, y + sy * start)  # vertical, on the trim line x
            marks.line_to(x, y + sy * end)
    marks.stroke()
    marks.pop_state()
    return marks
