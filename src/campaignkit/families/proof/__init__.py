"""Proof sheets: every downloadable asset small and labelled, by kind, for a last look."""
