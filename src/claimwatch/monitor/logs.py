"""Structured logs: one line per event, ``key=value`` pairs (default) or JSON objects.

``log_event(logger, "poll.done", source="ab12", new=2)`` logs the event with its fields; the
formatters below print them, so ``claimwatch monitor --log-format json`` feeds a log pipeline as is.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

LOGGER_NAME = "claimwatch.monitor"


def get_logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def log_event(logger: logging.Logger, event: str, level: int = logging.INFO, **fields: object) -> None:
    logger.log(level, event, extra={"event": event, "fields": fields})


def _fields(record: logging.LogRecord) -> tuple[str, dict]:
    event = getattr(record, "event", None) or record.getMessage()
    fields = {key: value for key, value in (getattr(record, "fields", None) or {}).items() if value is not None}
    if record.exc_info:
        fields["exception"] = logging.Formatter().formatException(record.exc_info).splitlines()[-1]
    return event, fields


def _time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _kv_value(value: object) -> str:
    text = "" if value is None else str(value)
    if text == "" or any(ch in text for ch in ' "=\n\t'):
        return json.dumps(text, ensure_ascii=False)
    return text


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event, fields = _fields(record)
        pairs = [f"ts={_time(record)}", f"level={record.levelname.lower()}", f"event={_kv_value(event)}"]
        pairs += [f"{key}={_kv_value(value)}" for key, value in fields.items()]
        return " ".join(pairs)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event, fields = _fields(record)
        data = {"ts": _time(record), "level": record.levelname.lower(), "event": event}
        data.update({key: value for key, value in fields.items() if key not in data})
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(fmt: str = "kv", level: int = logging.INFO, stream=None) -> logging.Handler:
    """Send the monitor's events, and the warnings of the stages it runs, to ``stream`` (stderr) in ``fmt``
    ("kv" or "json")."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    logger = logging.getLogger("claimwatch")
    for old in [h for h in logger.handlers if getattr(h, "_claimwatch", False)]:
        logger.removeHandler(old)
    handler._claimwatch = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return handler
