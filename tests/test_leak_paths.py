"""Leak-proofing by construction: records reach pages only through visible_resources().

Pages and UI helpers may use ``ui.data.load_result()`` for service areas and
counts of set-aside rows, but never for its ``records``: those are unfiltered.
Loading the resources files directly (``load_resources``) bypasses the role
filter just the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {Path("ui/data.py")}  # the one place that applies the role filter


def ui_sources() -> list[Path]:
    files = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "ui").glob("*.py"))
    files.append(ROOT / "app.py")
    return [f for f in files if f.relative_to(ROOT) not in ALLOWED]


def unfiltered_uses(source: str) -> list[str]:
    """Lines that read ``records`` of a load_result() value or load resources directly."""
    tree = ast.parse(source)
    result_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _calls(node.value, "load_result"):
            result_names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    hits: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "records":
            base = node.value
            if _calls(base, "load_result") or (isinstance(base, ast.Name)
                                               and base.id in result_names):
                hits.append(f"Zeile {node.lineno}: load_result().records")
        if isinstance(node, ast.Call) and _name_of(node.func) in ("load_resources",
                                                                   "load_places"):
            hits.append(f"Zeile {node.lineno}: {_name_of(node.func)}()")
    return hits


def _name_of(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _calls(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and _name_of(node.func) == name


def test_checker_finds_the_patterns() -> None:
    bad = ("from ui import data\nres = data.load_result()\nrows = res.records\n"
           "x = data.load_result().records\ny = load_resources('r')\n")
    assert len(unfiltered_uses(bad)) == 3
    good = "from ui import data\nareas = data.load_result().service_areas\n"
    assert unfiltered_uses(good) == []


@pytest.mark.parametrize("path", ui_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_take_records_only_from_visible_resources(path: Path) -> None:
    hits = unfiltered_uses(path.read_text(encoding="utf-8"))
    assert not hits, f"{path.relative_to(ROOT)} umgeht den Rollenfilter: {hits}"
