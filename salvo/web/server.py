"""`salvo serve`: the FastAPI app (JSON API + dashboard pages) and the process that runs it.

Everything the browser loads comes from this server: the pages under ``static/``, and the
JavaScript libraries that ``scripts/build_web_assets.py`` copies from ``node_modules`` into
``static/vendor/`` (Leaflet, markercluster, Chart.js, Swagger UI, country outlines). The only
outside request a page may make is the map's probe for OpenStreetMap tiles; without network the
map keeps its bundled outlines.

Safety: the pages build their DOM with ``textContent`` only, a strict Content-Security-Policy
forbids inline and foreign scripts, write actions need the start-up token, and when bound to
localhost the Host header must name localhost (no DNS rebinding).
"""

from __future__ import annotations

import secrets
import socket
import sys
import threading
from pathlib import Path
from typing import IO, Optional, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from salvo import __version__
from salvo.errors import NotFound, SalvoError, UsageError
from salvo.packs import Pack, load_pack
from salvo.store import Store
from salvo.web.api import router
from salvo.web.guard import WriteGuard

STATIC = Path(__file__).resolve().parent / "static"
VENDOR_CHECK = STATIC / "vendor" / "leaflet" / "leaflet.js"
TILE_ORIGIN = "https://tile.openstreetmap.org"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    f"img-src 'self' data: {TILE_ORIGIN}",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# path -> page file under static/
PAGES = {
    "/": "map.html", "/map": "map.html", "/timeline": "timeline.html", "/table": "table.html",
    "/review": "review.html", "/articles": "articles.html", "/docs": "docs.html",
}
# article ids come from users' files and may hold "/" (URLs as ids): match the rest of the path
DETAIL_PAGES = {"/event/{event_id}": "event.html", "/article/{article_id:path}": "article.html"}


def create_app(db_path: str, pack: str | Pack, token: str, *, author: Optional[str] = None,
               allowed_hosts: Optional[Sequence[str]] = None) -> FastAPI:
    """The whole web application for one database. ``token`` guards the write endpoints."""
    if not token:
        raise UsageError("the web server needs a non-empty write token")
    if author is None:
        from salvo.config import load_config

        author = load_config().author
    app = FastAPI(
        title="salvo", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Incident record built from news reports: events with their evidence, official tallies "
                    "against the record, analyst overrides. Write endpoints need `Authorization: Bearer TOKEN` "
                    "(printed by `salvo serve`).",
    )
    app.state.db_path = str(db_path)
    app.state.pack = pack if isinstance(pack, Pack) else load_pack(pack)
    app.state.pack.propose_below  # a bad review threshold stops the server before it serves
    app.state.token = token
    app.state.author = author
    app.state.write_lock = threading.Lock()
    app.include_router(router)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(SalvoError)
    async def _salvo(request: Request, exc: SalvoError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
                             for e in exc.errors())
        return JSONResponse({"detail": problems, "errors": jsonable(exc.errors())}, status_code=422)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/") or request.url.path.endswith(".html"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(WriteGuard, token=token)  # outermost: token and size before any body is read

    for path, page in PAGES.items():
        app.add_api_route(path, _page(page), methods=["GET", "HEAD"], include_in_schema=False)
    for path, page in DETAIL_PAGES.items():
        app.add_api_route(path, _page(page), methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/favicon.ico", lambda: Response(status_code=204), methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def jsonable(errors: list) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str})


def _page(name: str):
    path = STATIC / name

    def page() -> FileResponse:
        return FileResponse(path, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"})

    page.__name__ = "page_" + name.replace(".", "_")
    return page


def assets_missing() -> bool:
    return not VENDOR_CHECK.is_file()


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot resolve --host {host!r} ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run(*, db: str, pack: str, host: str = "127.0.0.1", port: int = 8000, token: Optional[str] = None,
        out: Optional[IO[str]] = None) -> int:
    """Serve the dashboard and API until interrupted; print the URL and the write token to ``out``."""
    import uvicorn

    out = out or sys.stderr
    Store.open(db, create=False).close()  # a mistyped --db is an error, not a new empty database
    token = token or secrets.token_urlsafe(18)
    local = host in LOCAL_HOSTS
    app = create_app(db, pack, token, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"] if local else None)
    sock = _bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    print(f"salvo serve: dashboard and API at {url} (database {db}; API docs at {url}docs)", file=out)
    print(f"salvo serve: write token {token}", file=out)
    print(f"salvo serve: the Review page asks for the token once; or open {url}review#token={token}", file=out)
    if assets_missing():
        print("salvo serve: warning: dashboard libraries missing (map, charts, API docs); run "
              "`npm ci --ignore-scripts && python scripts/build_web_assets.py` in the source tree. "
              "The JSON API works without them.", file=out)
    if not local:
        print(f"salvo serve: warning: listening on {host}, reachable from other machines", file=out)
    print("salvo serve: press Ctrl-C to stop", file=out)
    out.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("salvo serve: stopped", file=out)
    return 0
