"""The house rules on layers, read from the code (CONTRIBUTING.md "Layers"):

- the domain modules (listed below) import neither streamlit nor the store, not even
  through another module;
- pages (tracker/pages) and tracker/ui hold no SQL and no database driver;
- module-level imports among tracker modules form no cycle.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tracker"

#: Pure packages: the plan's rules and figures (domain), the grid adapters and the file
#: exchange (bytes in and out). Every module in them is held to the rule; a new module
#: is covered by being put there.
PURE_PACKAGES = ("domain", "grid", "exchange")
DOMAIN = tuple(sorted(
    ".".join(("tracker",) + p.relative_to(PACKAGE).with_suffix("").parts)
    for pkg in PURE_PACKAGES for p in (PACKAGE / pkg).glob("*.py") if p.name != "__init__.py"
))
#: What a domain module must not import, directly or through another module.
FORBIDDEN = ("streamlit", "tracker.store", "tracker.ui", "tracker.pages", "tracker.db",
             "sqlite_utils", "sqlite3")
#: Where SQL must not be written.
NO_SQL = ("pages", "ui")
_SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                  r"CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+TABLE|PRAGMA\s+\w+)\b", re.S)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tracker_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def all_imports(tree: ast.AST, module: str) -> set[str]:
    """Every module named by an import anywhere in ``tree`` (functions included)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module)
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


def _resolve(node: ast.ImportFrom, module: str) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")[: -node.level] if node.level else []
    return ".".join([*package, *([node.module] if node.module else [])])


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def module_level_imports(tree: ast.Module, module: str, known: set[str]) -> set[str]:
    """The tracker modules ``module`` imports when it is imported: top-level statements
    (and their try/if blocks, except ``if TYPE_CHECKING``), not function bodies."""
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(node, module)
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    found.add(sub if sub in known else base)
            elif isinstance(node, ast.If) and not _type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for h in node.handlers:
                    visit(h.body)
                visit(node.orelse)
                visit(node.finalbody)

    visit(tree.body)
    return {m for m in found if m in known and m != module}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = tracker_modules()
    known = set(modules)
    return {m: module_level_imports(ast.parse(p.read_text(encoding="utf-8")), m, known)
            for m, p in modules.items()}


def sql_in(path: Path) -> list[str]:
    """SQL text, ``.execute*`` calls and database drivers found in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and _SQL.search(node.value):
            found.append(f"line {node.lineno}: SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("execute", "executemany", "executescript"):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
    for name in all_imports(tree, module_name(path)):
        if name.split(".")[0] in ("sqlite3", "sqlite_utils"):
            found.append(f"imports {name}")
    return found


# --- the rules ---------------------------------------------------------------------


def test_the_pure_packages_hold_the_domain():
    # the rule is not vacuous: the core of the plan is in the packages it checks
    for m in ("rollup", "league", "validation", "permissions", "calendar", "clock"):
        assert f"tracker.domain.{m}" in DOMAIN
    assert {"tracker.grid.grid_edits", "tracker.exchange.importing"} <= set(DOMAIN)


def test_domain_modules_name_neither_streamlit_nor_the_store():
    modules = tracker_modules()
    bad = {}
    for m in DOMAIN:
        names = all_imports(ast.parse(modules[m].read_text(encoding="utf-8")), m)
        hits = sorted(n for n in names if _forbidden(n))
        if hits:
            bad[m] = hits
    assert bad == {}


def test_importing_the_domain_pulls_in_neither_streamlit_nor_the_store():
    # in a fresh interpreter, what each domain module brings along when imported
    code = (
        "import importlib, json, sys\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "out = {}\n"
        f"for m in {list(DOMAIN)!r}:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(m)\n"
        "    new = [n for n in set(sys.modules) - before\n"
        "           if any(n == f or n.startswith(f + '.') for f in forbidden)]\n"
        "    if new: out[m] = sorted(new)[:5]\n"
        "print(json.dumps(out))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {}


def test_pages_and_ui_hold_no_sql():
    bad = {}
    for folder in NO_SQL:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            hits = sql_in(path)
            if hits:
                bad[str(path.relative_to(ROOT))] = hits
    assert bad == {}


def test_no_import_cycles_among_tracker_modules():
    assert cycles(import_graph()) == []


# --- the checks themselves catch what they are for -----------------------------------


def test_the_checks_see_a_violation():
    tree = ast.parse("import streamlit as st\ndef f():\n    from tracker.store import x\n")
    assert {n for n in all_imports(tree, "tracker.domain.rollup") if _forbidden(n)} == {
        "streamlit", "tracker.store", "tracker.store.x"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    lazy = ast.parse("def f():\n    import tracker.b\nif TYPE_CHECKING:\n    import tracker.c\n")
    assert module_level_imports(lazy, "tracker.a", {"tracker.b", "tracker.c"}) == set()
    assert _SQL.search("SELECT id FROM status WHERE year = ?")
    assert _SQL.search("UPDATE status SET progress = 1")
    assert not _SQL.search("Select a district from the list")


#: Streamlit's public modules; any other ``streamlit.*`` import is an internal.
STREAMLIT_PUBLIC = ("streamlit", "streamlit.testing.v1", "streamlit.components.v1")


def test_streamlit_internals_only_in_the_adapter():
    # tracker/ui/st_internals.py wraps every private Streamlit name (one file to review
    # on an upgrade); bench code is left to its move into tracker/bench/ (issue 12)
    bad = {}
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / "streamlit_app.py"]
    for path in files:
        if path.name == "st_internals.py" or "bench" in path.name \
                or "bench" in path.parent.name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n for n in all_imports(tree, module_name(path) if PACKAGE in path.parents
                                        else path.stem)
                 if n.split(".")[0] == "streamlit"}
        private = sorted(n for n in names if not any(
            n == p or n.startswith(p + ".") for p in STREAMLIT_PUBLIC[1:]) and n != "streamlit")
        private += [f"line {n.lineno}: .{n.attr}" for n in ast.walk(tree)
                    if isinstance(n, ast.Attribute) and n.attr.startswith("_")
                    and isinstance(n.value, ast.Name) and n.value.id in ("st", "at")
                    and not n.attr.startswith("__")]
        if private:
            bad[str(path.relative_to(ROOT))] = private
    assert bad == {}


def test_the_top_level_is_grouped():
    # one package per concern; only the entry points and infrastructure stay on top
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "auth", "cli", "config", "db", "memo", "serve"]
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert packages == ["bench", "commands", "demo", "domain", "exchange", "grid",
                        "migrations", "notify", "pages", "report", "store", "strings", "ui"]


def test_bench_and_demo_each_live_in_one_package():
    # (the string catalogues are one module per area by rule, tracker/strings/<area>.py)
    stray = [name for name in tracker_modules() if not name.startswith("tracker.strings.")
             and any(part.startswith(("bench", "demo")) for part in name.split(".")[1:])
             and name.split(".")[1] not in ("bench", "demo")]
    assert stray == []
