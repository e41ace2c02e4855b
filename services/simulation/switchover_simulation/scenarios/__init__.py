"""Scenarios: the bundled catalogue of channel documents and the variants generated from a
channel's profile, each run through both sides of a channel and compared."""

from __future__ import annotations

from switchover_simulation.scenarios.catalogue import catalogue, catalogue_for
from switchover_simulation.scenarios.model import Scenario, ScenarioProfile
from switchover_simulation.scenarios.variants import generate_scenarios

__all__ = ["Scenario", "ScenarioProfile", "catalogue", "catalogue_for", "generate_scenarios"]
