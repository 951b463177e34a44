"""Alert sinks: the signed webhook (retried), the JSON Lines file, the log."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from claimwatch.monitor.errors import MonitorError
from claimwatch.monitor.sinks import FileSink, LogSink, WebhookSink, alert_body, sign, verify_signature

MESSAGE = "Kestria is sending troops to Valdoria: contested -> officially confirmed"
ALERT = {"id": "a1b2c3d4e5f60718", "watch_id": "8dfbbb5e8e505b2c", "kind": "status",
         "created_at": "2025-03-14T09:00:00Z", "message": MESSAGE, "status": "officially confirmed"}


def test_signature_is_hmac_sha256_of_the_body() -> None:
    body = alert_body(ALERT)
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert sign("s3cret", body) == f"sha256={expected}"
    assert verify_signature("s3cret", body, f"sha256={expected}")
    assert not verify_signature("s3cret", body + b" ", f"sha256={expected}")
    assert not verify_signature("other", body, f"sha256={expected}")
    assert not verify_signature("s3cret", body, None)


def test_webhook_posts_signed_json_and_retries(server) -> None:
    server.route("/hook", "ok", statuses=[502], content_type="text/plain")
    slept: list[float] = []
    sink = WebhookSink(server.url("/hook"), "s3cret", attempts=3, backoff=0.01, sleep=slept.append)
    try:
        sink.deliver(ALERT)
    finally:
        sink.close()
    first, second = server.hits("/hook")
    assert first.method == second.method == "POST"
    assert first.body == second.body == alert_body(ALERT)
    assert json.loads(second.body)["id"] == ALERT["id"]
    assert second.headers["Content-Type"] == "application/json"
    assert second.headers["X-Claimwatch-Event"] == "alert.status"
    assert verify_signature("s3cret", second.body, second.headers["X-Claimwatch-Signature"])
    assert slept == [0.01]


def test_webhook_without_secret_is_unsigned(server) -> None:
    server.route("/hook", "ok")
    sink = WebhookSink(server.url("/hook"))
    sink.deliver(ALERT)
    sink.close()
    assert "X-Claimwatch-Signature" not in server.hits("/hook")[0].headers


def test_webhook_gives_up_after_its_attempts(server) -> None:
    server.route("/hook", "down", status=503)
    sink = WebhookSink(server.url("/hook"), attempts=3, backoff=0.0, sleep=lambda s: None)
    with pytest.raises(MonitorError) as caught:
        sink.deliver(ALERT)
    sink.close()
    assert caught.value.code == "E417"
    assert len(server.hits("/hook")) == 3


def test_webhook_4xx_is_not_retried(server) -> None:
    server.route("/hook", "no", status=400)
    sink = WebhookSink(server.url("/hook"), attempts=3, backoff=0.0, sleep=lambda s: None)
    with pytest.raises(MonitorError):
        sink.deliver(ALERT)
    sink.close()
    assert len(server.hits("/hook")) == 1


def test_file_sink_appends_json_lines(tmp_path) -> None:
    path = tmp_path / "alerts" / "alerts.jsonl"
    sink = FileSink(path)
    sink.deliver(ALERT)
    sink.deliver({**ALERT, "id": "ffff"})
    lines = path.read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [ALERT["id"], "ffff"]


def test_log_sink_echoes_a_line() -> None:
    lines: list[str] = []
    LogSink(lines.append).deliver(ALERT)
    assert lines == [f"ALERT status watch 8dfbbb5e: {MESSAGE}"]


def test_the_monitor_log_carries_the_stages_warnings() -> None:
    import io
    import logging

    from claimwatch.monitor.logs import configure_logging

    stream = io.StringIO()
    handler = configure_logging("kv", stream=stream)
    try:
        logging.getLogger("claimwatch.extract.article").warning(
            "zone", extra={"event": "extract.unknown_zone", "fields": {"source": "a.txt", "zone": "RC"}}
        )
    finally:
        logging.getLogger("claimwatch").removeHandler(handler)
        logging.getLogger("claimwatch").propagate = True
    assert "event=extract.unknown_zone source=a.txt zone=RC" in stream.getvalue()
