"""Where a history lives: one file per server (base URL + profile) in the platform's data dir."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import platformdirs

HISTORY_DIR_ENV: Final = "SORA_TUI_HISTORY_DIR"  # overrides the directory (tests set it)
_UNSAFE: Final = re.compile(r"[^a-z0-9_-]+")


def history_dir() -> Path:
    """``$SORA_TUI_HISTORY_DIR`` if set, else the platform's data dir for sora-tui."""
    override = os.environ.get(HISTORY_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_data_path("sora-tui") / "history"


def public_url(base_url: str) -> str:
    """``base_url`` without credentials or trailing slash, scheme and host in lower case."""
    parts = urlsplit(base_url.strip())
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, parts.fragment))


def slug(profile: str) -> str:
    """A profile name as a file name: lower case, unsafe runs as ``-``."""
    return _UNSAFE.sub("-", profile.lower()).strip("-") or "default"


def history_file(base_url: str, profile: str, *, demo: bool = False) -> Path:
    """``demo.sqlite3`` for the demo, else ``<profile>-<12 hex of the server>.sqlite3``."""
    if demo:
        return history_dir() / "demo.sqlite3"
    server = hashlib.sha256(public_url(base_url).encode()).hexdigest()[:12]
    return history_dir() / f"{slug(profile)}-{server}.sqlite3"
