"""Thumbnails: small WebP images of the previews, the same bytes each time."""

import io

import pytest
from PIL import Image

from campaignkit.errors import Failed
from campaignkit.families.gallery.plan import ThumbContext, ThumbParams
from campaignkit.families.gallery.thumbnail import make_thumbnail
from campaignkit.job import Job


def job(root, preview: str) -> Job:
    return Job(root=str(root), label="thumbnail x", target="build/site/thumbs/x.webp",
               extra_targets=(), template="", context=ThumbContext(preview),
               params=ThumbParams(), needs=(preview,), deps=(), brand={}, families=(),
               font_files=())  # fmt: skip


def test_a_palette_card_becomes_a_small_webp_the_same_each_time(tmp_path):
    card = Image.new("P", (1080, 1920), 1)
    card.putpalette([255, 255, 255, 11, 92, 173] + [0] * 762)
    card.info["transparency"] = 0
    (tmp_path / "build").mkdir()
    card.save(tmp_path / "build/card.png")
    make_thumbnail(job(tmp_path, "build/card.png"))
    first = (tmp_path / "build/site/thumbs/x.webp").read_bytes()
    with Image.open(io.BytesIO(first)) as thumb:
        assert (thumb.format, thumb.size) == ("WEBP", (180, 320))  # fits 320 × 320
        assert thumb.getpixel((90, 160))[:3] == pytest.approx((11, 92, 173), abs=12)
        assert "exif" not in thumb.info and "icc_profile" not in thumb.info
    assert len(first) < 5_000
    make_thumbnail(job(tmp_path, "build/card.png"))
    assert (tmp_path / "build/site/thumbs/x.webp").read_bytes() == first


def test_a_broken_preview_is_one_line(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build/card.png").write_bytes(b"not a png")
    with pytest.raises(Failed) as err:
        make_thumbnail(job(tmp_path, "build/card.png"))
    assert err.value.lines == [
        "cannot read the preview build/card.png: cannot identify image file "
        f"'{tmp_path / 'build/card.png'}'"
    ]
