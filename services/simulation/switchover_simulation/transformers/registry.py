"""Finds the legacy or modern reference transformer of a channel type."""

from __future__ import annotations

from typing import Protocol

from switchover_simulation.transformers.legacy.base import LegacyTransformer
from switchover_simulation.transformers.legacy.edifact import LegacyEdifactTransformer
from switchover_simulation.transformers.legacy.rest import LegacyRestTransformer
from switchover_simulation.transformers.legacy.sftp import LegacySftpTransformer
from switchover_simulation.transformers.legacy.soap import LegacySoapTransformer
from switchover_simulation.transformers.legacy.thick_client import LegacyThickClientTransformer
from switchover_simulation.transformers.legacy.web_portal import LegacyWebPortalTransformer
from switchover_simulation.transformers.legacy.x12 import LegacyX12Transformer
from switchover_simulation.transformers.mapping import MappingConfig
from switchover_simulation.transformers.modern.base import ModernTransformer
from switchover_simulation.transformers.modern.edifact import ModernEdifactTransformer
from switchover_simulation.transformers.modern.rest import ModernRestTransformer
from switchover_simulation.transformers.modern.sftp import ModernSftpTransformer
from switchover_simulation.transformers.modern.soap import ModernSoapTransformer
from switchover_simulation.transformers.modern.thick_client import ModernThickClientTransformer
from switchover_simulation.transformers.modern.web_portal import ModernWebPortalTransformer
from switchover_simulation.transformers.modern.x12 import ModernX12Transformer
from switchover_simulation.transformers.types import ChannelType, Clock, JsonObject, system_clock


class Transformer(Protocol):
    """Anything that turns one payload into an output (accepted documents or a rejection)."""

    def transform(self, payload: str) -> JsonObject:
        """Transforms one payload; never raises for a malformed payload."""
        ...


_LEGACY: dict[ChannelType, type[LegacyTransformer]] = {
    ChannelType.EDI_X12: LegacyX12Transformer,
    ChannelType.EDI_EDIFACT: LegacyEdifactTransformer,
    ChannelType.SFTP: LegacySftpTransformer,
    ChannelType.REST_API: LegacyRestTransformer,
    ChannelType.SOAP_API: LegacySoapTransformer,
    ChannelType.THICK_CLIENT: LegacyThickClientTransformer,
    ChannelType.WEB_PORTAL: LegacyWebPortalTransformer,
}

_MODERN: dict[ChannelType, type[ModernTransformer]] = {
    ChannelType.EDI_X12: ModernX12Transformer,
    ChannelType.EDI_EDIFACT: ModernEdifactTransformer,
    ChannelType.SFTP: ModernSftpTransformer,
    ChannelType.REST_API: ModernRestTransformer,
    ChannelType.SOAP_API: ModernSoapTransformer,
    ChannelType.THICK_CLIENT: ModernThickClientTransformer,
    ChannelType.WEB_PORTAL: ModernWebPortalTransformer,
}


def legacy_transformer(
    channel_type: ChannelType, clock: Clock = system_clock, first_control_number: int = 1
) -> LegacyTransformer:
    """Returns a fresh legacy transformer; its control numbers start at first_control_number."""
    return _LEGACY[channel_type](clock=clock, first_control_number=first_control_number)


def modern_transformer(
    channel_type: ChannelType, mapping: MappingConfig, clock: Clock = system_clock
) -> ModernTransformer:
    """Returns a modern transformer applying the channel's mapping."""
    return _MODERN[channel_type](mapping=mapping, clock=clock)
