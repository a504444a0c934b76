"""Posters: press PDF/X-4 and office PDFs of each theme, story and the lit-up day."""
