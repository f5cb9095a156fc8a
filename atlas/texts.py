"""Every German UI string, in one place and ready for translation.

Pages and helpers look strings up here instead of writing German inline.
Messages with placeholders use ``str.format`` names. Keep one section per
feature so that the file stays easy to scan.
"""

from __future__ import annotations

from atlas import i18n as _i18n

# Every UPPER_CASE name below answers in the page's language (atlas.i18n): the German
# here is the source; locales/<code>.yaml overlays the same sections and keys.
_i18n.install(__name__)

KEINE_ANGABE = "keine Angabe"
APPROXIMATE = "Lage ungefähr"

# --- app chrome -------------------------------------------------------------
APP = {
    "nav_pflege": "Pflege",
    "nav_data": "Offene Daten",
    "title": "Integrationsatlas Dresden",
    "tagline": "Ressourcen für die Integration Geflüchteter – Stadtbezirk für Stadtbezirk",
    "nav_map": "Stadtkarte",
    "nav_profile": "Stadtbezirk",
    "nav_nearby": "In der Nähe",
    "nav_fachplan": "Fachplan",
    "nav_legal": "Rechtliches",
    # what the public reads when the server's own files or settings have a problem
    "unavailable_boundaries": "Die Stadtteilgrenzen sind derzeit nicht verfügbar.",
    "unavailable_settings": "Ein Teil des Atlas ist derzeit nicht verfügbar.",
    "unavailable_data": "Diese Angaben sind derzeit nicht verfügbar.",
    "unavailable_signin": "Anmeldung derzeit nicht verfügbar.",
    "nav_quality": "Datenqualität",
    "nav_versorgung": "Versorgung im Sozialraum",
    "view_public": "Öffentliche Ansicht",
    "view_internal": "Interne Ansicht – {name}",
    "internal_badge": "intern",
    "sources_heading": "Quellen",
    "data_as_of": "Stand: {date}",
    "error_prefix": "Hinweis",
    "choose": "Bitte wählen",
}

