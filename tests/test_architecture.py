"""House rules that keep the code findable: the core never imports streamlit,
pages stay thin, SQL stays in queries/."""

from __future__ import annotations

import ast

from monitor.store import ROOT


def imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module.split(".")[0]


def test_only_the_bridge_imports_streamlit_in_the_core():
    offenders = [p.name for p in ROOT.joinpath("monitor").glob("*.py")
                 if p.name != "bridge.py" and "streamlit" in set(imports(p))]
    assert offenders == []


def test_pages_are_thin_and_hold_no_sql():
    for path in [ROOT / "dashboard.py", *ROOT.joinpath("pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 120, path.name
        assert "duckdb" not in set(imports(path)), path.name
        assert "SELECT " not in text, path.name


def test_core_modules_stay_small():
    for path in ROOT.joinpath("monitor").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_no_page_url_path_equals_its_file_name():
    """Streamlit names a page by its URL path; pages/<path>.py would be taken for it and run without the header."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    pages = next(n.value for n in tree.body if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", None) == "PAGES")
    entries = [ast.literal_eval(e) for e in pages.elts]
    assert entries and all((ROOT / "pages" / name).exists() for name, *_ in entries)
    assert all(path and path != name.removesuffix(".py") for name, path, *_ in entries)
