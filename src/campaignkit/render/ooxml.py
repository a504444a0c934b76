"""Office Open XML packages with the same bytes for the same inputs: fixed dates, fixed
zip entries (python-pptx stamps "now" on both, and so does the xlsx inside each chart)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

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


def normalised(data: bytes, stamp: dt.datetime) -> bytes:
    """The package rewritten with one fixed time on every entry and in every core.xml,
    embedded workbooks (chart data) included; entry order kept ([Content_Types].xml first)."""
    date_time = max(stamp, dt.datetime(1980, 1, 1, tzinfo=stamp.tzinfo)).timetuple()[:6]
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
