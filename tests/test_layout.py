"""The package's shape (issue 11): no module over the size line, no one-letter module aliases (the import
graph has its own test)."""
import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 500


def oversize(source: str) -> int | None:
    """The line count of a module over the size line, else None."""
    n = len(source.splitlines())
    return n if n > MAX_LINES else None


def one_letter_aliases(source: str) -> list[str]:
    """`import x as L`, `from x import y as E`, and module-level `L = lexicon.ja()`-style bindings."""
    tree = ast.parse(source)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bad += [a.asname for a in node.names if a.asname and len(a.asname.strip("_")) == 1]
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Call, ast.Attribute, ast.Name)):
            bad += [t.id for t in node.targets if isinstance(t, ast.Name) and re.fullmatch(r"_?[A-Za-z]", t.id)]
    return bad


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_shape(path):
    source = path.read_text(encoding="utf-8")
    assert oversize(source) is None, f"{path.relative_to(PACKAGE)}: {oversize(source)} lines (over {MAX_LINES})"
    assert not one_letter_aliases(source), f"{path.relative_to(PACKAGE)}: {one_letter_aliases(source)}"


def test_the_checks_catch_what_they_are_for():
    assert oversize("x = 1\n" * (MAX_LINES + 1)) == MAX_LINES + 1 and oversize("x = 1\n") is None
    assert one_letter_aliases("import numpy as N\nfrom a import b as E\nL = lexicon.ja()\n") == ["N", "E", "L"]
    assert one_letter_aliases("import numpy as np\nJA = lexicon.ja()\nx = 1\n") == []
