"""The emulator stands alone: of the rest of `tui` it may use only the API contract."""

from __future__ import annotations

import ast
from pathlib import Path

import tui.emulator

ALLOWED = {"tui.contract"}


def test_the_emulator_imports_only_the_contract_from_tui() -> None:
    root = Path(tui.emulator.__file__).parent
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] == "tui" and not name.startswith("tui.emulator"):
                    found[f"{path.relative_to(root)}:{node.lineno}"] = name
    assert set(found.values()) <= ALLOWED, found
