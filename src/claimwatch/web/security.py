"""Who may do what, and the headers every response carries.

Without a token the desk is read-only, ``serve`` binds it to loopback only, and it answers only
loopback host names (and configured ones): a web page the analyst visits cannot reach it through a
DNS-rebinding name. With a token, every request must carry it: ``Authorization: Bearer TOKEN`` for
programs, or the session cookie the login form sets for a browser (HttpOnly, SameSite=Strict, Secure
over TLS; a random session id that expires and that logging out ends on the server, never the token).
Failed logins are limited per client address. Writes need the token as well.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.requests import Request

COOKIE = "claimwatch_session"
SESSION_SECONDS = 12 * 3600
LOGIN_FAILURES = 5  # failed logins from one address within LOGIN_WINDOW_SECONDS before it must wait
LOGIN_WINDOW_SECONDS = 300
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({"/login", "/static/desk.css", "/static/favicon.svg"})  # the login page and its assets
CSP = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class Sessions:
    """Logged-in browsers: random ids with their expiry, kept by this server process only."""

    def __init__(self, seconds: int = SESSION_SECONDS) -> None:
        self.seconds = seconds
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def start(self) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._expiry = {key: until for key, until in self._expiry.items() if until > now}
            self._expiry[session] = now + self.seconds
        return session

    def valid(self, session: str) -> bool:
        with self._lock:
            until = self._expiry.get(session)
        return until is not None and until > time.monotonic()

    def end(self, session: str) -> None:
        with self._lock:
            self._expiry.pop(session, None)


class LoginThrottle:
    """At most ``failures`` failed logins per client address in ``window`` seconds."""

    def __init__(self, failures: int = LOGIN_FAILURES, window: int = LOGIN_WINDOW_SECONDS) -> None:
        self.failures, self.window = failures, window
        self._failed: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, client: str) -> int:
        """How long ``client`` must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        with self._lock:
            recent = [moment for moment in self._failed.get(client, []) if moment > now - self.window]
            self._failed[client] = recent
        if len(recent) < self.failures:
            return 0
        return int(recent[0] + self.window - now) + 1

    def failed(self, client: str) -> None:
        with self._lock:
            self._failed.setdefault(client, []).append(time.monotonic())


@dataclass(frozen=True)
class Access:
    token: str | None = None
    allowed_hosts: frozenset[str] = frozenset()  # host names the tokenless desk answers besides loopback
    sessions: Sessions = field(default_factory=Sessions, compare=False)
    logins: LoginThrottle = field(default_factory=LoginThrottle, compare=False)

    @property
    def writable(self) -> bool:
        return self.token is not None

    def token_matches(self, candidate: str) -> bool:
        return self.token is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    def authorized(self, request: Request) -> bool:
        """True when no token is set, or the request carries it (bearer header or a live session cookie)."""
        if self.token is None:
            return True
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and credentials.strip() and self.token_matches(credentials.strip()):
            return True
        return self.sessions.valid(request.cookies.get(COOKIE, ""))

    def host_allowed(self, request: Request) -> bool:
        """With a token any host name will do (the token guards); without one, loopback and configured names."""
        if self.token is not None:
            return True
        host = host_name(request.headers.get("host", ""))
        return is_loopback(host) or host in self.allowed_hosts


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port: "[::1]:8000" -> "[::1]", "Desk.Example:80" -> "desk.example"."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def security_headers(nonce: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP.format(nonce=nonce),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and "localhost"; anything else (0.0.0.0, a LAN address, another name) is not."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this server only (no "//host" or scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
