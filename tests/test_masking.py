"""Tests for bot/masking.py: what would identify a person (a name, a phone or NI number, a
passport, an address) is masked, while figures, dates and ordinary questions are kept whole, and
re-wordings of a question fold to one form."""

from __future__ import annotations

import pytest

from bot.masking import mask, normalise


def test_mask_keeps_figures() -> None:
    assert mask("+44 20 7983 4067") == "[phone]"
    assert mask("2013-2019, 36 boroughs, 1155%") == "2013-2019, 36 boroughs, 1155%"


def test_normalise_groups_rewordings() -> None:
    assert normalise("How many VICTIMS?") == normalise("how many victims")
    assert normalise("Café  référence!") == "cafe reference"
    assert normalise("1,155% rise") == "1 155% rise"


@pytest.mark.parametrize(("text", "masked"), [
    ("I'm called Priya Patel, who chairs the committee?", "I'm called [name], who chairs"),
    ("This is Tom Jones from the Standard: any quotes?", "This is [name] from the Standard"),
    ("my NI number is QQ 12 34 56 C", "my NI number is [ni-number]"),
    ("NINO AB123456D please", "NINO [ni-number] please"),
    ("passport no. GB1234567 lost", "passport no. [passport] lost"),
    ("ring 020 7983 4000 or +44 20 7983 4000", "ring [phone] or [phone]"),
    ("call me on 55512", "call me on [phone]"),
    ("mobile: 4471", "mobile: [phone]"),
    ("12 High Street, e16 1ze", "[address], [postcode]"),
    ("my name is not important, what was said?", "my name is not important, what was said?"),
])
def test_mask_each_kind_of_personal_data(text: str, masked: str) -> None:
    assert masked in mask(text)


@pytest.mark.parametrize("question", [
    "How much did referrals rise between 2014 and 2019?",
    "Referrals rose by 1,155% - is that right? And 0.6% of cases?",
    "What did the committee recommend on 30 January 2020?",
    "Who is the chair of the Police and Crime Committee?",
    "what happened in Q4 2019 and on 2020-01-30",
    "Over what period is the 1,155 per cent rise measured?",
    "There must be 10 or 12 of them living in a 3 bed terrace.",
    "Can the press team call me back?",
    "Is this taken from the release?",
])
def test_mask_keeps_ordinary_questions_whole(question: str) -> None:
    assert mask(question) == question
