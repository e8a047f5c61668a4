"""Tests for bot/parts.py: the matcher asks rather than guesses when two different kinds of
answer score alike (too_close), and a conversation's last intent is context only while it
exists (context_intent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text
from tests.conftest import NOW, copy_engine, twins

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
