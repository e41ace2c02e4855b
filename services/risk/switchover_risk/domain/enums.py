"""Enumerations of the risk domain.

Every member's value equals its name, so a member reads the same in YAML, in a lookup table
and in the proto enum once its prefix (``CHANNEL_TYPE_``, ``RISK_LEVEL_``, ...) is removed.
"""

from __future__ import annotations

from enum import StrEnum


class ChannelType(StrEnum):
    """How a trading partner exchanges business documents with the enterprise."""

    EDI_X12 = "EDI_X12"
    EDI_EDIFACT = "EDI_EDIFACT"
    SFTP = "SFTP"
    REST_API = "REST_API"
    SOAP_API = "SOAP_API"
    THICK_CLIENT = "THICK_CLIENT"
    WEB_PORTAL = "WEB_PORTAL"


class IntegrationPattern(StrEnum):
    """How traffic flows on a channel."""

    BATCH_FILE = "BATCH_FILE"
    REAL_TIME = "REAL_TIME"
    EVENT = "EVENT"
    INTERACTIVE = "INTERACTIVE"


class ComplianceTag(StrEnum):
    """A regulatory regime that applies to a customer's data."""

    HIPAA = "HIPAA"
    PCI_DSS = "PCI_DSS"
    SOC2 = "SOC2"
    GDPR = "GDPR"


class Category(StrEnum):
    """One of the five risk categories of a model."""

    TECHNICAL = "TECHNICAL"
    BUSINESS = "BUSINESS"
    COMPLIANCE = "COMPLIANCE"
    OPERATIONAL = "OPERATIONAL"
    INTEGRATION = "INTEGRATION"


class RuleKind(StrEnum):
    """How a factor rule turns its input into an impact and a likelihood."""

    BANDS = "BANDS"
    LOOKUP = "LOOKUP"


class RiskLevel(StrEnum):
    """The bucket of a 0-100 score: low < 25 <= medium < 50 <= high < 75 <= critical."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


class Strategy(StrEnum):
    """How a customer's channels move from legacy to modern."""

    BIG_BANG = "BIG_BANG"
    PHASED = "PHASED"
    PARALLEL_RUN = "PARALLEL_RUN"


CATEGORIES: tuple[Category, ...] = tuple(Category)
"""The five categories in order; iterating the enum itself is slow in the hot path."""

CUSTOMER_CATEGORIES: tuple[Category, ...] = (Category.BUSINESS, Category.COMPLIANCE)
"""Categories scored from the customer alone; every channel of the customer shares them."""

CHANNEL_CATEGORIES: tuple[Category, ...] = (
    Category.TECHNICAL,
    Category.OPERATIONAL,
    Category.INTEGRATION,
)
"""Categories scored per channel; a customer's value rolls up from its channels."""