# --- accessibility and languages (ui/language.py, ui/style.py, keyboard paths) ---
A11Y = {
    "language_label": "Sprache / Language",
    "area_select": "Gebiet (statt Klick in die Karte)",
    "area_none": "– kein Gebiet –",
    "place_select": "Ort (statt Klick in die Karte)",
    "place_none": "– kein Ort –",
    "legend_toggle": "Legende",
    "results_heading": "Ergebnisse",
    "map_label": "Karte",
    "about": "ca. {value}",  # an approximate distance (atlas.numbers)
    "table_html": "Dieselben Orte als einfache Tabelle (für Screenreader)",
    "table_html_too_long": (
        "{count} Zeilen sind zu viele für eine einfache Tabelle. Bitte die Filter enger "
        "stellen oder die CSV-Datei herunterladen."
    ),
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

# --- freshness to-do list (atlas/places/freshness.py, page Datenqualität) ---------------
FRESHNESS = {
    "heading": "Zu prüfen je Stadtbezirk",
    "help": (
        "Aktuelle Orte, die seit über 12 Monaten nicht geprüft wurden, deren Status unklar ist "
        "oder die keine genaue Lage (Adresspunkt) haben. Geschlossene Orte fehlen hier."
    ),
    "reason_stale": "nicht geprüft seit über 12 Monaten",
    "reason_unclear": "Status unklar",
    "reason_position": "ohne genaue Lage",
    "never": "nie",
    "col_district": "Stadtbezirk",
    "none": "Nichts zu prüfen.",
    "download": "To-do-Liste herunterladen (CSV)",
    "district_filter": "Stadtbezirk",
    "all_districts": "alle",
    "columns": {
        "stadtbezirk": "Stadtbezirk", "id": "ID", "name": "Name", "kategorie": "Kategorie",
        "gruende": "Gründe", "zuletzt_geprueft": "zuletzt geprüft", "status": "Status",
        "letzter_beleg": "letzter Beleg", "lage": "Lage",
    },
}

# --- what a visitor needs to know about a place (atlas/places/placeinfo.py) -------------
PLACE = {
    "position_address_point": "Lage: Adresspunkt (amtlich)",
    "position_exact": "Lage: genau (angegebene Koordinaten)",
    "position_suffix": "Lage: Adresspunkt der Nachbarnummer mit Buchstabenzusatz (amtlich)",
    "position_street": "Lage ungefähr: Mitte des Stadtteils (nur die Straße ist bekannt)",
    "position_street_nominatim": "Lage ungefähr: Straße (OpenStreetMap)",
    "position_stadtteil": "Lage ungefähr: Mitte des Stadtteils",
    "position_stadtbezirk": "Lage ungefähr: Mitte des Stadtbezirks",
    "position_none": "Lage: keine Angabe",
    "closed": "geschlossen",
    "closed_since": "geschlossen seit {date}",
    "unconfirmed": "letzter Beleg {year} – ob das Angebot noch besteht, ist nicht bestätigt",
    "unconfirmed_no_date": "ob das Angebot noch besteht, ist nicht bestätigt",
    "secondary": "zuletzt belegt {date}, teils aus Sekundärquellen – vor dem Besuch anfragen",
    "open_yes": "jetzt geöffnet",
    "open_no": "jetzt geschlossen",
    "hours_old": "Angabe von {year} – ob die Zeiten noch gelten, ist nicht bestätigt",
    "address": "Adresse",
    "hours": "Öffnungs- / Treffzeiten",
    "languages": "Sprachen",
    "phone": "Telefon",
    "email": "E-Mail",
    "website": "Website",
    "route": "Weg",
    "route_text": "Route in OpenStreetMap",
    "status": "Stand",
    "last_checked": "zuletzt geprüft",
}

STATUS_LABELS = {
    "aktiv": "aktiv",
    "geplant": "geplant",
    "bereitschaft": "in Bereitschaft",
    "geschlossen": "geschlossen",
    "unbekannt": "unklar",
}

# --- boundaries (geodata) ---------------------------------------------------
GEODATA = {
    "boundaries_missing": (
        "Es sind keine Stadtteilgrenzen vorhanden. Die Karte zeigt nur die Grundkarte; "
        "bitte die Betreuung der Installation informieren."
    ),
    "boundaries_missing_public": (
        "Die Stadtteilgrenzen sind derzeit nicht verfügbar. Die Karte zeigt die Orte ohne "
        "Bezirksgrenzen."
    ),
    "level_stadtbezirke": "Stadtbezirke",
    "level_stadtteile": "Stadtteile",
    "level_msa": "MSA-Regionen",
    "level_label": "Grenzen",
    # Messages of atlas.geo.geodata / atlas.geo.ogcapi; {source} names the source and its URL or path.
    "http_timeout": "Grenzen aus {source}: keine vollständige Antwort innerhalb von {timeout} s "
                    "({url}).",
    "http_status": "Grenzen aus {source}: Der Server antwortete mit HTTP {status} ({url}).",
    "http_failed": "Grenzen aus {source}: Abruf fehlgeschlagen ({url}): {detail}",
    "http_no_dns": (
        "Grenzen aus {source}: Der Servername ist nicht auflösbar, vermutlich fehlt die "
        "Internetverbindung ({url})."
    ),
    "http_refused": "Grenzen aus {source}: Der Server ist nicht erreichbar ({url}).",
    "invalid_json": (
        "Grenzen aus {source}: Die Antwort ist kein vollständiges JSON, sie ist abgeschnitten "
        "oder beschädigt ({url}): {detail}"
    ),
    "not_collection": (
        "Grenzen aus {source}: Erwartet wurde eine GeoJSON-FeatureCollection, "
        "erhalten wurde „{found}“ ({url})."
    ),
    "empty": "Grenzen aus {source}: Die Sammlung enthält keine Objekte ({url}).",
    "file_unreadable": "Grenzen aus {source}: Die Datei „{path}“ ist nicht lesbar: {detail}",
    "vector_unreadable": (
        "Grenzen aus {source}: Die Datei „{path}“ ist nicht lesbar; erwartet wird GeoJSON, "
        "GeoPackage oder ein gezipptes Shapefile ({detail})."
    ),
    "wrong_crs": (
        "Grenzen aus {source}: Das Koordinatensystem „{crs}“ wird nicht unterstützt; "
        "erwartet wird EPSG:4326 bzw. CRS84 (Länge/Breite)."
    ),
    "projected_coords": (
        "Grenzen aus {source}: Koordinaten wie {coord} sind keine Längen-/Breitengrade "
        "(vermutlich ein metrisches System wie EPSG:25833); erwartet wird EPSG:4326."
    ),
    "outside_city": (
        "Grenzen aus {source}: {count} Objekt(e) liegen außerhalb von {city}, "
        "z. B. „{example}“ mit der Ausdehnung {bounds}."
    ),
    "too_few": (
        "Grenzen aus {source}: nur {count} Stadtteile, erwartet werden mindestens {minimum}."
    ),
    "duplicate_numbers": "Grenzen aus {source}: Stadtteilnummer(n) mehrfach vergeben: {numbers}.",
    "bad_number": (
        "Grenzen aus {source}: Die Stadtteilnummer „{value}“ ist ungültig "
        "(erwartet „01“ bis „99“)."
    ),
    "unknown_schema": (
        "Grenzen aus {source}: Kein bekanntes Nummernfeld gefunden (gesucht: {fields}; "
        "vorhanden: {found})."
    ),
    "bad_geometry": (
        "Grenzen aus {source}: Das Objekt „{name}“ hat keine Flächengeometrie ({detail})."
    ),
    "bad_district": (
        "Grenzen aus {source}: Der Bezirk „{name}“ ({art}) passt zu keinem konfigurierten "
        "Stadtbezirk bzw. keiner Ortschaft."
    ),
    "missing_districts": "Grenzen aus {source}: Es fehlen die Stadtbezirke {names}.",
    "districts_derived": (
        "Stadtbezirke aus {source} nicht verwendbar, sie werden aus den Stadtteilen "
        "abgeleitet. Grund: {detail}"
    ),
    "no_source": "Keine Quelle für Stadtteilgrenzen eingestellt (ATLAS_GEODATA_SOURCES ist leer).",
    "unknown_source": (
        "Unbekannte Grenzquelle „{name}“ in ATLAS_GEODATA_SOURCES (bekannt: {known})."
    ),
    "all_failed": "Stadtteilgrenzen konnten aus keiner Quelle geladen werden:\n{reasons}",
    "cache_write": "Der Grenzen-Cache „{path}“ konnte nicht geschrieben werden: {detail}",
    "geometry_repaired": (
        "Grenzen aus {source}: Die Fläche von „{name}“ war ungültig ({reason}) und wurde "
        "repariert (Flächenänderung {change:+.2f} %). Bitte die Quelle prüfen."
    ),
    "cache_broken_public": (
        "Die Stadtteilgrenzen sind gerade nicht verfügbar; Karten erscheinen ohne Umrisse."
    ),
    "cache_corrupt": (
        "Der Grenzen-Cache „{path}“ ist beschädigt: {detail}. "
        "Die Grenzen müssen neu geladen werden (siehe geodata/README.md)."
    ),
    "ensure_cached": "Grenzen liegen bereits im Cache ({path}); es wird nichts geladen.",
    "ensure_fetched": (
        "Grenzen geladen aus {source}: {stadtteile} Stadtteile, {districts} Stadtbezirke und "
        "Ortschaften, gespeichert in {path}."
    ),
    "ensure_failed": (
        "Die Grenzen wurden nicht geladen. Die App startet trotzdem und zeigt einen Hinweis."
    ),
    "info_missing": "Im Ordner {path} liegt noch kein Grenzen-Cache.",
    "derived_label": "abgeleitet aus den Stadtteilen (Zusammenfassung nach Stadtbezirk)",
    "snapshot_written": (
        "Mitgelieferte Grenzen geschrieben: {stadtteile} Stadtteile, {districts} Stadtbezirke "
        "und Ortschaften in {path}."
    ),
    "snapshot_points": "Mitgelieferter Adressauszug geschrieben: {count} Adresspunkte.",
    "origin_shipped": "Grenzen: Stand {date}, mitgeliefert",
    "origin_cache": "Grenzen: abgerufen am {date}",
    "update_kept": "Aktualisierung fehlgeschlagen; die bisherigen Daten bleiben: {detail}",
}

# --- map page ---------------------------------------------------------------
MAP = {
    "title": "Stadtkarte",
    "caption": "Orte und Angebote für die Integration Geflüchteter in Dresden",
    "filters": "Filter",
    "category": "Kategorie",
    "handlungsfeld": "Handlungsfeld",
    "stadtbezirk": "Stadtbezirk",
    "text": "Suche (Name, Träger, Hinweise)",
    "current_only": "nur aktuell gültige",
    "date": "Stand am",
    "history": "Datenstand aus dem Verlauf",
    "history_help": (
        "Zeigt die Orte so, wie sie an diesem Tag im Atlas standen: je Ort die letzte "
        "gespeicherte Version bis zum Tagesende (UTC). Ohne diese Wahl gilt der heutige "
        "Datenstand, gefiltert nach den Gültigkeitsdaten."
    ),
    "history_unavailable": (
        "Der Verlauf ist gerade nicht erreichbar; die Karte zeigt den heutigen Datenstand."
    ),
    "history_empty": (
        "Für den {date} ist im Verlauf noch kein Datenstand gespeichert: Er beginnt mit dem "
        "ersten Start der Datenbank."
    ),
    "metric": "Einfärbung",
    "metric_none": "keine",
    "metric_persons_housed": "Untergebrachte Personen",
    "metric_places": "Unterbringungsplätze",
    "metric_offers": "Zahl der Angebote",
    "metric_only_stadtbezirke": "Die Einfärbung gibt es nur auf der Ebene Stadtbezirke.",
    "metric_no_data": "Für „{metric}“ liegen keine Werte vor; alle Stadtbezirke zeigen „keine Angabe“.",
    "legend_categories": "Kategorien",
    "legend_approx": "gestrichelt: Lage ungefähr",
    "legend_no_data": "keine Angabe",
    "legend_source": "Quelle: {source}, Stand: {date}",
    "places_source": "eigene Recherche, Quellen je Eintrag",
    "places_attribution": "Ressourcen: eigene Recherche, Quellen je Eintrag",
    "boundaries_attribution": "Grenzen: {attribution}",
    "internal_mark": "intern",
    "reset": "Filter zurücksetzen",
    "no_hits": "Keine Treffer. Ändern Sie die Filter oder setzen Sie sie zurück.",
    "no_hits_near": "In {districts} kein Angebot zu {what} – {count} in angrenzenden "
                    "Stadtbezirken:",
    "no_hits_near_none": "In {districts} kein Angebot zu {what}, auch nicht in den "
                         "angrenzenden Stadtbezirken.",
    "no_hits_what": "den gewählten Filtern",
    "near_link": "{name}: {count}",
    "hits": "{count} Einträge",
    "table_heading": "Gefilterte Orte als Tabelle",
    "download_csv": "Auswahl als CSV",
    "download_geojson": "Auswahl als GeoJSON",
    "unknown_param": "Unbekannter Wert „{value}“ für „{param}“ wurde ignoriert.",
    "focus": "Kartenausschnitt",
    "focus_city": "Ganze Stadt",
    "focus_help": "Zoomt auf einen Stadtbezirk, eine Ortschaft oder eine MSA-Region und "
                  "umrandet sie. Ohne Auswahl zeigt die Karte die im Filter gewählten "
                  "Stadtbezirke.",
    "restricted_param": "„{label}“ ist nur nach Anmeldung sichtbar. Nach der Anmeldung gilt "
                        "der Filter aus dem Link.",
    "details_heading": "Details",
    "details_hint": (
        "Wählen Sie oben ein Gebiet oder einen Ort, oder klicken Sie in die Karte, um Details "
        "zu sehen."
    ),
    "several_places": "{count} Einträge an diesem Ort",
    "district_offers": "Angebote (ohne Unterkünfte)",
    "district_persons": "Untergebrachte Personen",
    "district_places": "Unterbringungsplätze",
    "places_hidden": "keine Angabe (weniger als {n} Standorte)",
    "places_public_note": (
        "Unterbringungsplätze öffentlich nur zum Stichtag {date} (Jahresschritte, so grob wie "
        "die veröffentlichten Bezirkszahlen) und nur für Bezirke mit mindestens {n} Standorten "
        "mit bekannter Platzzahl (Schutz kleiner Zahlen)."
    ),
    "district_profile": "Profil von {name} öffnen",
    "field_name": "Name",
    "field_category": "Kategorie",
    "field_provider": "Träger",
    "field_handlungsfelder": "Handlungsfelder",
    "field_address": "Adresse",
    "field_stadtteil": "Stadtteil",
    "field_stadtbezirk": "Stadtbezirk",
    "field_position": "Lage",
    "field_capacity": "Kapazität",
    "field_capacity_value": "{value} (Stand: {date})",
    "field_valid": "Gültig",
    "field_status": "Status",
    "field_source": "Quelle",
    "field_source_date": "Stand der Quelle",
    "field_checked": "zuletzt geprüft",
    "field_visibility": "Sichtbarkeit",
    "field_contact_sources": "Quellen zu Kontakt und Status",
    "field_last_checked": "zuletzt geprüft",
    "status_as_of": "Stand {date}",
    "field_notes": "Hinweise",
    "visibility_public": "öffentlich",
    "valid_range": "{start} bis {end}",
}

# --- resources and data quality ---------------------------------------------
RESOURCES = {
    "quality_title": "Datenqualität",
    "quality_caption": "Was beim Laden der Orte geprüft und zurückgestellt wurde",
    "loaded": "Orte geladen",
    "rejected": "Zeilen zurückgestellt",
    "warnings": "Hinweise",
    "service_areas": "Versorgungsgebiete",
    "version": "Datenstand (Prüfsumme): {version}",
    "by_precision": "Orte je Lagegenauigkeit",
    "coverage": "Adresspunkte: {placed} von {total} aktuellen öffentlichen Orten mit Hausnummer "
                "({share}).",
    "by_column": "Zurückgestellte Zeilen je Spalte",
    "col_precision": "Lagegenauigkeit",
    "col_count": "Anzahl",
    "col_column": "Spalte",
    "whole_file": "ganze Datei",
    "public_note": (
        "Die Details der zurückgestellten Zeilen und die Prüfung eigener Tabellen sind nur "
        "für angemeldete Koordinatorinnen und Koordinatoren sichtbar."
    ),
    "none_rejected": "Alle Zeilen wurden geladen; nichts wurde zurückgestellt.",
    "rejected_heading": "Zurückgestellte Zeilen",
    "rejected_help": (
        "Diese Zeilen wurden nicht geladen. Die übrigen Daten bleiben nutzbar. Bitte die "
        "Ursache in der Quelldatei beheben; die Datei wird beim nächsten Aufruf neu geprüft."
    ),
    "download_rejected": "Zurückgestellte Zeilen als CSV herunterladen",
    "warnings_heading": "Hinweise beim Laden ({count})",
    "upload_heading": "Eigene Tabelle prüfen",
    "upload_help": (
        "CSV (Komma, Semikolon oder Tabulator; UTF-8, UTF-16 oder Windows-1252) oder Excel "
        "(.xlsx) mit den Spalten von places.csv, oder Punkte als GeoJSON, GeoPackage oder "
        "gezipptes Shapefile (Attribute wie die Spalten von places.csv; lat/lon aus der "
        "Geometrie); höchstens {limit} MB. Die Datei wird nur geprüft, nicht gespeichert."
    ),
    "upload_label": "Tabelle auswählen",
    "upload_ok": "{ok} von {total} Zeilen passen zum Schema.",
    "upload_rejected": "{count} Zeilen würden zurückgestellt:",
    "download_upload_rejected": "Prüfergebnis als CSV herunterladen",
    "col_file": "Datei",
    "col_row": "Zeile",
    "col_reason": "Grund",
    "col_content": "Inhalt",
    # reading spreadsheets (atlas/places/tabular.py)
    "file_too_large": "Die Datei „{name}“ ist mit {size} MB zu groß; erlaubt sind "
                      "höchstens {limit} MB.",
    "file_unreadable": "Die Datei „{name}“ ist nicht lesbar: {reason}",
    "file_empty": "Die Datei „{name}“ ist leer.",
    "file_xls": "Die Datei „{name}“ ist im alten Excel-Format (.xls). Bitte als .xlsx oder "
                "CSV speichern.",
    "file_not_csv": "Die Datei „{name}“ ist keine lesbare CSV-Datei: {reason}",
    "file_not_xlsx": "Die Datei „{name}“ ist keine lesbare Excel-Datei (.xlsx).",
    "file_binary": "Die Datei „{name}“ ist keine Tabelle (sie enthält Binärdaten). Bitte als "
                   "CSV oder .xlsx speichern.",
    "file_header_only": "Die Datei „{name}“ enthält nur die Kopfzeile und keine Datenzeilen.",
    "xlsx_unpacked": "Die Excel-Datei „{name}“ wird entpackt größer als {limit} MB und wird "
                     "deshalb nicht gelesen.",
    "xlsx_ratio": "Die Excel-Datei „{name}“ ist ungewöhnlich stark komprimiert (mehr als "
                  "{ratio}:1) und wird deshalb nicht gelesen.",
    "xlsx_entities": "Die Excel-Datei „{name}“ enthält XML-Entitäten (DOCTYPE/ENTITY); "
                     "solche Dateien werden nicht gelesen.",
    "too_many_rows": "Die Datei „{name}“ hat mehr als {limit} Datenzeilen; bitte aufteilen.",
    "too_many_columns": "Die Datei „{name}“ hat mehr als {limit} Spalten.",
    "stray_quote": "„{name}“, Zeile {row}: ein einzelnes Anführungszeichen (\") – die Zeile "
                   "wurde wörtlich gelesen, damit keine folgenden Zeilen verloren gehen. Bitte "
                   "prüfen.",
    "cell_too_long": "Zelle in Spalte „{column}“ ist mit {length} Zeichen zu lang (höchstens "
                     "{limit}).",
    "header_blank": "In „{name}“ hat Spalte {position} keine Überschrift.",
    "header_duplicate": "In „{name}“ kommt die Spalte „{column}“ doppelt vor.",
    "file_not_vector": (
        "Die Datei „{name}“ ist nicht lesbar; erwartet wird GeoJSON, GeoPackage oder ein "
        "gezipptes Shapefile."
    ),
    "vector_not_points": (
        "Die Datei „{name}“ enthält {kinds}; für Orte werden Punkte erwartet."
    ),
    # row validation (atlas/places/schema.py)
    "required_empty": "Pflichtfeld „{column}“ ist leer.",
    "source_missing": "Quelle fehlt: source_url oder source_title angeben.",
    "source_date_missing": "Quellendatum (source_date) fehlt.",
    "category_missing": "Kategorie fehlt.",
    "category_unknown": "Unbekannte Kategorie „{value}“ (erlaubt: {allowed}).",
    "cell_invalid": "Wert „{value}“ in Spalte „{column}“ ist ungültig.",
    "handlungsfeld_unknown": "Unbekanntes Handlungsfeld „{value}“ (erlaubt: {allowed}).",
    "language_bad": "Sprache „{value}“ ist kein ISO-639-Kürzel (z. B. de, ar).",
    "date_future": "Datum „{value}“ in Spalte „{column}“ liegt in der Zukunft; ein Quellen- oder "
                   "Stichtagsdatum kann nicht nach heute liegen.",
    "date_bad": "Datum „{value}“ in Spalte „{column}“ ist ungültig (erwartet 2019, 2019-12, "
                "2019-12-31 oder 31.12.2019).",
    "coordinate_bad": "Koordinate „{value}“ in Spalte „{column}“ ist keine Zahl.",
    "capacity_bad": "Kapazität „{value}“ ist keine ganze Zahl; weitere Angaben bitte in notes.",
    "postcode_bad": "Postleitzahl „{value}“ hat nicht fünf Ziffern.",
    "district_unknown": "Unbekannter Stadtbezirk „{value}“.",
    "choice_unknown": "Wert „{value}“ in Spalte „{column}“ ist unbekannt (erlaubt: {allowed}).",
    "email_bad": "E-Mail-Adresse „{value}“ ist ungültig.",
    "valid_to_before": "valid_to „{end}“ liegt vor valid_from „{start}“.",
    "url_bad": "Adresse „{value}“ in Spalte „{column}“ ist kein http(s)-Link.",
    "one_coordinate": "Nur eine Koordinate angegeben; lat und lon gehören zusammen.",
    "outside_city": "Koordinaten {lat}, {lon} liegen außerhalb von {city}.",
    "swapped": "Zeile {row} („{id}“): lat und lon waren vertauscht ({lat}, {lon}) und wurden "
               "getauscht.",
    # loading (atlas/resources.py)
    "extra_cells": "Die Zeile hat mehr Zellen als die Kopfzeile Spalten.",
    "duplicate_id": "Doppelte ID „{id}“ (zuerst in Zeile {first}).",
    "duplicate_id_files": "Doppelte ID „{id}“ in zwei Dateien.",
    "area_no_districts": "Keine Stadtbezirke angegeben.",
    "no_places_file": "Keine Ortsdatei (places.csv) in „{folder}“ gefunden.",
    "service_area_unknown": "„{id}“: Versorgungsgebiet „{area}“ ist in service_areas.csv "
                            "nicht beschrieben.",
    "street_leak": "„{id}“ ist öffentlich, nennt aber in „{field}“ die Straße einer internen "
                   "Unterkunft ({street}); bitte entfernen oder mit Grund in protection.yaml "
                   "freigeben.",
    "protection_file_bad": "Die Freigabeliste {path} ist nicht lesbar: {detail}",
    "leaks_heading": "Schutz: öffentliche Felder, die die Straße einer Unterkunft nennen",
    "leaks_none": "  keine",
    "allowed_heading": "Freigegeben (protection.yaml)",
    "allowed_line": "  {id}: {street} – {reason}",
    # positions (atlas/geo/geocode.py)
    "stadtteil_unknown": "„{id}“: Stadtteil „{value}“ ist in den Grenzen unbekannt.",
    "outside_stadtteile": "„{id}“: Position {lat:.5f}, {lon:.5f} liegt in keinem Stadtteil.",
    "district_disagrees": "„{id}“: angegebener Stadtbezirk „{stated}“ weicht ab; die Adresse "
                          "liegt in „{found}“ (Stadtteil {stadtteil}).",
    "stadtteil_disagrees": "„{id}“: angegebener Stadtteil „{stated}“ weicht ab; die Adresse "
                           "liegt in „{found}“.",
    "nominatim_failed": "Nominatim: „{query}“ nicht abgefragt ({reason}); ersatzweise "
                        "Zentroid.",
    # check command (python -m atlas.resources check)
    "summary": "{loaded} Orte geladen, {rejected} Zeilen zurückgestellt, {areas} "
               "Versorgungsgebiete (Version {version}).",
    "by_category": "Orte je Kategorie",
    "by_district": "Orte je Stadtbezirk/Ortschaft",
    "unknown_districts": "Unbekannte Stadtbezirke: {names}",
    "rejected_count": "Zurückgestellte Zeilen: {count}",
    "rejected_line": "  {file}, {where}, Spalte {column}: {reason}",
    "where_row": "Zeile {row}",
    "where_file": "Datei",
    "notes_count": "Hinweise: {count}",
    "cli_usage": "Aufruf: python -m atlas.resources check [resources/]",
}

# --- district profiles --------------------------------------------------------
PROFILE = {
    "title": "Stadtbezirk im Profil",
    "choose": "Stadtbezirk oder Ortschaft wählen",
    "unknown": "Den Stadtbezirk „{value}“ gibt es nicht. Bitte einen aus der Liste wählen:",
    "unknown_error": "Den Stadtbezirk oder die Ortschaft „{value}“ gibt es nicht.",
    "art_ortschaft": "Ortschaft im Stadtbezirk {parent}",
    "art_stadtbezirk": "Stadtbezirk",
    "stadtteile": "Stadtteile",
    "no_boundaries": "Ohne Stadtteilgrenzen kann die Karte den Stadtbezirk nicht zeigen.",
    "map_heading": "Karte",
    "figures_heading": "Kennzahlen",
    "uewh_places": "Plätze in ÜWH/GU",
    "gww_places": "Gewährleistungswohnungen",
    "persons_housed": "Untergebrachte Personen",
    "offers_total": "Angebote im Atlas",
    "offers_source": "Integrationsatlas-Datenbestand",
    "offers_by_field": "Angebote nach Handlungsfeld",
    "change": "{change} gegenüber {date}",
    "figure_caption": "Stand: {date} · Quelle: {source}",
    "figure_note": "Hinweis: {note}",
    "structures_heading": "Strukturen",
    "msa_heading": "Migrationssozialarbeit / Regionalkoordination",
    "msa_region": "{name}: {provider}",
    "vorortbuero_heading": "Vorortbüro",
    "network_heading": "Netzwerkknoten",
    "located_in": "liegt im Stadtbezirk {district}",
    "projects_heading": "Projekte und Initiativen",
    "no_field": "ohne Handlungsfeld",
    "none_known": "Keine Einträge im Datenbestand.",
    "link": "Link",
    "city_heading": "Der Stadtbezirk in der Stadt",
    "share_places": "Anteil an den ÜWH/GU-Plätzen der Stadt",
    "share_persons": "Anteil an den untergebrachten Personen der Stadt",
    "population": "Einwohner (Hauptwohnsitz)",
    "offers_per_1000": "Angebote je 1.000 Einwohner",
    "share_note": "{value} von {total} in der Stadt am {date}",
    "boundary_licence": "Stadtteilgrenzen: {attribution}; Lizenz {licence}; abgerufen {date}",
    "population_licence": (
        "Einwohnerzahlen: Landeshauptstadt Dresden, opendata.dresden.de "
        "(Datenlizenz Deutschland – Namensnennung – Version 2.0, dl-de/by-2-0)"
    ),
    "timeline_heading": "Unterkünfte im Zeitverlauf",
    "timeline_counts": (
        "{active} von {total} bekannten Unterkunftsstandorten in Betrieb (Status „aktiv“), "
        "dort {places} Plätze (Summe der bekannten Kapazitäten)."
    ),
    "timeline_no_sites": "Im Datenbestand ist für diesen Bezirk keine Unterkunft verzeichnet.",
    "fewer_than": "weniger als {n}",
    "counts_few": (
        "Weniger als {n} bekannte Unterkunftsstandorte. Wie viele in Betrieb sind und wie "
        "viele Plätze sie haben, wird zum Schutz kleiner Zahlen nicht gezeigt."
    ),
    "counts_no_places": (
        "{active} von {total} bekannten Unterkunftsstandorten in Betrieb. Die Plätze werden "
        "zum Schutz kleiner Zahlen nicht gezeigt."
    ),
    "places_protected": "keine Angabe (weniger als {n} Standorte mit bekannter Platzzahl)",
    "small_numbers_note": (
        "Schutz kleiner Zahlen: Öffentlich stehen Unterkünfte nur als Anzahl je Bezirk, zum "
        "Stichtag {date} (Jahresschritte wie bei den veröffentlichten Bezirkszahlen). Unter "
        "{n} Standorten steht „weniger als {n}“ und keine Platzzahl, wie es die "
        "Statistikämter Leipzig und Hamburg handhaben."
    ),
    "timeline_public": (
        "In der öffentlichen Ansicht erscheinen Unterkünfte nur als Anzahl, ohne Adressen."
    ),
    "timeline_none": "Keine Unterkunftsstandorte mit Zeitraum bekannt.",
    "timeline_site": "Standort",
    "timeline_from": "von",
    "timeline_to": "bis",
    "timeline_open": "offen",
    "timeline_status": "Status",
    "timeline_capacity": "Plätze",
    "timeline_address": "Adresse",
    "sources_heading": "Quellen",
    "licences_heading": "Lizenzen und Namensnennung",
    "source_line": "{title} (Stand {date})",
    "export_todo": "Export folgt.",
    "all_districts": "Alle Stadtbezirke und Ortschaften",
}

# --- nearby search ----------------------------------------------------------
NEARBY = {
    # address gazetteer (atlas/geo/addresses.py)
    "address_empty": "Bitte eine Adresse eingeben, z. B. „Königsbrücker Str. 13“.",
    "address_not_found": "Adresse nicht gefunden – Stadtteil wählen oder in die Karte klicken.",
    "address_not_found_suggest": (
        "Adresse nicht gefunden – Stadtteil wählen oder in die Karte klicken. "
        "Meinten Sie: {suggestions}?"
    ),
    # shown when the shipped extract lacks the address and the full register is not loaded
    "address_no_gazetteer": (
        "„{text}“ ist im mitgelieferten Adressauszug nicht enthalten (er kennt nur die "
        "Adressen der Orte im Atlas). Bitte einen Stadtteil als Startpunkt wählen oder den "
        "Startpunkt auf der Karte anklicken."
    ),
    "address_cache_bad": "Das Adressverzeichnis {path} ist beschädigt oder unlesbar: {reason}",
    "address_none_usable": (
        "Der Adressdienst (Layer {layer}) lieferte keine verwendbaren Adresspunkte."
    ),
    "geocoder_unreachable": (
        "Der Online-Geocoder ist nicht erreichbar oder zu langsam ({reason}); "
        "es wird nur im Offline-Adressverzeichnis gesucht."
    ),
    # python -m atlas.geo.addresses (atlas/geo/addresses_cli.py)
    "addresses_cli_usage": "Aufruf: python -m atlas.geo.addresses fetch|info",
    "addresses_saved": "{count} Adresspunkte gespeichert in {path}",
    "addresses_none": "Kein Adressverzeichnis in {path}.",
    # search validation (atlas/nearby/search.py)
    "radius_out_of_range": (
        "Der Umkreis {radius} m liegt außerhalb des erlaubten Bereichs "
        "({low} m bis {high} m)."
    ),
    "radius_invalid": "Der Umkreis „{radius}“ ist keine Zahl in Metern.",
    "k_out_of_range": "Die Anzahl „{k}“ liegt außerhalb des erlaubten Bereichs (1 bis {high}).",
    "point_invalid": "Die Koordinaten „{lat}, {lon}“ sind keine gültigen Zahlen.",
    "point_outside": (
        "Der Punkt {lat:.5f}, {lon:.5f} liegt außerhalb {city_genitive}. "
        "Bitte einen Ort in {city} wählen."
    ),
    "stadtteil_unknown": "Der Stadtteil „{name}“ ist unbekannt.",
    "no_offers_in_range": (
        "Im Umkreis von {radius} keine Angebote gefunden. "
        "Hier sind stattdessen die {k} nächstgelegenen Angebote."
    ),
    "no_offers_at_all": "Es gibt keine Angebote mit bekannter Lage.",
    "no_offers_after_filter": "Keine Angebote passen zu den gewählten Filtern.",
    "start_click_label": "Punkt auf der Karte ({lat:.5f}, {lon:.5f})",
    # page (pages/naehe.py)
    "title": "Angebote in der Nähe",
    "caption": "Öffentliche Angebote rund um eine Adresse, einen Punkt oder einen Stadtteil",
    "start_heading": "Startpunkt",
    "address_label": "Adresse",
    "address_placeholder": "z. B. Königsbrücker Str. 13",
    "address_submit": "Suchen",
    "stadtteil_label": "oder Stadtteil (Mittelpunkt)",
    "stadtteil_none": "– kein Stadtteil –",
    "click_hint": "… oder auf die Karte klicken. „Mein Standort“ auf der Karte nutzt den "
                  "Standort des Browsers, wo er es erlaubt.",
    "suggestions_label": "Meinten Sie eine dieser Adressen?",
    "mode_label": "Ergebnisse",
    "mode_radius": "im Umkreis",
    "mode_nearest": "die nächsten",
    "radius_label": "Umkreis (Luftlinie)",
    "k_label": "Anzahl Angebote",
    "filter_heading": "Filter",
    "filter_category": "Kategorie",
    "filter_handlungsfeld": "Handlungsfeld",
    "filter_language": "Sprache",
    "filter_open_now": "jetzt geöffnet",
    "filter_open_help": (
        "Angebote ohne bekannte Öffnungszeiten bleiben sichtbar und sind markiert."
    ),
    "no_start": "Bitte einen Startpunkt wählen: Adresse eingeben, Stadtteil wählen oder auf die "
                "Karte klicken.",
    "start_is": "Startpunkt: {label}",
    "start_approximate": "Mittelpunkt des Stadtteils, Lage ungefähr",
    "result_count": "{count} Angebote, nach Entfernung (Luftlinie) sortiert",
    "distance": "Luftlinie: {distance}",
    "walk": "zu Fuß ca. {minutes} Min. (Schätzung: {speed} km/h, Umwegfaktor {detour})",
    "handlungsfelder": "Handlungsfelder",
    "source": "Quelle",
    "map_start": "Startpunkt",
    "map_outline": "Stadtgrenze",
    "locate_button": "Mein Standort",
    "locate_failed": (
        "Der Standort ist nicht verfügbar (der Browser erlaubt es nicht "
        "oder die Verbindung ist kein HTTPS)."
    ),
}

# --- sign-in and views --------------------------------------------------------
AUTH = {
    "cli_bezirke": "Konto „{name}“ pflegt jetzt: {bezirke}.",
    "cli_bezirke_option": "Stadtbezirke, die das Konto pflegt, mit ; getrennt",
    "cli_bezirke_help": "Stadtbezirke eines Kontos setzen",
    "cli_bezirke_list": "Stadtbezirke mit ; getrennt (leer: keine)",
    # sidebar and form
    "heading": "Anmeldung",
    "signin_caption": "Für Regionalkoordination und Verwaltung",
    "name_label": "Benutzername",
    "password_label": "Passwort",
    "submit": "Anmelden",
    "signout": "Abmelden",
    "signed_in_as": "Angemeldet als {name} ({role})",
    "role_koordination": "Koordination",
    "role_admin": "Administration",
    "signin_ok": "Angemeldet. Die interne Ansicht ist aktiv.",
    "signed_out": "Abgemeldet. Die öffentliche Ansicht ist aktiv.",
    "expired": "Die Anmeldung ist nach {minutes} Minuten ohne Aktivität abgelaufen. "
               "Die öffentliche Ansicht ist aktiv.",
    "internal_hint": "Interne Einträge sind mit „intern“ markiert und nur für Angemeldete sichtbar.",
    # refused input (never quotes what was typed: it may be a password)
    "signin_failed": "Benutzername oder Passwort ist falsch.",
    "throttled": "Zu viele Anmeldeversuche von diesem Gerät. Bitte in einer Minute erneut "
                 "versuchen.",
    "busy": "Die Anmeldung ist gerade ausgelastet. Bitte gleich noch einmal versuchen.",
    "locked": "Zu viele Fehlversuche für diesen Benutzernamen. Bitte in {minutes} Minuten "
              "erneut versuchen.",
    "name_empty": "Bitte einen Benutzernamen eingeben.",
    "name_too_long": "Der Benutzername ist zu lang (höchstens {limit} Zeichen).",
    "name_chars": "Der Benutzername darf nur Kleinbuchstaben a–z, Ziffern und . _ - @ enthalten "
                  "und muss mit einem Buchstaben oder einer Ziffer beginnen.",
    "password_empty": "Bitte ein Passwort eingeben.",
    "password_too_long": "Das Passwort ist zu lang (höchstens {limit} Zeichen).",
    "password_too_short": "Das Passwort ist zu kurz (mindestens {limit} Zeichen).",
    # users file and modes
    "users_missing": "Die Benutzerdatei {path} fehlt.",
    "users_unreadable": "Die Benutzerdatei {path} ist nicht lesbar ({detail}).",
    "users_corrupt": "Die Benutzerdatei {path} ist beschädigt ({detail}).",
    "users_write_failed": "Die Benutzerdatei {path} konnte nicht geschrieben werden ({detail}).",
    "users_problem_public": "Anmeldung derzeit nicht verfügbar. Der Atlas zeigt die "
                            "öffentliche Ansicht.",
    "users_empty": "Die Benutzerdatei {path} enthält noch keine Konten.",
    "user_exists": "Das Konto „{name}“ gibt es schon.",
    "user_missing": "Das Konto „{name}“ gibt es nicht.",
    "role_unknown": "Unbekannte Rolle „{role}“ (erlaubt: koordination, admin).",
    "mode_unknown": "Unbekannter Anmeldemodus ATLAS_AUTH_MODE=„{mode}“ (erlaubt: embedded, "
                    "oidc, off). Der Atlas läuft nur mit der öffentlichen Ansicht.",
    "mode_off": "Die Anmeldung ist abgeschaltet.",
    "unavailable": "Anmeldung derzeit nicht verfügbar.",
    # single sign-on (st.login)
    "sso_signin": "Anmelden mit Single Sign-on",
    "sso_unnamed": "SSO-Konto",
    "sso_unavailable": "Single Sign-on ist nicht eingerichtet ({detail}). Der Atlas läuft nur mit "
                       "der öffentlichen Ansicht.",
    "sso_no_role": "Ihr Konto hat keine Rolle für die interne Ansicht. Die öffentliche Ansicht "
                   "ist aktiv.",
    # users command
    "cli_password_prompt": "Passwort für {name}: ",
    "cli_password_repeat": "Passwort wiederholen: ",
    "cli_password_mismatch": "Die beiden Passwörter stimmen nicht überein.",
    "cli_added": "Konto „{name}“ ({role}) angelegt in {path}.",
    "cli_removed": "Konto „{name}“ entfernt.",
    "cli_passwd": "Passwort für „{name}“ geändert.",
    "cli_no_users": "Keine Konten in {path}.",
    "cli_no_stdin": "Kein Passwort auf der Standardeingabe.",
    "cli_description": "Konten der eingebauten Anmeldung verwalten (Passwörter als argon2-Hash).",
    "cli_file": "Benutzerdatei (Standard: Einstellung ATLAS_USERS_FILE)",
    "cli_add": "Konto anlegen",
    "cli_display_name": "Name in „Interne Ansicht – <Name>“",
    "cli_stdin": "Passwort als Zeile von stdin lesen",
    "cli_remove": "Konto entfernen",
    "cli_list": "Konten auflisten (ohne Hashes)",
    "cli_passwd_help": "Passwort ändern",
}

# --- Fachplan page ----------------------------------------------------------
FACHPLAN = {
    "title": "Fachplan Asyl und Integration 2022",
    "caption": "Zahlen, Leitlinien und Handlungsfelder aus belegten Quellen",
    "intro": (
        "Diese Seite fasst den Fachplan (Vorlage {paper}) und die Zahlen zusammen, auf die er "
        "sich stützt. Jede Zahl nennt ihre Quelle und ihr Datum; was die Quellen nicht "
        "hergeben, steht als „keine Angabe“ da."
    ),
    "h_allocations": "Zuweisungen nach Dresden pro Jahr",
    "h_capacity": "Plätze, Belegung und untergebrachte Personen",
    "h_districts": "Untergebrachte Personen nach Stadtbezirk",
    "h_map": "Karte: untergebrachte Personen nach Stadtbezirk",
    "h_leitlinien": "Die drei Leitlinien",
    "h_handlungsfelder": "Die zehn Handlungsfelder",
    "h_beschluss": "Der Beschluss",
    "missing_years": "Keine Angabe in unseren Quellen für: {years}.",
    "kind_actual": "tatsächlich",
    "kind_forecast": "Prognose",
    "kind_planning": "Planungswert",
    "segment_gu": "Gemeinschaftsunterkünfte / Übergangswohnheime",
    "segment_wohnungen": "Wohnungen",
    "segment_gesamt": "gesamt",
    "measure_places": "Plätze",
    "measure_occupied": "belegte Plätze",
    "measure_persons_housed": "untergebrachte Personen",
    "col_year": "Jahr",
    "col_value": "Anzahl",
    "col_value_text": "Wert",
    "col_kind": "Art",
    "col_label": "Angabe",
    "col_alt_values": "Abweichende Werte anderer Quellen",
    "col_date": "Stand",
    "col_segment": "Bereich",
    "col_measure": "Kennzahl",
    "col_district": "Stadtbezirk / Ortschaft",
    "col_source": "Quelle",
    "col_source_date": "Quelldatum",
    "col_notes": "Hinweise",
    "col_qualifier": "Zusatz der Quelle",
    "no_data": "keine Angabe",
    "sources_line": "Quellen: {sources}",
    "source_item": "{title} ({date})",
    "table_alternative": "Tabelle zum Diagramm (barrierefrei)",
    "download": "Daten als CSV herunterladen",
    "date_select": "Stichtag",
    "district_note": (
        "Stadtbezirkswerte aus Quellen, die Ortschaften gesondert nennen, gelten ohne diese "
        "Ortschaften. Stadtbezirke, die eine Quelle nicht nennt, stehen als „keine Angabe“ da "
        "(nicht als null)."
    ),
    "map_grey": "Grau: keine Angabe für diesen Stadtbezirk oder diese Ortschaft am gewählten Stichtag.",
    "map_missing": (
        "Für die Karte fehlen die Stadtbezirksgrenzen. Die Werte stehen im Diagramm und in "
        "der Tabelle oben."
    ),
    "hf_offers": "Angebote in den Daten: {count}",
    "hf_offers_unknown": "Angebote in den Daten: keine Angabe",
    "hf_map_link": "Auf der Stadtkarte zeigen",
    "hf_measures": "Maßnahmen",
    "hf_editorial": "redaktionelle Zuordnung",
    "hf_description_note": "Beschreibung: redaktionell",
    "massnahmen_total": (
        "Der Maßnahmenplan umfasst {measures} Maßnahmen in {teilbereiche} Teilbereichen."
    ),
    "beschluss_paper": "Vorlage {paper}",
    "predecessor": "Vorgänger",
    "successor": "Nachfolge",
    "offers_note": "Gezählt werden die für diese Ansicht sichtbaren Angebote je Handlungsfeld.",
    "alt_allocations": (
        "Balkendiagramm: Zuweisungen nach Dresden je Jahr von {first} bis {last}; Prognosen "
        "und Planungswerte als leere Symbole. Die Tabelle darunter enthält alle Werte."
    ),
    "alt_capacity": (
        "Liniendiagramm in drei Feldern (Gemeinschaftsunterkünfte, Wohnungen, gesamt): Plätze, "
        "belegte Plätze und untergebrachte Personen je Stichtag. Die Tabelle darunter enthält "
        "alle Werte."
    ),
    "alt_districts": (
        "Balkendiagramme je Stichtag: untergebrachte Personen nach Stadtbezirk. Die Tabelle "
        "darunter enthält alle Werte."
    ),
    "alt_map": (
        "Karte der Stadtbezirke, eingefärbt nach untergebrachten Personen am {date}; grau: "
        "keine Angabe. Die Tabelle darunter enthält alle Werte."
    ),
    "boundaries_error": "Die Stadtbezirksgrenzen sind nicht lesbar: {reason}",
    # errors in the figure tables
    "err_file": "Die Kennzahlen-Datei „{file}“ ist nicht nutzbar: {reason}",
    "err_required": "Spalte „{column}“ ist leer, braucht aber einen Wert.",
    "err_number": "„{value}“ in Spalte „{column}“ ist keine ganze Zahl ≥ 0.",
    "err_year": "„{value}“ in Spalte „{column}“ ist kein Jahr zwischen 1990 und 2100.",
    "err_date": "„{value}“ in Spalte „{column}“ ist kein Datum (2019, 2019-06 oder 2019-06-30).",
    "err_district": "„{value}“ in Spalte „{column}“ ist kein bekannter Stadtbezirk und keine Ortschaft.",
    "err_choice": "„{value}“ in Spalte „{column}“ ist nicht erlaubt (erlaubt: {allowed}).",
    "err_no_source": "Die Zeile hat weder source_url noch source_title.",
    "err_no_value": "Die Zeile hat weder places noch occupied noch persons_housed.",
    "err_foreigners": "foreigners ({foreigners}) ist größer als population ({population}).",
    "err_duplicate": "Die Zeile wiederholt {key} aus Zeile {first}.",
    "err_yaml": "Die Fachplan-Datei „{file}“ ist nicht lesbar: {reason}",
    "err_yaml_shape": "Die Fachplan-Datei „{file}“ passt nicht zum Schema: {reason}",
    "err_unknown_source": "Unbekannte Quelle „{key}“ in der Fachplan-Datei.",
}

# --- presentation export ----------------------------------------------------
EXPORT = {
    "deck_title": "Integrationsatlas Dresden",
    "deck_subtitle_one": "Stadtbezirksprofil",
    "deck_subtitle_many": "Stadtbezirksprofile",
    "stand": "Stand: {date}",
    "created": "Erstellt am {date}",
    "internal_mark": "Intern",
    "internal_note": "Interne Fassung – enthält nicht öffentliche Angaben, nicht weitergeben.",
    "public_note": "Öffentliche Fassung – ohne Unterkunftsadressen und interne Angaben.",
    "more": "und {n} weitere",
    "district_title": "{art} {name}",
    "ortschaft_parent": "{art} {name} (im Stadtbezirk {parent})",
    "stadtteile": "Stadtteile: {names}",
    "no_stadtteile": "Stadtteile: keine Angabe",
    "map_missing": "Karte: keine Grenzdaten vorhanden",
    "map_caption": "Karte: Stadtteile und öffentliche Angebote, ohne Hintergrundkarte",
    "map_caption_internal": "Karte: Stadtteile und alle Angebote (intern)",
    "map_attribution": "Grenzen: {attribution}",
    "h_figures": "Unterbringung",
    "h_population": "Bevölkerung",
    "h_msa": "MSA / Regionalkoordination",
    "h_vorortbuero": "Vorortbüro",
    "h_network": "Netzwerkknoten",
    "h_projects": "Projekte und Initiativen",
    "h_sites": "Unterkunftsstandorte (intern)",
    "figure_what": "{label} laut {source}",
    "figure_dated": "{what} ({date}): {value}",
    "change": "{change} seit {date}",
    "sites_line": "Erfasste Unterkünfte am {date}: {counts}",
    "sites_running": "{n} in Betrieb",
    "sites_running_places": "mit {places} Plätzen",
    "sites_planned": "{n} geplant",
    "sites_standby": "{n} in Bereitschaft",
    "sites_unknown": "{n} mit unbekanntem Status",
    "sites_as_of": "Quellen bis {date}",
    "sites_few": "Unterkünfte: weniger als {n} (Schutz kleiner Zahlen)",
    "missing": "Keine Angabe: {what}",
    # research shorthand in the data, said plainly on slides
    "plain_words": {"(erschlossen)": "(nicht ausdrücklich belegt)",
                    "Sammelnennung": "zusammengefasst"},
    "legend_exact": "gefüllt: Lage nach Adresse",
    "legend_approx": "hohl: Lage ungefähr (Mitte des Stadtteils oder Stadtbezirks)",
    "selection_rule": "Auswahl der Einträge: zuerst aktuelle, dann die vom Fachplan genannten, "
                      "dann die zuletzt belegten; weitere stehen im Integrationsatlas.",
    "date_range": "Angaben von {first} bis {last} · erstellt am {created}",
    "appendix_title": "Anhang: Quellen mit Adresse",
    "msa_region": "{region}: {provider}",
    "site_places": "{places} Plätze",
    "overview_title": "Stadt Dresden im Überblick",
    "overview_housed": "Untergebrachte Personen je Stadtbezirk, {date}",
    "overview_allocations": "Zuweisungen je Jahr (hohl: Prognose/Planung)",
    "overview_allocations_caption": (
        "Zuweisungen an Dresden je Jahr; wo kein Ist-Wert bekannt ist, hohl die Prognose"
    ),
    "sources_title": "Quellen",
    "sources_page": "{title} ({page}/{pages})",
    "licences": "Lizenzen und Namensnennung",
    "no_date": "ohne Datum",
    # ui/export.py
    "heading": "Präsentation",
    "heading_city": "Präsentation für die ganze Stadt",
    "create": "Präsentation erstellen",
    "create_city": "Präsentation aller Stadtbezirke erstellen",
    "internal_toggle": "Interne Fassung (mit Unterkunftsstandorten, jede Folie „Intern“)",
    "download_pptx": "PowerPoint herunterladen (.pptx)",
    "download_pdf": "PDF herunterladen",
    "progress": "Folie {done} von {total}: {name}",
    "map_no_data": "grau: {none}",
    "done": "Präsentation erstellt ({seconds} s). Bitte herunterladen.",
    "failed": "Die Präsentation konnte nicht erstellt werden: {reason}",
    "not_public": (
        "Ein Profil mit internen Angaben kann nicht in eine öffentliche Präsentation: {name}."
    ),
    "no_profiles": "Es wurde kein Stadtbezirk für die Präsentation gewählt.",
    "bad_png": "Das Kartenbild für {name} ist kein PNG-Bild.",
    # python -m atlas.export
    "cli_help": "Präsentationen (PPTX und PDF) für eine Stadtratssitzung schreiben – "
                "dieselben Dateien wie die Knöpfe im Atlas.",
    "cli_bezirk": "Stadtbezirk oder Ortschaft (Kürzel wie neustadt oder schoenfeld-weissig); "
                  "mehrfach möglich, je eine Datei",
    "cli_stadt": "zusätzlich die Präsentation aller Stadtbezirke mit Stadtüberblick",
    "cli_intern": "interne Fassung mit Unterkunftsstandorten (wird im Audit-Protokoll vermerkt)",
    "cli_out": "Zielordner",
    "cli_nothing": "Bitte --bezirk KÜRZEL oder --stadt angeben.",
    "cli_unknown": "Unbekannter Stadtbezirk „{value}“.",
    "cli_intern_logged": "Interne Fassung: im Audit-Protokoll vermerkt. Nicht weitergeben.",
    "cli_written": "{stem}: {slides} Folien in {seconds} s (PPTX und PDF)",
}


# --- legal pages and footer (ui/legal.py) ---------------------------------------
LEGAL = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    "not_filled": "Dieser Text ist noch nicht ausgefüllt. Die betreibende Stelle trägt ihn ein.",
    "placeholder_note": "Hinweis: Die betreibende Stelle hat diese Seite noch nicht ausgefüllt.",
    "no_operator": "Herausgeber noch nicht eingetragen",
    "print_header": "Integrationsatlas Dresden · {district} · Stand {date} · {sender}",
}

