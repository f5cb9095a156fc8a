"""Project rules that code review would otherwise have to remember."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from atlas.settings import SETTINGS, load_config, settings_table

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_atlas_never_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "atlas").rglob("*.py"))
        if {"streamlit", "streamlit_folium"} & _imports(p)
    ]
    assert offenders == []


ENTRY_POINTS = {Path("app.py"), Path("serve.py")}  # navigation; the ASGI server around it


def test_only_ui_pages_and_app_import_streamlit():
    allowed = {"ui", "pages", "tests", "bench"}
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in allowed or rel.parts[0].startswith(".") or rel in ENTRY_POINTS:
            continue
        if "streamlit" in _imports(path):
            offenders.append(str(rel))
    assert offenders == []


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.key for s in SETTINGS if f"ATLAS_{s.key}" not in readme]
    assert missing == []
    assert settings_table() in readme, "README table is stale: python -m atlas.settings"
    assert all(s.help.strip() for s in SETTINGS)


def test_runtime_requirements_are_pinned():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line) for line in lines)


def test_no_cdn_in_app_code():
    pattern = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs\.cloudflare|code\.jquery\.com|"
                         r"bootstrapcdn|fonts\.googleapis")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("atlas", "ui", "pages")
        for p in (ROOT / folder).rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ] + (["app.py"] if pattern.search((ROOT / "app.py").read_text()) else [])
    assert offenders == []


def test_settings_resolve_from_environment_and_file(tmp_path):
    config_file = tmp_path / "atlas.toml"
    config_file.write_text('tiles = "none"\nhttp_timeout = 3.5\n', encoding="utf-8")
    cfg = load_config({"ATLAS_CONFIG": str(config_file), "ATLAS_HTTP_TIMEOUT": "7"})
    assert cfg.tiles == "none"  # from the file
    assert cfg.http_timeout == 7.0  # the environment wins


def test_bad_setting_gives_german_message(tmp_path):
    import pytest

    from atlas.errors import SettingsError

    with pytest.raises(SettingsError, match="ATLAS_HTTP_TIMEOUT"):
        load_config({"ATLAS_CONFIG": str(tmp_path / "none.toml"), "ATLAS_HTTP_TIMEOUT": "schnell"})
    (tmp_path / "bad.toml").write_text("unbekannt = 1\n")
    with pytest.raises(SettingsError, match="unbekannt".upper()):
        load_config({"ATLAS_CONFIG": str(tmp_path / "bad.toml")})
