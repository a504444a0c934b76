"""The gallery's thumbnails: each tile's preview, small enough for a phone's first view."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from ...atomic import write_bytes
from ...errors import Failed

if TYPE_CHECKING:
    from ...job import Job


def make_thumbnail(job: Job) -> None:
    """doit action: the preview PNG scaled to fit job.params.box, as WebP without metadata."""
    source = Path(job.root) / job.context.preview
    box = job.params.box
    try:
        with Image.open(source) as image:
            image.load()
            # cards are palette PNGs, some with transparency: flatten them onto white
            image = image.convert("RGBA")
    except (OSError, UnidentifiedImageError) as err:
        raise Failed([f"cannot read the preview {job.context.preview}: {err}"]) from None
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    flat.thumbnail((box, box), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # method 6: the slowest, smallest encoding; the same bytes on every run
    flat.save(out, "WEBP", quality=job.params.quality, method=6)
    write_bytes(Path(job.root) / job.target, out.getvalue())