# --- store, history and review (owner: store) -----------------------------------
STORE = {
    "unavailable": ("Die Datenbank ({url}) ist nicht erreichbar. Angezeigt werden die zuletzt "
                    "geladenen Daten; Bearbeiten ist gesperrt, bis die Verbindung wieder steht."),
    "bad_url": "Die Datenbank-Adresse {url} ist ungültig oder ihr Treiber fehlt.",
    "stale": ("Dieser Ort wurde inzwischen von {author} am {when} UTC geändert (jetzt Version "
              "{version}): {changes}. Ihre Änderung wurde nicht gespeichert und nichts wurde "
              "überschrieben. Bitte laden Sie den Ort neu und tragen Sie Ihre Änderung erneut "
              "ein."),
    "stale_gone": "Den Ort „{id}“ gibt es in dieser Fassung nicht mehr. Bitte neu laden.",
    "stale_exists": ("Einen Ort mit der Kennung „{id}“ hat inzwischen jemand anderes angelegt. "
                     "Bitte wählen Sie eine andere Kennung oder bearbeiten Sie den bestehenden "
                     "Ort."),
    "more_changes": "und {count} weitere",
    "no_changes": "keine Änderung",
    "proposal_missing": "Den Änderungsvorschlag Nr. {id} gibt es nicht.",
    "proposal_done": "Der Änderungsvorschlag Nr. {id} ist bereits erledigt ({state}).",
    "four_eyes": ("Vier-Augen-Prinzip: Eine eigene Änderung kann nicht selbst freigegeben "
                  "werden. Bitte eine zweite Person um Freigabe."),
    "figure_exists": "Diese Kennzahl gibt es schon ({key}).",
    "cli_help": "Datenbank verwalten: init, migrate, seed, dump, restore.",
}

