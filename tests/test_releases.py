"""Tests for bot/releases.py: which loaded release a question names, learned from the data."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cards import load_types, question_concepts
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.reading import Reader
from bot.releases import ReleaseChooser, names_only, newest_first
from bot.render import to_text
from tests.conftest import INTENTS_DIR, engine_settings
from tests.release_factory import ALLOTMENTS, POTHOLES, Spec, with_releases

SLAVERY = "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def chooser(engine: Engine) -> ReleaseChooser:
    knowledge = with_releases(engine.knowledge, POTHOLES, ALLOTMENTS)
    return ReleaseChooser(knowledge, Reader(names_only(knowledge)))


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
    return ReleaseChooser(knowledge, Reader(names_only(knowledge)),
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


# --------------------------------------------------------------------------- leaving a conversation

# A release whose headline is made of words any question may use ("questions", "cost"), beside
# its subject ("bridges").
BRIDGES = Spec("2024-05-02-bridges", "bridges", "Panel questions the cost of bridge repairs",
               dt.date(2024, 5, 2), "Budget Committee", "Kit Moe AM", ((2023, 2150),))


@pytest.fixture(scope="module")
def beside(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine with the modern slavery release and three invented ones loaded."""
    many = Engine(engine_settings(tmp_path_factory.mktemp("beside")))
    many.use_knowledge(with_releases(engine.knowledge, POTHOLES, ALLOTMENTS, BRIDGES))
    return many


def _switches(engine: Engine, question: str, current: str = SLAVERY) -> bool:
    chooser = engine._state.chooser
    assert chooser is not None
    read = chooser.reader.features(question)
    return chooser.switches(read, current, chooser.choose(read))


@pytest.mark.parametrize("question", [
    # Everyday words another release's headline happens to use name no release on their own.
    "I'm a member of the public with a question, who do I call?",
    "what questions can I ask you?",
    "how much will all of that cost?",
    "who can I ring with questions about this?",
])
def test_one_everyday_word_of_another_release_does_not_leave_the_conversation(
        beside: Engine, engine: Engine, question: str) -> None:
    assert not _switches(beside, question)
    alone = engine.ask(question, conversation=Conversation(release=SLAVERY))
    there = beside.ask(question, conversation=Conversation(release=SLAVERY))
    assert to_text(there) == to_text(alone)


@pytest.mark.parametrize(("question", "release"), [
    # One word only the other release has, and no everyday one, names it.
    ("what did the chair say about bridges?", BRIDGES.id),
    ("how many potholes were there", POTHOLES.id),
    ("what about allotments", ALLOTMENTS.id),
    # Its chair by name, or two of its headline's words.
    ("what did kit moe say", BRIDGES.id),
    ("what did the chair say on the cost of repairs?", BRIDGES.id),
    # One of its figures' values.
    ("is 2,150 right?", BRIDGES.id),
])
def test_a_question_about_another_release_leaves_for_it(beside: Engine, question: str,
                                                        release: str) -> None:
    assert _switches(beside, question)
    conversation = Conversation(release=SLAVERY)
    answer = beside.ask(question, conversation=conversation)
    assert answer.kind != "fallback" and answer.release == release, to_text(answer)
    assert conversation.release == release


@pytest.mark.parametrize("question", [
    # One word of another release's subject among words that release never uses: another
    # sense of it, not a question about that release (``ReleaseChooser._speaks_for``).
    "my nan's potholes story is always late, who can i complain to",
    "our gardening club's allotments newsletter is overdue, whom do I ring?",
])
def test_one_word_of_another_subject_among_words_it_never_uses_does_not_leave(
        beside: Engine, question: str) -> None:
    assert not _switches(beside, question)


def test_a_word_of_the_release_being_discussed_keeps_it(beside: Engine) -> None:
    # "referrals" is the modern slavery release's, "question" only an everyday word of another.
    assert _switches(beside, "how many referrals were there?", current=BRIDGES.id)
    assert not _switches(beside, "I have a question about referrals")
