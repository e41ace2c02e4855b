"""Portfolio assessments: distribution, histogram, riskiest lists, departments and speed."""

from __future__ import annotations

import gc
import time
from dataclasses import replace

import pytest

from switchover_risk.domain import (
    ChannelProfile,
    ChannelType,
    ComplianceTag,
    CustomerProfile,
    IntegrationPattern,
    PortfolioAssessment,
    RiskLevel,
    RiskModel,
    assess_portfolio,
)

_SALES = "programs/p/departments/sales"
_FINANCE = "programs/p/departments/finance"


def _portal(name: str) -> ChannelProfile:
    """Technical 18, operational 3, integration 1.5 (see the channel-type tests)."""
    return ChannelProfile(
        name=name,
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
    )


def _desktop(name: str) -> ChannelProfile:
    """Technical 69, operational 60.1875, integration 69 (see the channel-type tests)."""
    return ChannelProfile(
        name=name,
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
    )


@pytest.fixture
def portfolio(customer: CustomerProfile, model: RiskModel) -> PortfolioAssessment:
    """Three customers scoring 22.975 (low), 47.678125 (medium) and 71.65 (high).

    The first two are the ``customer`` fixture with one web portal and one desktop client
    (as in the channel-type tests). The third: business (85 + 80 + 85) / 3 = 83.333333
    (tier 1, 20 % revenue, 99.99 % SLA) -> 25, compliance (95 + 95 + 0 + 80.75) / 4 = 67.6875
    (HIPAA, PCI-DSS, GDPR) -> 16.921875, with the desktop client's 17.25 + 9.028125 + 3.45:
    17.25 + 25 + 16.921875 + 9.028125 + 3.45 = 71.65.
    """
    low = replace(customer, channels=[_portal(f"{customer.name}/channels/portal")])
    medium = replace(
        customer,
        name="programs/p/customers/initech",
        channels=[_desktop("programs/p/customers/initech/channels/desktop")],
    )
    high = CustomerProfile(
        name="programs/p/customers/umbrella",
        department=_FINANCE,
        criticality_tier=1,
        revenue_share=20.0,
        sla_uptime=99.99,
        compliance=[ComplianceTag.HIPAA, ComplianceTag.PCI_DSS, ComplianceTag.GDPR],
        contact_available=True,
        channels=[_desktop("programs/p/customers/umbrella/channels/desktop")],
    )
    return assess_portfolio([low, medium, high], model, top_n=2)


def test_portfolio_scores_match_hand_computation(portfolio: PortfolioAssessment) -> None:
    assert [a.score for a in portfolio.customers] == pytest.approx(
        [22.975, 47.678125, 71.65], abs=1e-6
    )


def test_distribution_counts_customers_and_channels_per_level(
    portfolio: PortfolioAssessment,
) -> None:
    counts = {count.level: (count.customers, count.channels) for count in portfolio.distribution}

    assert counts == {
        RiskLevel.LOW: (1, 1),
        RiskLevel.MEDIUM: (1, 1),
        RiskLevel.HIGH: (1, 1),
        RiskLevel.CRITICAL: (0, 0),
    }


def test_histogram_buckets_scores_by_ten_points(portfolio: PortfolioAssessment) -> None:
    assert portfolio.histogram == (0, 0, 1, 0, 1, 0, 0, 1, 0, 0)


def test_mean_score_is_the_mean_of_customer_scores(portfolio: PortfolioAssessment) -> None:
    assert portfolio.mean_score == pytest.approx((22.975 + 47.678125 + 71.65) / 3)


def test_riskiest_customers_are_the_top_n_by_score(portfolio: PortfolioAssessment) -> None:
    assert [a.subject for a in portfolio.riskiest_customers] == [
        "programs/p/customers/umbrella",
        "programs/p/customers/initech",
    ]


def test_riskiest_channels_are_the_top_n_by_score(portfolio: PortfolioAssessment) -> None:
    assert [a.subject for a in portfolio.riskiest_channels] == [
        "programs/p/customers/umbrella/channels/desktop",
        "programs/p/customers/initech/channels/desktop",
    ]


