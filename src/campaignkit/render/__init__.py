"""What output families share: templates, confinement, PDF, preview and Office machinery."""
