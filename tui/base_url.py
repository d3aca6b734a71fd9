"""What a base URL may be, checked once for flags, the environment and the config file alike."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def normalise_base_url(value: str) -> str:
    """An http(s) base URL without credentials, trailing slash, query or fragment."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base URL must be an http(s) URL, got {value!r}")
    # Credentials in a URL would be shown in the status line: refuse them.
    if parts.username or parts.password:
        raise ValueError("base URL must not carry credentials; use OPENAI_API_KEY")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
