"""Asset packs (zip): per language, per city, and for print shops."""
