"""The catalogue of inputs a factor rule may read.

An input is named by its scope and attribute, ``channel.complexity`` or
``customer.revenue_share``; a compliance regime reads as a yes/no input such as
``customer.compliance.HIPAA`` (unknown while the customer's compliance list is unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter
from typing import Any

from switchover_risk.domain.enums import ChannelType, ComplianceTag, IntegrationPattern
from switchover_risk.domain.profiles import CustomerProfile

InputValue = str | int | float | bool | None
"""A value as given in a profile; enum members are strings."""


class Scope(StrEnum):
    """Which profile an input is read from."""

    CHANNEL = "channel"
    CUSTOMER = "customer"


class ValueKind(StrEnum):
    """The type of an input's value, which decides the rule kinds that can score it."""

    ENUM = "enum"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One readable input."""

    name: str
    scope: Scope
    kind: ValueKind
    read: Callable[[Any], InputValue]
    """Reads the value from the profile of ``scope``."""
    choices: tuple[str, ...] = ()
    """Lookup keys that cover every possible value (enums and booleans only)."""

    @property
    def numeric(self) -> bool:
        """Whether bands can score this input."""
        return self.kind in (ValueKind.INT, ValueKind.FLOAT)


def lookup_key(value: str | int | float | bool) -> str:
    """Returns the lookup-table key of a known value: ``true``/``false`` for booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _compliance_reader(tag: ComplianceTag) -> Callable[[CustomerProfile], bool | None]:
    def read(customer: CustomerProfile) -> bool | None:
        return None if customer.compliance is None else tag in customer.compliance

    return read


_BOOL_CHOICES = ("true", "false")


def _attribute(
    scope: Scope, attribute: str, kind: ValueKind, choices: tuple[str, ...] = ()
) -> InputSpec:
    return InputSpec(f"{scope}.{attribute}", scope, kind, attrgetter(attribute), choices)


def _build_catalogue() -> dict[str, InputSpec]:
    channel, customer = Scope.CHANNEL, Scope.CUSTOMER
    specs = [
        _attribute(channel, "channel_type", ValueKind.ENUM, tuple(ChannelType)),
        _attribute(channel, "protocol_version", ValueKind.TEXT),
        _attribute(channel, "integration_pattern", ValueKind.ENUM, tuple(IntegrationPattern)),
        _attribute(channel, "complexity", ValueKind.INT),
        _attribute(channel, "monthly_transactions", ValueKind.INT),
        _attribute(channel, "monthly_data_bytes", ValueKind.INT),
        _attribute(channel, "modern_protocol_supported", ValueKind.BOOL, _BOOL_CHOICES),
        _attribute(channel, "endpoint_config_completeness", ValueKind.FLOAT),
        _attribute(channel, "mapping_coverage", ValueKind.FLOAT),
        _attribute(channel, "custom_extensions", ValueKind.INT),
        _attribute(channel, "dependents", ValueKind.INT),
        _attribute(customer, "criticality_tier", ValueKind.INT),
        _attribute(customer, "revenue_share", ValueKind.FLOAT),
        _attribute(customer, "sla_uptime", ValueKind.FLOAT),
        _attribute(customer, "contact_available", ValueKind.BOOL, _BOOL_CHOICES),
        _attribute(customer, "dependents", ValueKind.INT),
    ]
    specs.extend(
        InputSpec(
            f"customer.compliance.{tag}",
            customer,
            ValueKind.BOOL,
            _compliance_reader(tag),
            _BOOL_CHOICES,
        )
        for tag in ComplianceTag
    )
    return {spec.name: spec for spec in specs}


INPUTS: Mapping[str, InputSpec] = _build_catalogue()
"""Every input a rule may read, by name."""
