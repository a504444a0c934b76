"""Content images (partners' photos): checked with Pillow's limits when content loads, and
re-encoded for documents upright (EXIF orientation applied) and without their metadata."""

from __future__ import annotations

import io
import warnings

#: What partners may send: formats Pillow reads and every PDF and office program shows.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


def image_problem(data: bytes, rel: str) -> str | None:
    """Why `data` (the file `rel`) cannot be used as a content image, or None.

    Pillow's decompression-bomb limit stays on (its warning counts as a refusal too);
    truncated files are refused, never half-loaded."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                if kind not in FORMATS:
                    return f"'{rel}' is a {kind} image; save it as JPEG or PNG"
                image.verify()  # checksums and structure
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"'{rel}' has more pixels than campaignkit opens ({Image.MAX_IMAGE_PIXELS:,}; "
                "it could be a decompression bomb); scale it down")  # fmt: skip
    except UnidentifiedImageError:
        return f"'{rel}' is not an image campaignkit can read; save it as JPEG or PNG"
    except (OSError, SyntaxError, ValueError) as err:
        return f"'{rel}' is damaged ({err}); export it again as JPEG or PNG"
    return None


def prepared_image(data: bytes) -> tuple[bytes, str]:
    """(bytes, mime type) of the image turned upright as its EXIF orientation says, with no
    metadata left (a phone photo's EXIF can hold where and when it was taken)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
        clean = upright.convert(mode)
    buffer = io.BytesIO()
    if kind == "JPEG" and mode == "RGB":
        clean.save(buffer, format="JPEG", quality=92, optimize=True)
        return buffer.getvalue(), "image/jpeg"
    clean.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), "image/png"
