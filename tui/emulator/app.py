"""The ASGI application: API routes + control plane, wrapped in the wire layer."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from .control import Control
from .faults import FaultPlan
from .flavours import Flavour
from .routes import VideosApi
from .wire import RequestRecord, WireMiddleware
from .world import World


def build_app(
    *,
    world: World,
    flavour: Flavour,
    faults: FaultPlan,
    records: list[RequestRecord],
    api_key: str | None,
) -> ASGIApp:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        headers = dict(exc.headers or {})
        return flavour.http_error(exc.status_code, request.method, request.url.path, headers)

    control = Control(world, faults, flavour.name, records)
    app = Starlette(
        routes=[*VideosApi(world, flavour).routes(), *control.routes()],
        exception_handlers={404: http_error, 405: http_error},
    )
    return WireMiddleware(app, flavour=flavour, faults=faults, records=records, api_key=api_key)
