"""Every German UI string, in one place and ready for translation.

Pages and helpers look strings up here instead of writing German inline.
Messages with placeholders use ``str.format`` names. Keep one section per
feature so that the file stays easy to scan.
"""

from __future__ import annotations

KEINE_ANGABE = "keine Angabe"
APPROXIMATE = "Lage ungefähr"

# --- app chrome -------------------------------------------------------------
APP = {
    "title": "Integrationsatlas Dresden",
    "tagline": "Ressourcen für die Integration Geflüchteter – Stadtbezirk für Stadtbezirk",
    "nav_map": "Stadtkarte",
    "nav_profile": "Stadtbezirk",
    "nav_nearby": "In der Nähe",
    "nav_fachplan": "Fachplan",
    "nav_quality": "Datenqualität",
    "view_public": "Öffentliche Ansicht",
    "view_internal": "Interne Ansicht – {name}",
    "internal_badge": "intern",
    "sources_heading": "Quellen",
    "data_as_of": "Stand: {date}",
    "error_prefix": "Hinweis",
}

# --- categories and Handlungsfelder ----------------------------------------
CATEGORY_LABELS = {
    "unterkunft": "Unterkunft",
    "vorortbuero": "Vorortbüro",
    "msa": "Migrationssozialarbeit / Regionalkoordination",
    "beratung": "Beratung",
    "initiative": "Initiative / Projekt",
    "netzwerk": "Netzwerkknoten",
    "behoerde": "Behörde",
    "regelangebot": "Regelangebot",
}

HANDLUNGSFELD_LABELS = {
    "M": "Migrationssozialarbeit",
    "R": "Regelangebote",
    "B": "Bürgerschaftliches und unternehmerisches Engagement",
    "W": "Unterbringung und Wohnen",
    "S": "Sprache und Verständigung",
    "F": "Bildung und Freizeit",
    "G": "Gesundheit",
    "P": "Partizipation",
    "Q": "Sozialraumentwicklung als Querschnittsaufgabe",
    "C": "Controlling und Förderung",
}

PRECISION_LABELS = {
    "exact": "genau (Adresse)",
    "street": "ungefähr (Straße)",
    "stadtteil": "ungefähr (Stadtteil)",
    "stadtbezirk": "ungefähr (Stadtbezirk)",
}

STATUS_LABELS = {
    "aktiv": "aktiv",
    "geplant": "geplant",
    "bereitschaft": "in Bereitschaft",
    "geschlossen": "geschlossen",
    "unbekannt": "unbekannt",
}

# --- boundaries (geodata) ---------------------------------------------------
GEODATA = {
    "boundaries_missing": (
        "Es sind noch keine Stadtteilgrenzen vorhanden. Die Karte zeigt nur die "
        "Grundkarte. Mit „make run“ oder „python -m atlas.geodata fetch“ werden sie geladen."
    ),
    "level_stadtbezirke": "Stadtbezirke",
    "level_stadtteile": "Stadtteile",
    "level_msa": "MSA-Regionen",
    "level_label": "Grenzen",
}

# --- map page ---------------------------------------------------------------
MAP = {}

# --- resources and data quality ---------------------------------------------
RESOURCES = {}

# --- district profiles --------------------------------------------------------
PROFILE = {}

# --- nearby search ----------------------------------------------------------
NEARBY = {}

# --- sign-in and views --------------------------------------------------------
AUTH = {}

# --- Fachplan page ----------------------------------------------------------
FACHPLAN = {}

# --- presentation export ----------------------------------------------------
EXPORT = {}
