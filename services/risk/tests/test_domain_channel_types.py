"""Hand-computed scores of a representative channel of every type under the default model.

Every case uses the ``customer`` fixture: business contributes 14.45 and compliance 3.5.
Factor risks are impact x likelihood / 100 with the ratings of ``models/default.yaml``;
technical counts 25 %, operational 15 %, integration 5 %.
"""

from __future__ import annotations

import pytest

from switchover_risk.domain import (
    ChannelProfile,
    ChannelType,
    CustomerProfile,
    IntegrationPattern,
    RiskLevel,
    RiskModel,
    assess_channel,
)

_PREFIX = "programs/p/customers/globex/channels"

CASES: list[tuple[ChannelProfile, float, RiskLevel]] = [
    (
        # technical: EDI_X12 70x60 = 42, complexity 3 -> 60x60 = 36, BATCH_FILE 50x40 = 20,
        #   supported 20x10 = 2: (42 + 36 + 20 + 2) / 4 = 25 -> 25 x 25 / 100 = 6.25
        # operational: 52,000 tx 65x55 = 35.75, 2.1e8 bytes 20x20 = 4, 2 dependents
        #   50x40 = 20, contact 30x10 = 3: (35.75 + 4 + 20 + 3) / 4 = 15.6875
        #   -> 15 x 15.6875 / 100 = 2.353125
        # integration: 90 % config 50x45 = 22.5, 72 % mapped 80x75 = 60, 004010 60x50 = 30,
        #   4 extensions 75x65 = 48.75: (22.5 + 60 + 30 + 48.75) / 4 = 40.3125 -> 2.015625
        # score = 6.25 + 14.45 + 3.5 + 2.353125 + 2.015625 = 28.56875
        ChannelProfile(
            name=f"{_PREFIX}/edi-x12",
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
        ),
        28.56875,
        RiskLevel.MEDIUM,
    ),
    (
        # technical: EDI_EDIFACT 75x60 = 45, complexity 3 -> 36, BATCH_FILE 20, supported 2:
        #   (45 + 36 + 20 + 2) / 4 = 25.75 -> 25 x 25.75 / 100 = 6.4375
        # operational: 2,500 tx 40x40 = 16, 9e6 bytes 4, 0 dependents 10x10 = 1, contact 3:
        #   (16 + 4 + 1 + 3) / 4 = 6 -> 0.9
        # integration: 85 % config 22.5, 80 % mapped (80 is not below 80) 60x50 = 30,
        #   D96A 30, 1 extension 50x45 = 22.5: (22.5 + 30 + 30 + 22.5) / 4 = 26.25 -> 1.3125
        # score = 6.4375 + 14.45 + 3.5 + 0.9 + 1.3125 = 26.6
        ChannelProfile(
            name=f"{_PREFIX}/edi-edifact",
            channel_type=ChannelType.EDI_EDIFACT,
            protocol_version="D96A",
            integration_pattern=IntegrationPattern.BATCH_FILE,
            complexity=3,
            monthly_transactions=2_500,
            monthly_data_bytes=9_000_000,
            modern_protocol_supported=True,
            endpoint_config_completeness=85.0,
            mapping_coverage=80.0,
            custom_extensions=1,
            dependents=0,
        ),
        26.6,
        RiskLevel.MEDIUM,
    ),
    (
        # technical: SFTP 40x30 = 12, complexity 2 -> 40x40 = 16, BATCH_FILE 20, supported 2:
        #   (12 + 16 + 20 + 2) / 4 = 12.5 -> 3.125
        # operational: 30 tx 4, 3.2e9 bytes 45x40 = 18, 1 dependent 20, contact 3:
        #   (4 + 18 + 20 + 3) / 4 = 11.25 -> 1.6875
        # integration: 95 % config (not below 95) 30x25 = 7.5, 100 % mapped 10x5 = 0.5,
        #   "CSV over SFTP v3" 20x20 = 4, 0 extensions 1: (7.5 + 0.5 + 4 + 1) / 4 = 3.25
        #   -> 0.1625
        # score = 3.125 + 14.45 + 3.5 + 1.6875 + 0.1625 = 22.925
        ChannelProfile(
            name=f"{_PREFIX}/sftp",
            channel_type=ChannelType.SFTP,
            protocol_version="CSV over SFTP v3",
            integration_pattern=IntegrationPattern.BATCH_FILE,
            complexity=2,
            monthly_transactions=30,
            monthly_data_bytes=3_200_000_000,
            modern_protocol_supported=True,
            endpoint_config_completeness=95.0,
            mapping_coverage=100.0,
            custom_extensions=0,
            dependents=1,
        ),
        22.925,
        RiskLevel.LOW,
    ),
    (
        # technical: REST_API 50x30 = 15, complexity 2 -> 16, EVENT 60x50 = 30, supported 2:
        #   (15 + 16 + 30 + 2) / 4 = 15.75 -> 3.9375
        # operational: 42,000 tx 35.75, 1.5e9 bytes 18, 3 dependents 75x60 = 45, contact 3:
        #   (35.75 + 18 + 45 + 3) / 4 = 25.4375 -> 3.815625
        # integration: 100 % config 0.5, 98 % mapped 35x30 = 10.5, "OpenAPI 3.0" 20x10 = 2,
        #   0 extensions 1: (0.5 + 10.5 + 2 + 1) / 4 = 3.5 -> 0.175
        # score = 3.9375 + 14.45 + 3.5 + 3.815625 + 0.175 = 25.878125
        ChannelProfile(
            name=f"{_PREFIX}/rest-api",
            channel_type=ChannelType.REST_API,
            protocol_version="OpenAPI 3.0",
            integration_pattern=IntegrationPattern.EVENT,
            complexity=2,
            monthly_transactions=42_000,
            monthly_data_bytes=1_500_000_000,
            modern_protocol_supported=True,
            endpoint_config_completeness=100.0,
            mapping_coverage=98.0,
            custom_extensions=0,
            dependents=3,
        ),
        25.878125,
        RiskLevel.MEDIUM,
    ),
    (
        # technical: SOAP_API 60x50 = 30, complexity 4 -> 80x75 = 60, REAL_TIME 85x70 = 59.5,
        #   not supported 90x85 = 76.5: (30 + 60 + 59.5 + 76.5) / 4 = 56.5 -> 14.125
        # operational: 150,000 tx 85x70 = 59.5, 2e10 bytes 70x60 = 42, 10 dependents
        #   95x85 = 80.75, contact 3: (59.5 + 42 + 80.75 + 3) / 4 = 46.3125 -> 6.946875
        # integration: 70 % config 70x70 = 49, 60 % mapped 60, "SOAP 1.1" 30,
        #   12 extensions 90x85 = 76.5: (49 + 60 + 30 + 76.5) / 4 = 53.875 -> 2.69375
        # score = 14.125 + 14.45 + 3.5 + 6.946875 + 2.69375 = 41.715625
        ChannelProfile(
            name=f"{_PREFIX}/soap-api",
            channel_type=ChannelType.SOAP_API,
            protocol_version="SOAP 1.1",
            integration_pattern=IntegrationPattern.REAL_TIME,
            complexity=4,
            monthly_transactions=150_000,
            monthly_data_bytes=20_000_000_000,
            modern_protocol_supported=False,
            endpoint_config_completeness=70.0,
            mapping_coverage=60.0,
            custom_extensions=12,
            dependents=10,
        ),
        41.715625,
        RiskLevel.MEDIUM,
    ),
    (
        # technical: THICK_CLIENT 90x80 = 72, complexity 5 -> 95x90 = 85.5, INTERACTIVE
        #   70x60 = 42, not supported 76.5: (72 + 85.5 + 42 + 76.5) / 4 = 69 -> 17.25
        # operational: 2,000,000 tx 100x85 = 85, 5e11 bytes 90x80 = 72, 15 dependents 80.75,
        #   contact 3: (85 + 72 + 80.75 + 3) / 4 = 60.1875 -> 9.028125
        # integration: 40 % config 90x90 = 81, 30 % mapped 95x95 = 90.25, unlisted version
        #   ('*') 80x70 = 56, 3 extensions 48.75: (81 + 90.25 + 56 + 48.75) / 4 = 69 -> 3.45
        # score = 17.25 + 14.45 + 3.5 + 9.028125 + 3.45 = 47.678125
        ChannelProfile(
            name=f"{_PREFIX}/thick-client",
            channel_type=ChannelType.THICK_CLIENT,
            protocol_version="VB6 / flat-file export",
            integration_pattern=IntegrationPattern.INTERACTIVE,
            complexity=5,
            monthly_transactions=2_000_000,
            monthly_data_bytes=500_000_000_000,
            modern_protocol_supported=False,
            endpoint_config_completeness=40.0,
            mapping_coverage=30.0,
            custom_extensions=3,
            dependents=15,
        ),
        47.678125,
        RiskLevel.MEDIUM,
    ),
    (
        # technical: WEB_PORTAL 60x40 = 24, complexity 1 -> 20x20 = 4, INTERACTIVE 42,
        #   supported 2: (24 + 4 + 42 + 2) / 4 = 18 -> 4.5
        # operational: 150 tx 4, 3e5 bytes 4, 0 dependents 1, contact 3: 12 / 4 = 3 -> 0.45
        # integration: 100 % config 0.5, 100 % mapped 0.5, "HTML5 forms" 4, 0 extensions 1:
        #   6 / 4 = 1.5 -> 0.075
        # score = 4.5 + 14.45 + 3.5 + 0.45 + 0.075 = 22.975
        ChannelProfile(
            name=f"{_PREFIX}/web-portal",
            channel_type=ChannelType.WEB_PORTAL,
            protocol_version="HTML5 forms",
            integration_pattern=IntegrationPattern.INTERACTIVE,
            complexity=1,
            monthly_transactions=150,
            monthly_data_bytes=300_000,
            modern_protocol_supported=True,
            endpoint_config_completeness=100.0,
            mapping_coverage=100.0,
            custom_extensions=0,
            dependents=0,
        ),
        22.975,
        RiskLevel.LOW,
    ),
]


@pytest.mark.parametrize(
    ("channel", "score", "level"), CASES, ids=[case[0].channel_type.lower() for case in CASES]
)
def test_channel_score_matches_hand_computation(
    channel: ChannelProfile,
    score: float,
    level: RiskLevel,
    customer: CustomerProfile,
    model: RiskModel,
) -> None:
    assessment = assess_channel(channel, customer, model)

    assert assessment.score == pytest.approx(score, abs=1e-6)
    assert assessment.level is level


def test_cases_cover_every_channel_type() -> None:
    assert {case[0].channel_type for case in CASES} == set(ChannelType)
