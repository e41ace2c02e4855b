"""Tests of the error classes and their rich statuses (server round trips are in test_server)."""

from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2

from switchover_kit.errors import (
    Aborted,
    AlreadyExists,
    DeadlineExceeded,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    ServiceError,
    Unauthenticated,
    Unavailable,
)


def decode(status: grpc.Status) -> status_pb2.Status:
    (key, value), *_ = status.trailing_metadata
    assert key == "grpc-status-details-bin"
    return status_pb2.Status.FromString(value)


def test_status_carries_code_message_and_error_info() -> None:
    error = FailedPrecondition("PLAN_NOT_APPROVED", "approve the plan first", {"plan": "p1"})
    status = error.to_status("gateway.switchover")
    assert (status.code, status.details) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "approve the plan first",
    )
    info = error_details_pb2.ErrorInfo()
    assert decode(status).details[0].Unpack(info)
    assert (info.reason, info.domain, dict(info.metadata)) == (
        "PLAN_NOT_APPROVED",
        "gateway.switchover",
        {"plan": "p1"},
    )


def test_invalid_argument_adds_bad_request() -> None:
    error = InvalidArgument([FieldViolation("name", "is required")])
    packed = decode(error.to_status("risk.switchover")).details
    bad_request = error_details_pb2.BadRequest()
    assert packed[1].Unpack(bad_request)
    assert [(v.field, v.description) for v in bad_request.field_violations] == [
        ("name", "is required")
    ]


def test_invalid_argument_message_lists_the_violations() -> None:
    error = InvalidArgument([FieldViolation("a", "is required"), FieldViolation("b", "too long")])
    assert error.message == "invalid request: a: is required; b: too long"


def test_invalid_argument_keeps_a_given_message_and_reason() -> None:
    error = InvalidArgument([], message="cannot decode", reason="MALFORMED_REQUEST")
    assert (error.message, error.reason) == ("cannot decode", "MALFORMED_REQUEST")


def test_invalid_argument_without_violations_has_a_plain_message() -> None:
    assert InvalidArgument([]).message == "invalid request"


def test_errors_without_violations_have_no_bad_request() -> None:
    assert len(decode(NotFound("runs/r1").to_status("x.switchover")).details) == 1


def test_not_found_names_the_resource() -> None:
    error = NotFound("programs/acme")
    assert (error.code, error.reason, error.metadata, error.message) == (
        grpc.StatusCode.NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        {"name": "programs/acme"},
        "programs/acme not found",
    )


def test_already_exists_names_the_resource() -> None:
    error = AlreadyExists("programs/acme")
    assert (error.code, error.reason, error.metadata) == (
        grpc.StatusCode.ALREADY_EXISTS,
        "RESOURCE_ALREADY_EXISTS",
        {"name": "programs/acme"},
    )


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (Aborted(), grpc.StatusCode.ABORTED),
        (PermissionDenied(), grpc.StatusCode.PERMISSION_DENIED),
        (Unauthenticated(), grpc.StatusCode.UNAUTHENTICATED),
        (ResourceExhausted(), grpc.StatusCode.RESOURCE_EXHAUSTED),
        (Unavailable(), grpc.StatusCode.UNAVAILABLE),
        (DeadlineExceeded(), grpc.StatusCode.DEADLINE_EXCEEDED),
    ],
)
def test_each_error_class_has_its_code_and_a_default_reason(
    error: ServiceError, code: grpc.StatusCode
) -> None:
    assert error.code == code
    assert error.reason == code.name


def test_reason_must_be_upper_snake_case() -> None:
    with pytest.raises(ValueError, match="UPPER_SNAKE_CASE"):
        ServiceError(grpc.StatusCode.INTERNAL, "notUpper", "x")


def test_error_is_an_exception_with_its_message() -> None:
    assert str(Aborted("REQUEST_ID_REUSED", "used before")) == "used before"
