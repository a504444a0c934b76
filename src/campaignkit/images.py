"""Content images (partners' photos): checked with Pillow's limits when content loads, and
re-encoded for documents upright (EXIF orientation applied) and without their metadata."""

from __future__ import annotations

import io
import warnings

#: What partners may send: formats Pillow reads and every PDF and office program shows.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
#: Pixel modes converted faithfully to 8-bit RGB(A) (16-bit ones would come out white).
MODES = {"1", "L", "LA", "P", "PA", "RGB", "RGBA", "CMYK", "YCbCr"}


class BadImage(ValueError):
    """A content image campaignkit will not use; the message names the file and says why."""


def opened(data: bytes, rel: str):
    """The image in `data` (the file `rel`), every pixel loaded, or BadImage.

    Pillow's decompression-bomb limit stays on (its warning counts as a refusal too);
    truncated files are refused, never half-loaded."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                if kind not in FORMATS:
                    raise BadImage(f"'{rel}' is a {kind} image; save it as JPEG or PNG")
                if image.mode not in MODES:
                    raise BadImage(f"'{rel}' has {image.mode} pixels (16 bits or floats per "
                                   "channel); save it with 8 bits per channel")  # fmt: skip
                image.verify()  # checksums and structure
            image = Image.open(io.BytesIO(data))
            image.load()  # every pixel: a truncated file fails here
            return image
    except BadImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadImage(f"'{rel}' has more pixels than campaignkit opens "
                       f"({Image.MAX_IMAGE_PIXELS:,}; it could be a decompression bomb); "
                       "scale it down") from None  # fmt: skip
    except UnidentifiedImageError:
        raise BadImage(f"'{rel}' is not an image campaignkit can read; save it as JPEG or "
                       "PNG") from None  # fmt: skip
    except (OSError, SyntaxError, ValueError) as err:
        raise BadImage(f"'{rel}' is damaged ({err}); export it again as JPEG or PNG") from None


def image_problem(data: bytes, rel: str) -> str | None:
    """Why `data` (the file `rel`) cannot be used as a content image, or None."""
    try:
        opened(data, rel).close()
    except BadImage as err:
        return str(err)
    return None


def prepared_image(data: bytes, rel: str = "image") -> tuple[bytes, str]:
    """(bytes, mime type) of the image turned upright as its EXIF orientation says, with no
    metadata left (a phone photo's EXIF can hold where and when it was taken); BadImage if
    it is not one campaignkit uses."""
    from PIL import ImageOps

    with opened(data, rel) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
        clean = in_srgb(upright, mode)
    clean.info.clear()  # nothing of the original's metadata, nor a dated profile, is written
    buffer = io.BytesIO()
    if kind == "JPEG" and mode == "RGB":
        clean.save(buffer, format="JPEG", quality=92, optimize=True)
        return buffer.getvalue(), "image/jpeg"
    clean.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), "image/png"


def in_srgb(image, mode: str):
    """The image in sRGB (`mode` RGB or RGBA): an embedded profile (a phone's Display P3, a
    camera's Adobe RGB, a CMYK JPEG's) is converted from, not dropped, so colours hold."""
    from PIL import ImageCms

    icc = image.info.get("icc_profile")
    if not icc:
        return image.convert(mode)
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert("RGBA" if mode == "RGBA" else "RGB")
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    base = image.convert("RGB") if image.mode == "RGBA" else image
    converted = ImageCms.profileToProfile(base, source, ImageCms.createProfile("sRGB"),
                                          outputMode="RGB")  # fmt: skip
    if alpha is not None and mode == "RGBA":
        converted.putalpha(alpha)
    return converted.convert(mode)
