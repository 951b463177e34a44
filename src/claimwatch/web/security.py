"""Who may do what, and the headers every response carries.

Without a token the desk is read-only (and ``serve`` binds it to loopback only). With a token,
every request must carry it: ``Authorization: Bearer TOKEN`` for programs, or the session cookie
the login form sets for a browser (Secure, HttpOnly, SameSite=Strict; its value is derived from
the token, never the token itself). Writes need the token as well.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from starlette.requests import Request

COOKIE = "claimwatch_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({"/login", "/static/desk.css", "/static/favicon.svg"})  # the login page and its assets
CSP = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Access:
    token: str | None = None

    @property
    def writable(self) -> bool:
        return self.token is not None

    def session_value(self) -> str:
        """The cookie's value: an HMAC of the token, so the cookie never holds the token itself."""
        return hmac.new(self.token.encode(), b"claimwatch desk session", hashlib.sha256).hexdigest()

    def token_matches(self, candidate: str) -> bool:
        return self.token is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    def authorized(self, request: Request) -> bool:
        """True when no token is set, or the request carries it (bearer header or session cookie)."""
        if self.token is None:
            return True
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self.token_matches(credentials.strip()):
            return True
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.session_value().encode())


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
    """127.0.0.0/8, ::1 and "localhost"; anything else (0.0.0.0, a LAN address, a name) is not."""
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
