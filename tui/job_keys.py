"""A job's key: its id, or in a fleet its server's name and its id.

The same id on two servers is two jobs, so a fleet's merged view keys each job by
``server + SEPARATOR + id``. One server's dashboard keys a job by its id alone (no separator):
`split_key` gives ``("", id)`` then. A profile name never holds the separator (a control
character), so the first one splits a key.
"""

from __future__ import annotations

from typing import Final

SEPARATOR: Final = "\x1f"  # the ASCII unit separator: in no profile name, in no id we show


def job_key(server: str, video_id: str) -> str:
    return f"{server}{SEPARATOR}{video_id}" if server else video_id


def split_key(key: str) -> tuple[str, str]:
    """(server, id); the server is "" for a key of one server's dashboard."""
    server, separator, video_id = key.partition(SEPARATOR)
    return (server, video_id) if separator else ("", key)


def video_id_of(key: str) -> str:
    return split_key(key)[1]


def server_of(key: str) -> str:
    return split_key(key)[0]
