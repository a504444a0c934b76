"""Content images: Pillow's limits kept, broken files named, EXIF orientation applied and
metadata dropped before a photo reaches a document."""

import io
import struct
import zlib

import pytest
from PIL import Image

from campaignkit.images import image_problem, prepared_image


def encoded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 8)) + chunk(b"IEND", b""))  # fmt: skip


JPEG = encoded(Image.new("RGB", (40, 20), "#0B5CAD"), "JPEG")


def test_good_images_pass():
    assert image_problem(JPEG, "photo.jpg") is None
    assert image_problem(encoded(Image.new("RGBA", (4, 4)), "PNG"), "logo.png") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (encoded(Image.new("P", (4, 4)), "GIF"),
         "'x.img' is a GIF image; save it as JPEG or PNG"),
        (b"<html>not an image</html>",
         "'x.img' is not an image campaignkit can read; save it as JPEG or PNG"),
        (JPEG[: len(JPEG) // 2],
         "'x.img' is damaged (Truncated File Read); export it again as JPEG or PNG"),
        (png_claiming(100_000, 100_000),
         "'x.img' has more pixels than campaignkit opens (89,478,485; it could be a "
         "decompression bomb); scale it down"),
        (png_claiming(10_000, 10_000),  # above the limit, under twice it: Pillow only warns
         "'x.img' has more pixels than campaignkit opens (89,478,485; it could be a "
         "decompression bomb); scale it down"),
    ],
    ids=["gif", "not an image", "truncated", "bomb", "bomb warning"],
)  # fmt: skip
def test_bad_images_are_named(data, message):
    assert image_problem(data, "x.img") == message


def test_exif_orientation_is_applied_and_metadata_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show rotated 90° clockwise
    exif[0x010F] = "Phone maker"
    photo = encoded(Image.new("RGB", (40, 20), "#0B5CAD"), "JPEG", exif=exif.tobytes())
    data, kind = prepared_image(photo)
    assert kind == "image/jpeg"
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (20, 40)
        assert not image.getexif() and "exif" not in image.info
    assert prepared_image(photo) == (data, kind)  # same photo, same bytes


def test_sixteen_bit_images_are_refused_rather_than_washed_out():
    data = encoded(Image.new("I;16", (4, 4), 30000), "PNG")
    assert image_problem(data, "scan.png") == (
        "'scan.png' has I;16 pixels (16 bits or floats per channel); save it with 8 bits per "
        "channel"
    )


def test_an_embedded_colour_profile_is_converted_to_srgb_not_kept():
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = encoded(Image.new("RGB", (8, 8), (200, 30, 30)), "PNG", icc_profile=srgb)
    data, kind = prepared_image(photo)
    with Image.open(io.BytesIO(data)) as image:
        assert kind == "image/png" and "icc_profile" not in image.info
        assert all(abs(a - b) <= 3 for a, b in zip(image.getpixel((4, 4)), (200, 30, 30),
                                                   strict=True))  # fmt: skip
