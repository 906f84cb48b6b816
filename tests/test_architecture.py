"""House rules that keep the code findable: product areas over a shared core, imports that run downward only and
never in a circle, the core free of streamlit, thin pages, SQL in queries/."""

from __future__ import annotations

import ast

from monitor.core.store import ROOT

MONITOR = ROOT / "monitor"
# Imports run downward only: pages and the command line on top, the product areas in the middle, core at the bottom.
LAYER = {"core": 0, "upload": 1, "leader": 1, "whatif": 2, "briefing": 2, "cli": 3, "bridge": 3, "__main__": 3}
LAYER["statistics"] = 2  # SDMX import, monthly grain, revisions: over upload (it loads through ingest), under cli
LAYER["accountability"] = 1.5  # over leader and upload (it reads the status report, the upload reader), under briefing
LAYER["nowcast"] = 1.8  # over core, upload and leader (reads its own queries), under whatif and briefing (they use it)
LAYER["annotations"] = 1.6  # over leader, upload, accountability (issue 16: the upload reader, their reports); under
#                            whatif and briefing, whose charts and narrative draw and cite the annotations
ENTRY_POINTS = {"__init__.py", "__main__.py"}


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path, known: set[str]) -> set[str]:
    """Every monitor module a file imports, at the top or inside a function (`from monitor.x import y` counts y when
    y is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("monitor")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("monitor"):
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            found |= subs or {node.module}
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in MONITOR.rglob("*.py")}
    known = set(paths)
    return {name: imported_modules(path, known) - {name} for name, path in paths.items()}


def area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module.split(".")[0]


def test_the_tree_shows_the_product_areas():
    loose = sorted(p.name for p in MONITOR.glob("*.py") if p.name not in ENTRY_POINTS)
    assert loose == []
    areas = sorted(p.name for p in MONITOR.iterdir() if (p / "__init__.py").exists())
    assert areas == sorted(a for a in LAYER if a != "__main__")


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return sorted(f"{m} -> {d}" for m, deps in edges.items() for d in deps
                  if area(m) not in ("__init__", "__main__") and area(m) != area(d)
                  and LAYER.get(area(d), 0) >= LAYER.get(area(m), 0))


def circles(edges: dict[str, set[str]]) -> list[str]:
    found = set()

    def visit(node, path, done):
        for nxt in sorted(edges.get(node, ())):
            if nxt in path:
                found.add(" -> ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in done:
                done.add(nxt)
                visit(nxt, path + [nxt], done)

    for start in sorted(edges):
        visit(start, [start], {start})
    return sorted(found)


def test_imports_run_downward_only():
    assert upward_imports(graph()) == []


def test_no_import_circles():
    assert circles(graph()) == []


def test_the_import_rules_catch_a_new_violation():
    """The two checks fail on a new upward import or circle: shown on made-up graphs."""
    assert upward_imports({"monitor.core.store": {"monitor.leader.status"},
                           "monitor.leader.status": {"monitor.core.store"}}) == [
        "monitor.core.store -> monitor.leader.status"]
    assert upward_imports({"monitor.whatif.views": {"monitor.briefing.slides"}}) == [
        "monitor.whatif.views -> monitor.briefing.slides"]
    assert circles({"monitor.leader.a": {"monitor.leader.b"}, "monitor.leader.b": {"monitor.leader.c"},
                    "monitor.leader.c": {"monitor.leader.a"}})[0].count("->") == 3
    assert circles({"monitor.leader.a": {"monitor.core.b"}, "monitor.core.b": set()}) == []


def test_only_the_bridge_imports_streamlit_in_the_core():
    offenders = [p.name for p in MONITOR.rglob("*.py")
                 if p.parent.name != "bridge" and "streamlit" in set(imports(p))]
    assert offenders == []
    assert "streamlit" in set(imports(MONITOR / "bridge" / "base.py"))


def test_pages_are_thin_and_hold_no_sql():
    for path in [ROOT / "dashboard.py", *ROOT.joinpath("pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 120, path.name
        assert "duckdb" not in set(imports(path)), path.name
        assert "SELECT " not in text, path.name


def test_core_modules_stay_small():
    for path in MONITOR.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_no_page_url_path_equals_its_file_name():
    """Streamlit names a page by its URL path; pages/<path>.py would be taken for it and run without the header."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    pages = next(n.value for n in tree.body if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", None) == "PAGES")
    entries = [ast.literal_eval(e) for e in pages.elts]
    assert entries and all((ROOT / "pages" / name).exists() for name, *_ in entries)
    assert all(path and path != name.removesuffix(".py") for name, path, *_ in entries)
