"""Typed errors of the Videos client (API.md §6).

``str(error)`` is one human line, fit for a status bar. No error ever holds the API key:
the client redacts it from server text before building one.
"""

from __future__ import annotations

from http import HTTPStatus


class ApiError(Exception):
    """Anything that went wrong talking to the server."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class ApiStatusError(ApiError):
    """The server answered with a non-2xx status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str | None = None,
        type: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, retry_after=retry_after)
        self.status = status
        self.code = code
        self.type = type
        self.param = param
        self.request_id = request_id

    @property
    def reason(self) -> str:
        """The status's standard phrase ("" for a status the standard does not name)."""
        try:
            return HTTPStatus(self.status).phrase
        except ValueError:
            return ""

    def __str__(self) -> str:
        head = f"{self.status} {self.reason}".strip()
        parts = [head, *(p for p in (self.code or self.type, self.message) if p)]
        line = " · ".join(parts)
        return f"{line} (request {self.request_id})" if self.request_id else line


class BadRequestError(ApiStatusError):
    """400, 422 and any other 4xx without a class of its own."""


class AuthenticationError(ApiStatusError):
    """401: the key is missing or wrong."""


class PermissionDeniedError(ApiStatusError):
    """403."""


class NotFoundError(ApiStatusError):
    """404."""


class ConflictError(ApiStatusError):
    """409 (retried by default, like the SDK)."""


class RateLimitError(ApiStatusError):
    """429."""


class ServerError(ApiStatusError):
    """Any status >= 500, including HTML error pages from proxies."""


_BY_STATUS: dict[int, type[ApiStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[ApiStatusError]:
    """The error class the SDK would pick for ``status``."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    if 400 <= status < 500:
        return BadRequestError
    return ApiStatusError


class ApiConnectionError(ApiError):
    """The request never got an HTTP answer: refused, reset, DNS failure."""


class ApiTimeoutError(ApiConnectionError):
    """No answer within the timeout."""


class ApiResponseError(ApiError):
    """A body that is not what the API promises: not JSON, truncated, or the wrong shape."""

    def __init__(
        self, problem: str, *, status: int, snippet: str, request_id: str | None = None
    ) -> None:
        detail = f"{status}, {problem}: {snippet!r}" if snippet else f"{status}, {problem}"
        line = f"invalid response from server ({detail})"
        if request_id:
            line += f" (request {request_id})"
        super().__init__(line)
        self.problem = problem
        self.status = status
        self.snippet = snippet
        self.request_id = request_id
