"""Renderers of DocumentSpecs into each channel's wire format."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from switchover_simulation.scenarios.builders.edifact import render_edifact
from switchover_simulation.scenarios.builders.rest import render_rest
from switchover_simulation.scenarios.builders.sftp import render_sftp_csv, render_sftp_fixed
from switchover_simulation.scenarios.builders.soap import render_soap
from switchover_simulation.scenarios.builders.thick_client import render_thick_client
from switchover_simulation.scenarios.builders.web_portal import render_web_portal
from switchover_simulation.scenarios.builders.x12 import render_x12
from switchover_simulation.scenarios.spec import DocumentSpec, EnvelopeSpec
from switchover_simulation.transformers import ChannelType

Renderer = Callable[[Sequence[DocumentSpec], EnvelopeSpec], str]

_RENDERERS: dict[ChannelType, Renderer] = {
    ChannelType.EDI_X12: render_x12,
    ChannelType.EDI_EDIFACT: render_edifact,
    ChannelType.SFTP: render_sftp_csv,
    ChannelType.REST_API: render_rest,
    ChannelType.SOAP_API: render_soap,
    ChannelType.THICK_CLIENT: render_thick_client,
    ChannelType.WEB_PORTAL: render_web_portal,
}

BATCH_CHANNELS = frozenset(
    {ChannelType.EDI_X12, ChannelType.EDI_EDIFACT, ChannelType.SFTP, ChannelType.THICK_CLIENT}
)
"""Channel types whose payload can carry several documents (the others carry exactly one)."""


def render(
    channel_type: ChannelType,
    documents: Sequence[DocumentSpec],
    envelope: EnvelopeSpec | None = None,
) -> str:
    """Renders documents into the channel's format (SFTP as CSV; see render_sftp_fixed).

    Raises ValueError for several documents on a channel that carries one per payload.
    """
    if len(documents) != 1 and channel_type not in BATCH_CHANNELS:
        raise ValueError(f"{channel_type} carries exactly one document per payload")
    return _RENDERERS[channel_type](documents, envelope or EnvelopeSpec())


__all__ = [
    "BATCH_CHANNELS",
    "render",
    "render_edifact",
    "render_rest",
    "render_sftp_csv",
    "render_sftp_fixed",
    "render_soap",
    "render_thick_client",
    "render_web_portal",
    "render_x12",
]
