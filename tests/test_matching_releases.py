"""Tests for bot/matching.py and bot/reading.py with a second release loaded beside the first.

The first release is the primary one: a question that could be asked of any release ("the 2018
figure", "the chair's quote") is about it; another release is reached only by naming something
of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.knowledge import Knowledge
from bot.matching import Matcher
from bot.models import Intent


def roads_release(engine: Engine) -> Knowledge:
    """The real knowledge plus an invented release about potholes with its own intents."""
    base = engine.knowledge
    roads = base.release().model_copy(update={
        "id": "2021-06-01-potholes", "title": "Fix London's potholes", "date": dt.date(2021, 6, 1),
        "figures": [], "derived": [], "text": "Fix London's potholes. Potholes reported.",
        "summary": "A release on potholes."})
    intents = [
        Intent(id="potholes_2018", label="Potholes in 2018", type="release_fact",
               release=roads.id, years=[2018],
               examples=["how many potholes were reported in 2018", "pothole figures 2018",
                         "potholes in 2018"],
               keywords={"potholes": 3.0, "stats": 1.0}, answer=["{summary}"]),
        Intent(id="potholes_quote", label="The chair on potholes", type="quote",
               release=roads.id,
               examples=["what did the chair say about potholes", "potholes quote",
                         "statement on potholes"],
               keywords={"potholes": 3.0, "quote": 1.0}, answer=["{summary}"]),
    ]
    return base.model_copy(update={"releases": [*base.releases, roads],
                                   "intents": [*base.intents, *intents],
                                   "content_hash": "with-potholes"})


@pytest.fixture(scope="module")
def two(engine: Engine) -> Matcher:
    return Matcher(roads_release(engine))


def intent_id(matcher: Matcher, question: str) -> str | None:
    match = matcher.best(question)
    return match.intent.id if match else None


@pytest.mark.parametrize("question", [
    "2018 number pls", "wats the 2018 figure", "2013 figure?", "unmesh desai quote",
    "what did the chair say", "how many referrals in 2018",
])
def test_questions_that_name_no_release_stay_with_the_primary_one(
        engine: Engine, two: Matcher, question: str) -> None:
    alone = intent_id(engine.matcher, question)
    assert alone is not None and not alone.startswith("potholes")
    assert intent_id(two, question) == alone


@pytest.mark.parametrize(("question", "expected"), [
    ("how many potholes in 2018", "potholes_2018"),
    ("what did the chair say about potholes", "potholes_quote"),
    ("potholes quote pls", "potholes_quote"),
    ("how many pottholes in 2018", "potholes_2018"),  # a typo of its own word still names it
])
def test_a_question_naming_the_other_release_reaches_it(two: Matcher, question: str,
                                                        expected: str) -> None:
    assert intent_id(two, question) == expected


def test_a_typo_is_read_as_a_word_of_the_primary_release_first(engine: Engine) -> None:
    knowledge = roads_release(engine)
    lookalike = knowledge.intents[-1].model_copy(update={
        "id": "desiba_quote", "examples": ["desiba quote", "what did desiba say"],
        "keywords": {"desiba": 3.0, "quote": 1.0}})
    knowledge = knowledge.model_copy(update={"intents": [*knowledge.intents, lookalike]})
    matcher = Matcher(knowledge)
    # "desia" is nearer "desiba" (another release's word) than "desai", but the primary
    # release has a word close enough.
    assert "desai" in matcher.features("unmesh desia quote").tokens
    assert intent_id(matcher, "unmesh desia quote") == "chair_quote"


def test_with_one_release_no_word_names_another(engine: Engine) -> None:
    assert not engine.matcher.naming
