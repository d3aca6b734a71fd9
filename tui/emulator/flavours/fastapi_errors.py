"""The error shapes of servers built on FastAPI (vLLM-Omni, SGLang): ``{"detail": ...}``."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from .openai import Flavour


class FastApiErrors(Flavour):
    """Servers built on FastAPI answer {"detail": ...} instead of the OpenAI envelope."""

    expires_content = False

    def error_body(self, message: str, fields: dict[str, str | None]) -> dict[str, Any]:
        return {"detail": message}

    def invalid(self, param: str | None, message: str, code: str, value: Any = None) -> Response:
        where = (
            ["query", param]
            if param in ("limit", "order", "after", "variant")
            else ["body", param or ""]
        )
        detail = [{"type": code, "loc": where, "msg": message, "input": value}]
        return JSONResponse({"detail": detail}, status_code=422)