# --- the "Pflege" page (owner: store) -------------------------------------------
PFLEGE = {
    "no_bezirke": ("Ihrem Konto sind keine Stadtbezirke zugeordnet; Sie können deshalb keine "
                   "Orte bearbeiten. Bitte wenden Sie sich an die Administration."),
    "not_your_bezirk": ("Dieser Ort liegt in „{bezirk}“. Sie pflegen {own}; bitte wenden Sie "
                        "sich an die zuständige Koordination."),
    "no_bezirk": "keinem Stadtbezirk",
    "close_before_start": "Das Ende kann nicht vor dem Beginn ({start}) liegen.",
    "reason_missing": "Bitte geben Sie einen Grund für die Änderung an.",
}
PFLEGE.update({
    "saved_pending": ("Änderung an „{name}“ gespeichert. Sie wartet auf die Freigabe durch eine "
                      "zweite Person (Vier-Augen-Prinzip) und ist bis dahin nicht öffentlich."),
    "saved_live": "„{name}“ gespeichert: jetzt Version {version}, sofort sichtbar.",
    "approved": "Freigegeben: „{name}“ ist jetzt Version {version} und öffentlich sichtbar.",
    "rejected": "Der Vorschlag zu „{name}“ wurde abgelehnt; die Person sieht den Grund.",
})
FIELD_LABELS = {
    "id": "Kennung (id)", "name": "Name", "category": "Kategorie", "subtype": "Unterart",
    "provider": "Träger", "handlungsfelder": "Handlungsfelder (z. B. B;S)",
    "description": "Beschreibung", "street": "Straße", "housenumber": "Hausnummer",
    "postcode": "PLZ", "stadtteil": "Stadtteil", "stadtbezirk": "Stadtbezirk / Ortschaft",
    "lat": "Breite (lat)", "lon": "Länge (lon)", "location_precision": "Genauigkeit der Lage",
    "location_method": "Wie die Lage bestimmt wurde", "capacity": "Plätze",
    "capacity_date": "Stand der Platzzahl", "phone": "Telefon", "email": "E-Mail",
    "website": "Webseite", "opening_hours": "Öffnungszeiten (OSM-Schreibweise)",
    "languages": "Sprachen (z. B. de;ar;uk)", "accessibility": "Barrierefreiheit",
    "valid_from": "Gültig ab", "valid_to": "Gültig bis (geschlossen ab)", "status": "Status",
    "visibility": "Sichtbarkeit", "service_area": "Einzugsgebiet (Kennung)",
    "source_url": "Quelle (URL)", "source_title": "Quelle (Titel)",
    "source_date": "Stand der Quelle", "last_checked": "Zuletzt geprüft",
    "editorial": "Redaktionell gesetzte Felder", "notes": "Interne Notizen",
    "address_detail": "Hinweis zum Finden (Eingang, Raum, c/o)",
    "opening_hours_note": "Zeiten, wie die Quelle sie nennt", "hours_date": "Stand der Zeiten",
    "languages_note": "Sprachen, wie die Quelle sie nennt", "status_date": "Stand des Status",
    "confidence": "Verlässlichkeit (high, medium, low)",
    "contact_sources": "Quellen für Kontakt und Status",
}
PFLEGE.update({
    "title": "Pflege",
    "caption": "Orte und Kennzahlen ändern – jede Änderung wird mit Grund im Verlauf festgehalten.",
    "signin_needed": "Die Pflege ist nur nach der Anmeldung erreichbar (Seitenleiste).",
    "read_only": "Bearbeiten ist gesperrt, solange die Datenbank nicht erreichbar ist.",
    "tab_edit": "Ort bearbeiten", "tab_new": "Neuer Ort", "tab_review": "Freigaben",
    "tab_figures": "Kennzahlen", "tab_import": "Import", "tab_history": "Verlauf",
    "pick_place": "Ort", "no_places": "Es gibt keine Orte, die Sie bearbeiten dürfen.",
    "version_info": "Version {version} · zuletzt geprüft: {checked} · {state}",
    "state_open": "geöffnet", "state_closed": "geschlossen seit {day}",
    "pending_here": "Für diesen Ort wartet ein Vorschlag von {author} ({when}) auf Freigabe.",
    "btn_checked": "Geprüft", "btn_checked_help": "Setzt nur „zuletzt geprüft“ auf heute.",
    "btn_close": "Schließen (ab heute)", "btn_reopen": "Wieder öffnen",
    "reason": "Grund der Änderung", "reason_checked": "vor Ort / telefonisch geprüft",
    "reason_close": "geschlossen", "reason_reopen": "wieder geöffnet",
    "btn_save": "Änderung speichern", "btn_create": "Ort anlegen",
    "position": "Lage", "address_lookup": "Adresse suchen (setzt Breite/Länge)",
    "btn_lookup": "Lage aus Adresse", "found": "Gefunden: {label} ({source}).",
    "review_note": "Änderungen an öffentlichen Orten gehen erst nach Freigabe durch eine zweite Person online.",
    "pending_none": "Keine offenen Vorschläge.",
    "pending_item": "„{name}“ ({id}) · von {author} am {when} · Grund: {reason}",
    "btn_approve": "Freigeben", "btn_reject": "Ablehnen", "reject_note": "Grund der Ablehnung",
    "own_pending": "Eigener Vorschlag: die Freigabe macht eine zweite Person.",
    "my_proposals": "Meine Vorschläge", "state_pending": "wartet auf Freigabe",
    "state_approved": "freigegeben von {who}", "state_rejected": "abgelehnt von {who}: {note}",
    "history_for": "Verlauf von „{name}“",
    "history_row": "Version {version} · {when} · {author}{approved} · {action} · Grund: {reason}",
    "history_approved": " (freigegeben von {who})",
    "revert_to": "Auf diese Version zurücksetzen", "btn_revert": "Auf Version {version} zurücksetzen",
    "reason_revert": "zurückgesetzt auf Version {version}",
    "figure_intro": "Eine Kennzahl je Stadtbezirk, Stichtag und Merkmal – immer mit Quelle und Datum.",
    "figure_saved": "Kennzahl gespeichert: {district}, {metric} am {date} = {value}.",
    "figure_district": "Stadtbezirk / Ortschaft", "figure_date": "Stichtag (JJJJ-MM-TT)",
    "figure_metric": "Merkmal", "figure_value": "Wert", "btn_figure": "Kennzahl speichern",
    "actions": {"create": "angelegt", "edit": "geändert", "close": "geschlossen",
                "reopen": "wieder geöffnet", "checked": "geprüft", "revert": "zurückgesetzt",
                "import": "importiert", "seed": "aus resources/ übernommen"},
})
PFLEGE["nothing_changed"] = "Nichts geändert: die Werte sind dieselben wie in der gespeicherten Version."
PFLEGE["no_change_listed"] = "keine Feldänderung"
PFLEGE.update({
    "changed_meanwhile": ("Jemand hat diesen Ort geändert, während Sie ihn bearbeitet haben (jetzt "
                          "Version {version}). Ihr Formular zeigt noch Ihren Stand."),
    "btn_reload": "Ort neu laden (Eingaben verwerfen)",
})

