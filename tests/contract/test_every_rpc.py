"""Walks every RPC in the protos against the running suite.

For each method: it is served (never UNIMPLEMENTED), it refuses a call without a token, a caller
whose role is too low, undecodable bytes and a request whose every field is invalid, each with
the right status and an ErrorInfo; health and reflection answer for every service without a
token.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from google.protobuf.message import Message
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from switchover.cutover.v1 import cutover_service_pb2
from switchover.gateway.v1 import gateway_service_pb2
from switchover.notification.v1 import notification_service_pb2
from switchover.orchestration.v1 import orchestration_service_pb2
from switchover.risk.v1 import risk_service_pb2
from switchover.simulation.v1 import simulation_service_pb2
from switchover.type.v1 import auth_pb2
from switchover_kit.auth import Role
from switchover_kit.errors import details

pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVICES = {
    "gateway": gateway_service_pb2.DESCRIPTOR.services_by_name["GatewayService"],
    "risk": risk_service_pb2.DESCRIPTOR.services_by_name["RiskService"],
    "orchestration": orchestration_service_pb2.DESCRIPTOR.services_by_name["OrchestrationService"],
    "simulation": simulation_service_pb2.DESCRIPTOR.services_by_name["SimulationService"],
    "cutover": cutover_service_pb2.DESCRIPTOR.services_by_name["CutoverService"],
    "notification": notification_service_pb2.DESCRIPTOR.services_by_name["NotificationService"],
}
METHODS = [(svc, m) for svc, desc in SERVICES.items() for m in desc.methods]
IDS = [f"{svc}.{m.name}" for svc, m in METHODS]
UNDECODABLE = [b"\xff\xff\xff\xff", b"\x0a\xff\xff\xff\xff\x0f"]


def _required_role(method: MethodDescriptor) -> int:
    return int(method.GetOptions().Extensions[auth_pb2.required_role])


def _garbage(descriptor: Descriptor, depth: int = 0) -> Message:
    """A request whose every field holds a value no RPC may accept."""
    message = message_factory.GetMessageClass(descriptor)()
    for field in descriptor.fields:
        _fill(message, field, depth)
    return message


def _scalar(field: FieldDescriptor) -> object:
    if field.type == FieldDescriptor.TYPE_STRING:
        return "Not a Valid / name!"
    if field.type == FieldDescriptor.TYPE_BYTES:
        return b"\xff\xfe not utf-8"
    if field.type == FieldDescriptor.TYPE_BOOL:
        return True
    if field.type == FieldDescriptor.TYPE_ENUM:
        return 999  # open enums keep unknown numbers; the server must refuse them
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return -1.5
    return -1


def _fill(message: Message, field: FieldDescriptor, depth: int) -> None:
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        key_field = field.message_type.fields_by_name["key"]
        value_field = field.message_type.fields_by_name["value"]
        entries = getattr(message, field.name)
        key = _scalar(key_field)
        if value_field.message_type is None:
            entries[key] = _scalar(value_field)
        elif depth < 3:
            entries[key].CopyFrom(_garbage(value_field.message_type, depth + 1))
        return
    if field.message_type is not None:
        if field.message_type.full_name.startswith("google.protobuf."):
            return  # well-known types: timestamps and masks have no invalid encodings
        if depth >= 3:
            return
        value = _garbage(field.message_type, depth + 1)
        if field.label == FieldDescriptor.LABEL_REPEATED:
            getattr(message, field.name).add().CopyFrom(value)
        else:
            getattr(message, field.name).CopyFrom(value)
        return
    if field.label == FieldDescriptor.LABEL_REPEATED:
        getattr(message, field.name).append(_scalar(field))
    else:
        setattr(message, field.name, _scalar(field))


async def _call(
    target: str, method: MethodDescriptor, payload: bytes, token: str | None
) -> grpc.aio.AioRpcError:
    """Sends raw bytes to `method` and returns the error it must answer with."""
    path = f"/{method.containing_service.full_name}/{method.name}"
    metadata = (("authorization", f"Bearer {token}"),) if token else ()
    async with grpc.aio.insecure_channel(target) as channel:
        try:
            if method.server_streaming:
                call = channel.unary_stream(path)(payload, metadata=metadata, timeout=30)
                async for _ in call:
                    pass
            else:
                await channel.unary_unary(path)(payload, metadata=metadata, timeout=30)
        except grpc.aio.AioRpcError as error:
            return error
    raise AssertionError(f"{path} accepted the request")


@pytest.mark.parametrize(("service", "method"), METHODS, ids=IDS)
async def test_every_rpc_declares_a_role(service: str, method: MethodDescriptor) -> None:
    assert _required_role(method) in {
        auth_pb2.ROLE_VIEWER,
        auth_pb2.ROLE_OPERATOR,
        auth_pb2.ROLE_APPROVER,
        auth_pb2.ROLE_ADMIN,
    }


@pytest.mark.parametrize(("service", "method"), METHODS, ids=IDS)
async def test_a_call_without_a_token_is_unauthenticated(
    suite: object, service: str, method: MethodDescriptor
) -> None:
    error = await _call(suite.target(service), method, b"", None)  # type: ignore[attr-defined]
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize(
    ("service", "method"),
    [(s, m) for s, m in METHODS if _required_role(m) > auth_pb2.ROLE_VIEWER],
    ids=[f"{s}.{m.name}" for s, m in METHODS if _required_role(m) > auth_pb2.ROLE_VIEWER],
)
async def test_a_viewer_calling_a_higher_rpc_is_permission_denied(
    suite: object, service: str, method: MethodDescriptor
) -> None:
    token = suite.tokens[Role.VIEWER]  # type: ignore[attr-defined]
    error = await _call(suite.target(service), method, b"", token)  # type: ignore[attr-defined]
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.parametrize(("service", "method"), METHODS, ids=IDS)
async def test_undecodable_bytes_are_invalid_argument(
    suite: object, service: str, method: MethodDescriptor
) -> None:
    token = suite.tokens[Role.ADMIN]  # type: ignore[attr-defined]
    for payload in UNDECODABLE:
        error = await _call(suite.target(service), method, payload, token)  # type: ignore[attr-defined]
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        info = details(error)
        assert info.reason == "MALFORMED_REQUEST"
        assert info.domain == f"{service}.switchover"


@pytest.mark.parametrize(("service", "method"), METHODS, ids=IDS)
async def test_invalid_fields_are_invalid_argument_with_field_violations(
    suite: object, service: str, method: MethodDescriptor
) -> None:
    token = suite.tokens[Role.ADMIN]  # type: ignore[attr-defined]
    request = _garbage(method.input_type)
    error = await _call(
        suite.target(service),  # type: ignore[attr-defined]
        method,
        request.SerializeToString(),
        token,
    )
    info = details(error)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (error.code(), error.details())
    assert info.violations, f"{method.full_name} gave no field violations"
    assert "Traceback" not in (error.details() or "")


def _service_names() -> Iterator[tuple[str, str]]:
    for svc, desc in SERVICES.items():
        yield svc, desc.full_name


@pytest.mark.parametrize(("service", "full_name"), list(_service_names()))
async def test_health_and_reflection_answer_without_a_token(
    suite: object, service: str, full_name: str
) -> None:
    async with grpc.aio.insecure_channel(suite.target(service)) as channel:  # type: ignore[attr-defined]
        health = health_pb2_grpc.HealthStub(channel)
        for name in ("", full_name):
            reply = await health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        async for reply in reflection.ServerReflectionInfo(iter([request]), timeout=5):
            listed = {s.name for s in reply.list_services_response.service}
            assert full_name in listed
            assert "grpc.health.v1.Health" in listed
