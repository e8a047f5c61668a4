"""Tests for bot/parts.py: the matcher asks rather than guesses when two different kinds of
answer score alike (too_close), a conversation's last intent is context only while it exists
(context_intent), the conversation's release stands until a question names another
(release_candidates), and a release's matcher sees only its own release, so loading others
never changes its answers (release_knowledge)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text
from tests.conftest import NOW, SLAVERY, copy_engine, twins
from tests.release_factory import ALLOTMENTS, POTHOLES

if TYPE_CHECKING:
    from conftest import KnowledgeCopy


def test_clarify_when_two_different_intents_score_alike(make_engine: Callable[..., Engine],
                                                         kb_copy: KnowledgeCopy) -> None:
    kb_copy.add_intents("zz_twins.yaml", twins("zz_one", "zz_two"))
    a = copy_engine(make_engine, kb_copy).ask("tell me about the purple elephant parade", now=NOW)
    assert a.kind == "clarify" and a.intent is None
    assert [s.intent for s in a.suggestions] == ["zz_a", "zz_b"]
    assert to_text(a).startswith("Did you mean “Purple A” or “Purple B”?")


def test_no_clarify_between_intents_of_one_family(make_engine: Callable[..., Engine],
                                                  kb_copy: KnowledgeCopy) -> None:
    kb_copy.add_intents("zz_twins.yaml", twins("zz_same", "zz_same"))
    a = copy_engine(make_engine, kb_copy).ask("tell me about the purple elephant parade", now=NOW)
    assert a.kind == "answer" and a.intent in ("zz_a", "zz_b")


def test_a_conversation_survives_its_intent_being_removed(make_engine: Callable[..., Engine],
                                                          kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.add_intents("zz_twins.yaml", twins("zz_same", "zz_same")[:1])
    engine = copy_engine(make_engine, kb_copy)
    conversation = Conversation()
    engine.ask("tell me about the purple elephant parade", conversation=conversation, now=NOW)
    assert conversation.last_intent == "zz_a"
    path.unlink()
    engine.reload()
    a = engine.ask("and the second one?", conversation=conversation, now=NOW)
    assert to_text(a)


def test_follow_ups_stay_on_the_release_until_another_is_named(many: Engine) -> None:
    conversation = Conversation()
    asked = [("how many potholes in 2018", POTHOLES.id), ("who is the chair", POTHOLES.id),
             ("what did the chair say", POTHOLES.id), ("and in 2020?", POTHOLES.id),
             ("how many referrals in 2018", SLAVERY), ("who is the chair", SLAVERY),
             ("what about allotments", ALLOTMENTS.id), ("what did the chair say", ALLOTMENTS.id)]
    for question, release in asked:
        answer = many.ask(question, conversation=conversation)
        assert answer.kind == "answer", question
        assert (answer.release, conversation.release) == (release, release), question


def test_the_modern_slavery_answers_are_unchanged_in_a_conversation_on_it(
        many: Engine, engine: Engine) -> None:
    questions = ["how much did referrals rise", "and in 2013?", "who is the chair",
                 "what did he say", "what are the recommendations", "the 2018 figure",
                 "where is that figure from", "press office number please"]
    alone, beside = Conversation(), Conversation(release=SLAVERY)
    for question in questions:
        a = engine.ask(question, conversation=alone)
        b = many.ask(question, conversation=beside)
        assert to_text(a) == to_text(b), question
