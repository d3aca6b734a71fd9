"""tui/contract.py: the API facts several layers share, and the models that must agree with them."""

from __future__ import annotations

import ast
from pathlib import Path

from tui import contract
from tui.api import models


def test_the_video_model_declares_the_contract_fields_in_order() -> None:
    assert tuple(models.Video.model_fields) == contract.VIDEO_FIELDS


def test_page_bounds() -> None:
    assert (contract.PAGE_LIMIT_MIN, contract.PAGE_SIZE_MIN, contract.PAGE_LIMIT_MAX) == (0, 1, 100)


def test_statuses_are_shared_with_the_models() -> None:
    assert models.KNOWN_STATUSES == contract.KNOWN_STATUSES
    assert models.IN_FLIGHT_STATUSES == contract.IN_FLIGHT_STATUSES


def test_the_contract_imports_nothing_from_tui() -> None:
    tree = ast.parse(Path(contract.__file__).read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name == "tui" or name.startswith("tui.")]
