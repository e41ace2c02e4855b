"""The risk engine's pure domain: models as data, channel/customer/portfolio assessments.

No I/O but reading a model's YAML file. The service's API layer converts protos to the
profiles here and the results back; everything it needs is re-exported from this package.
"""

from __future__ import annotations

from switchover_risk.domain.assess import assess_channel, assess_customer
from switchover_risk.domain.diff import AssessmentDiff, CategoryChange, FactorChange, compare
from switchover_risk.domain.enums import (
    CATEGORIES,
    CHANNEL_CATEGORIES,
    CUSTOMER_CATEGORIES,
    Category,
    ChannelType,
    ComplianceTag,
    IntegrationPattern,
    RiskLevel,
    RuleKind,
    Strategy,
)
from switchover_risk.domain.inputs import INPUTS, InputSpec, InputValue, Scope, ValueKind
from switchover_risk.domain.model import (
    WILDCARD,
    Band,
    CategoryWeights,
    FactorRule,
    ModelError,
    RiskModel,
    Score,
    default_model,
    load_model,
    validate_model,
)
from switchover_risk.domain.portfolio import (
    HISTOGRAM_BUCKETS,
    DepartmentSummary,
    LevelCount,
    PortfolioAssessment,
    assess_portfolio,
)
from switchover_risk.domain.profiles import (
    ChannelProfile,
    CustomerProfile,
    Violation,
    channel_violations,
    customer_violations,
)
from switchover_risk.domain.results import (
    Assessment,
    CategoryScore,
    ChannelAssessment,
    CustomerAssessment,
    FactorScore,
    Rating,
    StrategyOverride,
)
from switchover_risk.domain.rollup import level_floor, volume_weights
from switchover_risk.domain.scoring import (
    LEVEL_LOWER_BOUNDS,
    MIN_CONFIDENCE,
    MIN_READINESS,
    SIMULATION_PASS_THRESHOLD,
    SIMULATION_PENALTY_PER_POINT,
    level_for,
    override_strategy,
    readiness,
    recommend_strategy,
)

__all__ = [
    "CATEGORIES",
    "CHANNEL_CATEGORIES",
    "CUSTOMER_CATEGORIES",
    "HISTOGRAM_BUCKETS",
    "INPUTS",
    "LEVEL_LOWER_BOUNDS",
    "MIN_CONFIDENCE",
    "MIN_READINESS",
    "SIMULATION_PASS_THRESHOLD",
    "SIMULATION_PENALTY_PER_POINT",
    "WILDCARD",
    "Assessment",
    "AssessmentDiff",
    "Band",
    "Category",
    "CategoryChange",
    "CategoryScore",
    "CategoryWeights",
    "ChannelAssessment",
    "ChannelProfile",
    "ChannelType",
    "ComplianceTag",
    "CustomerAssessment",
    "CustomerProfile",
    "DepartmentSummary",
    "FactorChange",
    "FactorRule",
    "FactorScore",
    "InputSpec",
    "InputValue",
    "IntegrationPattern",
    "LevelCount",
    "ModelError",
    "PortfolioAssessment",
    "Rating",
    "RiskLevel",
    "RiskModel",
    "RuleKind",
    "Scope",
    "Score",
    "Strategy",
    "StrategyOverride",
    "ValueKind",
    "Violation",
    "assess_channel",
    "assess_customer",
    "assess_portfolio",
    "channel_violations",
    "compare",
    "customer_violations",
    "default_model",
    "level_floor",
    "level_for",
    "load_model",
    "override_strategy",
    "readiness",
    "recommend_strategy",
    "validate_model",
    "volume_weights",
]
