"""Files for the council and for re-use: presentation, PPTX, PDF, downloads."""
