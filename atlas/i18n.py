"""Languages of the UI: German catalogue in texts.py, other languages as YAML overlays.

``atlas/texts.py`` is the source catalogue (German). A file ``locales/<code>.yaml``
holds the same sections and keys in another language, plus a ``_meta`` block
(``name``, ``babel``, ``dir``). Adding a language is adding such a file: no code.
Missing keys fall back to German. The language of the current page run is a
context variable; ``texts.SECTION["key"]`` resolves it on every lookup, so call
sites never change.
"""

from __future__ import annotations

import contextvars
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT = "de"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("atlas_lang", default=None)
_resolver: list[Callable[[], str | None]] = []


@dataclass(frozen=True)
class Language:
    """One UI language: its code (``?lang=``), own name, babel locale and writing direction."""

    code: str
    name: str
    babel: str
    direction: str = "ltr"


GERMAN = Language(DEFAULT, "Deutsch", "de_DE")


_folder_override: list[Path] = []


def _read(path: Path) -> dict | None:
    """A catalogue file, or None (with a warning) when it is broken: German still works."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        warnings.warn(f"Sprachdatei {path.name} ist nicht lesbar und wird übergangen: {e}",
                      stacklevel=2)
        return None
    if not isinstance(data, dict):
        warnings.warn(f"Sprachdatei {path.name} enthält keine Abschnitte und wird übergangen.",
                      stacklevel=2)
        return None
    return data


@lru_cache(maxsize=8)
def _catalogues(folder: str) -> dict[str, dict]:
    """code -> overlay mapping for every readable ``<code>.yaml`` in ``folder``."""
    root = Path(folder)
    if not root.is_dir():
        return {}
    read = {p.stem: _read(p) for p in sorted(root.glob("*.yaml"))}
    return {code: data for code, data in read.items() if data is not None}


def _folder() -> str:
    return str(_folder_override[-1] if _folder_override else LOCALES_DIR)


def languages() -> list[Language]:
    """German first, then every catalogue file in the locales folder."""
    out = [GERMAN]
    for code, data in _catalogues(_folder()).items():
        meta = data.get("_meta") or {}
        out.append(Language(code, str(meta.get("name", code)), str(meta.get("babel", code)),
                            str(meta.get("dir", "ltr"))))
    return out


def language(code: str | None) -> Language:
    """The language of ``code``; German for an unknown or empty code."""
    for lang in languages():
        if lang.code == (code or "").strip().lower():
            return lang
    return GERMAN


def current() -> Language:
    """The language of this page run (context variable, else the registered resolver)."""
    code = _current.get()
    if code is None and _resolver:
        code = _resolver[-1]()
    return language(code)


def set_current(code: str | None) -> contextvars.Token:
    return _current.set(language(code).code)


def register_resolver(resolver: Callable[[], str | None]) -> None:
    """Let the UI layer tell the language of a run (e.g. from ``?lang=``) when none is set."""
    _resolver[:] = [resolver]


@contextmanager
def use(code: str) -> Iterator[Language]:
    """Run a block in another language (tests, exports)."""
    token = set_current(code)
    try:
        yield current()
    finally:
        _current.reset(token)


@contextmanager
def locales_folder(folder: Path) -> Iterator[None]:
    """Read catalogues from another folder (tests with a small test catalogue)."""
    _folder_override.append(folder)
    try:
        yield
    finally:
        _folder_override.pop()


def lookup(section: str, key: str) -> str | None:
    """The text of ``section.key`` in the current language, or None (then German is used)."""
    code = current().code
    if code == DEFAULT:
        return None
    entries = _catalogues(_folder()).get(code, {}).get(section) or {}
    value = entries.get(key) if isinstance(entries, dict) else None
    return value if isinstance(value, str | dict) else None


def untranslated(sections: dict[str, dict], code: str) -> list[str]:
    """``SECTION.key`` of every German text that the catalogue ``code`` lacks."""
    overlay = _catalogues(_folder()).get(code, {})
    missing = []
    for name, entries in sections.items():
        have = overlay.get(name) or {}
        missing.extend(f"{name}.{k}" for k in entries if k not in have)
    return missing


class Section(dict):
    """A catalogue section: a dict of German texts that answers in the current language.

    Lookups (``[]``, ``get``, ``items``, ``values``) go through the overlay of the
    current language and fall back to German. The dict itself keeps the German
    texts, so code that copies it or serialises it still gets complete text.
    """

    def __init__(self, name: str, german: dict) -> None:
        super().__init__(german)
        self.name = name

    def __getitem__(self, key: str):
        found = lookup(self.name, key)
        german = super().__getitem__(key)
        if isinstance(german, dict) and isinstance(found, dict):
            return {**german, **found}
        return found if found is not None else german

    def get(self, key, default=None):
        return self[key] if key in self else default

    def items(self):  # type: ignore[override]
        return [(k, self[k]) for k in self]

    def values(self):  # type: ignore[override]
        return [self[k] for k in self]

    def german(self, key: str):
        """The source text, whatever the current language."""
        return super().__getitem__(key)


def wrap_sections(namespace: dict) -> dict[str, Section]:
    """Turn every UPPER_CASE dict of a module namespace into a Section (in place)."""
    found = {}
    for name, value in list(namespace.items()):
        if name.isupper() and isinstance(value, dict) and not isinstance(value, Section):
            namespace[name] = found[name] = Section(name, value)
        elif isinstance(value, Section):
            found[name] = value
    return found


class CatalogueModule(types.ModuleType):
    """Module type of ``atlas.texts``: every UPPER_CASE name answers in the current language.

    Sections (dicts) become ``Section`` objects on first access, wherever in the
    file they are defined; text constants (``KEINE_ANGABE``) are looked up as
    top-level keys of the catalogue file.
    """

    def __getattribute__(self, name: str):
        value = super().__getattribute__(name)
        if not name.isupper():
            return value
        if isinstance(value, dict) and not isinstance(value, Section):
            value = Section(name, value)
            setattr(self, name, value)
        elif isinstance(value, str):
            found = constant(name)
            return value if found is None else found
        return value


def constant(name: str) -> str | None:
    """A top-level text constant in the current language, or None (then German)."""
    code = current().code
    if code == DEFAULT:
        return None
    value = _catalogues(_folder()).get(code, {}).get(name)
    return value if isinstance(value, str) else None


def install(module_name: str) -> None:
    """Make a catalogue module answer in the current language (called by atlas.texts)."""
    sys.modules[module_name].__class__ = CatalogueModule
