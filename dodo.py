"""Build every asset of the campaign in this folder: `doit` (see README.md)."""

from pathlib import Path

from campaignkit.tasks import creators

globals().update(creators(Path(__file__).resolve().parent))
