"""The fetcher: project files under the virtual root, nothing else."""

import os

import pytest
from conftest import write
from weasyprint.urls import FatalURLFetchingError

from campaignkit.render.fetch import VIRTUAL_ROOT, ProjectFetcher


@pytest.fixture
def fetcher(tmp_path):
    write(tmp_path / "project/brand/heart.svg", "<svg/>")
    write(tmp_path / "project/build/leaflets/x.pdf", "%PDF")
    write(tmp_path / "secret.txt", "secret")
    os.symlink(tmp_path / "secret.txt", tmp_path / "project/brand/link.svg")
    return ProjectFetcher(tmp_path / "project")


def test_serves_project_files_and_records_them(fetcher):
    response = fetcher.fetch(VIRTUAL_ROOT + "brand/heart.svg")
    assert response.read() == b"<svg/>"
    assert response.content_type == "image/svg+xml"
    assert fetcher.fetched == ["brand/heart.svg"]


def test_data_urls_are_allowed(fetcher):
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


OUT = "only files in the project may be used, never the network or the system"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", OUT),
        (VIRTUAL_ROOT + "../etc/passwd", "it is outside the project"),
        (VIRTUAL_ROOT + "brand/../../secret.txt", "it is outside the project"),
        (VIRTUAL_ROOT + "brand/%2e%2e/%2e%2e/secret.txt", "it is outside the project"),
        (VIRTUAL_ROOT + "brand/link.svg", "it is outside the project"),  # symlink out
        (VIRTUAL_ROOT + "build/leaflets/x.pdf",
         "documents may only use files in brand/, content/ and templates/"),
        (VIRTUAL_ROOT + "brand/missing.svg", "no such file in the project"),
        ("https://example.org/heart.svg", OUT),
        ("file://host/campaignkit/brand/heart.svg", OUT),
    ],
)  # fmt: skip
def test_refuses_everything_else(fetcher, url, reason):
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(url)
    assert fetcher.refused == [f"{url}: {reason}"]
    assert fetcher.fetched == []
