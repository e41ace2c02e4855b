"""The bundled scenario catalogue: data/catalogue.yaml and the data files it names."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import yaml

from switchover_simulation.scenarios.model import Scenario
from switchover_simulation.transformers import ChannelType


@cache
def catalogue() -> tuple[Scenario, ...]:
    """Loads every bundled scenario, in catalogue order.

    Raises ValueError when an entry is invalid or an id appears twice.
    """
    data = resources.files(__package__).joinpath("data")
    entries = yaml.safe_load(data.joinpath("catalogue.yaml").read_text("utf-8"))["scenarios"]
    scenarios = tuple(_scenario(data, entry) for entry in entries)
    seen: set[str] = set()
    for scenario in scenarios:
        if scenario.id in seen:
            raise ValueError(f"scenario id {scenario.id!r} appears twice in the catalogue")
        seen.add(scenario.id)
    return scenarios


def catalogue_for(channel_type: ChannelType) -> list[Scenario]:
    """The bundled scenarios of one channel type."""
    return [scenario for scenario in catalogue() if scenario.channel_type == channel_type]


def _scenario(data: Traversable, entry: dict[str, object]) -> Scenario:
    file = str(entry["file"])
    # Decoding the bytes keeps CRLF exports as they are: the transformers see what was sent.
    payload = data.joinpath(file).read_bytes().decode("utf-8")
    fields = {key: value for key, value in entry.items() if key != "file"}
    return Scenario.model_validate({**fields, "payload": payload, "source": f"data/{file}"})
