"""The one error of the config file, shared by reading it and by writing the theme into it."""

from __future__ import annotations


class ConfigError(ValueError):
    """A config file that cannot be used; ``str()`` is one line naming the file and line."""
