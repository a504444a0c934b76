"""Zips: the same bytes for the same files, safe names, compression by kind, alt texts beside."""

import datetime as dt
import io
import zipfile

import pytest

from campaignkit.families.pack.render import deterministic_zip, entry_name

STAMP = dt.datetime(2022, 7, 30, tzinfo=dt.UTC)


def test_entries_are_sorted_timed_and_compressed_by_kind():
    data = deterministic_zip(
        {"b.pdf": b"%PDF" * 100, "a/manifest.json": b"{}" * 100, "c.png": b"x"}, STAMP
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    infos = archive.infolist()
    assert [info.filename for info in infos] == ["a/manifest.json", "b.pdf", "c.png"]
    assert {info.date_time for info in infos} == {(2022, 7, 30, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o644}
    kinds = {info.filename: info.compress_type for info in infos}
    assert kinds == {"a/manifest.json": zipfile.ZIP_DEFLATED, "b.pdf": zipfile.ZIP_STORED,
                     "c.png": zipfile.ZIP_STORED}  # fmt: skip


def test_same_files_same_bytes_whatever_the_order():
    one = deterministic_zip({"x.txt": b"1", "y.txt": b"2"}, STAMP)
    two = deterministic_zip({"y.txt": b"2", "x.txt": b"1"}, STAMP)
    assert one == two


def test_entry_names_are_relative_and_never_climb():
    assert entry_name("build/leaflets/liege-fr.pdf") == "leaflets/liege-fr.pdf"
    assert entry_name("brand/blue-heart.svg") == "brand/blue-heart.svg"
    for bad in ("/etc/passwd", "build/../../etc/passwd", "../x", "build\\x.pdf", "build/"):
        with pytest.raises(ValueError, match="unsafe name for a zip entry"):
            entry_name(bad)


def test_an_image_without_a_sidecar_gets_its_alt_text_beside_it(tmp_path):
    import json

    from PIL import Image

    from campaignkit.families.pack.plan import Context, Member, Params
    from campaignkit.families.pack.render import write_pack
    from campaignkit.job import Job

    (tmp_path / "build" / "art").mkdir(parents=True)
    Image.new("RGB", (4, 3)).save(tmp_path / "build" / "art" / "heart.png")
    member = Member("build/art/heart.png", "art", "en", None, alt="A blue heart")
    context = Context("Art", "en", ("Art",), (member,), "2022-07-30T00:00:00Z")
    job = Job(str(tmp_path), "pack art", "build/packs/art.zip", (), "", context,
              Params("{}"), (member.path,), (), {"heart": {"file": "blue-heart.svg"}}, (), ())  # fmt: skip
    write_pack(job)
    archive = zipfile.ZipFile(tmp_path / "build" / "packs" / "art.zip")
    assert archive.read("art/heart.txt") == b"A blue heart\n"
    [item] = json.loads(archive.read("manifest.json"))["files"]
    assert (item["alt"], item["alt_file"], item["pixels"]) == (
        "A blue heart",
        "art/heart.txt",
        [4, 3],
    )
