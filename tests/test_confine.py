"""The one path check every renderer reads files through (decks, cards, packs, documents)."""

import pytest

from campaignkit.confine import Refused, project_path, read_project_file


@pytest.fixture
def root(tmp_path):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "heart.svg").write_text("<svg/>")
    (tmp_path / "build").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    return tmp_path


def test_reads_files_in_allowed_folders(root):
    assert read_project_file(root, "brand/heart.svg") == b"<svg/>"
    assert project_path(root, "brand/../brand/heart.svg") == ("brand/heart.svg", "")


@pytest.mark.parametrize(
    ("rel", "folders", "why"),
    [
        ("../outside.txt", ("brand",), "it is outside the project"),
        ("/etc/hostname", ("brand",), "it is outside the project"),
        ("brand/link.svg", ("brand",), "it is outside the project"),
        ("secret.txt", ("brand", "build"), "only files in brand/, build/ may be used"),
        ("brand/missing.svg", ("brand",), "no such file in the project"),
        ("brand", ("brand",), "no such file in the project"),
    ],
)
def test_refuses_with_the_reason(root, rel, folders, why):
    (root / "brand" / "link.svg").symlink_to("/etc/hostname")
    with pytest.raises(Refused) as raised:
        read_project_file(root, rel, folders)
    assert str(raised.value) == f"refused to read '{rel}': {why}"
