"""The operator's legal texts (Impressum, Datenschutz, Barrierefreiheit) as configuration.

Loaded from ``ATLAS_LEGAL_FILE`` (YAML, Markdown values). A missing or broken
file gives the shipped placeholder wording, never an error on a public page;
the cause goes to the server log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas import texts

logger = logging.getLogger(__name__)
KINDS = ("impressum", "datenschutz", "barrierefreiheit")


@dataclass(frozen=True)
class LegalTexts:
    pages: dict[str, str] = field(default_factory=dict)
    operator: str = ""
    placeholder: bool = True

    def text(self, kind: str) -> str:
        return self.pages.get(kind) or texts.LEGAL["not_filled"]

    @property
    def sender(self) -> str:
        return self.operator or texts.LEGAL["no_operator"]


def load_legal(path: Path) -> LegalTexts:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError("kein YAML-Mapping")
    except (OSError, ValueError, yaml.YAMLError) as e:
        logger.warning("Rechtstexte %s nicht lesbar: %s", path, e)
        return LegalTexts()
    pages = {k: str(raw.get(k) or "").strip() for k in KINDS}
    return LegalTexts(pages, str(raw.get("operator") or "").strip(),
                      bool(raw.get("placeholder", True)))
