"""A loopback HTTP server for the monitoring tests, and a guard against any other connection.

The server listens on 127.0.0.1 (port 0: the system picks one), serves ``routes`` that a test
changes between polls, records every request, and is stopped by the fixture's finalizer. Every
text it serves is fictional: the bundled sample story and a few short invented reports.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimwatch import api

SAMPLE = api.sample_corpus_path()
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # answers 304 to a matching If-None-Match
    location: str | None = None  # a redirect's target
    no_length: bool = False  # no Content-Length: the body runs until the connection closes
    statuses: list[int] = field(default_factory=list)  # consumed one per request before ``status``


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> LoopbackServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._answer(self, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                server._answer(self, self.rfile.read(length))

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # a client that hung up early
                pass

        self._server = Quiet(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- routes --------------------------------------------------------------------------------------
    def route(self, path: str, body: bytes | str = b"", **options) -> Route:
        route = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)
        self.routes[path] = route
        return route

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        with self._lock:
            self.requests.append(Request(handler.command, handler.path, dict(handler.headers.items()), body))
        route = self.routes.get(handler.path)
        if route is None:
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.delay and self._stopping.wait(route.delay):
            return
        status = route.statuses.pop(0) if route.statuses else route.status
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.end_headers()
            return
        handler.send_response(status)
        if route.location:
            handler.send_header("Location", route.location)
        if route.etag:
            handler.send_header("ETag", route.etag)
        handler.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if not route.no_length:
            handler.send_header("Content-Length", str(len(route.body)))
        handler.end_headers()
        try:
            for start in range(0, len(route.body), 64 * 1024):
                handler.wfile.write(route.body[start : start + 64 * 1024])
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server(request: pytest.FixtureRequest) -> LoopbackServer:
    started = LoopbackServer().start()
    request.addfinalizer(started.stop)
    return started


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Fail any attempt to open a connection to anything but the loopback server; record the attempts."""
    attempts: list[tuple] = []
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        attempts.append(address)
        if address[0] not in LOOPBACK_HOSTS:
            raise AssertionError(f"a test tried to connect to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.fixture(autouse=True)
def _no_monitor_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLAIMWATCH_WEBHOOK", "CLAIMWATCH_WEBHOOK_SECRET", "CLAIMWATCH_ALERTS_FILE", "CLAIMWATCH_SOURCES"):
        monkeypatch.delenv(name, raising=False)
