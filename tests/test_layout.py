"""The package layout: stages in the order data flows, imports pointing only back to earlier stages.

The import edges are read from the source with ``ast`` (nothing is imported),
so a cycle or an upstream import fails here before it fails anywhere else.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import parley

PACKAGE = Path(parley.__file__).parent

#: The subpackages, in the order data flows through them (and ``ls`` lists them).
STAGES = ("core", "corpus", "extract", "measures", "rollup", "run", "views")

#: Imports allowed inside a function, as (importing module, imported module), with why.
LAZY = {
    ("parley.__main__", "parley.run.inputs"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.views.report"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.run.cache"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.run.analysis"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.core.countries"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.run.newstory"): "the CLI imports late so that --help stays fast",
    ("parley.__main__", "parley.core.officeholders"): "the CLI imports late so that --help stays fast",
    ("parley.run.cluster", "dask"): "Dask is an optional dependency",
    ("parley.run.cluster", "distributed"): "Dask is an optional dependency",
    ("parley.corpus.articles", "charset_normalizer"): "only for a file that is not UTF-8",
    ("parley.corpus.articles", "trafilatura"): "only for HTML files; heavy to import",
    ("parley.views.explore", "ipywidgets"): "only in a notebook; heavy to import",
    ("parley.views.plots", "IPython.display"): "only in a notebook: import parley needs no IPython",
    ("parley.views.render", "IPython.display"): "only in a notebook: import parley needs no IPython",
    ("parley.views.report", "papermill"): "only when the report runs the notebooks",
    ("parley.views.report", "traitlets.config"): "only when the report runs the notebooks",
    ("parley.views.report", "jupyter_client"): "only when the report runs the notebooks",
}


def module_name(path: Path, root: Path) -> str:
    """Return the dotted module name of ``path`` in the package at ``root``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path) -> list[tuple[str, str, bool]]:
    """List ``(importer, imported, inside_function)`` for every import in the package at ``root``.

    A relative import is made absolute; ``from pkg import mod`` names the
    module ``pkg.mod`` when it is one.
    """
    modules = {module_name(p, root) for p in root.rglob("*.py")}
    out = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, inside in _walk(tree, False):
            if isinstance(node, ast.Import):
                out.extend((name, alias.name, inside) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    out.append((name, sub if sub in modules else base, inside))
    return out


def _walk(node: ast.AST, inside: bool):
    for child in ast.iter_child_nodes(node):
        yield child, inside
        yield from _walk(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))


def stage(module: str) -> str | None:
    """Return the stage of a module of the package (None for the package's own ``__init__`` and ``__main__``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else None


def problems(edges: list[tuple[str, str, bool]], lazy=LAZY) -> list[str]:
    """Return what breaks the layout: upstream imports, cycles, imports inside functions not in ``lazy``."""
    found = []
    graph: dict[str, set[str]] = {}
    for importer, imported, inside in edges:
        if inside and (importer, imported) not in lazy:
            found.append(f"{importer} imports {imported} inside a function")
        if imported.split(".")[0] != "parley":
            continue
        graph.setdefault(importer, set()).add(imported)
        a, b = stage(importer), stage(imported)
        if a is not None and b is None:
            found.append(f"{importer} ({a}) imports {imported}, outside the stages")
        elif a is not None and STAGES.index(b) > STAGES.index(a):
            found.append(f"{importer} ({a}) imports {imported} ({b}), a later stage")
    found.extend(f"import cycle: {' -> '.join(c)}" for c in _cycles(graph))
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one cycle through each module that reaches itself (depth-first search)."""
    cycles, done = [], set()
    for start in sorted(graph):
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    cycles.append(path + [start])
                    stack.clear()
                    break
                if nxt not in seen and nxt not in done:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        done.add(start)
    return cycles


def test_the_package_breaks_no_layout_rule():
    assert problems(imports(PACKAGE)) == []


def test_the_listing_names_the_stages_in_the_order_data_flows():
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == list(STAGES)


def test_every_allowed_late_import_is_still_made():
    made = {(a, b) for a, b, inside in imports(PACKAGE) if inside}
    assert set(LAZY) <= made, "an allowed late import is gone: drop it from LAZY"


@pytest.mark.parametrize("files, expected", [
    ({"core/a.py": "from ..run import b\n", "run/b.py": ""}, ["parley.core.a (core) imports parley.run.b (run)"]),
    ({"run/b.py": "from ..core.a import x\n", "core/a.py": "x = 1\n"}, []),
    ({"extract/a.py": "from .b import x\n", "extract/b.py": "from .a import y\n"}, ["import cycle"]),
    ({"extract/a.py": "def f():\n    from .b import x\n", "extract/b.py": ""}, ["inside a function"]),
    ({"measures/a.py": "from .. import config\n", "config.py": ""}, ["imports parley.config, outside the stages"]),
    ({"measures/a.py": "import parley\n"}, ["imports parley, outside the stages"]),
])
def test_problems_finds_upstream_imports_cycles_and_late_imports(tmp_path, files, expected):
    root = tmp_path / "parley"
    for name, source in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(source)
    found = problems(imports(root), lazy={})
    assert len(found) == len(expected)
    for text, want in zip(found, expected):
        assert want in text
