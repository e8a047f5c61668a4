"""Tests for bot.followsignals: what the kept stacker reads of a follow-up's own words (a bare
question word of the subject just discussed; a claim naming someone, checked by the answer just
given), and that the stacker's signals carry them."""

from __future__ import annotations

import pytest

from bot.decision import Question, signals
from bot.engine import Engine
from bot.followsignals import bare, names_own, repeats
from bot.intentclasses import Classes
from bot.thresholds import SIGNALS


@pytest.mark.parametrize("message", ["and who by?", "by how much", "and when?", "who from?",
                                     "when was that?", "and why?"])
def test_a_question_word_with_words_that_name_nothing_is_bare(engine: Engine,
                                                              message: str) -> None:
    reader = engine.matcher.reader
    assert bare(reader.features(message).tokens, reader.stopwords)


@pytest.mark.parametrize("message", ["who sent it out", "what about 2019", "and in 2013?",
                                     "what did he say about the visa", "thanks", "and scotland?"])
def test_a_message_naming_something_or_asking_nothing_is_not_bare(engine: Engine,
                                                                  message: str) -> None:
    reader = engine.matcher.reader
    assert not bare(reader.features(message).tokens, reader.stopwords)


def test_a_claim_naming_someone_answered_with_the_last_answer_is_no_repeat() -> None:
    assert names_own("isnt it Maria Oyelaran-Whitfield?")
    assert names_own("I thought it was the Home Office")
    assert not names_own("what about scotland specifically")
    assert not repeats(True, "chair_who", "chair_who", "isnt it Sian Berry?", ())
    assert not repeats(True, "referrals_2018", "referrals_2018",
                       "that's not what the Standard said, they had 2,000 something", (2000.0,))
    # A message that names nothing of its own, answered again with the last answer, still is.
    assert repeats(True, "chair_who", "chair_who", "what about scotland specifically", ())
    assert not repeats(False, "chair_who", "chair_who", "and him?", ())
    assert not repeats(True, "chair_quote", "chair_who", "and him?", ())


def test_the_kept_stacker_reads_a_bare_follow_up_for_the_matchers_answer_only(
        engine: Engine) -> None:
    classes = Classes.of(list(engine.knowledge.intents))
    q = Question("release_publisher", [("chair_who", 0.6), ("release_publisher", 0.1)], 0.5,
                 follows=True, fragment=True, bare=True, last="release_date")
    at = SIGNALS.index("followup_bare")
    assert signals(q, "release_publisher", classes)[at] == 1.0
    assert signals(q, "chair_who", classes)[at] == 0.0
    # Rule 3 never weighs a follow-up's signals: a question that follows nothing has none.
    alone = Question("release_publisher", q.ranked, 0.5, bare=True)
    assert signals(alone, "release_publisher", classes)[at] == 0.0
