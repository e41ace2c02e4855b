"""Structured logs: one JSON object per line on stderr.

Every line has time, level, service, logger, message and request_id (from the current call's
context), plus whatever the caller passed with `extra=`. Log collectors parse them as they are;
a person can still read them with `jq`.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from switchover_kit import context

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))
) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Formats records as single-line JSON objects."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        """Returns the record as one JSON line."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": context.service() or self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": context.request_id(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class _JsonHandler(logging.Handler):
    """Writes to the current `sys.stderr`, looked up at each line so redirections see them."""

    def emit(self, record: logging.LogRecord) -> None:
        """Writes one formatted line."""
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


def configure_logging(service: str, level: str) -> logging.Handler:
    """Sends the root logger's records to stderr as JSON lines; calling it again replaces it."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _JsonHandler)]:
        root.removeHandler(handler)
    handler = _JsonHandler()
    handler.setFormatter(JsonFormatter(service))
    root.addHandler(handler)
    root.setLevel(level.upper())
    return handler
