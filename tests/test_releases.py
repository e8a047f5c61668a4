"""Tests for bot/releases.py: which loaded release a question names, learned from the data."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cards import load_types, question_concepts
from bot.engine import Engine
from bot.reading import Reader
from bot.releases import ReleaseChooser, newest_first
from tests.conftest import INTENTS_DIR
from tests.release_factory import ALLOTMENTS, POTHOLES, Spec, with_releases

SLAVERY = "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def chooser(engine: Engine) -> ReleaseChooser:
    knowledge = with_releases(engine.knowledge, POTHOLES, ALLOTMENTS)
    return ReleaseChooser(knowledge, Reader(knowledge))


def chosen(chooser: ReleaseChooser, question: str) -> tuple[str, ...]:
    return chooser.choose(chooser.reader.features(question)).releases


@pytest.mark.parametrize(("question", "release"), [
    ("how much did referrals rise", SLAVERY),  # what its figures count
    ("modern slavery figures", SLAVERY),  # its title
    ("what did unmesh desai say", SLAVERY),  # its chair, by name
    ("police and crime committee members", SLAVERY),  # its committee
    ("is 5,143 right?", SLAVERY),  # one of its figures' values
    ("how many potholes were there", POTHOLES.id),
    ("who is jane roe", POTHOLES.id),
    ("the transport committee", POTHOLES.id),
    ("4,410 is that right", POTHOLES.id),
    ("what did sam poe say", ALLOTMENTS.id),
    ("the release of 2022", ALLOTMENTS.id),  # its date
])
def test_a_question_naming_a_release_chooses_it(chooser: ReleaseChooser, question: str,
                                                release: str) -> None:
    assert chosen(chooser, question) == (release,)


@pytest.mark.parametrize("question", [
    "who is the chair", "what did the chair say", "the 2018 figure", "what are the figures",
    "hi", "thanks",
])
def test_a_question_naming_none_fits_all_newest_first(chooser: ReleaseChooser,
                                                      question: str) -> None:
    choice = chooser.choose(chooser.reader.features(question))
    assert not choice.named
    assert choice.releases == (ALLOTMENTS.id, POTHOLES.id, SLAVERY)


def test_with_one_release_there_is_nothing_to_choose(engine: Engine) -> None:
    one = ReleaseChooser(engine.knowledge, engine.matcher.reader)
    assert one.choose(one.reader.features("how many potholes")).releases == (SLAVERY,)


def test_newest_first_orders_by_date(engine: Engine) -> None:
    knowledge = with_releases(engine.knowledge, ALLOTMENTS, POTHOLES)
    assert [r.id for r in newest_first(knowledge.releases)] == [ALLOTMENTS.id, POTHOLES.id,
                                                                SLAVERY]


# A release whose headline is made of everyday words another question may use in passing.
GRITTING = Spec("2023-01-10-gritting", "gritting", "Councils set out winter gritting plans",
                dt.date(2023, 1, 10), "Environment Committee", "Ann Lee AM", ((2022, 1830),))


@pytest.fixture(scope="module")
def engine_chooser(engine: Engine) -> ReleaseChooser:
    """A chooser as the engine builds it: the question types' concepts name no release."""
    knowledge = with_releases(engine.knowledge, POTHOLES, ALLOTMENTS, GRITTING)
    return ReleaseChooser(knowledge, Reader(knowledge),
                          question_concepts(load_types(INTENTS_DIR)))


@pytest.mark.parametrize(("question", "release"), [
    # The committee's name, though the lexicon reads "police and crime committee" as a committee.
    ("police and crime committee members", SLAVERY),
    # Everyday words of another release's headline ("council", "set out") weigh less than the
    # committee's name and "mayor".
    ("I am a council officer: please set out the recommendations the Police and Crime "
     "Committee made to the Mayor", SLAVERY),
    ("how much gritting did the council do", GRITTING.id),
])
def test_a_releases_distinctive_words_outweigh_everyday_ones(engine_chooser: ReleaseChooser,
                                                             question: str,
                                                             release: str) -> None:
    assert chosen(engine_chooser, question) == (release,)
