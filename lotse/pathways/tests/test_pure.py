"""The engine stays pure Python: no module of lotse.pathways imports Django, so the
rules can be read, typed and tested on their own (conventions: domain logic)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_imports_django_or_other_apps():
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] == "django"
        or (name.startswith("lotse.") and not name.startswith("lotse.pathways"))
    ]
    assert offenders == []
