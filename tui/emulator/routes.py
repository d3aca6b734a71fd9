"""The Videos API endpoints (API.md §1) over the world, shaped by the flavour."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import media, params
from .flavours import Flavour
from .params import Invalid
from .world import UnknownCursor, World

VARIANTS = ("video", "thumbnail", "spritesheet")
ORDERS = ("asc", "desc")


class VideosApi:
    def __init__(self, world: World, flavour: Flavour) -> None:
        self.world = world
        self.flavour = flavour

    def routes(self) -> list[Route]:
        routes: list[Route] = []
        for prefix in self.flavour.prefixes:
            base = f"{prefix}/videos"
            # `:path` because ids may hold a percent-encoded '/' (LiteLLM's base64 ids); the
            # longer paths come first so ".../content" is never read as part of an id.
            item_methods = ["GET", "DELETE"] if self.flavour.has_delete else ["GET"]
            routes += [
                Route(base, self.list_videos, methods=["GET"]),
                Route(base, self.create, methods=["POST"]),
                Route(base + "/{video_id:path}/content", self.content, methods=["GET"]),
                Route(base + "/{video_id:path}/remix", self.remix, methods=["POST"]),
                Route(base + "/{video_id:path}", self.item, methods=item_methods),
            ]
        return routes

    # --- helpers ----------------------------------------------------------------------------

    def _video(self, video: dict[str, Any], request: Request) -> dict[str, Any]:
        return self.flavour.video(video, str(request.base_url))

    def _single(self, video: dict[str, Any], request: Request) -> Response:
        return JSONResponse(self.flavour.single(video, str(request.base_url)))

    def _find(self, video_id: str) -> dict[str, Any] | None:
        return self.world.get(self.flavour.world_id(video_id))

    def _invalid(self, error: Invalid) -> Response:
        return self.flavour.invalid(error.param, error.message, error.code, error.value)

    def _not_found(self, video_id: str) -> Response:
        return self.flavour.error(
            404, f"Video with id '{video_id}' not found.", param="video_id", code="video_not_found"
        )

    # --- endpoints --------------------------------------------------------------------------

    async def list_videos(self, request: Request) -> Response:
        flavour = self.flavour
        query = flavour.list_query(request.query_params)
        try:
            default = None if flavour.limit_optional else flavour.default_limit
            limit = params.limit(query.get("limit"), default=default, minimum=flavour.min_limit)
            order = params.one_of("order", query.get("order", "desc"), ORDERS)
        except Invalid as error:
            return self._invalid(error)
        after = query.get("after") or None
        try:
            data, has_more = self.world.page(after=after, limit=limit, order=order)
        except UnknownCursor:
            if not flavour.unknown_after_is_empty:
                return flavour.error(
                    400,
                    f"Invalid 'after': no video found with id '{after}'.",
                    param="after",
                    code="invalid_value",
                )
            data, has_more = [], False
        return JSONResponse(flavour.video_list([self._video(v, request) for v in data], has_more))

    async def item(self, request: Request) -> Response:
        video_id = request.path_params["video_id"]
        video = self._find(video_id)
        if video is None:
            return self._not_found(video_id)
        if request.method == "GET":
            return self._single(video, request)
        if not self.flavour.can_delete(video):
            return self.flavour.error(
                400,
                f"Video '{video_id}' cannot be deleted while its status is '{video['status']}'. "
                "Only completed or failed videos can be deleted.",
                param="video_id",
                code="invalid_video_status",
            )
        self.world.delete(video["id"])
        return JSONResponse(self.flavour.deleted(video, str(request.base_url)))

    async def content(self, request: Request) -> Response:
        video_id = request.path_params["video_id"]
        try:
            asked = self.flavour.variant(request.query_params.get("variant", "video"))
            variant = params.one_of("variant", asked, VARIANTS)
        except Invalid as error:
            return self._invalid(error)
        video = self._find(video_id)
        if video is None:
            return self._not_found(video_id)
        if video["status"] == "failed":
            return self.flavour.failed_content(video)
        if video["status"] != "completed":
            return self.flavour.not_ready(video)
        expires = video["expires_at"]
        if self.flavour.expires_content and expires is not None and self.world.now >= expires:
            return self.flavour.expired(video)
        body = media.content(variant, video["id"], video["size"], video["seconds"])
        return Response(
            body,
            media_type=self.flavour.content_type(variant),
            headers=self.flavour.content_headers(video, variant),
        )

    async def create(self, request: Request) -> Response:
        try:
            fields = params.create_fields(await params.read_body(request))
        except Invalid as error:
            return self._invalid(error)
        return self._single(self.world.create(**fields), request)

    async def remix(self, request: Request) -> Response:
        video_id = request.path_params["video_id"]
        try:
            prompt = params.prompt((await params.read_body(request)).get("prompt"))
        except Invalid as error:
            return self._invalid(error)
        source = self._find(video_id)
        if source is None:
            return self._not_found(video_id)
        if source["status"] != "completed":
            return self.flavour.error(
                400,
                f"Video '{video_id}' cannot be remixed while its status is '{source['status']}'. "
                "Only completed videos can be remixed.",
                param="video_id",
                code="invalid_video_status",
            )
        video = self.world.create(
            prompt,
            model=source["model"],
            size=source["size"],
            seconds=source["seconds"],
            remixed_from=source["id"],
        )
        return self._single(video, request)
