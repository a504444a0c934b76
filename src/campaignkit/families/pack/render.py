"""Asset packs: reproducible zips with a manifest (sizes, checksums, alt texts) and a README."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import posixpath
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...confine import Refused, read_project_file
from ...errors import Failed
from ...heart import heart_svg

if TYPE_CHECKING:
    from ...job import Job

#: Already compressed: stored as they are (deflating them again wastes time for nothing).
STORED = {".pdf", ".png", ".jpg", ".zip", ".pptx"}
MM_PER_PT = 25.4 / 72
#: Folders pack members come from: built files, and brand files (the heart, fonts).
MEMBERS = ("build", "brand")
#: The JSON Schema of manifest.json, beside it in every pack (its "$schema").
SCHEMA = "manifest.schema.json"


def write_pack(job: Job) -> None:
    """doit action: the zip of the pack's files, each image's alt text beside it, and
    manifest.json (with its JSON Schema) and README.txt in the pack's language."""
    root = Path(job.root)
    context = job.context
    stamp = dt.datetime.fromisoformat(context.stamp.replace("Z", "+00:00"))
    entries: dict[str, bytes] = {}
    listed = []
    heart = f"brand/{job.brand['heart']['file']}"
    for member in context.files:
        name = entry_name(member.path)
        data = project_file(root, member.path)
        if member.path == heart:  # the heart travels in the brand's colours
            data = heart_svg(root, job.brand).encode()
        entries[name] = data
        item = {"path": name, "kind": member.kind, "variant": member.variant,
                "language": member.language, "city": member.city,
                "translation": member.translation,
                **facts(root / member.path, data)}  # fmt: skip
        if member.sidecar:  # the card's JSON travels beside it, as built
            beside = entry_name(member.sidecar)
            entries[beside] = project_file(root, member.sidecar)
            item["alt"] = json.loads(entries[beside].decode("utf-8"))["alt"]
            item["alt_file"] = beside
        elif member.alt:
            beside = posixpath.splitext(name)[0] + ".txt"
            entries[beside] = (member.alt + "\n").encode()
            item["alt"], item["alt_file"] = member.alt, beside
        listed.append(item)
    manifest = {
        "$schema": SCHEMA,
        "title": context.title,
        "language": context.lang,
        "made_with": made_with(root, job),
        "files": listed,
    }
    entries["manifest.json"] = (json.dumps(manifest, indent=1, ensure_ascii=False,
                                           sort_keys=True) + "\n").encode()  # fmt: skip
    entries[SCHEMA] = job.params.schema.encode()
    entries["README.txt"] = "\n".join([*context.readme, ""]).encode()
    write_bytes(root / job.target, deterministic_zip(entries, stamp))


def project_file(root: Path, rel: str) -> bytes:
    """A member's bytes; the one path check: a member linked out of the project is refused."""
    try:
        return read_project_file(root, rel, MEMBERS)
    except Refused as err:
        raise Failed([str(err)]) from None


def entry_name(path: str) -> str:
    """A safe, relative name inside the zip: 'build/leaflets/x.pdf' -> 'leaflets/x.pdf'."""
    name = posixpath.normpath(path.removeprefix("build/"))
    if name.startswith(("/", "..")) or "\\" in name or name in (".", ""):
        raise ValueError(f"unsafe name for a zip entry: {path!r}")
    return name


def facts(path: Path, data: bytes) -> dict:
    """Bytes, sha256, and the page size (PDF, mm), slides (PPTX) or pixel size (PNG)."""
    found = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        box = reader.pages[0].trimbox
        found["pages"] = len(reader.pages)
        found["page_mm"] = [round(float(box.width) * MM_PER_PT, 1),
                            round(float(box.height) * MM_PER_PT, 1)]  # fmt: skip
    elif path.suffix == ".pptx":
        from pptx import Presentation

        deck = Presentation(io.BytesIO(data))
        found["slides"] = len(deck.slides)
        found["slide_mm"] = [
            round(deck.slide_width / 36000, 1),
            round(deck.slide_height / 36000, 1),
        ]
    elif path.suffix == ".png":
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            found["pixels"] = list(image.size)
    return found


def made_with(root: Path, job: Job) -> dict:
    """The versions of the software and fonts that made the files (for reproducing them)."""
    from fontTools.ttLib import TTFont

    libraries = {}
    for name in ("campaignkit", "weasyprint", "pydyf", "pillow", "python-pptx", "babel"):
        try:
            libraries[name] = version(name)
        except PackageNotFoundError:
            continue
    fonts = {}
    for rel in job.font_files:
        with TTFont(root / rel, lazy=True) as font:
            fonts[Path(rel).name] = font["name"].getDebugName(5)
    return {"software": libraries, "fonts": fonts}


def deterministic_zip(entries: dict[str, bytes], stamp: dt.datetime) -> bytes:
    """Sorted entries, one fixed time, fixed permissions: the same files give the same bytes."""
    buffer = io.BytesIO()
    date_time = stamp.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, whatever the machine
            stored = Path(name).suffix in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name], compresslevel=None if stored else 9)
    return buffer.getvalue()
