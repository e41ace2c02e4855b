"""Assessing a whole portfolio: every customer, and the views a program needs over them."""

from __future__ import annotations

import gc
import heapq
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter

from switchover_risk.domain.assess import assess_customer
from switchover_risk.domain.enums import RiskLevel
from switchover_risk.domain.model import RiskModel
from switchover_risk.domain.profiles import CustomerProfile
from switchover_risk.domain.results import ChannelAssessment, CustomerAssessment

HISTOGRAM_BUCKETS = 10
"""Score buckets of 10 points: [0, 10), [10, 20), ..., [90, 100] (100 joins the last)."""

_by_score = attrgetter("score")


@dataclass(frozen=True, slots=True)
class LevelCount:
    """How many customers and channels sit at one level."""

    level: RiskLevel
    customers: int
    channels: int


@dataclass(frozen=True, slots=True)
class DepartmentSummary:
    """One department's customers at a glance."""

    department: str
    customers: int
    channels: int
    mean_score: float
    max_score: float
    levels: Mapping[RiskLevel, int]
    """Customers per level; every level is present."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PortfolioAssessment:
    """Every customer's assessment with the distribution, the riskiest and the departments."""

    model_id: str
    model_version: int
    customers: tuple[CustomerAssessment, ...]
    """In the order given."""
    distribution: tuple[LevelCount, ...]
    """One entry per level, low to critical."""
    histogram: tuple[int, ...]
    """Customers per 10-point score bucket."""
    mean_score: float
    """Mean customer score; 0 for an empty portfolio."""
    mean_confidence: float
    riskiest_customers: tuple[CustomerAssessment, ...]
    """Highest score first; ties keep the order given."""
    riskiest_channels: tuple[ChannelAssessment, ...]
    """Highest score first; ties keep the order given."""
    departments: tuple[DepartmentSummary, ...]
    """Sorted by department name."""


def assess_portfolio(
    customers: Iterable[CustomerProfile], model: RiskModel, top_n: int = 10
) -> PortfolioAssessment:
    """Assesses every customer and summarises the portfolio, listing the ``top_n`` riskiest."""
    if top_n < 0:
        raise ValueError(f"top_n must not be negative, got {top_n}")
    with _collector_paused():
        assessments = tuple(assess_customer(customer, model) for customer in customers)
    customer_levels = dict.fromkeys(RiskLevel, 0)
    channel_levels = dict.fromkeys(RiskLevel, 0)
    histogram = [0] * HISTOGRAM_BUCKETS
    score_total = 0.0
    confidence_total = 0.0
    for assessment in assessments:
        customer_levels[assessment.level] += 1
        for channel in assessment.channels:
            channel_levels[channel.level] += 1
        histogram[min(int(assessment.score // 10), HISTOGRAM_BUCKETS - 1)] += 1
        score_total += assessment.score
        confidence_total += assessment.confidence
    count = len(assessments)
    return PortfolioAssessment(
        model_id=model.id,
        model_version=model.version,
        customers=assessments,
        distribution=tuple(
            LevelCount(level, customer_levels[level], channel_levels[level]) for level in RiskLevel
        ),
        histogram=tuple(histogram),
        mean_score=score_total / count if count else 0.0,
        mean_confidence=confidence_total / count if count else 0.0,
        riskiest_customers=tuple(heapq.nlargest(top_n, assessments, key=_by_score)),
        riskiest_channels=tuple(
            heapq.nlargest(
                top_n,
                (channel for assessment in assessments for channel in assessment.channels),
                key=_by_score,
            )
        ),
        departments=_departments(assessments),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector while a portfolio's results are built.

    The results hold no reference cycles (frozen dataclasses pointing down to their parts), so
    the collector has nothing to reclaim in them; yet allocating them triggers collections that
    scan the growing result again and again, about a third of the run at 50,000 channels.
    Reference counting frees memory as usual meanwhile, and the collector's previous state is
    restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _departments(assessments: Iterable[CustomerAssessment]) -> tuple[DepartmentSummary, ...]:
    grouped: dict[str, list[CustomerAssessment]] = {}
    for assessment in assessments:
        grouped.setdefault(assessment.department, []).append(assessment)
    summaries = []
    for department in sorted(grouped):
        members = grouped[department]
        levels = dict.fromkeys(RiskLevel, 0)
        for member in members:
            levels[member.level] += 1
        scores = [member.score for member in members]
        summaries.append(
            DepartmentSummary(
                department=department,
                customers=len(members),
                channels=sum(len(member.channels) for member in members),
                mean_score=sum(scores) / len(scores),
                max_score=max(scores),
                levels=levels,
            )
        )
    return tuple(summaries)
