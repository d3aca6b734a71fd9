"""Server flavours: the quirks of OpenAI and the compatible servers of API.md §8, one module
per server family. ``get_flavour`` picks one by the name the config gives."""

from __future__ import annotations

from .litellm import LitellmFlavour
from .openai import Flavour
from .relay import RelayFlavour
from .sglang import SglangFlavour
from .vllm import VllmFlavour

__all__ = ["Flavour", "get_flavour"]

_FLAVOURS: dict[str, type[Flavour]] = {
    cls.name: cls for cls in (Flavour, VllmFlavour, SglangFlavour, LitellmFlavour, RelayFlavour)
}


def get_flavour(name: str, default_limit: int = 20, *, ignores_paging: bool = False) -> Flavour:
    try:
        kind = _FLAVOURS[name]
    except KeyError:
        raise ValueError(
            f"unknown flavour {name!r}; expected one of {', '.join(_FLAVOURS)}"
        ) from None
    return kind(default_limit, ignores_paging=ignores_paging)
