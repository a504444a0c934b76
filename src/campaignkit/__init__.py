"""campaignkit: build a campaign's printed and digital assets from plain files."""

__version__ = "0.1.0"
