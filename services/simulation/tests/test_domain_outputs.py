"""Tests of the side-independent readers of transformer outputs."""

from __future__ import annotations

from switchover_simulation.transformers import (
    ErrorKind,
    JsonObject,
    accepted,
    documents,
    error_kind,
)


def test_accepted_reads_either_side_spelling() -> None:
    assert accepted({"outcome": "ACCEPTED"})
    assert accepted({"outcome": "accepted"})


def test_a_rejection_has_no_documents_and_a_kind() -> None:
    rejection: JsonObject = {
        "outcome": "REJECTED",
        "error": {"kind": "COUNT_MISMATCH", "detail": "SE"},
    }

    assert (documents(rejection), error_kind(rejection)) == ([], ErrorKind.COUNT_MISMATCH)


def test_an_acceptance_has_documents_and_no_kind() -> None:
    acceptance: JsonObject = {"outcome": "accepted", "documents": [{"document_id": "PO-1"}]}

    assert (documents(acceptance), error_kind(acceptance)) == ([{"document_id": "PO-1"}], None)
