"""The code's shape, as issue 16 asks: no import cycles (function-local imports count),
no module over 400 lines, no function over 60 lines without a comment saying why."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("atlas", "ui", "pages")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Modules allowed past the line limit, each with the reason.
LONG_MODULES = {
    "atlas/texts.py": "the catalogue of every German UI string, data rather than code",
}


def sources() -> list[Path]:
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    return [*files, ROOT / "app.py"]


def module_name(path: Path) -> str:
    if not path.is_relative_to(ROOT):
        return path.stem
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Imports under ``if TYPE_CHECKING:`` never run, so they cannot form a cycle."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Project modules ``path`` imports anywhere: module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    found.discard(module_name(path))
    return found


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    paths = {module_name(p): p for p in sources()}
    known = set(paths) | {"atlas", "ui", "pages"}
    graph = {name: imports_of(path, known) - {"atlas", "ui", "pages"}
             for name, path in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # recursive Tarjan; the graph is small
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return cycles


def test_the_checker_sees_function_local_cycles(tmp_path):
    a = tmp_path / "a.py"
    a.write_text("def f():\n    from b import g\n", encoding="utf-8")
    assert imports_of(a, {"a", "b"}) == {"b"}


def test_no_import_cycles():
    assert import_cycles() == []


def test_no_module_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n for p in sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert {k: v for k, v in long.items() if k not in LONG_MODULES} == {}


def _has_why_comment(lines: list[str], node: ast.AST) -> bool:
    """A comment on the def line or the lines right above it that says why it is long."""
    start = node.lineno - 1
    around = [lines[start]]
    i = start - 1
    while i >= 0 and lines[i].strip().startswith(("#", "@")):
        around.append(lines[i])
        i -= 1
    return any("#" in line and "long" in line.split("#", 1)[1].lower() for line in around)


def test_long_functions_say_why():
    offenders = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES and not _has_why_comment(lines, node):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} "
                                 f"({length} Zeilen)")
    assert offenders == []


def _without_parentheses(text: str) -> str:
    """The text outside (nested) parentheses: the module names, not their explanations."""
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


def module_map() -> dict[str, set[str]]:
    """docs/ARCHITECTURE.md's module map: folder -> the modules its row names."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text[text.index("## Module map"):]
    section = section[:section.index("\n## ")]
    rows: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            names = re.findall(r"`([\w.]+)`", _without_parentheses(cells[2]))
            rows[cells[0].strip("`").rstrip("/")] = set(names) - {"__init__", "__main__"}
    return rows


def test_architecture_module_map_matches_the_tree():
    """The module map names every package of atlas/ and every module in it, and nothing else."""
    rows = module_map()
    packages = {"atlas", "ui"} | {
        str(p.parent.relative_to(ROOT)) for p in (ROOT / "atlas").glob("*/__init__.py")}
    assert set(rows) == packages
    for folder, named in rows.items():
        on_disk = {p.stem for p in (ROOT / folder).glob("*.py")} - {"__init__", "__main__"}
        assert (folder, named) == (folder, on_disk)
