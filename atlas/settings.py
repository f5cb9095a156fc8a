"""Every ATLAS_* setting in one place: type, default and help text.

Settings come from environment variables (``ATLAS_<KEY>``) or from a TOML
config file named by ``ATLAS_CONFIG`` (default ``atlas.toml`` in the working
directory) whose top-level keys are the same names in lower case without the
prefix. The environment wins over the file. The README table is tested
against :data:`SETTINGS`, so a setting without help text cannot ship.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atlas.errors import SettingsError
from atlas.texts import VALIDATION

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One configurable value with its parser and documentation."""

    key: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _switch(text: str) -> str:
    value = text.strip().lower()
    if value not in ("on", "off"):
        raise ValueError(text)
    return value


SETTINGS: tuple[Setting, ...] = (
    Setting("CITY_FILE", str(ROOT / "resources" / "city.yaml"),
            "City configuration (name, map centre, district hierarchy, open-data URLs)."),
    Setting("GEODATA_URL", "",
            "Stadtteil boundaries used instead of the official sources: a file (GeoJSON, "
            "GeoPackage or zipped Shapefile, any CRS) or an http(s) URL answering GeoJSON."),
    Setting("GEODATA_SOURCES", "ogcapi,osm",
            "Order in which boundary sources are tried: ogcapi, osm (comma-separated).",
            _list),
    Setting("CACHE_DIR", str(ROOT / "geodata"),
            "Folder for downloaded boundaries, address points and their manifests."),
    Setting("SNAPSHOT_DIR", str(ROOT / "resources" / "geodata"),
            "Shipped boundary snapshot and address-point extract, used when the cache is "
            "empty (empty value: none)."),
    Setting("HTTP_TIMEOUT", 20.0,
            "Seconds a whole download may take, from connecting to the last byte (wall time).",
            float),
    Setting("TILES", "osm",
            "Basemap: osm, none, or an XYZ URL template with {z}/{x}/{y}."),
    Setting("TILES_ATTRIBUTION", "",
            "Attribution shown for a custom XYZ tile URL (HTML allowed)."),
    Setting("RESOURCES_DIR", str(ROOT / "resources"),
            "Folder with the shipped places, district figures and Fachplan data."),
    Setting("USERS_FILE", str(Path.home() / ".config" / "integrationsatlas" / "users.json"),
            "Users file for the embedded sign-in (argon2 hashes); keep it outside the repo."),
    Setting("AUDIT_LOG", str(Path.home() / ".config" / "integrationsatlas" / "audit.jsonl"),
            "JSON-lines audit log of sign-ins, failures and sign-outs."),
    Setting("AUDIT_SECRET", "",
            "Key for the audit log's hash of unknown user names; empty: a random key kept in "
            "audit.key beside the audit log."),
    Setting("SIGNIN_ATTEMPTS_PER_MINUTE", 10,
            "Sign-in attempts one client (IP address, else browser session) may make per minute.",
            int),
    Setting("HASH_CONCURRENCY", 2,
            "Password checks (argon2, about 58 MB each) that may run at once; others wait.", int),
    Setting("MAX_UPLOAD_MB", 50,
            "Largest spreadsheet upload in MB; keep server.maxUploadSize in "
            ".streamlit/config.toml equal.", int),
    Setting("MIN_PUBLIC_SITES", 3,
            "Small-number rule: public accommodation figures from fewer sites show "
            "\"weniger als N\" and no places.", int),
    Setting("SESSION_IDLE_MINUTES", 30, "Minutes of inactivity after which a sign-in expires.",
            int),
    Setting("AUTH_MODE", "embedded",
            "Sign-in: embedded (users file), oidc (st.login via secrets.toml) or off."),
    Setting("DATABASE_URL", "",
            "Database of places, history and figures: empty = SQLite at ./data/atlas.db; "
            "production: postgresql+psycopg://user:pass@host/db."),
    Setting("REVIEW", "on",
            "Four-eyes review of changes to public places: on or off.", _switch),
    Setting("NOMINATIM_URL", "",
            "Base URL of a Nominatim server; empty disables online geocoding."),
    Setting("NOMINATIM_USER_AGENT", "integrationsatlas-dresden",
            "User agent sent to Nominatim, as its usage policy asks."),
    Setting("LEGAL_FILE", str(ROOT / "resources" / "legal.yaml"),
            "Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit and operator name "
            "(YAML, Markdown); the shipped file holds placeholders to fill in."),
)

_BY_KEY = {s.key: s for s in SETTINGS}


def default_value(key: str) -> Any:
    """The documented default of a setting (for modules that need it without a Config)."""
    return _BY_KEY[key].default


@dataclass(frozen=True)
class Config:
    """Resolved settings; attribute names are the lower-case keys."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name.upper()]
        except KeyError as e:
            raise AttributeError(name) from e

    def path(self, key: str) -> Path:
        """Return a path setting, resolved against the project root."""
        path = Path(self.values[key.upper()]).expanduser()
        return path if path.is_absolute() else ROOT / path


def _read_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SettingsError(VALIDATION["settings_unreadable"].format(path=path, detail=e)) from e
    return {str(k).upper(): v for k, v in data.items()}


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Resolve every setting from the environment and the optional config file."""
    env = os.environ if environ is None else environ
    file_values = _read_file(Path(env.get("ATLAS_CONFIG", "atlas.toml")))
    unknown = sorted(set(file_values) - set(_BY_KEY))
    if unknown:
        raise SettingsError(VALIDATION["settings_unknown"].format(keys=", ".join(unknown)))
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw: Any = env.get(f"ATLAS_{setting.key}", file_values.get(setting.key))
        if raw is None:
            values[setting.key] = setting.default
            continue
        try:
            values[setting.key] = setting.parse(raw) if isinstance(raw, str) else raw
        except ValueError as e:
            raise SettingsError(
                VALIDATION["settings_invalid"].format(key=setting.key, value=raw)) from e
    return Config(values)


def settings_table() -> str:
    """The README's settings table, generated from :data:`SETTINGS`."""
    rows = [
        "| Umgebungsvariable | Schlüssel in atlas.toml | Standard | Bedeutung |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = str(s.default)
        if default.startswith(str(ROOT)):
            default = default.replace(str(ROOT), ".")
        elif default.startswith(str(Path.home())):
            default = default.replace(str(Path.home()), "~")
        if isinstance(s.default, tuple):
            default = ",".join(s.default)
        rows.append(f"| `ATLAS_{s.key}` | `{s.key.lower()}` | `{default}` | {s.help} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(settings_table())
