"""Tests of the Violations collector, resource names and server ids."""

from __future__ import annotations

import pytest

from switchover_kit.errors import FieldViolation, InvalidArgument
from switchover_kit.pagination import encode_token
from switchover_kit.validation import Violations, is_id, new_id, parse_name

CUSTOMER = "programs/{program}/customers/{customer}"


@pytest.mark.parametrize("value", ["a", "acme", "acme-2", "a1", "x" * 63])
def test_valid_ids(value: str) -> None:
    assert is_id(value)


@pytest.mark.parametrize("value", ["", "Acme", "1acme", "acme-", "ac_me", "ac.me", "x" * 64])
def test_invalid_ids(value: str) -> None:
    assert not is_id(value)


def test_check_id_accepts_a_valid_id() -> None:
    violations = Violations()
    assert violations.check_id("acme", "program_id")
    assert not violations


def test_check_id_records_the_rule() -> None:
    violations = Violations()
    assert not violations.check_id("Bad", "program_id")
    assert violations.violations[0].field == "program_id"
    assert "RFC 1034" in violations.violations[0].description


def test_check_id_requires_a_value_by_default() -> None:
    violations = Violations()
    assert not violations.check_id("", "program_id")
    assert violations.violations == [FieldViolation("program_id", "is required")]


def test_check_id_may_allow_empty() -> None:
    violations = Violations()
    assert violations.check_id("", "program_id", required=False)
    assert not violations


def test_check_name_returns_the_ids() -> None:
    found = Violations().check_name("programs/p1/customers/acme", "name", CUSTOMER)
    assert found == {"program": "p1", "customer": "acme"}


@pytest.mark.parametrize(
    "value",
    [
        "programs/p1",
        "programs/p1/customers/acme/channels/edi",
        "projects/p1/customers/acme",
        "programs/P1/customers/acme",
        "programs//customers/acme",
    ],
)
def test_check_name_rejects_other_shapes(value: str) -> None:
    violations = Violations()
    assert violations.check_name(value, "name", CUSTOMER) is None
    assert violations.violations[0].description.startswith("must be a resource name like")


def test_check_name_requires_a_value() -> None:
    violations = Violations()
    assert violations.check_name("", "parent", CUSTOMER) is None
    assert violations.violations == [FieldViolation("parent", "is required")]


@pytest.mark.parametrize("pattern", ["programs/{Program}", "programs//x", "programs/{x}y"])
def test_bad_patterns_are_programming_errors(pattern: str) -> None:
    with pytest.raises(ValueError, match="pattern"):
        Violations().check_name("programs/x", "name", pattern)


@pytest.mark.parametrize(
    "value", ["", "6f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f", "6F1C2D4E-3B5A-4C7D-9E8F-0A1B2C3D4E5F"]
)
def test_request_id_may_be_empty_or_a_uuid(value: str) -> None:
    assert Violations().check_request_id(value)


@pytest.mark.parametrize(
    "value", ["abc", "6f1c2d4e3b5a4c7d9e8f0a1b2c3d4e5f", "{6f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f}"]
)
def test_request_id_must_be_a_uuid(value: str) -> None:
    violations = Violations()
    assert not violations.check_request_id(value)
    assert violations.violations[0].field == "request_id"


def test_check_range_is_inclusive() -> None:
    violations = Violations()
    assert violations.check_range(0, "impact", 0, 100)
    assert violations.check_range(100, "impact", 0, 100)
    assert not violations.check_range(100.5, "impact", 0, 100)
    assert violations.violations == [FieldViolation("impact", "must be between 0 and 100")]


@pytest.mark.parametrize("value", [None, "", 0, []])
def test_require_flags_empty_values(value: object) -> None:
    violations = Violations()
    assert not violations.require(value, "display_name")
    assert violations.violations == [FieldViolation("display_name", "is required")]


def test_require_accepts_a_value() -> None:
    violations = Violations()
    assert violations.require("Acme", "display_name")
    assert not violations


def test_check_page_gives_defaults_for_the_first_page() -> None:
    violations = Violations()
    assert violations.check_page(0, "", "q") == (100, {})
    assert not violations


def test_check_page_decodes_the_token() -> None:
    token = encode_token({"after": "acme"}, "programs/p1")
    assert Violations().check_page(10, token, "programs/p1") == (10, {"after": "acme"})


def test_check_page_records_both_bad_fields() -> None:
    violations = Violations()
    violations.check_page(-1, "garbage!", "q")
    assert [v.field for v in violations.violations] == ["page_size", "page_token"]


def test_raise_if_any_raises_with_every_violation() -> None:
    violations = Violations()
    violations.add("a", "is required")
    violations.add("b", "is required")
    with pytest.raises(InvalidArgument) as caught:
        violations.raise_if_any()
    assert [v.field for v in caught.value.violations] == ["a", "b"]


def test_raise_if_any_does_nothing_when_clean() -> None:
    Violations().raise_if_any()


def test_parse_name_returns_the_ids() -> None:
    assert parse_name("programs/p1/customers/acme", CUSTOMER) == {
        "program": "p1",
        "customer": "acme",
    }


def test_parse_name_raises_invalid_argument_on_the_field() -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_name("programs/p1", CUSTOMER, field="parent")
    assert caught.value.violations[0].field == "parent"


def test_new_id_is_a_valid_id_with_the_prefix() -> None:
    made = new_id("run")
    assert is_id(made)
    assert made.startswith("run-")
    assert len(made) == len("run-") + 10


def test_new_ids_differ() -> None:
    assert len({new_id("run") for _ in range(100)}) == 100


@pytest.mark.parametrize("prefix", ["Run", "", "x" * 53])
def test_new_id_refuses_bad_prefixes(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix"):
        new_id(prefix)