# --- import and export of places (owner: store) ------------------------------------
IMPORT = {
    "not_allowed": "Dieser Ort liegt in „{bezirk}“; Sie dürfen dort keine Orte ändern.",
    "intro": ("Eine Tabelle (CSV oder XLSX, Spalten wie resources/places.csv) hochladen. Zuerst "
              "erscheint eine Vorschau; gespeichert wird erst nach Bestätigung, in einem Schritt. "
              "Spalten, die in der Datei fehlen, bleiben unverändert."),
    "upload": "Tabelle mit Orten", "reason": "Grund des Imports",
    "counts": "Neu: {neu} · geändert: {geändert} · unverändert: {unverändert} · abgewiesen: {abgewiesen}",
    "btn_apply": "Import übernehmen ({count} Orte)", "nothing": "Die Datei ändert nichts.",
    "applied": "Import übernommen: {live} Orte sofort gespeichert, {pending} warten auf Freigabe.",
    "failed": "Der Import wurde nicht gespeichert; es hat sich nichts geändert. {error}",
}
EXPORT_DATA = {
    "title": "Offene Daten",
    "caption": "Die aktuellen Orte zum Herunterladen – mit Quelle und Stand je Eintrag.",
    "include_internal": "Interne Einträge einschließen (als „intern“ markiert)",
    "include_closed": "Auch geschlossene und noch nicht begonnene Einträge (HSDS-Status „inactive“)",
    "internal_warning": ("Diese Dateien enthalten interne Einträge (Spalte „intern“ = ja). Nicht "
                         "veröffentlichen oder weitergeben."),
    "count": "Einträge: {count}",
    "csv": "CSV herunterladen", "geojson": "GeoJSON herunterladen",
    "hsds": "Open Referral HSDS (Datenpaket, ZIP)",
    "notes": ("Unterkünfte erscheinen in öffentlichen Dateien nicht. Lagen ohne genaue Adresse sind "
              "ungefähr (Spalte location_precision). HSDS: Tabellen organization, service, "
              "location, address, phone, schedule mit datapackage.json."),
}

