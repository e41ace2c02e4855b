"""Tests of the key store, principals and the role table."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from switchover.type.v1 import auth_pb2
from switchover_kit import echo
from switchover_kit.auth import (
    BOOTSTRAP_ADMIN,
    SERVICE_PRINCIPAL,
    KeyStore,
    Principal,
    Role,
    RoleTable,
    write_private_file,
)
from switchover_kit.clock import FakeClock


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_roles_mirror_the_proto_enum() -> None:
    assert [(r.name, r.value) for r in Role] == [
        ("VIEWER", auth_pb2.ROLE_VIEWER),
        ("OPERATOR", auth_pb2.ROLE_OPERATOR),
        ("APPROVER", auth_pb2.ROLE_APPROVER),
        ("ADMIN", auth_pb2.ROLE_ADMIN),
    ]


def test_roles_are_ordered() -> None:
    assert Role.VIEWER < Role.OPERATOR < Role.APPROVER < Role.ADMIN


def test_principal_allows_its_role_and_below() -> None:
    approver = Principal("ann", Role.APPROVER)
    assert approver.allows(Role.OPERATOR)
    assert approver.allows(Role.APPROVER)
    assert not approver.allows(Role.ADMIN)


def test_service_principal_is_allowed_everything() -> None:
    assert Principal("risk", Role.VIEWER, service=True).allows(Role.ADMIN)


def test_token_has_the_documented_shape(tmp_path: Path) -> None:
    token = KeyStore(tmp_path / "keys.json").create_key("ci", Role.OPERATOR)
    prefix, key_id, _secret = token.split("_", 2)
    assert prefix == "so"
    assert key_id.isalnum()


def test_created_key_authenticates_as_its_principal(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    token = store.create_key("ci", Role.OPERATOR)
    assert store.authenticate(token) == Principal("ci", Role.OPERATOR, False)


def test_service_keys_make_service_principals(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    token = store.create_key("risk", Role.VIEWER, service=True)
    principal = store.authenticate(token)
    assert principal is not None
    assert principal.service


def test_key_needs_a_principal(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="principal"):
        KeyStore(tmp_path / "keys.json").create_key("", Role.VIEWER)


def test_key_file_never_holds_the_secret(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    token = store.create_key("ci", Role.ADMIN)
    secret = token.split("_", 2)[2]
    text = store.path.read_text()
    assert secret not in text
    assert token not in text
    assert json.loads(text)["keys"][0]["principal"] == "ci"


def test_key_file_is_private(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    store.create_key("ci", Role.ADMIN)
    assert mode(store.path) == 0o600


def test_key_file_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    store.create_key("a", Role.ADMIN)
    store.create_key("b", Role.ADMIN)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys.json", "keys.json.lock"]


@pytest.mark.parametrize(
    "token",
    [
        "",
        "so_",
        "so_abc",
        "xx_abc_AAAA",
        "so_abc_!!!!",
        "so_abc_AAAA",
        "so_abc_A",
        "so_abc_\u00e9\u00e9",
        "Bearer so_abc_AAAA",
    ],
)
def test_malformed_tokens_do_not_authenticate(tmp_path: Path, token: str) -> None:
    store = KeyStore(tmp_path / "keys.json")
    store.create_key("ci", Role.ADMIN)
    assert store.authenticate(token) is None


def test_wrong_secret_does_not_authenticate(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    key_id = store.create_key("ci", Role.ADMIN).split("_", 2)[1]
    other_secret = store.create_key("other", Role.ADMIN).split("_", 2)[2]
    assert store.authenticate(f"so_{key_id}_{other_secret}") is None


def test_revoked_key_no_longer_authenticates(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    token = store.create_key("ci", Role.ADMIN)
    assert store.revoke(token.split("_", 2)[1])
    assert store.authenticate(token) is None


def test_revoking_an_unknown_key_says_so(tmp_path: Path) -> None:
    assert not KeyStore(tmp_path / "keys.json").revoke("nosuchkey")


def test_list_describes_keys_oldest_first(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2025, 1, 1, tzinfo=UTC))
    store = KeyStore(tmp_path / "keys.json", clock=clock)
    first = store.create_key("first", Role.VIEWER).split("_", 2)[1]
    clock.advance(60)
    store.create_key("second", Role.ADMIN, service=True)
    infos = store.list()
    assert [(i.principal, i.role, i.service) for i in infos] == [
        ("first", Role.VIEWER, False),
        ("second", Role.ADMIN, True),
    ]
    assert infos[0].key_id == first
    assert infos[1].create_time == datetime(2025, 1, 1, 0, 1, tzinfo=UTC)


def test_list_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert KeyStore(tmp_path / "keys.json").list() == []


def test_key_made_elsewhere_works_at_once(tmp_path: Path) -> None:
    running_service = KeyStore(tmp_path / "keys.json")
    running_service.create_key("existing", Role.VIEWER)
    assert len(running_service.list()) == 1
    token = KeyStore(tmp_path / "keys.json").create_key("from-cli", Role.OPERATOR)
    assert running_service.authenticate(token) == Principal("from-cli", Role.OPERATOR)


def test_key_revoked_elsewhere_stops_working_at_once(tmp_path: Path) -> None:
    running_service = KeyStore(tmp_path / "keys.json")
    token = running_service.create_key("ci", Role.OPERATOR)
    assert running_service.authenticate(token) is not None
    KeyStore(tmp_path / "keys.json").revoke(token.split("_", 2)[1])
    assert running_service.authenticate(token) is None


def test_bootstrap_makes_both_tokens_in_private_files(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    admin, service = store.ensure_bootstrap(tmp_path / "admin.token", tmp_path / "service.token")
    assert (tmp_path / "admin.token").read_text().strip() == admin
    assert (tmp_path / "service.token").read_text().strip() == service
    assert mode(tmp_path / "admin.token") == mode(tmp_path / "service.token") == 0o600
    assert store.authenticate(admin) == Principal(BOOTSTRAP_ADMIN, Role.ADMIN, False)
    assert store.authenticate(service) == Principal(SERVICE_PRINCIPAL, Role.ADMIN, True)


def test_bootstrap_again_returns_the_same_tokens(tmp_path: Path) -> None:
    files = (tmp_path / "admin.token", tmp_path / "service.token")
    first = KeyStore(tmp_path / "keys.json").ensure_bootstrap(*files)
    again = KeyStore(tmp_path / "keys.json")
    assert again.ensure_bootstrap(*files) == first
    assert len(again.list()) == 2


def test_bootstrap_replaces_a_token_whose_key_was_revoked(tmp_path: Path) -> None:
    files = (tmp_path / "admin.token", tmp_path / "service.token")
    store = KeyStore(tmp_path / "keys.json")
    admin, service = store.ensure_bootstrap(*files)
    store.revoke(admin.split("_", 2)[1])
    new_admin, same_service = store.ensure_bootstrap(*files)
    assert new_admin != admin
    assert same_service == service
    assert store.authenticate(new_admin) is not None


def test_private_file_replaces_content(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "token"
    write_private_file(path, "one")
    write_private_file(path, "two")
    assert (path.read_text(), mode(path)) == ("two", 0o600)


def test_private_file_cleans_up_after_a_failed_write(tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    with pytest.raises(IsADirectoryError):
        write_private_file(target, "cannot replace a directory")
    assert list(target.parent.iterdir()) == [target]


def test_role_table_reads_required_role_from_the_contract() -> None:
    table = RoleTable.from_services(echo.SERVICE)
    assert table.required(f"/{echo.SERVICE_NAME}/Echo") == Role.OPERATOR
    assert table.required(f"/{echo.SERVICE_NAME}/Expand") == Role.VIEWER


def test_role_table_has_none_for_undeclared_and_unknown_methods() -> None:
    table = RoleTable.from_services(echo.SERVICE)
    assert table.required(f"/{echo.SERVICE_NAME}/Undeclared") is None
    assert table.required("/other.v1.OtherService/Get") is None


def test_role_table_lists_every_method() -> None:
    assert RoleTable.from_services(echo.SERVICE).methods() == sorted(
        f"/{echo.SERVICE_NAME}/{name}" for name in echo.METHODS
    )
