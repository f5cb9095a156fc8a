"""barrierefreiheit (text from ATLAS_LEGAL_FILE)."""

from ui import legal

legal.render("barrierefreiheit")
