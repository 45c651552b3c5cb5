"""Units a newcomer can read one at a time: no function longer than 60 lines, no class longer than 200.

Lengths are read from the source with ``ast``, decorators and docstrings included.
The units below are longer, each with the reason it is left so.
"""
from __future__ import annotations

import ast
from pathlib import Path

import parley

PACKAGE = Path(parley.__file__).parent
MAX_FUNCTION, MAX_CLASS = 60, 200

#: Longer units allowed, as "module:qualified name", with why.
LONGER = {
    "extract/content.py:_grammar": "one constructor call: a field per rule of the lexicon",
    "measures/conditions.py:_lexicon": "one constructor call: a field per rule of the lexicon",
}


def _units(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = prefix + node.name
            yield name, node, node.end_lineno - node.lineno + 1
            yield from _units(node, name + ".")
        else:
            yield from _units(node, prefix)


def _too_long() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for name, node, lines in _units(ast.parse(path.read_text(encoding="utf-8"))):
            limit = MAX_CLASS if isinstance(node, ast.ClassDef) else MAX_FUNCTION
            if lines > limit and f"{module}:{name}" not in LONGER:
                out.append(f"{module}:{name} has {lines} lines (at most {limit})")
    return out


def test_no_unit_is_longer_than_a_newcomer_reads_at_once():
    assert _too_long() == []


def test_the_exemptions_name_units_that_exist():
    names = {f"{path.relative_to(PACKAGE).as_posix()}:{name}"
             for path in PACKAGE.rglob("*.py") for name, _, _ in _units(ast.parse(path.read_text(encoding="utf-8")))}
    assert sorted(set(LONGER) - names) == []
