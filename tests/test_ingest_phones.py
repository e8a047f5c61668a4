"""Tests for bot/ingest/phones.py: phone numbers found in a sentence are checked and normalised,
a number printed wrongly is kept as printed and flagged, and amounts and years are no numbers."""

from __future__ import annotations

import pytest

from bot.ingest import phones


@pytest.mark.parametrize(("printed", "valid", "national"), [
    ("020 7983 4067", True, "020 7983 4067"), ("0207 983 4067", True, "020 7983 4067"),
    ("+44 (0)20 7983 4067", True, "020 7983 4067"), ("020 7983 40677", False, ""),
    ("020 798 4067", False, "")])
def test_numbers_are_checked_and_normalised(printed: str, valid: bool, national: str) -> None:
    found = phones.find(f"Call {printed}, please.")
    assert found == [phones.Phone(printed, valid, national)]


def test_amounts_and_years_are_not_phone_numbers() -> None:
    assert phones.find("It cost £020 7983 in 2019 and 1,155 per cent more.") == []
