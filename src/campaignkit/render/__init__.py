"""Renderers: one module per output family, each writing one target."""
