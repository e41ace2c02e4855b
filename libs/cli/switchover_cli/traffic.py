"""Live partner traffic for cutovers: the part of the integration layer the demo plays.

While a cutover is in progress, the integration layer asks `ResolveRoute` where each document
goes, sends it there, and reports what happened with `ReportHealth`; the health gate decides on
those counts. Here the "platforms" are the project's reference transformers: a document routed
to modern is translated by the modern transformer configured with the channel's mapping rules,
and counts as an error when it is rejected or when its business content differs from what the
legacy platform produces for the same document. So a gate passes or fails on real translation
results, never on a number made up for the purpose.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from dataclasses import dataclass, field

import grpc

from switchover.cutover.v1 import cutover_service_pb2 as cut
from switchover.cutover.v1 import cutover_service_pb2_grpc
from switchover.gateway.v1 import gateway_service_pb2 as gw
from switchover.gateway.v1 import gateway_service_pb2_grpc
from switchover.type.v1 import inventory_pb2
from switchover_simulation.compare import compare
from switchover_simulation.scenarios import Scenario, catalogue_for
from switchover_simulation.transformers import (
    ChannelType,
    MappingConfig,
    MappingRule,
    accepted,
    legacy_transformer,
    modern_transformer,
)

log = logging.getLogger(__name__)

_ACTIVE = {cut.Cutover.STATE_IN_PROGRESS}


@dataclass
class ChannelTraffic:
    """What the driver knows about one channel: its documents and both platforms."""

    channel_type: ChannelType
    mapping: MappingConfig
    documents: list[Scenario]
    cursor: itertools.count[int] = field(default_factory=itertools.count)


@dataclass
class TrafficStats:
    """Totals over the whole run, for the demo's summary."""

    requests: int = 0
    modern: int = 0
    modern_errors: int = 0
    reports: int = 0


def _channel_traffic(attributes: inventory_pb2.ChannelAttributes) -> ChannelTraffic:
    channel_type = ChannelType(
        inventory_pb2.ChannelType.Name(attributes.type).removeprefix("CHANNEL_TYPE_")
    )
    known = {rule.value for rule in MappingRule}
    mapping = MappingConfig(
        rules=frozenset(MappingRule(r) for r in attributes.mapping_rules if r in known)
    )
    # Live traffic is well-formed business documents; malformed ones are the parallel run's job.
    documents = [s for s in catalogue_for(channel_type) if "malformed" not in s.tags]
    return ChannelTraffic(channel_type=channel_type, mapping=mapping, documents=documents)


def _modern_fails(traffic: ChannelTraffic, document: Scenario) -> bool:
    """Translates one document on both platforms; modern fails when it rejects the document or
    its normalised output differs from legacy's."""
    legacy = legacy_transformer(traffic.channel_type).transform(document.payload)
    modern = modern_transformer(traffic.channel_type, traffic.mapping).transform(document.payload)
    return not accepted(modern) or not compare(legacy, modern).match


class TrafficDriver:
    """Sends bounded batches of documents through every in-progress cutover."""

    def __init__(
        self,
        cutovers: cutover_service_pb2_grpc.CutoverServiceStub,
        gateway: gateway_service_pb2_grpc.GatewayServiceStub,
        *,
        batch: int = 40,
        interval: float = 0.05,
    ) -> None:
        self._cutovers = cutovers
        self._gateway = gateway
        self._batch = batch
        self._interval = interval
        self._channels: dict[str, ChannelTraffic] = {}
        self._outcomes: dict[tuple[str, int], bool] = {}
        self.stats = TrafficStats()

    async def run(self, stop: asyncio.Event) -> None:
        """Drives traffic until `stop` is set."""
        while not stop.is_set():
            try:
                active = await self._active_cutovers()
                await asyncio.gather(*(self._drive(c) for c in active))
            except grpc.aio.AioRpcError as error:
                # A service restarting or a cutover finishing under us: try again next tick.
                log.info("traffic tick failed: %s", error.code().name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._interval)

    async def _active_cutovers(self) -> list[cut.Cutover]:
        found: list[cut.Cutover] = []
        token = ""
        while True:
            page = await self._cutovers.ListCutovers(
                cut.ListCutoversRequest(page_size=1000, page_token=token)
            )
            found.extend(c for c in page.cutovers if c.state in _ACTIVE and c.channel)
            token = page.next_page_token
            if not token:
                return found

    async def _traffic_for(self, channel: str) -> ChannelTraffic:
        if channel not in self._channels:
            response = await self._gateway.GetChannel(gw.GetChannelRequest(name=channel))
            self._channels[channel] = _channel_traffic(response.channel.attributes)
        return self._channels[channel]

    def _outcome(self, channel: str, traffic: ChannelTraffic, index: int) -> bool:
        # Each document's result is deterministic, so it is computed once per channel.
        key = (channel, index)
        if key not in self._outcomes:
            self._outcomes[key] = _modern_fails(traffic, traffic.documents[index])
        return self._outcomes[key]

    async def _drive(self, cutover: cut.Cutover) -> None:
        traffic = await self._traffic_for(cutover.channel)
        if not traffic.documents:
            return
        counts = {cut.TARGET_LEGACY: [0, 0], cut.TARGET_MODERN: [0, 0]}
        for _ in range(self._batch):
            n = next(traffic.cursor)
            route = await self._cutovers.ResolveRoute(
                cut.ResolveRouteRequest(
                    customer=cutover.customer, channel=cutover.channel, key=f"doc-{n:08d}"
                )
            )
            failed = route.target == cut.TARGET_MODERN and self._outcome(
                cutover.channel, traffic, n % len(traffic.documents)
            )
            counts[route.target][0] += 1
            counts[route.target][1] += int(failed)
        samples = [
            cut.HealthSample(target=target, requests=requests, errors=errors)
            for target, (requests, errors) in counts.items()
            if requests
        ]
        await self._cutovers.ReportHealth(
            cut.ReportHealthRequest(name=cutover.name, samples=samples)
        )
        self.stats.requests += self._batch
        self.stats.modern += counts[cut.TARGET_MODERN][0]
        self.stats.modern_errors += counts[cut.TARGET_MODERN][1]
        self.stats.reports += 1
