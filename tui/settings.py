"""One validated Settings object: flags, then environment, then defaults (like the official SDK)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class Settings(BaseModel):
    """What the dashboard needs to run. The key is a SecretStr: repr and dumps show '**********'."""

    model_config = ConfigDict(frozen=True)

    base_url: str = DEFAULT_BASE_URL
    api_key: SecretStr | None = None
    organization: str | None = None
    project: str | None = None
    demo: bool = False
    read_only: bool = False
    page_size: int = Field(default=50, ge=1, le=100)
    fast_interval: float = Field(default=2.0, gt=0)
    slow_interval: float = Field(default=15.0, gt=0)
    timeout: float = Field(default=20.0, gt=0)

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base URL must be an http(s) URL, got {value!r}")
        # Credentials in a URL would be shown in the status line: refuse them.
        if parts.username or parts.password:
            raise ValueError("base URL must not carry credentials; use OPENAI_API_KEY")
        return urlunsplit(parts._replace(path=parts.path.rstrip("/"), query="", fragment=""))

    @property
    def key(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key else None

    @property
    def runs_demo(self) -> bool:
        """Demo mode: asked for, or no key to talk to a real server with."""
        return self.demo or self.api_key is None


def from_sources(
    *,
    base_url: str | None = None,
    demo: bool = False,
    page_size: int | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings from command-line values first, then the environment, then defaults."""
    env = os.environ if env is None else env
    key = env.get("OPENAI_API_KEY") or None
    values: dict[str, object] = {
        "base_url": base_url or env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
        "api_key": SecretStr(key) if key else None,
        "organization": env.get("OPENAI_ORG_ID") or None,
        "project": env.get("OPENAI_PROJECT_ID") or None,
        "demo": demo,
    }
    if page_size is not None:
        values["page_size"] = page_size
    return Settings.model_validate(values)