# --- validation of every table and the Fachplan YAML (atlas/places/validation.py) ----------
VALIDATION = {
    "required": "Spalte „{column}“ ist leer, braucht aber einen Wert.",
    "choice": "„{value}“ in Spalte „{column}“ ist nicht erlaubt (erlaubt: {allowed}).",
    "invalid": "„{value}“ in Spalte „{column}“ ist ungültig.",
    "invalid_detail": "Wert „{value}“ in Spalte „{column}“ ist ungültig ({detail}).",
    "too_long": "höchstens {limit} Zeichen",
    "too_short": "mindestens {limit} Zeichen",
    "not_a_number": "keine Zahl",
    "not_a_list": "keine Liste",
    "not_an_object": "kein YAML-Objekt",
    "unknown_field": "Feld „{column}“ ist unbekannt.",
    "key_missing": "Eintrag {key} fehlt",
    "unknown_column": "{file}: Spalte „{column}“ ist unbekannt und wird nicht gelesen.",
    "missing_columns": "Pflichtspalte(n) fehlen: {columns}.",
    "both_coordinates": "lat und lon müssen beide angegeben sein oder beide fehlen",
    "not_coordinates": "Koordinaten {lat}, {lon} sind keine Breite/Länge",
    "extra_cells_column": "(zusätzliche Zellen)",
    "geometry_type": "Typ {kind!r}",
    "geometry_empty": "leer",
    "geometry_missing": "fehlt",
    "geometry_invalid": "ungültig",
    "users_key_missing": "users fehlt",
    "font_missing": "Schrift DejaVuSans fehlt: {detail}",
    # configuration files (atlas/city.py, atlas/settings.py)
    "city_key_missing": "Stadtkonfiguration {path}: Eintrag „{key}“ fehlt.",
    "city_unreadable": "Stadtkonfiguration {path} ist nicht lesbar: {detail}",
    "city_not_an_object": "Stadtkonfiguration {path} ist leer oder kein YAML-Objekt.",
    "settings_unreadable": "Konfigurationsdatei {path} ist nicht lesbar: {detail}",
    "settings_unknown": "Unbekannte Einstellung(en) in der Konfigurationsdatei: {keys}",
    "settings_invalid": "Einstellung ATLAS_{key} hat einen ungültigen Wert: {value!r}",
    # column names of the data-quality table (RowError.as_dict)
    "col_file": "datei",
    "col_row": "zeile",
    "col_column": "spalte",
    "col_reason": "grund",
    "col_content": "inhalt",
}
PFLEGE.update({
    "tab_stichtag": "Stichtag",
    "stichtag_intro": ("Welche Orte waren an einem Tag eingetragen und geöffnet – so, wie sie damals "
                       "gespeichert waren (aus dem Verlauf, spätere Korrekturen nicht eingerechnet)."),
    "stichtag_day": "Stichtag", "stichtag_count": "{count} Orte am {day}.",
    "col_name": "Name", "col_bezirk": "Stadtbezirk", "col_from": "gültig ab",
    "col_to": "gültig bis", "col_checked": "zuletzt geprüft",
})
PFLEGE.update({
    "method_click": "Kartenklick (Zoomstufe {zoom})",
    "map_toggle": "Lage per Klick auf die Karte setzen",
    "map_help": ("Klicken Sie auf den Eingang des Ortes. Ab Zoomstufe 17 gilt die Lage als genau, "
                 "darunter als „Straße“. Breite und Länge im Formular werden übernommen."),
})

