"""The server's first line: no request body is read before the request has earned it.

FastAPI parses a body before it runs the token dependency, so without this an unauthenticated
client (or any web page, with a CORS "simple" text/plain POST) could make the server buffer
hundreds of megabytes. This ASGI middleware runs before the app: every request that may change
something (anything but GET/HEAD/OPTIONS) needs the write token in its headers, and no body may
exceed ``max_body`` bytes, whether it announces its length (refused at once) or is chunked (cut
off as soon as it passes the cap).
"""

from __future__ import annotations

import hmac
import json

READ_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_BODY = 1 << 20  # an edit, merge or split is a few hundred bytes; 1 MiB leaves room for long splits
NEEDS_TOKEN = ("write actions need the header `Authorization: Bearer TOKEN`; "
               "`salvo serve` prints the token when it starts")


class WriteGuard:
    def __init__(self, app, *, token: str, max_body: int = MAX_BODY):
        self.app = app
        self.token = token.encode()
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or ())
        if scope["method"] not in READ_METHODS and not self._authorised(headers.get(b"authorization", b"")):
            return await _reply(send, 401, NEEDS_TOKEN, {"www-authenticate": "Bearer"})
        try:
            length = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            return await _reply(send, 400, "Content-Length is not a number")
        if length > self.max_body:
            return await _reply(send, 413, self._too_large())
        if scope["method"] in READ_METHODS:
            return await self.app(scope, receive, send)
        # Read the (authorised) body here, at most max_body bytes, and hand it on whole: an
        # exception raised inside the app's own body reading would be turned into a 400 by FastAPI.
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                return await _reply(send, 413, self._too_large())
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # http.disconnect when the client leaves
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _authorised(self, header: bytes) -> bool:
        scheme, _, given = header.partition(b" ")
        return scheme.lower() == b"bearer" and bool(given) and hmac.compare_digest(given.strip(), self.token)

    def _too_large(self) -> str:
        return f"request body over {self.max_body // 1024} KiB; analyst actions are small JSON objects"


async def _reply(send, status: int, detail: str, extra: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
