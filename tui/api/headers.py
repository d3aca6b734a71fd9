"""What every request carries: who we are, and the key, organization and project if given."""

from __future__ import annotations

from tui import __version__

JSON_ACCEPT = "application/json"
BINARY_ACCEPT = "application/binary"
# The package's own version, as `--version` says it: asking importlib.metadata instead costs
# its import and a scan of site-packages (~7 ms) before the first request.
USER_AGENT = f"sora-tui/{__version__}"


def default_headers(
    api_key: str | None, organization: str | None, project: str | None
) -> dict[str, str]:
    """Headers for every request; the key, organization and project under the SDK's names."""
    headers = {"User-Agent": USER_AGENT, "Accept": JSON_ACCEPT}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    if organization:
        headers["OpenAI-Organization"] = organization
    if project:
        headers["OpenAI-Project"] = project
    return headers
