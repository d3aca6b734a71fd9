"""``show SERVER:ID``: the server part of an id, when it names a profile of the run.

Video ids hold no ``:`` (OpenAI, vLLM and SGLang ids are ``video_`` + letters and digits,
LiteLLM's are base64), so a ``NAME:`` that names a server of the fleet is the server, and any
other text is the id as given.
"""

from __future__ import annotations

from tui.fleet import Fleet


def split_server(argument: str, fleet: Fleet) -> tuple[str | None, str]:
    """``(server, id)``: the fleet's server that ``argument`` names, or None for every server.

    Raises ValueError for a profile of the config file that is not a server of this run: the
    person meant that server, and asking the others would only say "no such job".
    """
    name, colon, rest = argument.partition(":")
    if not colon:
        return None, argument
    member = fleet.get(name)
    if member is not None and member.profile == name:
        return name, rest
    config = fleet.default.config
    if config is not None and name in config.profiles:
        servers = ", ".join(fleet.names)
        raise ValueError(
            f"{name!r} is a profile of the config file but not a server of this run "
            f"({servers}): add --profile {name}"
        )
    return None, argument
