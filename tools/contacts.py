"""Merge the contacts research (address, contacts, times, languages, status) into place rows.

Input: ``../shared/facts/dresden_places_contacts.csv`` (read its ``.md``). Some
rows there have unquoted commas in ``source_url``; :func:`read_contacts` reads
the first twelve and the last three cells by position and joins the rest back.
Every value keeps its source: the source list goes to ``contact_sources``
("date: URL | …"), the research's note to ``notes``, its confidence to
``confidence``. The curation's ``contacts`` section corrects single values per
id (``rows``) and turns the proposed offers into places (``new_rows``); ids
not named there are an error, so nothing is merged by accident.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HEAD = ("id", "name", "street", "housenumber", "postcode", "website", "phone", "email",
        "opening_hours", "languages", "status", "status_date")
TAIL = ("source_date", "confidence", "notes")
# Language names the research writes out, as ISO 639 codes.
LANGUAGE_NAMES = {"dari": "prs", "farsi": "fa", "persisch": "fa", "arabisch": "ar",
                  "russisch": "ru", "ukrainisch": "uk", "deutsch": "de", "englisch": "en"}
_CODE = re.compile(r"^[a-z]{2,3}$")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_EMAIL = re.compile(r"[^@\s<>()]+@[^@\s<>()]+\.[a-z]{2,}")
_STAND = re.compile(r"Stand (?:ca\. )?(\d{4}(?:-\d{2})?)")
_CONFIDENCE = {"high", "medium", "low"}


def read_contacts(path: Path) -> dict[str, dict[str, str]]:
    """Rows by id; cells beyond the header's count are joined back into ``source_url``."""
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    out = {}
    for cells in rows[1:]:
        if not cells or not cells[0].strip():
            continue
        if len(cells) < len(HEAD) + 1 + len(TAIL):
            raise ValueError(f"Kontaktzeile „{cells[0]}“ hat zu wenige Zellen.")
        row = dict(zip(HEAD, cells[: len(HEAD)], strict=True))
        row.update(zip(TAIL, cells[-len(TAIL):], strict=True))
        row["source_url"] = ",".join(cells[len(HEAD): -len(TAIL)])
        if row["confidence"] not in _CONFIDENCE:
            raise ValueError(f"Kontaktzeile „{row['id']}“: Vertrauen „{row['confidence']}“?")
        out[row["id"]] = {k: v.strip() for k, v in row.items()}
    return out


def first_date(text: str) -> str | None:
    """The first partial ISO date in text ("nach 2016 (undatiert)" -> "2016"), or None."""
    found = _DATE.search(text or "")
    return found.group(0) if found else None


