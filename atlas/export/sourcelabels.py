"""Short, numbered source labels for slides: "DNN, 17.01.2018" instead of a URL wall.

The labels come from ``resources/source_labels.yaml`` (data, not code: another
city brings its own file). :class:`SourceIndex` numbers sources in the order a
deck first uses them, so a figure line can point to "[2]" and the sources
slide lists "[2] DNN, 17.01.2018" with the full address in the notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from atlas.numbers import format_date, source_label
from atlas.settings import ROOT

DEFAULT_FILE = ROOT / "resources" / "source_labels.yaml"
_SHORT_TITLE = 48


@dataclass(frozen=True)
class SourceLabels:
    titles: Mapping[str, str] = field(default_factory=dict)
    hosts: Mapping[str, str] = field(default_factory=dict)
    fachplan_markers: tuple[str, ...] = ()

    def name(self, title: str | None, url: str | None) -> str:
        """The outlet or document as a short name (no date)."""
        text = title or ""
        hits = [k for k in self.titles if k.casefold() in text.casefold()]
        if hits:
            return self.titles[max(hits, key=len)]
        host = _host(url) or _host(title)
        if host and host in self.hosts:
            return self.hosts[host]
        if text and not text.startswith("http") and len(text) <= _SHORT_TITLE:
            return text
        return host or text[:_SHORT_TITLE] or "ohne Titel"

    def label(self, title: str | None, url: str | None, date: str | None) -> str:
        """"DNN, 17.01.2018" (without a date: just the name)."""
        name = self.name(title, url)
        return f"{name}, {format_date(date, missing='')}" if date else name

    def is_fachplan(self, *texts: str | None) -> bool:
        joined = " ".join(t for t in texts if t).casefold()
        return any(m.casefold() in joined for m in self.fachplan_markers)


def _host(url: str | None) -> str | None:
    """The web host without "www." (atlas.numbers.source_label's rule), or None."""
    if not url or not url.startswith("http"):
        return None
    return source_label(None, url)


@lru_cache(maxsize=4)
def load_labels(path: Path = DEFAULT_FILE) -> SourceLabels:
    """The label table; a missing file gives plain host names (never an error)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError:
        raw = {}
    return SourceLabels(
        titles={str(k): str(v) for k, v in (raw.get("titles") or {}).items()},
        hosts={str(k): str(v) for k, v in (raw.get("hosts") or {}).items()},
        fachplan_markers=tuple(str(m) for m in raw.get("fachplan_markers") or ()),
    )


@dataclass(frozen=True)
class NumberedSource:
    number: int
    label: str
    url: str | None


class SourceIndex:
    """Numbers sources by first use; the same (label, address) keeps its number."""

    def __init__(self, labels: SourceLabels) -> None:
        self.labels = labels
        self._by_key: dict[tuple[str, str], NumberedSource] = {}

    def number(self, title: str | None, url: str | None, date: str | None) -> int | None:
        if not (title or url):
            return None
        link = url or (title if title and title.startswith("http") else None)
        label = self.labels.label(title, link, date)
        key = (label, link or "")
        if key not in self._by_key:
            self._by_key[key] = NumberedSource(len(self._by_key) + 1, label, link)
        return self._by_key[key].number

    def entries(self) -> Sequence[NumberedSource]:
        return list(self._by_key.values())
