"""Tests for bot/twopart.py: a matched question's answer, in two parts when the message asks two."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot import twopart
from bot.engine import Engine
from bot.matching import Match
from bot.render import to_text

NOW = dt.datetime(2020, 2, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))  # office hours


def _build(engine: Engine, question: str, intent_id: str = "") -> twopart.MatcherAnswer:
    part = engine._part(engine.knowledge.releases[0].id)
    f = part.matcher.features(question)
    match = part.matcher.decide(f)
    if intent_id:  # the matcher's reading, as the classifier may name it instead
        match = Match(engine.knowledge.intent(intent_id), 0.9, f, 0.9)
    assert match is not None
    answer, also = twopart.build(engine._state.builder, part, question, f, match, None, NOW)
    return twopart.MatcherAnswer(answer, f, False, False, also)


def test_one_question_is_answered_in_one_part(engine: Engine) -> None:
    read = _build(engine, "how much did referrals rise?")
    assert read.also is None
    assert read.answer.intent == "referrals_rise"


def test_a_second_question_is_answered_too_and_kept_led_by_it(engine: Engine) -> None:
    read = _build(engine, "who is the chair and what did she say?")
    assert read.also is not None and read.also.intent != read.answer.intent
    assert read.also.led is not None
    # The same two answers, in the other order: the classifier may name the second as the main.
    assert read.also.led.intent == read.also.intent
    both, led = read.answer.paragraphs, read.also.led.paragraphs
    assert led[0] != both[0] and led[0] in both and both[0] in led


def test_a_figure_leads_its_source_whichever_was_asked_first(engine: Engine) -> None:
    question = "where is that figure from and what was the 2018 figure?"
    read = _build(engine, question, intent_id="figure_sources")
    assert read.also is not None and read.also.intent == "figure_sources"
    assert read.answer.intent != "figure_sources"  # the figure first, then its source
    assert read.also.led is None  # and never the source before its figure
    assert "2,346" in to_text(read.answer)
