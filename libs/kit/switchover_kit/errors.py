"""Errors servicers raise, and how they travel as rich gRPC statuses (AIP-193).

A servicer raises, say, `NotFound("programs/acme")`; the server wrapper turns it into a
`google.rpc.Status` carrying an `ErrorInfo` (reason, domain `<svc>.switchover`, metadata) and,
for bad input, a `BadRequest` with one violation per field. Clients read them back with
`details(err)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

_REASON = re.compile(r"^[A-Z][A-Z0-9_]{0,61}[A-Z0-9]$")
_STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class FieldViolation:
    """One invalid field of a request: its path (`customer.channels[2].type`) and why."""

    field: str
    description: str


class ServiceError(Exception):
    """An error meant for the client: a status code, a stable reason and a readable message."""

    def __init__(
        self,
        code: grpc.StatusCode,
        reason: str,
        message: str,
        metadata: dict[str, str] | None = None,
    ) -> None:
        if not _REASON.match(reason):
            raise ValueError(f"error reason {reason!r} is not UPPER_SNAKE_CASE")
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.metadata = dict(metadata or {})
        self.violations: list[FieldViolation] = []

    def to_status(self, domain: str) -> grpc.Status:
        """Builds the rich status for `domain` (`<svc>.switchover`)."""
        info = error_details_pb2.ErrorInfo(reason=self.reason, domain=domain)
        info.metadata.update(self.metadata)
        packed = [_pack(info)]
        if self.violations:
            bad_request = error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=v.field, description=v.description
                    )
                    for v in self.violations
                ]
            )
            packed.append(_pack(bad_request))
        status = status_pb2.Status(code=self.code.value[0], message=self.message, details=packed)
        return rpc_status.to_status(status)


def _pack(message: Any) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


class InvalidArgument(ServiceError):
    """The request is malformed; `violations` says which fields and why."""

    def __init__(
        self,
        violations: list[FieldViolation],
        message: str | None = None,
        reason: str = "INVALID_ARGUMENT",
    ) -> None:
        if message is None:
            summary = "; ".join(f"{v.field}: {v.description}" for v in violations)
            message = f"invalid request: {summary}" if summary else "invalid request"
        super().__init__(grpc.StatusCode.INVALID_ARGUMENT, reason, message)
        self.violations = list(violations)


class NotFound(ServiceError):
    """The named resource does not exist."""

    def __init__(
        self, resource_name: str, message: str | None = None, reason: str = "RESOURCE_NOT_FOUND"
    ) -> None:
        super().__init__(
            grpc.StatusCode.NOT_FOUND,
            reason,
            message or f"{resource_name} not found",
            {"name": resource_name},
        )


class AlreadyExists(ServiceError):
    """A resource with that name exists already."""

    def __init__(
        self,
        resource_name: str,
        message: str | None = None,
        reason: str = "RESOURCE_ALREADY_EXISTS",
    ) -> None:
        super().__init__(
            grpc.StatusCode.ALREADY_EXISTS,
            reason,
            message or f"{resource_name} already exists",
            {"name": resource_name},
        )


class FailedPrecondition(ServiceError):
    """The resource is not in a state that allows the operation (AIP-216)."""

    def __init__(self, reason: str, message: str, metadata: dict[str, str] | None = None) -> None:
        super().__init__(grpc.StatusCode.FAILED_PRECONDITION, reason, message, metadata)


class Aborted(ServiceError):
    """The operation conflicted with another one; the client may retry from the start."""

    def __init__(
        self,
        reason: str = "ABORTED",
        message: str = "the request conflicted with a concurrent change; retry it",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.ABORTED, reason, message, metadata)


class PermissionDenied(ServiceError):
    """The caller is known but may not do this."""

    def __init__(
        self,
        reason: str = "PERMISSION_DENIED",
        message: str = "the caller may not perform this operation",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.PERMISSION_DENIED, reason, message, metadata)


class Unauthenticated(ServiceError):
    """The caller presented no valid credentials."""

    def __init__(
        self,
        reason: str = "UNAUTHENTICATED",
        message: str = "a valid API key is required: authorization: Bearer <token>",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.UNAUTHENTICATED, reason, message, metadata)


class ResourceExhausted(ServiceError):
    """A quota or a capacity limit was reached."""

    def __init__(
        self,
        reason: str = "RESOURCE_EXHAUSTED",
        message: str = "a limit was reached; retry later",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.RESOURCE_EXHAUSTED, reason, message, metadata)


class Unavailable(ServiceError):
    """A dependency is down for now; the call is safe to retry."""

    def __init__(
        self,
        reason: str = "UNAVAILABLE",
        message: str = "the service is unavailable; retry later",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.UNAVAILABLE, reason, message, metadata)


class DeadlineExceeded(ServiceError):
    """The work could not finish before the caller's deadline."""

    def __init__(
        self,
        reason: str = "DEADLINE_EXCEEDED",
        message: str = "the deadline passed before the work finished",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(grpc.StatusCode.DEADLINE_EXCEEDED, reason, message, metadata)


@dataclass
class ErrorDetails:
    """What a client learns from a failed call."""

    code: grpc.StatusCode
    message: str
    reason: str = ""
    domain: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    violations: list[FieldViolation] = field(default_factory=list)


def details(err: grpc.RpcError) -> ErrorDetails:
    """Reads the status code, `ErrorInfo` and `BadRequest` out of a failed call."""
    found = ErrorDetails(code=err.code(), message=err.details() or "")
    for key, value in err.trailing_metadata() or ():
        if key != _STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status.FromString(value)
        for packed in status.details:
            info = error_details_pb2.ErrorInfo()
            bad_request = error_details_pb2.BadRequest()
            if packed.Unpack(info):
                found.reason, found.domain = info.reason, info.domain
                found.metadata = dict(info.metadata)
            elif packed.Unpack(bad_request):
                found.violations = [
                    FieldViolation(v.field, v.description) for v in bad_request.field_violations
                ]
    return found


__all__ = [
    "Aborted",
    "AlreadyExists",
    "DeadlineExceeded",
    "ErrorDetails",
    "FailedPrecondition",
    "FieldViolation",
    "InvalidArgument",
    "NotFound",
    "PermissionDenied",
    "ResourceExhausted",
    "ServiceError",
    "Unauthenticated",
    "Unavailable",
    "details",
]
