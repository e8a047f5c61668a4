"""Tests for bot/tg/handlers.py's small helpers: where a reply goes (a private chat, a group
with the asking message quoted, a forum topic) and whose conversation a chat is. The handlers
themselves are tested end to end in test_tg_polling.py, test_tg_groups.py, test_tg_inline.py,
test_tg_releases.py and test_tg_faults.py."""

from __future__ import annotations

from typing import Any

from telegram import Message

from bot.tg.handlers import conversation_key, target_of
from bot.tg.send import Target
from tests import tg_factories as f


def parsed(update: dict[str, Any]) -> Message:
    message = Message.de_json(update["message"], None)
    assert message is not None
    return message


def test_a_private_reply_quotes_nothing() -> None:
    assert target_of(parsed(f.private_text("hi"))) == Target(f.ALICE)


def test_a_group_reply_quotes_the_asking_message() -> None:
    update = f.group_text("@PressTestBot hi")
    assert target_of(parsed(update)) == Target(f.GROUP, reply_to=update["message"]["message_id"])


def test_a_reply_in_a_forum_topic_stays_in_the_topic() -> None:
    update = f.group_text("@PressTestBot hi")
    update["message"].update(message_thread_id=42, is_topic_message=True)
    target = target_of(parsed(update))
    assert (target.chat_id, target.thread_id) == (f.GROUP, 42)
    update["message"]["is_topic_message"] = False  # a thread that is a reply chain, no topic
    assert target_of(parsed(update)).thread_id is None


def test_each_chat_has_its_own_conversation() -> None:
    assert conversation_key(f.ALICE) != conversation_key(f.BOB)
    assert conversation_key(f.GROUP) == f"telegram:{f.GROUP}"
