"""The import rules of docs/architecture.md: no import cycle, and each part imports only the parts below it.

Every ``import`` in every module counts, at module level or inside a function. An import of a name a
package's ``__init__`` re-exports counts as an import of the module that defines it.
"""

from __future__ import annotations

import ast
import graphlib
from functools import cache
from pathlib import Path

import pytest

import claimwatch

PACKAGE = Path(claimwatch.__file__).parent
ROOT = "claimwatch"

# Who may import whom: each part of claimwatch and the parts it may import (docs/architecture.md).
FOUNDATION = {"errors", "records"}
READING = FOUNDATION | {"gazetteer", "ingest", "extract", "nlp"}  # turning inputs into articles and parses
STAGES = READING | {"statements", "stance", "stories"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "records": {"errors"},
    "gazetteer": FOUNDATION,
    "ingest": FOUNDATION,
    "extract": FOUNDATION | {"gazetteer"},
    "nlp": FOUNDATION | {"gazetteer", "extract"},
    "store": FOUNDATION | {"extract"},
    "statements": READING,
    "stance": READING | {"statements"},
    "stories": STAGES | {"store"},
    "eval": STAGES | {"store", "api"},  # clustering runs the production assigner over a temporary store
    "pipeline": STAGES,  # the per-article stages over batches
    "workers": STAGES | {"pipeline"},  # the same batches on Dask
    "exports": STAGES,
    "api": STAGES | {"store", "pipeline", "workers", "exports"},
    "web": STAGES | {"store", "api", "exports"},
    "monitor": STAGES | {"store", "api"},
    "cli": STAGES | {"store", "api", "exports", "eval", "web", "monitor", "workers"},
    "data": set(),
    "__main__": {"cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


@cache
def reexports(package: str) -> dict[str, str]:
    """Names a package's ``__init__`` imports from its modules: name -> module it comes from."""
    found = {}
    for node in ast.walk(ast.parse(modules()[package].read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            source = absolute(package, node, package=True)
            for alias in node.names:
                found[alias.asname or alias.name] = resolve(source, alias.name)
    return found


def absolute(importer: str, node: ast.ImportFrom, package: bool = False) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base[: len(base) - node.level + (1 if package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def resolve(module: str, name: str) -> str:
    """The module ``from module import name`` depends on."""
    if f"{module}.{name}" in modules():
        return f"{module}.{name}"
    if module in modules() and is_package(module) and name in reexports(module):
        return reexports(module)[name]
    return module


@cache
def imports_of(name: str) -> frozenset[str]:
    """The claimwatch modules a module imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(modules()[name].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == ROOT}
        elif isinstance(node, ast.ImportFrom):
            source = absolute(name, node, package=is_package(name))
            if source.split(".")[0] == ROOT:
                found |= {resolve(source, alias.name) for alias in node.names}
    return frozenset(target for target in found if target in modules() and target != name)


def part(name: str) -> str:
    """The part of claimwatch a module belongs to: ``store`` for claimwatch.store.schema."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def test_every_module_is_found() -> None:
    assert {"claimwatch.api", "claimwatch.store.store", "claimwatch.web.app", "claimwatch.cli.output"} <= set(
        modules()
    )


def test_no_import_cycle() -> None:
    sorter = graphlib.TopologicalSorter({name: imports_of(name) for name in modules()})
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def violations() -> list[tuple[str, str]]:
    found = []
    for name in modules():
        allowed = ALLOWED.get(part(name), set()) | {part(name), ROOT}
        found += [(name, target) for target in imports_of(name) if part(target) not in allowed]
    return found


def test_each_part_imports_only_what_the_table_allows() -> None:
    assert set(ALLOWED) | {ROOT} >= {part(name) for name in modules()}, "a new part: add it to ALLOWED and the docs"
    assert violations() == []


@pytest.mark.parametrize("stage", ["statements", "stance", "stories", "web", "monitor", "api", "cli"])
def test_the_table_keeps_stages_out_of_the_store(stage: str) -> None:
    assert stage not in ALLOWED["store"]
