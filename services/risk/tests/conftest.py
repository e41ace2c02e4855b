"""Shared inputs of the risk domain tests: the default model and a representative customer."""

from __future__ import annotations

import pytest

from switchover_risk.domain import (
    ChannelProfile,
    ChannelType,
    ComplianceTag,
    CustomerProfile,
    IntegrationPattern,
    RiskModel,
    default_model,
)


@pytest.fixture
def model() -> RiskModel:
    """The bundled default model."""
    return default_model()


@pytest.fixture
def customer() -> CustomerProfile:
    """A customer with every business fact known and no channels.

    With the default model: business = (52 + 25 + 67.5) / 3 = 48.166667 (tier 2, 3 % revenue,
    99.9 % SLA), compliance = (0 + 0 + 56 + 0) / 4 = 14 (SOC 2 only), contact available (3).
    Its contributions: business 30 x 48.166667 / 100 = 14.45, compliance 25 x 14 / 100 = 3.5.
    """
    return CustomerProfile(
        name="programs/p/customers/globex",
        department="programs/p/departments/sales",
        criticality_tier=2,
        revenue_share=3.0,
        sla_uptime=99.9,
        compliance=[ComplianceTag.SOC2],
        contact_available=True,
    )


@pytest.fixture
def x12_channel() -> ChannelProfile:
    """An X12 channel with every input known.

    With the default model: technical (42 + 36 + 20 + 2) / 4 = 25, operational
    (35.75 + 4 + 20 + 3) / 4 = 15.6875, integration (22.5 + 60 + 30 + 48.75) / 4 = 40.3125;
    with the ``customer`` fixture the score is 6.25 + 14.45 + 3.5 + 2.353125 + 2.015625 =
    28.56875 (medium).
    """
    return ChannelProfile(
        name="programs/p/customers/globex/channels/x12-850",
        channel_type=ChannelType.EDI_X12,
        protocol_version="004010",
        integration_pattern=IntegrationPattern.BATCH_FILE,
        complexity=3,
        monthly_transactions=52_000,
        monthly_data_bytes=210_000_000,
        modern_protocol_supported=True,
        endpoint_config_completeness=90.0,
        mapping_coverage=72.0,
        custom_extensions=4,
        dependents=2,
    )
