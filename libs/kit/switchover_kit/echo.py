"""A tiny gRPC service built without a .proto file, for testing and measuring the kit.

It is described by a hand-built `FileDescriptorProto` in a private descriptor pool, with dynamic
message classes, so no generated code is needed. Its methods cover the four call shapes and
carry `switchover.type.v1.required_role` like every real contract:

    Echo        unary -> unary     operator
    Expand      unary -> stream    viewer
    Collect     stream -> unary    viewer
    Chat        stream -> stream   viewer
    Undeclared  unary -> unary     no role (so nobody may call it)

Behaviour is up to the servicer a test writes (subclass `EchoServicer`); this module only gives
the contract, a generated-style servicer base, `add_echo_servicer_to_server` and a client stub.
"""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor import ServiceDescriptor

from switchover.type.v1 import auth_pb2

PACKAGE = "kit.echo.v1"
SERVICE_NAME = f"{PACKAGE}.EchoService"

_STRING = descriptor_pb2.FieldDescriptorProto.TYPE_STRING
_INT32 = descriptor_pb2.FieldDescriptorProto.TYPE_INT32
_DOUBLE = descriptor_pb2.FieldDescriptorProto.TYPE_DOUBLE

_REQUEST_FIELDS = [("text", _STRING), ("request_id", _STRING), ("count", _INT32)]
_RESPONSE_FIELDS = [
    ("text", _STRING),
    ("request_id", _STRING),
    ("actor", _STRING),
    ("time_remaining", _DOUBLE),
]

# name -> (client streams, server streams, required role or None)
METHODS: dict[str, tuple[bool, bool, auth_pb2.Role.ValueType | None]] = {
    "Echo": (False, False, auth_pb2.ROLE_OPERATOR),
    "Expand": (False, True, auth_pb2.ROLE_VIEWER),
    "Collect": (True, False, auth_pb2.ROLE_VIEWER),
    "Chat": (True, True, auth_pb2.ROLE_VIEWER),
    "Undeclared": (False, False, None),
}


def _file() -> descriptor_pb2.FileDescriptorProto:
    proto = descriptor_pb2.FileDescriptorProto(
        name="kit/echo/v1/echo.proto",
        package=PACKAGE,
        syntax="proto3",
        dependency=[auth_pb2.DESCRIPTOR.name],
    )
    for name, fields in (("EchoRequest", _REQUEST_FIELDS), ("EchoResponse", _RESPONSE_FIELDS)):
        message = proto.message_type.add(name=name)
        for number, (field_name, field_type) in enumerate(fields, start=1):
            message.field.add(
                name=field_name,
                number=number,
                type=field_type,
                label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
            )
    service = proto.service.add(name="EchoService")
    for name, (client_streaming, server_streaming, role) in METHODS.items():
        method = service.method.add(
            name=name,
            input_type=f".{PACKAGE}.EchoRequest",
            output_type=f".{PACKAGE}.EchoResponse",
            client_streaming=client_streaming,
            server_streaming=server_streaming,
        )
        if role is not None:
            method.options.Extensions[auth_pb2.required_role] = role
    return proto


def _pool() -> descriptor_pool.DescriptorPool:
    pool = descriptor_pool.DescriptorPool()
    for dependency in (descriptor_pb2.DESCRIPTOR, auth_pb2.DESCRIPTOR):
        proto = descriptor_pb2.FileDescriptorProto()
        dependency.CopyToProto(proto)
        pool.Add(proto)
    pool.Add(_file())
    return pool


POOL = _pool()
SERVICE: ServiceDescriptor = POOL.FindServiceByName(SERVICE_NAME)
# Dynamic classes have no static fields, hence Any.
EchoRequest: Any = message_factory.GetMessageClass(
    POOL.FindMessageTypeByName(f"{PACKAGE}.EchoRequest")
)
EchoResponse: Any = message_factory.GetMessageClass(
    POOL.FindMessageTypeByName(f"{PACKAGE}.EchoResponse")
)

_HANDLER_FACTORIES = {
    (False, False): "unary_unary_rpc_method_handler",
    (False, True): "unary_stream_rpc_method_handler",
    (True, False): "stream_unary_rpc_method_handler",
    (True, True): "stream_stream_rpc_method_handler",
}


class EchoServicer:
    """Base servicer: every method is unimplemented until a subclass overrides it."""

    def Echo(self, request: Any, context: Any) -> Any:
        """Answers one request."""
        raise NotImplementedError("Method not implemented!")

    def Expand(self, request: Any, context: Any) -> Any:
        """Streams answers to one request."""
        raise NotImplementedError("Method not implemented!")

    def Collect(self, requests: Any, context: Any) -> Any:
        """Answers a stream of requests once."""
        raise NotImplementedError("Method not implemented!")

    def Chat(self, requests: Any, context: Any) -> Any:
        """Answers a stream of requests with a stream."""
        raise NotImplementedError("Method not implemented!")

    def Undeclared(self, request: Any, context: Any) -> Any:
        """Has no required role, so the kit refuses it to everyone."""
        raise NotImplementedError("Method not implemented!")


def add_echo_servicer_to_server(servicer: Any, server: Any) -> None:
    """Registers `servicer`'s methods the way generated `add_XServicer_to_server` code does."""
    handlers = {}
    for name, (client_streaming, server_streaming, _) in METHODS.items():
        factory = getattr(grpc, _HANDLER_FACTORIES[client_streaming, server_streaming])
        handlers[name] = factory(
            getattr(servicer, name),
            request_deserializer=EchoRequest.FromString,
            response_serializer=EchoResponse.SerializeToString,
        )
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
    server.add_registered_method_handlers(SERVICE_NAME, handlers)


def _path(name: str) -> str:
    return f"/{SERVICE_NAME}/{name}"


class EchoStub:
    """Client stub with one multi-callable per method, like generated stubs."""

    def __init__(self, channel: Any) -> None:
        codec: dict[str, Any] = {
            "request_serializer": EchoRequest.SerializeToString,
            "response_deserializer": EchoResponse.FromString,
        }
        self.Echo: Any = channel.unary_unary(_path("Echo"), **codec)
        self.Expand: Any = channel.unary_stream(_path("Expand"), **codec)
        self.Collect: Any = channel.stream_unary(_path("Collect"), **codec)
        self.Chat: Any = channel.stream_stream(_path("Chat"), **codec)
        self.Undeclared: Any = channel.unary_unary(_path("Undeclared"), **codec)
