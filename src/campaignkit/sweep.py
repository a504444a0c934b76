"""Removing built files that no planned output owns any more."""

from __future__ import annotations

from pathlib import Path

#: Folders of build/ whose every file belongs to a planned output.
OWNED_FOLDERS = ("leaflets", "posters", ".fit", "social", "packs", "site")


def sweep(root: str, owned: list[str]) -> None:
    """doit action: delete files under the owned folders that are not planned outputs
    (a city, language or size was removed), so build/ holds only current files.

    Folders stay (a renderer may be writing into one) and so do dot files (temporary
    files of writes in progress)."""
    build = Path(root) / "build"
    keep = {Path(root) / rel for rel in owned}
    for folder in OWNED_FOLDERS:
        for path in sorted((build / folder).rglob("*")):
            if path.is_file() and path not in keep and not path.name.startswith("."):
                path.unlink()
