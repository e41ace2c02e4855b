"""Tests of the X12 and EDIFACT tokenisers."""

from __future__ import annotations

import pytest

from switchover_simulation.transformers import ErrorKind, MalformedDocument
from switchover_simulation.transformers.lexers import tokenize_edifact, tokenize_x12

ISA_STAR = (
    "ISA*00*          *00*          *ZZ*ACMEBUY        *ZZ*GLOBEXSUPPLY   "
    "*240305*1412*U*00401*000000905*0*P*>~"
)


def test_x12_reads_delimiters_from_the_isa() -> None:
    interchange = tokenize_x12(ISA_STAR + "\nGS*PO*A*B~\nIEA*1*000000905~\n")

    assert (interchange.delimiters.element, interchange.delimiters.segment) == ("*", "~")
    assert interchange.delimiters.component == ">"


def test_x12_splits_segments_on_declared_non_default_delimiters() -> None:
    isa = ISA_STAR.replace("*", "|").replace(">~", ":\n")
    interchange = tokenize_x12(isa + "BEG|00|SA|PO-1||20240305\nIEA|1|000000905\n")

    assert interchange.segments[1] == ("BEG", "00", "SA", "PO-1", "", "20240305")
    assert interchange.delimiters.segment == "\n"


def test_x12_reads_the_repetition_separator_from_version_00402_on() -> None:
    isa = ISA_STAR.replace("*U*00401*", "*^*00501*")

    assert tokenize_x12(isa).delimiters.repetition == "^"


def test_x12_has_no_repetition_separator_before_00402() -> None:
    assert tokenize_x12(ISA_STAR).delimiters.repetition is None


def test_x12_rejects_text_without_isa_as_envelope_error() -> None:
    with pytest.raises(MalformedDocument) as raised:
        tokenize_x12("GS*PO*A*B~")

    assert raised.value.kind is ErrorKind.ENVELOPE


def test_x12_rejects_an_isa_that_is_not_fixed_width() -> None:
    with pytest.raises(MalformedDocument) as raised:
        tokenize_x12(ISA_STAR.replace("ACMEBUY        ", "ACMEBUY") + " " * 8)

    assert raised.value.kind is ErrorKind.ENVELOPE


def test_edifact_uses_default_service_characters_without_una() -> None:
    interchange = tokenize_edifact("UNB+UNOC:3+A+B'UNZ+0+1'")

    assert interchange.decimal_mark == "."
    assert interchange.segments[0].component(1, 1) == "3"


def test_edifact_reads_a_decimal_comma_from_una() -> None:
    assert tokenize_edifact("UNA:+,? 'UNB+UNOC:3'").decimal_mark == ","


def test_edifact_release_character_keeps_delimiters_as_data() -> None:
    interchange = tokenize_edifact("UNB+X'NAD+BY+ID::92++O?'Brien ?+ Sons?:?? Ltd'")

    assert interchange.segments[1].component(4) == "O'Brien + Sons:? Ltd"


def test_edifact_honours_custom_delimiters_declared_by_una() -> None:
    interchange = tokenize_edifact("UNA|*.! ~UNB*UNOC|3~QTY*21|10|PCE~")

    assert interchange.segments[1].component(1, 2) == "PCE"


def test_edifact_component_is_empty_when_omitted() -> None:
    segment = tokenize_edifact("UNB+X'LIN+1'").segments[1]

    assert segment.component(3, 1) == ""


def test_edifact_rejects_a_dangling_release_character() -> None:
    with pytest.raises(MalformedDocument) as raised:
        tokenize_edifact("UNB+X'FTX+ZZZ+++ABC?")

    assert raised.value.kind is ErrorKind.SYNTAX


def test_edifact_keeps_a_last_segment_without_terminator() -> None:
    assert tokenize_edifact("UNB+X'UNZ+1+REF").segments[-1].component(2) == "REF"


def test_edifact_rejects_a_truncated_una() -> None:
    with pytest.raises(MalformedDocument) as raised:
        tokenize_edifact("UNA:+.")

    assert raised.value.kind is ErrorKind.ENVELOPE


def test_edifact_rejects_an_interchange_without_unb() -> None:
    with pytest.raises(MalformedDocument) as raised:
        tokenize_edifact("UNH+1+ORDERS:D:96A:UN'")

    assert raised.value.kind is ErrorKind.ENVELOPE
