"""Tests for bot.clashes: when an intent, however well its words fit, is not the kind of answer
the question asks for (another type, unit or place, or a gap nobody asked for)."""

from __future__ import annotations

import pytest

from bot import clashes
from bot.engine import Engine
from bot.matching import Matcher
from bot.profiles import Profile


@pytest.fixture(scope="module")
def matcher(engine: Engine) -> Matcher:
    return engine.matcher


def profile(matcher: Matcher, intent_id: str) -> Profile:
    return matcher.by_id[intent_id]


def test_a_sum_of_money_is_not_answered_by_a_count_or_a_percentage(matcher: Matcher) -> None:
    f = matcher.features("how much money will it cost?")
    assert clashes.unit_clash(profile(matcher, "referrals_rise"), f, f.terms)
    named = matcher.features("what is the 1,155% rise?")
    assert not clashes.unit_clash(profile(matcher, "referrals_rise"), named, named.terms)


def test_the_uk_is_not_answered_by_londons_figures(matcher: Matcher) -> None:
    f = matcher.features("how many referrals in the UK?")
    assert clashes.place_clash(profile(matcher, "referrals_2018"), f.terms, matcher.places)
    assert not clashes.place_clash(profile(matcher, "nrm_total"), f.terms, matcher.places)


def test_a_figure_named_by_value_is_not_answered_by_another_figure(matcher: Matcher) -> None:
    # "is 187 the national total?" asks about the 187: the UK total's answer does not state it.
    named = frozenset({187.0})
    assert clashes.other_figure(profile(matcher, "nrm_total"), named)
    assert not clashes.other_figure(profile(matcher, "referrals_2013"), named)
    assert not clashes.other_figure(profile(matcher, "figure_sources"), named)  # any figure's
    assert not clashes.other_figure(profile(matcher, "nrm_total"), frozenset())


def test_one_recommendation_is_not_the_answer_to_the_list(matcher: Matcher) -> None:
    f = matcher.features("list the recommendations")
    assert clashes.other_type(profile(matcher, "rec_visa"), f, f.terms, matcher.speakers,
                              matcher.list_asking)
    visa = matcher.features("what do they recommend on visas?")
    assert not clashes.other_type(profile(matcher, "rec_visa"), visa, visa.terms,
                                  matcher.speakers, matcher.list_asking)


def test_asking_for_a_figure_about_the_subject_is_not_a_call_for_help(matcher: Matcher) -> None:
    f = matcher.features("what share were forced into labour?")
    assert clashes.asks_about_subject(f, f.terms, matcher.speakers)
    worried = matcher.features("how many are forced to work? I'm worried about my neighbour")
    assert not clashes.asks_about_subject(worried, worried.terms, matcher.speakers)
