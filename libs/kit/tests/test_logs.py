"""Tests of the JSON log lines."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from switchover_kit import context
from switchover_kit.logs import configure_logging


@pytest.fixture
def lines(capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """Configures logging for the test and gives a reader of the JSON lines written so far."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    configure_logging("risk", "info")

    def read() -> list[dict[str, Any]]:
        return [json.loads(line) for line in capsys.readouterr().err.splitlines()]

    yield read
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)


def test_line_has_the_standard_fields(lines: Any) -> None:
    logging.getLogger("switchover_risk.store").info("saved %d rows", 3)
    (line,) = lines()
    assert line["level"] == "INFO"
    assert line["service"] == "risk"
    assert line["logger"] == "switchover_risk.store"
    assert line["message"] == "saved 3 rows"
    assert line["request_id"] == ""
    assert line["time"].endswith("+00:00")


def test_line_carries_the_request_context(lines: Any) -> None:
    with context.bind(request_id="req-1", service="cutover"):
        logging.getLogger("x").warning("hello")
    (line,) = lines()
    assert (line["request_id"], line["service"]) == ("req-1", "cutover")


def test_extra_fields_are_included(lines: Any) -> None:
    logging.getLogger("x").info("rpc", extra={"method": "/a.B/C", "duration_ms": 1.5})
    (line,) = lines()
    assert (line["method"], line["duration_ms"]) == ("/a.B/C", 1.5)


def test_values_json_cannot_encode_become_text(lines: Any) -> None:
    logging.getLogger("x").info("odd", extra={"where": {1, 2}.__class__})
    (line,) = lines()
    assert line["where"] == "<class 'set'>"


def test_exceptions_are_included(lines: Any) -> None:
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("x").exception("failed")
    (line,) = lines()
    assert "ValueError: broken" in line["exception"]


def test_level_filters_lines(lines: Any) -> None:
    configure_logging("risk", "WARNING")
    logging.getLogger("x").info("hidden")
    logging.getLogger("x").error("shown")
    assert [line["message"] for line in lines()] == ["shown"]


def test_configuring_again_replaces_the_handler(lines: Any) -> None:
    configure_logging("risk", "INFO")
    logging.getLogger("x").info("once")
    assert len(lines()) == 1
