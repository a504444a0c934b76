"""Slide decks (PPTX) on the brand master, and a preview of every slide."""