def test_departments_summarise_their_customers(portfolio: PortfolioAssessment) -> None:
    finance, sales = portfolio.departments

    assert (finance.department, finance.customers, finance.channels) == (_FINANCE, 1, 1)
    assert (sales.department, sales.customers, sales.channels) == (_SALES, 2, 2)
    assert sales.mean_score == pytest.approx((22.975 + 47.678125) / 2)
    assert sales.max_score == pytest.approx(47.678125)
    assert sales.levels == {
        RiskLevel.LOW: 1,
        RiskLevel.MEDIUM: 1,
        RiskLevel.HIGH: 0,
        RiskLevel.CRITICAL: 0,
    }


def test_empty_portfolio_has_zero_counts(model: RiskModel) -> None:
    portfolio = assess_portfolio([], model)

    assert portfolio.mean_score == 0.0
    assert portfolio.histogram == (0,) * 10
    assert portfolio.riskiest_customers == ()
    assert portfolio.departments == ()


def test_negative_top_n_is_rejected(model: RiskModel) -> None:
    with pytest.raises(ValueError, match="top_n"):
        assess_portfolio([], model, top_n=-1)


def test_portfolio_leaves_a_disabled_garbage_collector_disabled(model: RiskModel) -> None:
    gc.disable()
    try:
        assess_portfolio([], model)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_portfolio_restores_an_enabled_garbage_collector(model: RiskModel) -> None:
    assess_portfolio([], model)

    assert gc.isenabled()


def _large_portfolio(customers: int, channels_each: int) -> list[CustomerProfile]:
    """A varied but deterministic portfolio: attributes cycle with the indices."""
    types = list(ChannelType)
    patterns = [*IntegrationPattern, None]
    versions = ["004010", "005010", "D96A", "SOAP 1.1", "OpenAPI 3.0", "Delphi 7 / DCOM", None]
    tags = list(ComplianceTag)
    portfolio = []
    for i in range(customers):
        channels = []
        for j in range(channels_each):
            k = i * channels_each + j
            channels.append(
                ChannelProfile(
                    name=f"programs/p/customers/c{i}/channels/ch{j}",
                    channel_type=types[k % len(types)],
                    protocol_version=versions[k % len(versions)],
                    integration_pattern=patterns[k % len(patterns)],
                    complexity=None if k % 11 == 0 else 1 + k % 5,
                    monthly_transactions=None if k % 13 == 0 else (k * 7919) % 2_000_000,
                    monthly_data_bytes=None if k % 17 == 0 else (k * 104_729) % 10**12,
                    modern_protocol_supported=None if k % 19 == 0 else k % 3 != 0,
                    endpoint_config_completeness=None if k % 23 == 0 else float(k % 101),
                    mapping_coverage=None if k % 29 == 0 else (k * 37 % 1001) / 10,
                    custom_extensions=None if k % 31 == 0 else k % 15,
                    dependents=k % 12,
                )
            )
        portfolio.append(
            CustomerProfile(
                name=f"programs/p/customers/c{i}",
                department=f"programs/p/departments/d{i % 7}",
                criticality_tier=None if i % 9 == 0 else 1 + i % 4,
                revenue_share=None if i % 10 == 0 else (i % 200) / 10,
                sla_uptime=None if i % 8 == 0 else (98.0, 99.5, 99.9, 99.95, 99.99)[i % 5],
                compliance=None if i % 12 == 0 else tags[: i % 3],
                contact_available=None if i % 14 == 0 else i % 4 != 0,
                channels=channels,
                simulation_pass_rate=None if i % 2 else 80 + i % 21,
            )
        )
    return portfolio


def test_large_portfolio_assessment_time(
    model: RiskModel, capsys: pytest.CaptureFixture[str]
) -> None:
    customers = _large_portfolio(10_000, 5)
    assess_portfolio(customers[:100], model)

    started = time.perf_counter()
    portfolio = assess_portfolio(customers, model)
    elapsed = time.perf_counter() - started

    with capsys.disabled():
        print(f"\nassess_portfolio: 10,000 customers, 50,000 channels in {elapsed:.3f} s")
    assert sum(count.channels for count in portfolio.distribution) == 50_000
    assert sum(portfolio.histogram) == 10_000
