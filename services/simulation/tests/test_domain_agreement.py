"""Property: for any well-formed document, legacy and modern agree on every channel type once
the modern side has every mapping rule (their differences are conventions, not meaning)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from switchover_simulation.compare import compare
from switchover_simulation.scenarios.builders import render, render_sftp_fixed
from switchover_simulation.scenarios.spec import (
    ChargeSpec,
    DocumentSpec,
    EnvelopeSpec,
    LineSpec,
    PartySpec,
)
from switchover_simulation.transformers import (
    ChannelType,
    MappingConfig,
    accepted,
    legacy_transformer,
    modern_transformer,
)

# Characters every format carries without escaping rules the builders do not implement
# (X12 has no release character; the thick client's export has no quoting).
_SAFE = st.characters(
    codec="utf-8",
    categories=("L", "N", "Zs"),
    exclude_characters="\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000",
)
_TEXT = st.text(_SAFE, min_size=1, max_size=20).filter(lambda text: text.strip() != "")
_CODE = st.text(st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"), min_size=2, max_size=4)
_QUALIFIER = st.sampled_from(["CT", "PD", "DP", "IA", "ZZ", "VN"])


def _decimal(places: int, maximum: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=maximum, places=places)


_PARTY = st.builds(
    PartySpec,
    role=st.sampled_from(["buyer", "seller", "ship_to", "bill_to"]),
    id=_CODE,
    name=_TEXT,
    street=_TEXT,
    city=_TEXT,
    postal_code=_CODE,
    country=st.sampled_from(["US", "DE", "JP", "FR"]),
)
_LINE = st.builds(
    LineSpec,
    sku=_CODE,
    description=_TEXT,
    quantity=_decimal(3, 10_000),
    unit=st.sampled_from(["EA", "DZ", "GR", "PR", "HD", "KG"]),
    unit_price=_decimal(4, 10_000),
)
_DOCUMENT = st.builds(
    DocumentSpec,
    document_type=st.sampled_from(["order", "invoice"]),
    document_id=_CODE,
    document_date=st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)),
    currency=st.sampled_from(["USD", "EUR", "JPY"]),
    parties=st.lists(_PARTY, min_size=1, max_size=3).map(tuple),
    lines=st.lists(_LINE, min_size=1, max_size=5).map(tuple),
    references=st.lists(st.tuples(_QUALIFIER, _CODE), max_size=2).map(tuple),
    charges=st.lists(
        st.builds(ChargeSpec, is_charge=st.booleans(), code=_CODE, amount=_decimal(2, 1_000)),
        max_size=2,
    ).map(tuple),
    custom_fields=st.lists(st.tuples(_CODE, _TEXT), max_size=2, unique_by=lambda f: f[0]).map(
        tuple
    ),
    order_reference=st.one_of(st.just(""), _CODE),
    stated_total=st.one_of(st.none(), _decimal(2, 100_000)),
)


@settings(max_examples=40, deadline=None)
@given(document=_DOCUMENT)
def test_legacy_and_modern_agree_on_any_well_formed_document(document: DocumentSpec) -> None:
    for channel_type in ChannelType:
        payload = render(channel_type, [document])
        legacy = legacy_transformer(channel_type).transform(payload)
        modern = modern_transformer(channel_type, MappingConfig.complete()).transform(payload)

        assert accepted(legacy), (channel_type, legacy.get("error"))
        assert compare(legacy, modern).match, (channel_type, compare(legacy, modern).mismatches)


@settings(max_examples=20, deadline=None)
@given(batch=st.lists(_DOCUMENT, min_size=1, max_size=3))
def test_legacy_and_modern_agree_on_any_fixed_width_batch(batch: list[DocumentSpec]) -> None:
    payload = render_sftp_fixed(batch, EnvelopeSpec())
    legacy = legacy_transformer(ChannelType.SFTP).transform(payload)
    modern = modern_transformer(ChannelType.SFTP, MappingConfig.complete()).transform(payload)

    assert accepted(legacy), legacy.get("error")
    assert compare(legacy, modern).match