# --- public suggestions (owner: store) ----------------------------------------------
SUGGEST = {
    "heading": "Änderung vorschlagen",
    "intro": ("Stimmt etwas nicht? Schreiben Sie uns, was sich geändert hat. Der Hinweis wird erst "
              "geprüft; veröffentlicht wird nichts ohne Prüfung. Eine E-Mail-Adresse ist freiwillig "
              "(nur für Rückfragen); sonst speichern wir nichts über Sie."),
    "place": "Ort", "general": "(allgemeiner Hinweis, kein bestimmter Ort)",
    "text": "Was hat sich geändert?", "email": "E-Mail für Rückfragen (freiwillig)",
    "send": "Hinweis senden",
    "thanks": "Danke! Ihr Hinweis ist eingegangen und wird von der Koordination geprüft.",
    "too_short": "Bitte beschreiben Sie die Änderung in mindestens {limit} Zeichen.",
    "too_long": "Bitte fassen Sie sich kürzer (höchstens {limit} Zeichen).",
    "bad_email": "Diese E-Mail-Adresse sieht nicht gültig aus. Sie können das Feld auch leer lassen.",
    "rate_limited": ("Es sind gerade viele Hinweise eingegangen. Bitte versuchen Sie es in einer "
                     "Stunde noch einmal."),
    "inbox": "Hinweise aus der Öffentlichkeit",
    "inbox_item": "Nr. {id} · {when} · Ort: {place}",
    "inbox_email": "Rückfragen an: {email}",
    "done": "Erledigt",
}
PFLEGE.update({
    "tab_users": "Konten",
    "users_intro": ("Welche Stadtbezirke jede Koordination pflegt. Konten und Passwörter legt die "
                    "Betreuung der Installation auf dem Server an."),
    "users_none": "keine Stadtbezirke",
    "users_save": "Stadtbezirke speichern",
    "users_saved": "Gespeichert: {name} pflegt jetzt {bezirke}.",
})
PFLEGE["id_help"] = "Leer lassen: die Kennung wird aus dem Namen gebildet (z. B. „cafe-am-markt“)."



