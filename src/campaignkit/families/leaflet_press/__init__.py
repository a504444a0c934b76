"""Press leaflets: each city leaflet as PDF/X-4 at A5, with bleed and crop marks."""
