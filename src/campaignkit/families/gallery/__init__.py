"""The download gallery: every asset with its preview, filters and the packs."""