def parse_languages(text: str) -> tuple[str, str | None]:
    """("de;uk", None) for a plain list of codes or known names, else ("", the words)."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    codes = [LANGUAGE_NAMES.get(p.lower(), p.lower()) for p in parts]
    if parts and all(_CODE.match(c) for c in codes):
        return ";".join(dict.fromkeys(codes)), None
    return "", text or None


def withhold(url: str, needles: list[str]) -> str:
    """The URL, or only its host and a note when it contains one of ``needles``."""
    if not any(n in url.casefold() for n in needles):
        return url
    host = urlsplit(url).netloc.removeprefix("www.") or url.split(" ")[0]
    return f"{host} (Beitrag; Link nicht angegeben)"  # neutral: the reason would point there


def source_pairs(urls: str, dates: str, needles: list[str] | None = None) -> str:
    """ "2018-01-31: https://… | undatiert: https://…" (dates in the same order as URLs)."""
    url_list = [withhold(u.strip(), needles or []) for u in urls.split(" | ") if u.strip()]
    date_list = [d.strip() for d in dates.split(" | ")]
    if len(date_list) != len(url_list):
        return " | ".join(url_list) + (f" (Daten: {dates})" if dates else "")
    return " | ".join(f"{d}: {u}" if d else u for d, u in zip(date_list, url_list, strict=True))


def contact_values(contact: dict[str, str], checked: str,
                   withheld: list[str]) -> dict[str, Any]:
    """The place columns the contacts row gives (empty cells give nothing)."""
    values: dict[str, Any] = {"name": contact["name"]}
    if contact["street"]:
        values.update(street=contact["street"], housenumber=contact["housenumber"] or None)
    if contact["postcode"]:
        values["postcode"] = contact["postcode"]
    if contact["website"].startswith(("https://", "http://")):
        values["website"] = contact["website"].split(" | ")[0]
    if contact["phone"]:
        values["phone"] = contact["phone"]
    email = _EMAIL.search(contact["email"])
    if email:
        values["email"] = email.group(0)
    if contact["opening_hours"]:
        values["opening_hours_note"] = contact["opening_hours"]
        stand = _STAND.search(contact["opening_hours"])
        values["hours_date"] = stand.group(1) if stand else first_date(contact["status_date"])
    codes, words = parse_languages(contact["languages"])
    values.update(languages=codes or None, languages_note=words)
    values["status"] = {"aktiv": "aktiv", "geschlossen": "geschlossen"}.get(
        contact["status"], "unbekannt")
    values["status_date"] = first_date(contact["status_date"])
    values["confidence"] = contact["confidence"]
    values["contact_sources"] = source_pairs(contact["source_url"], contact["source_date"],
                                             withheld)
    values["last_checked"] = checked
    return values


def _note(contact: dict[str, str], checked: str) -> str:
    status = contact["status"] + (f" ({contact['status_date']})" if contact["status_date"] else "")
    return (f"Kontakte/Status laut Recherche vom {checked} (Vertrauen {contact['confidence']}, "
            f"Status {status}): {contact['notes']}")


def merge_contacts(rows: list[dict[str, Any]], contacts: dict[str, dict[str, str]],
                   section: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows with the contacts merged in and the curated new offers appended."""
    checked = str(section["checked"])
    withheld = [str(n).casefold() for n in section.get("withhold_links") or []]
    corrections = section.get("rows") or {}
    new_rows = section.get("new_rows") or {}
    by_id = {row["id"]: row for row in rows}
    unknown = sorted(set(contacts) - set(by_id) - set(new_rows))
    if unknown:
        raise ValueError(f"Kontaktzeilen ohne Ort und ohne Kuratierung: {unknown}")
    for cid in [*corrections, *new_rows]:
        if cid not in contacts:
            raise ValueError(f"Kuratierung „{cid}“ hat keine Zeile in der Kontaktrecherche.")
    out = []
    for row in rows:
        contact = contacts.get(row["id"])
        if contact is not None:
            row = _merged(row, contact, corrections.get(row["id"]) or {}, checked, withheld)
        out.append(row)
    for cid, cur in new_rows.items():
        out.append(_new_row(contacts[cid], cur, checked, withheld))
    return out


def _merged(row: dict[str, Any], contact: dict[str, str], cur: dict[str, Any],
            checked: str, withheld: list[str]) -> dict[str, Any]:
    merged = {**row, **contact_values(contact, checked, withheld)}
    if contact["street"] and contact["housenumber"] and (
            row.get("street"), row.get("housenumber")) != (
            merged.get("street"), merged.get("housenumber")):
        # A new address: its address point decides Stadtteil and Stadtbezirk at load time.
        merged.update(stadtteil=None, stadtbezirk=None)
    merged["notes"] = " | ".join(p for p in (row.get("notes"), _note(contact, checked)) if p)
    return _apply(merged, cur)


def _new_row(contact: dict[str, str], cur: dict[str, Any], checked: str,
             withheld: list[str]) -> dict[str, Any]:
    """A proposed offer: contact values, the first dated web source, the curated category."""
    urls = [withhold(u.strip(), withheld) for u in contact["source_url"].split(" | ")]
    dates = [d.strip() for d in contact["source_date"].split(" | ")]
    web = next((i for i, u in enumerate(urls) if u.startswith(("https://", "http://"))), None)
    row: dict[str, Any] = {
        **contact_values(contact, checked, withheld),
        "source_url": urls[web] if web is not None else None,
        "source_title": None if web is not None else urls[0],
        "source_date": first_date(dates[web if web is not None and web < len(dates) else 0])
        or first_date(contact["status_date"]),
        "visibility": "public",
        "editorial": "category;handlungsfelder",
        "notes": _note(contact, checked),
    }
    return _apply(row, cur)


def _apply(row: dict[str, Any], cur: dict[str, Any]) -> dict[str, Any]:
    """The curated corrections win; ``note`` is put first in ``notes``."""
    row = {**row, **{k: v for k, v in cur.items() if k != "note"}}
    if cur.get("note"):
        row["notes"] = " | ".join(p for p in (cur["note"], row.get("notes")) if p)
    if isinstance(row.get("editorial"), list):
        row["editorial"] = ";".join(row["editorial"])
    return row
