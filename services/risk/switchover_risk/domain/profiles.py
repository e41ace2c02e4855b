"""The inventory facts an assessment reads: one channel, one customer with its channels.

Every attribute but a channel's type and the dependency counts may be unknown (``None``). The
assessment treats an unknown value as missing input, which lowers confidence and is scored with
the rule's conservative assumption, never as zero risk. The profiles are plain frozen
dataclasses because a portfolio holds tens of thousands of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from switchover_risk.domain.enums import ChannelType, ComplianceTag, IntegrationPattern

Violation = tuple[str, str]
"""A field path and a sentence saying what is wrong with it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelProfile:
    """One integration channel of a customer."""

    name: str
    """The gateway resource name, e.g. ``programs/p/customers/c/channels/x12-850``."""
    channel_type: ChannelType
    protocol_version: str | None = None
    """The protocol or standard version, e.g. ``004010``, ``D96A``, ``SOAP 1.1``."""
    integration_pattern: IntegrationPattern | None = None
    complexity: int | None = None
    """1 (plain mapping) to 5 (heavy custom logic)."""
    monthly_transactions: int | None = None
    monthly_data_bytes: int | None = None
    modern_protocol_supported: bool | None = None
    """Whether the modern platform speaks this protocol and version as is."""
    endpoint_config_completeness: float | None = None
    """Share of the endpoint settings captured, 0-100 %."""
    mapping_coverage: float | None = None
    """Share of fields with a mapping rule to the modern format, 0-100 %."""
    custom_extensions: int | None = None
    """Partner-specific segments or customisations."""
    dependents: int = 0
    """Inventory items that depend on this channel; always known from the dependency graph."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerProfile:
    """One customer (trading partner) with its business facts and channels."""

    name: str
    """The gateway resource name, e.g. ``programs/p/customers/c``."""
    department: str
    """The department's gateway resource name."""
    criticality_tier: int | None = None
    """1 (most critical) to 4."""
    revenue_share: float | None = None
    """Share of the enterprise's revenue, 0-100 %."""
    sla_uptime: float | None = None
    """Contractual uptime in percent, e.g. 99.9."""
    compliance: Sequence[ComplianceTag] | None = None
    """The regimes that apply; ``None`` is unknown, an empty sequence means none apply."""
    contact_available: bool | None = None
    dependents: int = 0
    channels: Sequence[ChannelProfile] = ()
    simulation_pass_rate: float | None = None
    """Pass rate of the latest parallel-run validation, 0-100 %."""


def _check_range(
    violations: list[Violation],
    path: str,
    value: float | None,
    low: float,
    high: float | None,
) -> None:
    if value is None:
        return
    if isinstance(value, float) and math.isnan(value):
        violations.append((path, "must be a number, not NaN"))
    elif value < low or (high is not None and value > high):
        bound = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        violations.append((path, f"must be {bound}, got {value:g}"))


def channel_violations(channel: ChannelProfile, path: str = "") -> list[Violation]:
    """Returns what is out of range in a channel, each with its field path under ``path``.

    Assessment does not check its input (it runs in the portfolio's hot path); callers at the
    service boundary check once here and reject bad input before assessing.
    """
    prefix = f"{path}." if path else ""
    violations: list[Violation] = []
    if not channel.name:
        violations.append((f"{prefix}name", "must not be empty"))
    _check_range(violations, f"{prefix}complexity", channel.complexity, 1, 5)
    _check_range(violations, f"{prefix}monthly_transactions", channel.monthly_transactions, 0, None)
    _check_range(violations, f"{prefix}monthly_data_bytes", channel.monthly_data_bytes, 0, None)
    _check_range(
        violations,
        f"{prefix}endpoint_config_completeness",
        channel.endpoint_config_completeness,
        0,
        100,
    )
    _check_range(violations, f"{prefix}mapping_coverage", channel.mapping_coverage, 0, 100)
    _check_range(violations, f"{prefix}custom_extensions", channel.custom_extensions, 0, None)
    _check_range(violations, f"{prefix}dependents", channel.dependents, 0, None)
    return violations


def customer_violations(customer: CustomerProfile) -> list[Violation]:
    """Returns what is out of range in a customer and its channels, each with its field path."""
    violations: list[Violation] = []
    if not customer.name:
        violations.append(("name", "must not be empty"))
    _check_range(violations, "criticality_tier", customer.criticality_tier, 1, 4)
    _check_range(violations, "revenue_share", customer.revenue_share, 0, 100)
    _check_range(violations, "sla_uptime", customer.sla_uptime, 0, 100)
    _check_range(violations, "dependents", customer.dependents, 0, None)
    _check_range(violations, "simulation_pass_rate", customer.simulation_pass_rate, 0, 100)
    for index, channel in enumerate(customer.channels):
        violations.extend(channel_violations(channel, f"channels[{index}]"))
    return violations
