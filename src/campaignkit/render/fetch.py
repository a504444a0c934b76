"""The one way documents reach files: project files and data: URLs, nothing else."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..confine import SOURCES, project_path
from ..images import BadImage, prepared_image

#: Documents render under this fixed base so output never depends on the checkout folder
#: (WeasyPrint names embedded images after their absolute URL).
VIRTUAL_ROOT = "file:///campaignkit/"

#: Folders of the project a document may read.
READABLE = SOURCES


class ProjectFetcher(URLFetcher):
    """Serves project files under VIRTUAL_ROOT; records what it served and refused.
    `served` holds what a document sees of some files instead of their bytes on disk (the
    heart, in the brand's colours)."""

    def __init__(self, root: Path, served: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols={"data"})
        self.root = Path(root).resolve()
        self.served = served or {}
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        rel, reason = self.project_path(url)
        if rel is None:
            self.refused.append(f"{url}: {reason}")
            raise FatalURLFetchingError(f"refused to read {url}: {reason}")
        path = self.root / rel
        self.fetched.append(rel)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = self.served[rel] if rel in self.served else path.read_bytes()
        if rel.startswith("content/"):  # partners' photos: upright, checked, no metadata
            try:
                body, kind = prepared_image(body, rel.removeprefix("content/"))
            except BadImage as err:
                self.refused.append(f"{url}: {err}")
                raise FatalURLFetchingError(f"refused to read {url}: {err}") from None
        return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    def project_path(self, url: str) -> tuple[str | None, str]:
        """(project-relative path, "") if `url` names a readable project file, else (None, why)."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc or not url.startswith(VIRTUAL_ROOT):
            return None, "only files in the project may be used, never the network or the system"
        rel = unquote(parts.path)[len(urlsplit(VIRTUAL_ROOT).path) :]
        checked, why = project_path(self.root, rel, READABLE)
        if checked is None and why.startswith("only files"):
            why = "documents may only use files in brand/, content/ and templates/"
        return checked, why
