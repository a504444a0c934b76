"""A5 city leaflets: one per city and language, and a preview of each."""
