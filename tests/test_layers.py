"""Imports go down the layers of the package, never up or sideways, and no modules import each other, not
even through an import inside a function.

    0  the package root: errors, text, safewrite, __init__
    1  rules
    2  schedule
    3  lookup, audit, compare (none imports another)
    4  comments (reads letters with audit, finds citations with lookup), ledger (records audits over time)
    5  documents, site (the site's dashboard reads the ledger; neither imports the other)
    6  desk (the front door: a workspace's committees on a day, the questions the commands ask)
    7  cli (with __main__, the ``python -m quyche_cli`` entry point that runs it)

A module may import its own room and lower levels. Every import counts, at module level, inside functions and
under ``if TYPE_CHECKING:`` alike (a type is a dependency too); only the package root's TYPE_CHECKING imports
and lazy ``import_module`` calls, which make the public API, are exempt.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = "quyche_cli"
SOURCE = ROOT / "src" / PACKAGE
LEVELS = {
    "root": 0,
    "rules": 1,
    "schedule": 2,
    "lookup": 3,
    "audit": 3,
    "compare": 3,
    "comments": 4,
    "ledger": 4,
    "site": 5,
    "documents": 5,
    "desk": 6,
    "cli": 7,
}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    module_level: bool  # runs when the importer is imported (not in a function, not under TYPE_CHECKING)
    type_checking: bool

    def __str__(self) -> str:
        path = self.importer.replace(".", "/")
        return f"src/{path}.py:{self.line}: imports {self.imported}"


def module_name(path: Path, source: Path = SOURCE) -> str:
    parts = path.relative_to(source.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """The room of a module: its first name below the package, or ``root`` for the package's own modules."""
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] == "__main__":
        return "cli"  # `python -m quyche_cli` runs the command line
    return parts[1] if len(parts) > 2 or parts[1] in LEVELS else "root"


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def public_api(modules: dict[str, ast.Module]) -> dict[str, str]:
    """The package root's lazy names and the module each is imported from (its ``_API`` table)."""
    for node in modules[PACKAGE].body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_API" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, dict)
            return value
    return {}


def imports_of(name: str, tree: ast.Module, modules: dict[str, ast.Module]) -> Iterator[Import]:
    """Every import of a package module in ``tree``, resolved to the module that it loads."""
    api = public_api(modules) if PACKAGE in modules else {}
    is_package = name == PACKAGE or any(m.startswith(f"{name}.") for m in modules)

    def targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
            return
        base = node.module or ""
        if node.level:
            anchor = name.split(".") if is_package else name.split(".")[:-1]
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule in modules:
                yield submodule
            elif base == PACKAGE and alias.name in api:
                yield api[alias.name]
            else:
                yield base

    def visit(node: ast.AST, module_level: bool, type_checking: bool) -> Iterator[Import]:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in targets(node):
                if target == PACKAGE or target.startswith(f"{PACKAGE}."):
                    yield Import(name, target, node.lineno, module_level and not type_checking, type_checking)
            return
        runs_on_import = module_level and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for field, value in ast.iter_fields(node):
            guarded = type_checking or (isinstance(node, ast.If) and field == "body" and is_type_checking(node.test))
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST):
                    yield from visit(child, runs_on_import, guarded)

    yield from visit(tree, True, False)


def parse_package(source: Path = SOURCE) -> dict[str, ast.Module]:
    return {module_name(path, source): ast.parse(path.read_text(encoding="utf-8")) for path in source.rglob("*.py")}


def all_imports(modules: dict[str, ast.Module]) -> list[Import]:
    return [found for name, tree in sorted(modules.items()) for found in imports_of(name, tree, modules)]


def violations(imports: list[Import]) -> list[Import]:
    """Imports of a higher level, or of another room at the same level (lookup and audit)."""
    bad = []
    for found in imports:
        if found.importer == PACKAGE and found.type_checking:
            continue  # the public API's annotations
        source, target = room(found.importer), room(found.imported)
        if source == target:
            continue
        if LEVELS[target] >= LEVELS[source]:
            bad.append(found)
    return bad


def cycles(imports: list[Import]) -> list[list[str]]:
    """Groups of modules that import each other, at module level, in a function or for types alike (strongly
    connected components, Tarjan); the package root's TYPE_CHECKING imports (the public API) do not count."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        if found.importer == PACKAGE and found.type_checking:
            continue
        if found.imported != found.importer:
            graph.setdefault(found.importer, set()).add(found.imported)
            graph.setdefault(found.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
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
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


MODULES = parse_package()
IMPORTS = all_imports(MODULES)


def test_every_module_is_in_a_room_with_a_level() -> None:
    assert len(MODULES) > 40
    assert {room(name) for name in MODULES} == set(LEVELS)


def test_the_scan_sees_imports_in_functions_and_under_type_checking() -> None:
    found = {(i.importer, i.imported): i for i in IMPORTS}
    in_function = found[("quyche_cli.documents.kinds", "quyche_cli.lookup.duties")]
    assert not in_function.module_level and not in_function.type_checking
    type_only = found[("quyche_cli.cli.views", "quyche_cli.rules.index")]
    assert type_only.type_checking and not type_only.module_level
    # "from quyche_cli import text as vt", "from quyche_cli.documents import data as rd": the submodules
    assert found[("quyche_cli.audit.sender", "quyche_cli.text")].module_level
    assert found[("quyche_cli.documents.kinds", "quyche_cli.documents.data")].module_level


def test_imports_only_go_down_the_layers() -> None:
    found = [str(i) for i in violations(IMPORTS)]
    assert found == [], "\n".join(found)


def test_no_import_cycle_lazy_or_not() -> None:
    assert cycles(IMPORTS) == []


FAKE_PACKAGE = {
    "__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from quyche_cli.cli.app import app\n",
    "errors.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from quyche_cli.rules.model import Model\n",
    "text.py": "",
    "rules/__init__.py": "",
    "rules/model.py": "from quyche_cli import text\n",
    "rules/index.py": "def late():\n    from quyche_cli.cli import app\n",
    "rules/locate.py": "def find():\n    from quyche_cli.rules.load import read\n",
    "rules/load.py": "import typing\nif typing.TYPE_CHECKING:\n    from .locate import find\n",
    "lookup/__init__.py": "",
    "lookup/search.py": "from quyche_cli.audit import sender\nfrom . import near\n",
    "lookup/near.py": "from .search import x\n",
    "audit/__init__.py": "",
    "audit/sender.py": "from quyche_cli.rules.model import Model\n",
    "cli/__init__.py": "",
    "cli/app.py": "import quyche_cli.documents\n",
    "schedule/__init__.py": "",
    "documents/__init__.py": "",
    "__main__.py": "from quyche_cli.cli.app import app\n",
}


@pytest.fixture
def fake(tmp_path: Path) -> list[Import]:
    source = tmp_path / PACKAGE
    for relative, text in FAKE_PACKAGE.items():
        path = source / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return all_imports(parse_package(source))


def test_the_checker_catches_what_it_must(fake: list[Import]) -> None:
    assert {(i.importer, i.imported) for i in violations(fake)} == {
        ("quyche_cli.errors", "quyche_cli.rules.model"),  # under TYPE_CHECKING, outside the package root
        ("quyche_cli.rules.index", "quyche_cli.cli.app"),  # inside a function
        ("quyche_cli.lookup.search", "quyche_cli.audit.sender"),  # sideways, same level
    }
    assert cycles(fake) == [
        ["quyche_cli.lookup.near", "quyche_cli.lookup.search"],
        ["quyche_cli.rules.load", "quyche_cli.rules.locate"],  # in a function, and for types only
    ]
