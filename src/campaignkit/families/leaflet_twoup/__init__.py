"""Two-up leaflet sheets: two A5 leaflets on A4 landscape, double-sided, for office printers."""
