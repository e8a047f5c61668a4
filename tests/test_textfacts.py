"""Tests for bot.textfacts: the release-independent facts of a text are what the functions they
stand for find, however often the text is read."""

from __future__ import annotations

import pytest

from bot import numbers as num
from bot import textfacts
from bot.asker import describes_self, places_asked
from bot.features import after_release, stem, year_offset


@pytest.mark.parametrize("tokens", [
    ("i", "live", "in", "hackney", "how", "many", "referrals", "in", "2018"),
    ("has", "the", "mayor", "done", "anything", "yet"),
    ("i", "am", "a", "nurse", "who", "do", "i", "call"),
    ("and", "5", "years", "later"),
    ("что", "делать", "помогите"),
    (),
])
def test_token_facts_are_the_functions_findings(tokens: tuple[str, ...]) -> None:
    for _ in range(2):  # read afresh, then remembered
        facts = textfacts.token_facts(tokens)
        assert facts.places == tuple(places_asked(list(tokens)))
        assert facts.describes_self == describes_self(list(tokens))
        assert facts.year_offset == year_offset(tokens)
        assert facts.after_release == after_release(list(tokens))
        assert facts.stems == tuple(stem(t) for t in tokens)
    assert textfacts.token_facts(("что", "делать")).other_script
    assert not textfacts.token_facts(("what", "now")).other_script


def test_numbers_typed_are_the_grouped_values_and_phone_groups() -> None:
    text = "2,000 in 2018? call me on 020 7983 4100"
    assert textfacts.numbers_typed(text) == (num.grouped_values(text), num.phone_groups(text))
