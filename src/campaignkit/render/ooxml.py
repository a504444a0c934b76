"""Office Open XML packages with the same bytes for the same inputs: fixed dates, fixed
zip entries (python-pptx stamps "now" on both, and so does the xlsx inside each chart)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
#: the latest time a zip entry can carry
ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58)
#: dcterms dates in docProps/core.xml
DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def set_properties(prs, *, title: str, subject: str, author: str, language: str,
                   created: dt.datetime, keywords: str = "") -> None:  # fmt: skip
    """Core properties from content, never the template's (which name someone else)."""
    props = prs.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.language = language
    props.keywords = keywords
    props.category = ""
    props.comments = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.revision = 1
    props.created = created.replace(tzinfo=None)
    props.modified = created.replace(tzinfo=None)


def tidy(prs) -> None:
    """What python-pptx's default template leaves behind: a 4:3 size type, a blank 4:3
    thumbnail, app.xml naming another program and no slides; and the notes master it
    creates but does not list (Keynote then ignores the speaker notes)."""
    from lxml import etree

    from .pptxparts import package_relationships

    presentation = prs.element
    presentation.find(f"{{{P}}}sldSz").attrib.pop("type", None)
    package = prs.part.package
    for rid, rel in list(package_relationships(package).items()):
        if rel.reltype == THUMBNAIL:
            package.drop_rel(rid)
        elif rel.reltype == EXTENDED:
            rel.target_part.blob = app_xml(len(prs.slides))  # a plain Part: its blob is set
    notes = [rid for rid, rel in prs.part.rels.items() if rel.reltype == NOTES_MASTER]
    if notes and presentation.find(f"{{{P}}}notesMasterIdLst") is None:
        listed = etree.Element(f"{{{P}}}notesMasterIdLst")
        etree.SubElement(listed, f"{{{P}}}notesMasterId").set(f"{{{R}}}id", notes[0])
        presentation.find(f"{{{P}}}sldMasterIdLst").addnext(listed)


def app_xml(slides: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>campaignkit</Application><PresentationFormat>On-screen Show (16:9)"
        f"</PresentationFormat><Slides>{slides}</Slides></Properties>"
    ).encode()


def normalised(data: bytes, stamp: dt.datetime) -> bytes:
    """The package rewritten with one fixed time on every entry and in every core.xml,
    embedded workbooks (chart data) included; entry order kept ([Content_Types].xml first)."""
    naive = stamp.replace(tzinfo=None)
    date_time = min(max(naive, dt.datetime(1980, 1, 1)), ZIP_END).timetuple()[:6]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            blob = source.read(entry.filename)
            if entry.filename.endswith("docProps/core.xml"):
                blob = DATES.sub(lambda m: m.group(1) + when + m.group(3), blob)
            elif entry.filename.endswith((".xlsx", ".xlsm")):
                blob = normalised(blob, stamp)
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, blob, compresslevel=6)
    return buffer.getvalue()
