"""Tests of the wire-format builders that render scenario documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from switchover_simulation.scenarios.builders import render, render_sftp_fixed
from switchover_simulation.scenarios.builders.edifact import escape
from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec, LineSpec, PartySpec
from switchover_simulation.transformers import ChannelType

ORDER = DocumentSpec(
    document_type="order",
    document_id="PO-1",
    document_date=date(2024, 3, 5),
    currency="USD",
    parties=(PartySpec("buyer", "B1", "Buyer"),),
    lines=(LineSpec("SKU-1", "Item", Decimal("2"), "EA", Decimal("1.50")),),
)


@pytest.mark.parametrize("channel_type", [ChannelType.REST_API, ChannelType.WEB_PORTAL])
def test_single_document_channels_refuse_a_batch(channel_type: ChannelType) -> None:
    with pytest.raises(ValueError, match="exactly one document"):
        render(channel_type, [ORDER, ORDER])


def test_the_x12_envelope_carries_the_control_number_in_isa_and_iea() -> None:
    payload = render(ChannelType.EDI_X12, [ORDER], EnvelopeSpec(control_number=905))

    assert payload.startswith("ISA*")
    assert "*000000905*0*P*>~" in payload
    assert payload.endswith("IEA*1*000000905~\n")


def test_edifact_escape_releases_every_service_character() -> None:
    assert escape("a+b:c'd?e") == "a?+b?:c?'d??e"


def test_fixed_width_refuses_a_value_wider_than_its_column() -> None:
    wide = DocumentSpec(
        document_type="order",
        document_id="PO-WITH-A-NUMBER-TOO-LONG",
        document_date=date(2024, 3, 5),
        currency="USD",
        parties=(),
        lines=(),
    )

    with pytest.raises(ValueError, match="exceeds 20 columns"):
        render_sftp_fixed([wide], EnvelopeSpec())
