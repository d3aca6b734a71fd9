"""The house rules that a reader of one file cannot check: layers, private names, module sizes.

* **Layers**: ``api → feed → widgets/screens → features → app`` (docs/architecture.md). A module
  imports only from its own layer or the ones below; the emulator imports nothing of the client
  side but the API's facts (tui/contract.py); no feature imports another.
* **No private names of a library**: no ``obj._name`` on anything but ``self``/``cls`` anywhere
  in ``tui/``, and no ``self._name`` (or method) in a Textual subclass where ``_name`` is one of
  Textual's own attributes (overriding or reading its internals).
* **Short modules**: every module of ``tui/`` at most 300 lines, the median at most 130.
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import importlib.util
import inspect
import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tui"

# The layer of each part of the package (a module imports from its layer or lower ones).
LAYERS: dict[str, int] = {
    "tui": 0,  # `from tui import clock`
    "tui.contract": 0,
    "tui.base_url": 0,
    "tui.text": 0,
    "tui.clock": 0,
    "tui.files": 0,
    "tui.style": 0,
    "tui.actions": 0,
    "tui.config": 0,
    "tui.config_errors": 0,
    "tui.config_lines": 0,
    "tui.config_schema": 0,
    "tui.config_theme": 0,
    "tui.settings": 0,
    "tui.fleet": 0,
    "tui.job_keys": 0,
    "tui.api": 1,
    "tui.feed": 2,
    "tui.history": 2,
    "tui.cost": 2,
    "tui.stats": 2,
    "tui.messages": 2,
    "tui.widgets": 3,
    "tui.screens": 3,
    "tui.features": 4,
    "tui.app": 5,
    "tui.commands": 6,
    "tui.cli_parser": 6,
    "tui.cli": 6,
    "tui.__main__": 6,
}
EMULATOR = "tui.emulator"
MAY_START_THE_EMULATOR = {"tui.app", "tui.commands", "tui.cli", "tui.cli_parser"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield name.removesuffix(".__init__"), path


def part(module: str) -> str:
    """The part a module belongs to: ``tui.feed.poller`` → ``tui.feed``."""
    return ".".join(module.split(".")[:2])


def parse(path: Path) -> ast.Module:
    """The module's syntax tree. CPython 3.11.7 can fail an `ast.parse` whose tree-building is
    interrupted by another (a finalizer run by the collector, e.g. one that formats a
    traceback): "AST constructor recursion depth mismatch" (gh-106905, fixed in 3.11.8). With the
    collector off while parsing, no finalizer runs in the middle; a mismatch from elsewhere is
    retried once."""
    source = path.read_text()
    with collector_off():
        try:
            return ast.parse(source, str(path))
        except SystemError:
            return ast.parse(source, str(path))


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def imports(path: Path) -> Iterator[tuple[int, str]]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.ImportFrom) and node.level > 0:  # from ..api import models
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            if node.module:
                yield node.lineno, base
            else:  # from . import x: the modules x
                yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tui":  # from tui import clock: the module tui.clock
                for alias in node.names:
                    yield node.lineno, "tui" if alias.name.startswith("__") else f"tui.{alias.name}"
            elif node.module.startswith("tui"):
                yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.startswith("tui"))


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part(name) for name, _path in modules()}
    assert parts - set(LAYERS) - {EMULATOR} == set()


def test_imports_go_down_the_layers_only() -> None:
    wrong: list[str] = []
    for name, path in modules():
        here = part(name)
        for line, target in imports(path):
            there = part(target)
            where = f"{path.relative_to(ROOT)}:{line} imports {target}"
            if here == EMULATOR:
                if there not in (EMULATOR, "tui.contract"):
                    wrong.append(f"{where} (the emulator is independent of the client side)")
            elif there == EMULATOR:
                if here not in MAY_START_THE_EMULATOR:
                    wrong.append(f"{where} (only the app and the commands start an emulator)")
            elif LAYERS[there] > LAYERS[here]:
                wrong.append(f"{where} (layer {LAYERS[here]} reaching up to {LAYERS[there]})")
    assert wrong == []


def test_no_feature_imports_another() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for name, path in modules()
        if part(name) == "tui.features"
        for line, target in imports(path)
        if target.startswith("tui.features.") and target not in ("tui.features.base", name)
    ]
    assert wrong == []


def test_no_private_attribute_of_another_object() -> None:
    wrong: list[str] = []
    for _name, path in modules():
        for node in ast.walk(parse(path)):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            if node.attr.startswith("__"):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super":
                continue
            wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert wrong == []


def _textual_names(cls: type) -> set[str]:
    """Every attribute name Textual's classes in ``cls``'s MRO define (class and instance)."""
    names: set[str] = set()
    for base in inspect.getmro(cls):
        if not base.__module__.startswith("textual"):
            continue
        names.update(vars(base))
        init = vars(base).get("__init__")
        with contextlib.suppress(Exception):  # a base that needs arguments: class names only
            instance: object = object.__new__(base)
            if callable(init):
                init(instance)  # what its __init__ sets on an instance
            names.update(vars(instance))
    return names


def _textual_subclasses() -> Iterator[tuple[Path, ast.ClassDef, type]]:
    for name, path in modules():
        if part(name) == EMULATOR or name.endswith("__main__"):  # __main__ would run the CLI
            continue
        module = importlib.import_module(name)
        for node in ast.walk(parse(path)):
            if not isinstance(node, ast.ClassDef):
                continue
            found = getattr(module, node.name, None)
            if inspect.isclass(found) and any(
                base.__module__.startswith("textual") for base in inspect.getmro(found)[1:]
            ):
                yield path, node, found


def test_no_textual_internals_read_or_overridden() -> None:
    from textual.widgets import Footer

    known = _textual_names(Footer)  # the scanner sees Textual's privates (what _Footer used)
    assert {"_bindings", "_bindings_ready", "_on_mount"} <= known
    wrong: list[str] = []
    for path, node, cls in _textual_subclasses():
        theirs = {n for n in _textual_names(cls) if n.startswith("_") and not n.startswith("__")}
        for inner in ast.walk(node):
            used = None
            if isinstance(inner, ast.Attribute) and getattr(inner.value, "id", "") == "self":
                used = inner.attr
            elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                used = inner.name
            if used in theirs:
                line = getattr(inner, "lineno", 0)
                wrong.append(f"{path.relative_to(ROOT)}:{line} {node.name}: {used}")
    assert wrong == []


@pytest.mark.parametrize("limit", [300])
def test_modules_are_short(limit: int) -> None:
    lengths = {path: len(path.read_text().splitlines()) for _name, path in modules()}
    long = {str(path.relative_to(ROOT)): n for path, n in lengths.items() if n > limit}
    assert long == {}
    assert statistics.median(lengths.values()) <= 130


def test_the_architecture_page_matches_the_tree() -> None:
    """docs/architecture.md names every module of the package, and nothing that is not there."""
    page = (ROOT / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`(tui/[\w/]+(?:\.py)?)`", page))
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []
    files = {"tui/" + "/".join(path.relative_to(PACKAGE).parts) for _name, path in modules()}
    rows = [line for line in page.splitlines() if line.startswith("| ")]

    def described(path: str) -> bool:
        """Named whole, or by its file name in the row of its folder (or a folder above it)."""
        if path in named:
            return True
        folder, name = path.rsplit("/", 1)
        homes = {folder + "/"} | {f"{folder.rsplit('/', n)[0]}/" for n in range(1, 3)}
        return any(
            f"`{name}`" in row and any(f"`{home}`" in row.split("|")[1] for home in homes)
            for row in rows
        )

    unnamed = [
        path
        for path in sorted(files)
        if not path.endswith(("__init__.py", "__main__.py")) and not described(path)
    ]
    assert unnamed == []