# --- Versorgung im Sozialraum (atlas/versorgung/, pages/versorgung.py) ----------
VERSORGUNG = {
    "title": "Versorgung im Sozialraum",
    "caption": "Wo viele Zugewanderte wohnen, aber wenige Angebote erreichbar sind",
    "intro": (
        "Für jeden Stadtteil: Einwohner und ausländische Einwohner, die aktuellen "
        "öffentlichen Angebote des gewählten Handlungsfelds und wie weit es von den "
        "Wohnorten bis zum nächsten Angebot ist (Luftlinie)."
    ),
    "field": "Handlungsfeld",
    "all_fields": "Alle Angebote",
    "distance": "Entfernung für den Anteil (Meter Luftlinie)",
    "measure": "Karte färben nach",
    "focus": "Gebiet",
    "whole_city": "Ganze Stadt",
    "focus_stadtteile": "Stadtteile in {name}",
    "m_gap": "Ausländische Einwohner weiter als {distance} entfernt (geschätzt)",
    "m_per_1000": "Angebote je 1.000 ausländische Einwohner",
    "m_median": "Median der Entfernung zum nächsten Angebot (m)",
    "m_p90": "90 % der Einwohner wohnen näher als (m)",
    "m_share": "Anteil der Einwohner innerhalb von {distance} (%)",
    "m_foreigners": "Ausländische Einwohner",
    "col_name": "Stadtteil",
    "col_district": "Stadtbezirk",
    "col_area": "Gebiet",
    "col_population": "Einwohner",
    "col_foreigners": "Ausländische Einwohner",
    "col_offers": "Angebote",
    "col_per_1000": "je 1.000 ausl. Einw.",
    "col_median": "Median (m)",
    "col_p90": "P90 (m)",
    "col_share": "Anteil ≤ {distance}",
    "col_gap": "Ausl. Einw. außerhalb",
    "col_rank": "Rang",
    "col_source": "Quelle",
    "metres": "{value} m",
    "gaps_heading": "Größte Lücken",
    "gaps_intro": (
        "Stadtteile geordnet nach der geschätzten Zahl ausländischer Einwohner, die weiter "
        "als {distance} vom nächsten Angebot ({field}) wohnen. Stadtteile ohne "
        "Einwohnerzahl oder ohne erreichbares Angebot werden nicht gereiht."
    ),
    "gaps_none": (
        "Keine Reihung möglich: Für {field} gibt es kein Angebot mit genauer Lage "
        "oder keine Einwohnerzahlen."
    ),
    "table_html": "Tabelle als Text (für Screenreader und zum Kopieren)",
    "districts_heading": "Stadtbezirke und Ortschaften",
    "all_stadtteile_heading": "Alle Stadtteile",
    "download_csv": "Tabelle als CSV herunterladen",
    "map_heading": "Karte",
    "details_heading": "Stadtteil",
    "details_hint": "Einen Stadtteil in der Karte anklicken, um seine Zahlen zu sehen.",
    "profile_link": "Profil des Stadtbezirks {name}",
    "weighting_addresses": (
        "Die Einwohner jedes Stadtteils sind nach den amtlichen Adresspunkten (L134, "
        "{points} Punkte) auf 200-m-Zellen verteilt."
    ),
    "weighting_even": (
        "Die Einwohner jedes Stadtteils sind gleichmäßig nach Fläche auf 200-m-Zellen "
        "verteilt, weil das vollständige Adressverzeichnis (L134) nicht vorliegt."
    ),
    "left_out": (
        "{left} von {total} Angeboten ({field}) haben nur eine ungefähre Lage "
        "(Stadtteil- oder Stadtbezirksmitte) oder keine: Sie zählen in den Summen, "
        "aber nicht bei den Entfernungen."
    ),
    "left_out_none": "Alle {total} Angebote ({field}) haben eine genaue Lage.",
    "no_offers": (
        "Für {field} gibt es kein aktuelles Angebot mit genauer Lage: Entfernungen "
        "„keine Angabe“."
    ),
    "population_line": "Einwohner: {source}, Stand {date}",
    "offers_line": (
        "Angebote: aktuelle öffentliche Einträge des Integrationsatlas "
        "(Stand der neuesten Quelle: {date}); Unterkünfte zählen nie als Angebot"
    ),
    "offers_line_internal": (
        "Angebote: aktuelle Einträge des Integrationsatlas einschließlich interner "
        "(Stand der neuesten Quelle: {date}); Unterkünfte zählen nie als Angebot"
    ),
    "value_with_source": "{value} (Stand {date})",
    "details_source": "Einwohnerzahlen: {source}, Stand {date}",
    "method_heading": "Methode",
    "method": (
        "**Raster.** Jeder Stadtteil wird in Zellen von 200 × 200 m zerlegt (UTM-Zone 33, "
        "EPSG:25833), am Stadtteilrand auf die Grenze zugeschnitten. Jede Zelle steht "
        "für ihren Mittelpunkt.\n\n"
        "**Gewichtung.** Es gibt keine Einwohnerzahlen je Gebäude. Liegt das vollständige "
        "Adressverzeichnis (L134) vor, zählt jede Zelle so viel, wie sie Adresspunkte hat; "
        "sonst zählt sie nach ihrer Fläche. Stadtteile ohne eigene Einwohnerzahl (z. B. 33, "
        "34, 44, in der Statistik bei 31 und 42 mitgezählt) zeigen „keine Angabe“.\n\n"
        "**Entfernung.** Von jedem Zellmittelpunkt zum nächsten aktuellen Angebot des "
        "Handlungsfelds, auch über Stadtteil- und Bezirksgrenzen hinweg. Median: die Hälfte "
        "der Einwohner wohnt höchstens so weit entfernt; P90: 90 %. Für Stadtbezirke zählen "
        "die Zellen nach den ausländischen Einwohnern ihres Stadtteils.\n\n"
        "**Luftlinie** heißt: gerade Strecke auf der Karte, ohne Straßen, Flüsse oder "
        "Haltestellen. Der echte Weg ist länger (zu Fuß meist um ein Drittel).\n\n"
        "**Welche Angebote.** Nur Angebote mit genauer Adresse oder Straße zählen für die "
        "Entfernung; Angebote, die nur einem Stadtteil oder Stadtbezirk zugeordnet sind, "
        "zählen in den Summen. Unterkünfte sind nie ein Angebot."
    ),
    "boundaries_missing": "Ohne Stadtteilgrenzen lässt sich die Versorgung nicht berechnen.",
    "population_missing": "Keine Einwohnerzahlen je Stadtteil vorhanden: keine Angabe.",
    "profile_heading": "Versorgung im Sozialraum",
    "profile_intro": (
        "Alle aktuellen Angebote; Entfernung Luftlinie vom Wohnort zum nächsten Angebot, "
        "Anteil innerhalb von {distance}."
    ),
    "profile_fields": "Nach Handlungsfeld (ganzer {art})",
    "profile_more": "Mehr auf der Seite „Versorgung im Sozialraum“",
    "slide_title": "Versorgung im Sozialraum: {name}",
    "slide_subtitle": (
        "Alle aktuellen Angebote · Entfernung Luftlinie vom Wohnort zum nächsten Angebot · "
        "Anteil innerhalb von {distance}"
    ),
    "slide_field_line": (
        "{code} {label} – Angebote: {offers} · Median {median} · {share} ≤ {distance}"
    ),
    "slide_missing": "Keine Angabe: ohne Stadtteilgrenzen keine Berechnung.",
}
