"""``python -m atlas.export``: the buttons' files; internal only with --intern, logged."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from pptx import Presentation

from atlas.export.council import build_parser, run
from atlas.settings import ROOT

pytestmark = pytest.mark.shared


@pytest.fixture
def env(monkeypatch, boundaries_cache, tmp_path):
    monkeypatch.setenv("ATLAS_CONFIG", str(ROOT / "tests" / "no-such-config.toml"))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    monkeypatch.setenv("ATLAS_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    return tmp_path


def _titles(path) -> list[str]:
    prs = Presentation(str(path))
    return [next(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in prs.slides]


def test_districts_and_city_are_written_like_the_buttons(env):
    out = io.StringIO()
    args = build_parser().parse_args(["--bezirk", "neustadt", "--bezirk", "schönfeld-weißig",
                                      "--stadt", "--out", str(env / "deck")])
    written = run(args, out)
    names = sorted(p.name for p in written)
    assert names == sorted([
        "integrationsatlas-neustadt.pptx", "integrationsatlas-neustadt.pdf",
        "integrationsatlas-schoenfeld-weissig.pptx", "integrationsatlas-schoenfeld-weissig.pdf",
        "integrationsatlas-stadt-dresden.pptx", "integrationsatlas-stadt-dresden.pdf"])
    assert _titles(env / "deck" / "integrationsatlas-neustadt.pptx")[1] == "Stadtbezirk Neustadt"
    city = _titles(env / "deck" / "integrationsatlas-stadt-dresden.pptx")
    assert "Stadt Dresden im Überblick" in city
    assert not (env / "audit.jsonl").exists()  # public: nothing to log
    assert "Intern" not in "".join(city)


def test_internal_needs_intern_and_is_logged(env):
    out = io.StringIO()
    args = build_parser().parse_args(["--bezirk", "neustadt", "--intern",
                                      "--out", str(env / "deck")])
    written = run(args, out)
    assert {p.name for p in written} == {"integrationsatlas-neustadt-intern.pptx",
                                         "integrationsatlas-neustadt-intern.pdf"}
    log = [json.loads(x) for x in (env / "audit.jsonl").read_text().splitlines()]
    assert log[-1]["result"] == "export_intern" and log[-1]["user"].startswith("cli:")
    assert "Audit-Protokoll" in out.getvalue()


def test_bad_input_gets_a_german_message(env):
    done = subprocess.run([sys.executable, "-m", "atlas.export", "--out", str(env / "x")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--bezirk KÜRZEL oder --stadt" in done.stderr
    done = subprocess.run([sys.executable, "-m", "atlas.export", "--bezirk", "atlantis",
                           "--out", str(env / "x")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and "Unbekannter Stadtbezirk „atlantis“" in done.stderr
    assert not (env / "x").exists() or not any((env / "x").iterdir())
