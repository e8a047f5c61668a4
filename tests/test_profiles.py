"""Tests for bot.profiles: what the matcher reads once from each intent (word weights, years,
figures, how distinctive each word is among its release's intents, a list item's own words)."""

from __future__ import annotations

import math

import pytest

from bot.engine import Engine
from bot.matching import Matcher
from bot.profiles import ASKING_WEIGHT, build_profiles
from bot.reading import Reader
from tests.release_factory import POTHOLES, with_releases


@pytest.fixture(scope="module")
def matcher(engine: Engine) -> Matcher:
    return engine.matcher


def test_a_list_items_own_words_are_its_keywords_the_list_lacks(matcher: Matcher) -> None:
    own = {p.intent.id: p.item_words for p in matcher.profiles if p.item_words is not None}
    assert set(own) == {"rec_strategy", "rec_detectives", "rec_visa"}
    assert "met" in own["rec_detectives"] and "visa" in own["rec_visa"]
    assert all("recommend" not in words for words in own.values())


def test_a_profile_per_intent_in_order(engine: Engine, matcher: Matcher) -> None:
    assert [p.intent.id for p in matcher.profiles] == [i.id for i in engine.knowledge.intents]


def test_keywords_weigh_at_least_as_written_and_strong_ones_ask_for_the_type(
        matcher: Matcher) -> None:
    for p in matcher.profiles:
        for k, w in p.intent.keywords.items():
            assert p.weights[k] >= w
        assert p.asking == {k for k, w in p.intent.keywords.items() if w >= ASKING_WEIGHT}
        assert all(w > 0 for w in p.weights.values())


def test_explicit_years_are_the_intents_own(matcher: Matcher) -> None:
    dated = [p for p in matcher.profiles if p.intent.years]
    assert dated
    for p in dated:
        assert p.years == set(p.intent.years)
        assert p.own_values <= p.home_values <= p.figure_values


def test_a_word_every_intent_uses_is_the_least_distinctive(matcher: Matcher) -> None:
    p = matcher.profiles[0]
    n = sum(1 for q in matcher.profiles if q.release == p.release)
    assert p.max_idf == pytest.approx(math.log(1 + n))
    assert all(0 < v <= p.max_idf for v in p.idf.values())


def test_another_release_never_changes_how_distinctive_a_word_is(engine: Engine) -> None:
    knowledge = with_releases(engine.knowledge, POTHOLES)
    both = build_profiles(knowledge, Reader(knowledge))
    alone = {p.intent.id: p for p in engine.matcher.profiles}
    for p in both:
        if p.intent.id in alone:
            assert p.idf == alone[p.intent.id].idf


def test_a_figure_intents_places_are_those_of_its_own_figures(matcher: Matcher) -> None:
    by_id = {p.intent.id: p for p in matcher.profiles}
    assert by_id["nrm_total"].places == {"uk"}
    assert by_id["referrals_2013"].places == {"london"}
    assert not by_id["chair_quote"].places
