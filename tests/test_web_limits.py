"""A real `salvo serve` process under oversized and unauthenticated writes.

Memory is read from the server's own /proc entry (VmHWM: the peak resident size), so these are
bounds on what a request can make the server hold, not timings.
"""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from test_web_api import Server, build_db

MB = 1 << 20


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(build_db(tmp_path_factory.mktemp("limits")))
    with srv.client() as c:  # warm up: imports and the first store open happen before we measure
        assert c.get("/api/events").status_code == 200
        c.post("/api/events/x/confirm", json={}, headers=srv.auth())
    yield srv
    srv.stop()


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc")


def raw_request(srv: Server, head: str, body: bytes = b"") -> str:
    """Send a request by hand (headers may promise far more body than is sent); return the status line."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as s:
        s.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n", 1)[0].decode()


def _head(srv, path, *, token=None, length=None, extra=""):
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{srv.port}", "Content-Type: application/json"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return "\n".join(lines) + "\n" + extra


def test_an_unauthenticated_write_is_refused_before_its_body_is_read(server):
    status = raw_request(server, _head(server, "/api/events/ev-x/edit", length=300 * MB))
    assert " 401 " in status, status


def test_an_oversized_body_is_refused_with_413(server):
    status = raw_request(server, _head(server, "/api/events/ev-x/edit", token=server.token, length=300 * MB))
    assert " 413 " in status, status


def test_an_oversized_chunked_body_is_cut_off_with_413(server):
    chunk = b"x" * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(40))  # 2.5 MB, no length given
    status = raw_request(server, _head(server, "/api/events/ev-x/edit", token=server.token,
                                       extra="Transfer-Encoding: chunked\n"), body)
    assert " 413 " in status, status


def _stream(total: int):
    block = b"y" * MB
    for _ in range(total // MB):
        yield block


@pytest.mark.parametrize("headers", [
    {"Content-Type": "text/plain", "Origin": "https://evil.example"},            # a CORS simple request
    {"Content-Type": "application/json"},                                       # no token
    {"Content-Type": "application/json", "Authorization": "Bearer " + "z" * 20},  # a wrong token
])
def test_a_200_mb_write_does_not_grow_the_server(server, headers):
    before = peak_kb(server.proc.pid)
    with server.client() as c:
        try:
            r = c.post("/api/events/ev-x/edit", content=_stream(200 * MB), headers=headers)
            assert r.status_code in (401, 413)
        except httpx.TransportError:
            pass  # the server may close the connection instead of reading 200 MB it refused
        assert c.get("/api/status").status_code == 200  # and it still serves
    grown_mb = (peak_kb(server.proc.pid) - before) / 1024
    assert grown_mb < 30, f"server peak memory grew by {grown_mb:.0f} MB"


def test_a_200_mb_authenticated_write_does_not_grow_the_server(server):
    before = peak_kb(server.proc.pid)
    with server.client() as c:
        try:
            r = c.post("/api/events/ev-x/edit", content=_stream(200 * MB), headers=server.auth())
            assert r.status_code == 413
        except httpx.TransportError:
            pass
    grown_mb = (peak_kb(server.proc.pid) - before) / 1024
    assert grown_mb < 30, f"server peak memory grew by {grown_mb:.0f} MB"


def test_head_requests_on_pages_are_answered(server):
    with server.client() as c:
        for path in ("/", "/map", "/table", "/event/x"):
            assert c.head(path).status_code == 200, path


def test_status_does_not_show_the_database_path(server):
    with server.client() as c:
        body = c.get("/api/status").text
    assert "web.db" not in body and "/tmp" not in body and "limits" not in body
