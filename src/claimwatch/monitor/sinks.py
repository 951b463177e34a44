"""Where alerts go: the log and stdout always, a webhook (JSON POST, signed), a JSON Lines file.

A webhook body is signed when a secret is set: ``X-Claimwatch-Signature: sha256=<hex>``, the
HMAC-SHA256 of the exact body bytes with the secret, as GitHub does; receivers recompute it and
compare in constant time (``verify_signature``). Deliveries are at least once: the alert's ``id``
lets a receiver drop a repeat after a crash between sending and recording.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from claimwatch.errors import Errors
from claimwatch.monitor.backoff import doubling_delay
from claimwatch.monitor.errors import MonitorError
from claimwatch.monitor.fetch import USER_AGENT
from claimwatch.monitor.logs import get_logger, log_event

SIGNATURE_HEADER = "X-Claimwatch-Signature"
MAX_DELIVERY_DELAY = 30.0  # seconds between two delivery attempts, at most


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(secret, body), header)


def alert_body(alert: dict) -> bytes:
    return json.dumps(alert, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


class LogSink:
    """The log (an ``alert`` event) and, when given, a line for the terminal."""

    name = "log"

    def __init__(self, echo: Callable[[str], None] | None = None) -> None:
        self.echo = echo

    def deliver(self, alert: dict) -> None:
        log_event(get_logger(), "alert", 30, alert=alert["id"], watch=alert["watch_id"], kind=alert["kind"],
                  message=alert["message"])
        if self.echo:
            self.echo(alert_line(alert))


class FileSink:
    """One JSON object a line, appended and flushed to disk."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = f"file:{self.path}"

    def deliver(self, alert: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as handle:
            handle.write(alert_body(alert) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())


class WebhookSink:
    """A JSON POST to ``url``, retried with backoff on errors, 5xx and time-outs."""

    def __init__(
        self,
        url: str,
        secret: str | None = None,
        *,
        attempts: int = 3,
        backoff: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url
        self.secret = secret
        self.name = f"webhook:{url}"
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep
        # The operator chose this address, so the fetch guard does not apply; nothing is followed.
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, transport=transport)

    def close(self) -> None:
        self.client.close()

    def headers(self, alert: dict, body: bytes) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Claimwatch-Event": f"alert.{alert['kind']}",
            "X-Claimwatch-Alert": alert["id"],
        }
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(self.secret, body)
        return headers

    def deliver(self, alert: dict) -> None:
        body = alert_body(alert)
        headers = self.headers(alert, body)
        reason = ""
        for attempt in range(self.attempts):
            try:
                response = self.client.post(self.url, content=body, headers=headers)
                if 200 <= response.status_code < 300:
                    return
                reason = f"HTTP {response.status_code}"
                if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                    break  # the receiver refuses this body: sending it again will not help
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}"
            if attempt + 1 < self.attempts:
                self.sleep(doubling_delay(self.backoff, attempt, MAX_DELIVERY_DELAY))
        raise MonitorError(Errors.E417.format(url=self.url, attempts=attempt + 1, reason=reason), transient=True)


def alert_line(alert: dict) -> str:
    return f"ALERT {alert['kind']} watch {alert['watch_id'][:8]}: {alert['message']}"
