"""The web application: the pipeline and, when a database is given, the corpus store, over HTTP.

:func:`create_app` builds the whole app from three things, the same three
``presslens serve`` takes from its flags: analysis :class:`Settings`, the path
of a corpus database (or ``None``: analysis only, nothing stored) and a token
(or ``None``: no authentication). Routes live in :mod:`.api` (JSON) and
:mod:`.pages` (HTML), what they share in :mod:`.workbench`; this module holds
the security middleware and the error responses, and assembles the app.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlencode, urlsplit

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import (
    ArticleConflictError,
    ArticleNotFoundError,
    ConfigError,
    CrossSiteRequestError,
    InputError,
    InputTooLargeError,
    InternalError,
    NotFoundError,
    PressLensError,
    RequestError,
    ServerBusyError,
    UnauthorizedError,
    UntrustedHostError,
)
from ..settings import Settings
from . import api, pages
from .workbench import (
    MAX_QUEUED_LONG,
    MAX_QUEUED_SHORT,
    RETRY_AFTER_LONG_S,
    RETRY_AFTER_SHORT_S,
    TOKEN_COOKIE,
    WEB_DIR,
    Workbench,
    get_workbench,
)

RENDER_STATIC_DIR = WEB_DIR.parent / "render" / "static"

#: Paths reachable without a token: the login form and the stylesheet it uses.
PUBLIC_PATHS = ("/login", "/static/")

#: Methods that change something: refused when another site's page sends them.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: A request body may be this much larger than the article limit (form fields, JSON escaping).
REQUEST_OVERHEAD_BYTES = 1_000_000

#: Host names a server bound to a loopback address answers to: a page of another site whose name
#: resolves to 127.0.0.1 (DNS rebinding) sends its own name as ``Host`` and is refused.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

_log = logging.getLogger(__name__)

#: HTTP status for each error class; the first class an error is an instance of wins.
STATUS_BY_ERROR: tuple[tuple[type[PressLensError], int], ...] = (
    (InputTooLargeError, 413),
    (ServerBusyError, 503),
    (UnauthorizedError, 401),
    (CrossSiteRequestError, 403),
    (NotFoundError, 404),
    (ArticleNotFoundError, 404),
    (ArticleConflictError, 409),
    (InputError, 422),
    (ConfigError, 400),
    (RequestError, 400),
)

#: Sent with every response. Scripts only from our own origin, so that even a
#: rendering bug cannot run a script smuggled into an article.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def status_for(error: PressLensError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(error, cls):
            return status
    return 500


def error_body(error: PressLensError) -> dict[str, Any]:
    return {"error": {"code": error.code, "message": error.one_line()}}


def host_name(host: str) -> str:
    """The name in a ``Host`` or ``Origin`` authority, without port or IPv6 brackets, lower-cased."""
    return (urlsplit(f"//{host}").hostname or "") if host else ""


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi")) or "text/html" not in request.headers.get("accept", "")


class SecurityMiddleware:
    """Pure ASGI middleware: Host allow-list, token check, cross-site writes refused, request size limit,
    security headers and a JSON (or HTML) error body on every response, an unexpected 500 included.

    A write whose ``Origin`` is another site is refused even without a token, so
    that a page on the web cannot fill a loopback server's database; a ``Host``
    outside ``allowed_hosts`` (when given) is refused, so that a foreign name
    resolving to the server's address (DNS rebinding) gets no answer at all.
    """

    def __init__(self, app, *, token: str | None, max_body_bytes: int,
                 allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.token = token
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = (frozenset(name.strip("[]").lower() for name in allowed_hosts)
                              if allowed_hosts is not None else None)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers += [(key.encode(), value.encode()) for key, value in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        if not self._trusted_host(request.headers.get("host", "")):
            error = UntrustedHostError(f"this server does not answer to the host name {request.headers.get('host')!r}"
                                       "; start it with --allowed-host NAME to add one", source=request.url.path)
            await _error_response(request, error)(scope, receive, send_with_headers)
            return
        if self.token is not None and not self._authorized(request):
            await self._refuse(request)(scope, receive, send_with_headers)
            return
        if self._cross_site(request):
            error = CrossSiteRequestError(f"{request.method} from another site "
                                          f"({request.headers['origin']}) refused", source=request.url.path)
            await _error_response(request, error)(scope, receive, send_with_headers)
            return
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _error_response(request, self._too_large(int(declared)))(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except Exception:
            if started:
                raise
            _log.exception("unexpected error answering %s %s", request.method, request.url.path)
            error = InternalError("internal error: the server log has the details (please report it)",
                                  source=request.url.path)
            await _error_response(request, error)(scope, receive, send_with_headers)

    def _trusted_host(self, host: str) -> bool:
        return self.allowed_hosts is None or host_name(host) in self.allowed_hosts

    def _cross_site(self, request: Request) -> bool:
        """A write whose Origin is not this server: another authority than ``Host``, or an untrusted name."""
        origin = request.headers.get("origin")
        if request.method not in UNSAFE_METHODS or origin is None:
            return False
        authority = urlsplit(origin).netloc
        return authority != request.headers.get("host") or not self._trusted_host(authority)

    def _authorized(self, request: Request) -> bool:
        if request.url.path.startswith(PUBLIC_PATHS):
            return True
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        offered = credentials if scheme.lower() == "bearer" else request.cookies.get(TOKEN_COOKIE, "")
        return hmac.compare_digest(offered.encode(), self.token.encode())

    def _refuse(self, request: Request) -> Response:
        if wants_json(request):
            error = UnauthorizedError(
                "this server needs a token: send the header 'Authorization: Bearer TOKEN' or log in at /login",
                source=request.url.path,
            )
            return JSONResponse(error_body(error), status_code=401, headers={"www-authenticate": "Bearer"})
        return Response(status_code=303, headers={"location": "/login?" + urlencode({"next": request.url.path})})

    def _too_large(self, size: int) -> InputTooLargeError:
        return InputTooLargeError(
            f"request body is {size:,} bytes, over the limit of {self.max_body_bytes:,} bytes; "
            "raise it with --max-bytes or PRESSLENS_MAX_INPUT_BYTES",
            source="request",
        )

    def _limited(self, receive):
        """Count the body as it arrives, for requests that do not declare a length."""
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise self._too_large(received)
            return message

        return limited_receive


def _error_response(request: Request, error: PressLensError) -> Response:
    status = status_for(error)
    headers = {"retry-after": str(error.retry_after_s)} if isinstance(error, ServerBusyError) else None
    if wants_json(request):
        return JSONResponse(error_body(error), status_code=status, headers=headers)
    return get_workbench(request).templates.TemplateResponse(
        request, "error.html", {"error": error, "status": status}, status_code=status, headers=headers
    )


def _install_error_handlers(app: FastAPI) -> None:
    async def presslens_error(request: Request, error: PressLensError) -> Response:
        return _error_response(request, error)

    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{' '.join(str(part) for part in problem['loc'])}: {problem['msg']}" for problem in error.errors()
        )
        return _error_response(request, RequestError(f"invalid request ({problems})", source=request.url.path))

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404:
            wrapped: PressLensError = NotFoundError(f"no page or endpoint at {request.url.path}; see /docs")
        else:
            wrapped = RequestError(str(error.detail), source=request.url.path)
        response = _error_response(request, wrapped)
        if error.status_code != 404:
            response.status_code = error.status_code
        return response

    app.add_exception_handler(PressLensError, presslens_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI):
    yield
    app.state.workbench.close()


def create_app(settings: Settings | None = None, db_path: str | Path | None = None,
               token: str | None = None, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """Build the web app.

    ``settings``: analysis settings (analyzers, size limit); defaults when ``None``.
    ``db_path``: a corpus database to store analyses in and browse; ``None`` for analysis only.
    ``token``: when given, every request except the login form must carry it.
    ``allowed_hosts``: the host names the server answers to (``presslens serve`` gives
    :data:`LOOPBACK_HOSTS` when bound to loopback); ``None`` answers to any.
    """
    settings = settings or Settings()
    app = FastAPI(
        title="presslens",
        version=__version__,
        description=(
            "Take news articles apart: quotes and speakers, cited outlets, claims, persuasion techniques.\n\n"
            f"Limits of `POST /api/analyze`: a request body of at most {settings.max_input_bytes:,} bytes plus "
            f"{REQUEST_OVERHEAD_BYTES:,} (413, PL103); an article of at most {settings.max_article_chars:,} "
            f"characters and about {settings.max_article_tokens:,} tokens, no sentence over {settings.max_sentence_chars:,} characters and no paragraph with more "
            f"than {settings.max_quote_marks_per_paragraph:,} quotation marks (422, PL108); an analysis stopped "
            f"after {settings.time_budget_s:g} s (422, PL109). Articles under {settings.short_article_chars:,} "
            f"characters and longer ones are analysed in separate lanes, one at a time each: at most "
            f"{MAX_QUEUED_SHORT} short analyses wait behind the running one, or 503 with `Retry-After: "
            f"{RETRY_AFTER_SHORT_S}`; at most {MAX_QUEUED_LONG} long one, or 503 with `Retry-After: "
            f"{RETRY_AFTER_LONG_S}` (PL605)."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.workbench = Workbench(settings, Path(db_path) if db_path is not None else None)
    app.state.token = token
    _install_error_handlers(app)
    app.mount("/static/app", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.mount("/static/render", StaticFiles(directory=RENDER_STATIC_DIR, check_dir=False), name="render-static")
    # Swagger UI 5 (OpenAPI 3.1), as shipped in the fastapi-offline wheel: served from here, never a CDN.
    app.mount("/static/swagger", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"),
              name="swagger-static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(SecurityMiddleware, token=token, allowed_hosts=allowed_hosts,
                       max_body_bytes=settings.max_input_bytes + REQUEST_OVERHEAD_BYTES)
    return app

