"""Tests of page sizes and page tokens."""

from __future__ import annotations

import base64
import json

import pytest

from switchover_kit.errors import InvalidArgument
from switchover_kit.pagination import decode_token, encode_token, page_size


@pytest.mark.parametrize(("requested", "used"), [(0, 100), (1, 1), (1000, 1000), (5000, 1000)])
def test_page_size_defaults_and_caps(requested: int, used: int) -> None:
    assert page_size(requested) == used


def test_negative_page_size_is_invalid() -> None:
    with pytest.raises(InvalidArgument) as caught:
        page_size(-1)
    assert caught.value.violations[0].field == "page_size"


def test_token_round_trips() -> None:
    position = {"create_time": "2025-01-01T00:00:00+00:00", "name": "programs/p1"}
    assert decode_token(encode_token(position, "filter=a"), "filter=a") == position


def test_token_is_url_safe_without_padding() -> None:
    token = encode_token({"after": "\xff" * 50}, "q")
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_token_does_not_carry_the_query_text() -> None:
    token = encode_token({}, "customer=secret-name")
    assert b"secret-name" not in base64.urlsafe_b64decode(token + "==")


def test_empty_token_is_the_first_page() -> None:
    assert decode_token("", "q") == {}


def test_token_from_another_query_is_invalid() -> None:
    token = encode_token({"after": 5}, "filter=a")
    with pytest.raises(InvalidArgument) as caught:
        decode_token(token, "filter=b")
    assert caught.value.violations[0].field == "page_token"
    assert "different query" in caught.value.violations[0].description


def b64(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "token",
    ["***", "bm90IGpzb24", b64([1, 2]), b64({"q": "x"}), b64({"q": "x", "p": [1]})],
)
def test_garbage_tokens_are_invalid(token: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        decode_token(token, "q")
    assert caught.value.violations[0].field == "page_token"


def test_field_name_can_be_changed() -> None:
    with pytest.raises(InvalidArgument) as caught:
        decode_token("***", "q", field="cursor")
    assert caught.value.violations[0].field == "cursor"
