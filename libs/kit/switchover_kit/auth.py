"""API keys, principals and the role table read from the contracts (DESIGN.md §7).

A token looks like `so_<key_id>_<secret>`, where the secret is 32 random bytes in url-safe
base64. The key file keeps the key id, the principal, the role and the SHA-256 of the secret,
never the secret itself; it is written atomically with mode 0600 and re-read whenever it
changes, so a key made by the CLI works at once in running services.
"""

from __future__ import annotations

import base64
import binascii
import builtins
import enum
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from google.protobuf.descriptor import ServiceDescriptor

from switchover.type.v1 import auth_pb2
from switchover_kit.clock import Clock, SystemClock

TOKEN_PREFIX = "so"
_SECRET_BYTES = 32
_FILE_VERSION = 1
BOOTSTRAP_ADMIN = "bootstrap-admin"
SERVICE_PRINCIPAL = "switchover-service"


class Role(enum.IntEnum):
    """What a caller may do; each role includes every right of the roles below it."""

    VIEWER = auth_pb2.ROLE_VIEWER
    OPERATOR = auth_pb2.ROLE_OPERATOR
    APPROVER = auth_pb2.ROLE_APPROVER
    ADMIN = auth_pb2.ROLE_ADMIN


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a person, a script, or (service=True) another service."""

    name: str
    role: Role
    service: bool = False

    def allows(self, required: Role) -> bool:
        """Tells whether this principal may call an RPC that needs `required`."""
        return self.service or self.role >= required


@dataclass(frozen=True)
class KeyInfo:
    """What the key store tells about a key (never its secret)."""

    key_id: str
    principal: str
    role: Role
    service: bool
    create_time: datetime


@dataclass(frozen=True)
class _StoredKey:
    info: KeyInfo
    digest: bytes


def _digest(secret: bytes) -> bytes:
    return hashlib.sha256(secret).digest()


def _split_token(token: str) -> tuple[str, bytes] | None:
    """Returns (key id, secret bytes) of a well-formed token, else None."""
    prefix, _, rest = token.partition("_")
    key_id, _, encoded = rest.partition("_")
    if prefix != TOKEN_PREFIX or not key_id or not encoded:
        return None
    try:
        secret = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    return (key_id, secret) if len(secret) == _SECRET_BYTES else None


def write_private_file(path: Path, content: str) -> None:
    """Replaces `path` atomically with `content`, readable by the owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class KeyStore:
    """Hashed API keys in a JSON file shared by the CLI and every running service."""

    def __init__(self, path: Path, *, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self._clock: Clock = clock or SystemClock()
        self._keys: dict[str, _StoredKey] = {}
        self._signature: tuple[int, int, int] | None = None
        self._mutex = threading.Lock()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Serialises writers in this process (mutex) and across processes (flock)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        with self._mutex, open(lock_path, "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                self._reload(force=True)
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _reload(self, *, force: bool = False) -> None:
        """Re-reads the file when it changed (or always, when `force`)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._keys, self._signature = {}, None
            return
        signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if signature == self._signature and not force:
            return
        document = json.loads(self.path.read_text(encoding="utf-8"))
        keys: dict[str, _StoredKey] = {}
        for entry in document["keys"]:
            info = KeyInfo(
                key_id=entry["key_id"],
                principal=entry["principal"],
                role=Role[entry["role"]],
                service=bool(entry["service"]),
                create_time=datetime.fromisoformat(entry["create_time"]),
            )
            keys[info.key_id] = _StoredKey(info, bytes.fromhex(entry["sha256"]))
        self._keys, self._signature = keys, signature

    def _save(self) -> None:
        entries: builtins.list[dict[str, Any]] = [
            {
                "key_id": key.info.key_id,
                "principal": key.info.principal,
                "role": key.info.role.name,
                "service": key.info.service,
                "create_time": key.info.create_time.isoformat(),
                "sha256": key.digest.hex(),
            }
            for key in self._keys.values()
        ]
        document = {"version": _FILE_VERSION, "keys": entries}
        write_private_file(self.path, json.dumps(document, indent=2) + "\n")
        self._reload(force=True)

    def _add_key(self, principal: str, role: Role, service: bool) -> str:
        key_id = secrets.token_hex(6)
        secret = secrets.token_bytes(_SECRET_BYTES)
        info = KeyInfo(key_id, principal, Role(role), service, self._clock.now())
        self._keys[key_id] = _StoredKey(info, _digest(secret))
        self._save()
        encoded = base64.urlsafe_b64encode(secret).decode().rstrip("=")
        return f"{TOKEN_PREFIX}_{key_id}_{encoded}"

    def create_key(self, principal: str, role: Role, service: bool = False) -> str:
        """Makes a key and returns its token; the token is not stored and cannot be shown again."""
        if not principal:
            raise ValueError("a key needs a principal name")
        with self._exclusive():
            return self._add_key(principal, role, service)

    def revoke(self, key_id: str) -> bool:
        """Deletes a key; returns False when there was no such key."""
        with self._exclusive():
            if self._keys.pop(key_id, None) is None:
                return False
            self._save()
            return True

    def list(self) -> builtins.list[KeyInfo]:
        """Returns every key, oldest first."""
        with self._mutex:
            self._reload()
            return sorted((k.info for k in self._keys.values()), key=lambda i: i.create_time)

    def _match(self, token: str) -> Principal | None:
        parts = _split_token(token)
        if parts is None:
            return None
        key_id, secret = parts
        stored = self._keys.get(key_id)
        if stored is None or not hmac.compare_digest(stored.digest, _digest(secret)):
            return None
        return Principal(stored.info.principal, stored.info.role, stored.info.service)

    def authenticate(self, token: str) -> Principal | None:
        """Returns the principal a token belongs to, or None for an unknown or revoked token."""
        with self._mutex:
            self._reload()
            return self._match(token)

    def ensure_bootstrap(self, admin_token_file: Path, service_token_file: Path) -> tuple[str, str]:
        """Returns the admin and service tokens, making them (and their files) at first start.

        A token file whose token no longer authenticates (its key was revoked or the key file
        was replaced) gets a fresh key, so a restart always leaves working tokens behind.
        """
        with self._exclusive():
            admin = self._token_from(admin_token_file, Role.ADMIN, BOOTSTRAP_ADMIN, service=False)
            service = self._token_from(
                service_token_file, Role.ADMIN, SERVICE_PRINCIPAL, service=True
            )
        return admin, service

    def _token_from(self, token_file: Path, role: Role, principal: str, *, service: bool) -> str:
        if token_file.exists():
            token = token_file.read_text(encoding="utf-8").strip()
            if self._match(token) is not None:
                return token
        token = self._add_key(principal, role, service)
        write_private_file(token_file, token + "\n")
        return token


class RoleTable:
    """Who may call what, read from the `required_role` option of every RPC."""

    def __init__(self, roles: Mapping[str, Role | None]) -> None:
        self._roles = dict(roles)

    @classmethod
    def from_services(cls, *service_descriptors: ServiceDescriptor) -> RoleTable:
        """Reads the role each method of the given services requires."""
        roles: dict[str, Role | None] = {}
        for service in service_descriptors:
            for method in service.methods:
                value = method.GetOptions().Extensions[auth_pb2.required_role]
                full_method = f"/{service.full_name}/{method.name}"
                roles[full_method] = Role(value) if value else None
        return cls(roles)

    def required(self, full_method: str) -> Role | None:
        """Returns the least role for `/pkg.Service/Method`, or None when none is declared."""
        return self._roles.get(full_method)

    def methods(self) -> builtins.list[str]:
        """Returns every method the table knows, sorted."""
        return sorted(self._roles)
