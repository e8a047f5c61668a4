"""Tests for bot/tg/groups.py: private messages are always addressed to the bot, group messages
need a mention or a reply, and mentions and command targets are read."""

from __future__ import annotations

from typing import Any

from telegram import Message

from bot.tg.groups import command_target, question_in, strip_mention
from tests import tg_factories as f
from tests.fake_bot_api import BOT_ID, BOT_USERNAME


def msg(update: dict[str, Any]) -> Message:
    message = Message.de_json(update["message"], None)
    assert message is not None
    return message


def test_private_messages_are_always_addressed() -> None:
    assert question_in(msg(f.private_text("referrals?")), BOT_USERNAME, BOT_ID) == "referrals?"


def test_group_messages_need_a_mention_or_a_reply() -> None:
    plain = msg(f.group_text("how much did referrals rise?"))
    assert question_in(plain, BOT_USERNAME, BOT_ID) is None
    mention = msg(f.group_text(f"@{BOT_USERNAME.lower()} how much did referrals rise?"))
    assert question_in(mention, BOT_USERNAME, BOT_ID) == "how much did referrals rise?"
    other = msg(f.group_text("@SomeoneElse how much did referrals rise?"))
    assert question_in(other, BOT_USERNAME, BOT_ID) is None
    reply = f.group_text("and in 2018?", reply_to=f.bot_message_in(f.group_chat()))
    assert question_in(msg(reply), BOT_USERNAME, BOT_ID) == "and in 2018?"
    human = f.group_text("and in 2018?", reply_to=f.message("hi", chat=f.group_chat()))
    assert question_in(msg(human), BOT_USERNAME, BOT_ID) is None


def test_mention_stripping_and_command_targets() -> None:
    assert strip_mention(f"@{BOT_USERNAME}, what's the quote?", BOT_USERNAME) == "what's the quote?"
    assert strip_mention(f"hey @{BOT_USERNAME}", BOT_USERNAME) == "hey"
    assert command_target(msg(f.group_text(f"/ask@{BOT_USERNAME} x"))) == BOT_USERNAME.lower()
    assert command_target(msg(f.group_text("/ask x"))) is None
