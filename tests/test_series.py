"""Tests for bot.series: a count asked for a place in a year the release has no count for is
no question for another figure of that year, and its fallback says which years it has."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.matching import Matcher
from bot.render import to_text


@pytest.fixture(scope="module")
def matcher(engine: Engine) -> Matcher:
    return engine.matcher


@pytest.mark.parametrize("question", [
    "how many referrals did London have in 2017",
    "number of trafficking referrals in London for 2017?",
])
def test_a_count_for_london_in_2017_is_not_londons_share(matcher: Matcher, question: str) -> None:
    """London's 2017 figure is a share of the UK's NRM cases; its counts are for 2013 and 2018."""
    match = matcher.best(question)
    assert match is None or not match.intent.years & {2017}
    f = matcher.features(question)
    assert matcher.scope_gap(f) == (["met_data"], [2013, 2018])


@pytest.mark.parametrize(("question", "intent"), [
    ("what share of 2017's referrals were in London", "nrm_london_share"),
    ("how many London cases were referred to the NRM in 2017?", "nrm_london_share"),
    ("how many referrals were made in London in 2018", "referrals_2018"),
    ("how many people were referred in the UK in 2017", "nrm_total"),
])
def test_a_count_or_share_the_release_has_is_still_answered(matcher: Matcher, question: str,
                                                            intent: str) -> None:
    match = matcher.best(question)
    assert match is not None and match.intent.id == intent
    assert matcher.scope_gap(matcher.features(question)) is None


def test_the_fallback_names_the_years_of_the_count(engine: Engine) -> None:
    text = to_text(engine.ask("how many referrals did London have in 2017"))
    assert "no figures for 2017 from data from the Metropolitan Police" in text
    assert "2013, 2018" in text

