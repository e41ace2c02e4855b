"""Tests of the call context accessors and `bind`."""

from __future__ import annotations

import contextvars
import time

from switchover_kit import context
from switchover_kit.auth import Principal, Role

ALICE = Principal("alice", Role.OPERATOR)
GATEWAY = Principal("gateway", Role.ADMIN, service=True)


def test_outside_a_call_nothing_is_known() -> None:
    assert (context.request_id(), context.principal(), context.actor()) == ("", None, "")
    assert (context.deadline(), context.time_remaining(), context.service()) == (None, None, "")


def test_bind_sets_and_restores() -> None:
    with context.bind(request_id="r1", principal=ALICE, service="risk"):
        assert (context.request_id(), context.principal(), context.service()) == (
            "r1",
            ALICE,
            "risk",
        )
    assert (context.request_id(), context.principal(), context.service()) == ("", None, "")


def test_bind_leaves_unnamed_values_alone() -> None:
    with context.bind(request_id="outer", principal=ALICE), context.bind(request_id="inner"):
        assert (context.request_id(), context.principal()) == ("inner", ALICE)


def test_actor_is_the_caller_itself() -> None:
    with context.bind(principal=ALICE, forwarded_actor="mallory"):
        assert context.actor() == "alice"


def test_actor_is_the_forwarded_user_for_services() -> None:
    with context.bind(principal=GATEWAY, forwarded_actor="alice"):
        assert context.actor() == "alice"


def test_actor_is_the_service_when_nothing_was_forwarded() -> None:
    with context.bind(principal=GATEWAY):
        assert context.actor() == "gateway"


def test_time_remaining_counts_down_to_the_deadline() -> None:
    with context.bind(deadline=time.monotonic() + 10):
        remaining = context.time_remaining()
    assert remaining is not None
    assert 9 < remaining <= 10


def enter_call_then_check() -> None:
    with context.bind(principal=ALICE, forwarded_actor="x"):
        context.enter_call(request_id="r2", service="cutover", deadline=5.0)
        assert (context.request_id(), context.service(), context.deadline()) == (
            "r2",
            "cutover",
            5.0,
        )
        assert context.principal() is None
        context.set_caller(GATEWAY, "bob")
        assert context.actor() == "bob"


def test_enter_call_replaces_the_whole_call_state() -> None:
    # enter_call never restores, so it runs in a context of its own, as a call's task does.
    contextvars.copy_context().run(enter_call_then_check)
    assert context.request_id() == ""
