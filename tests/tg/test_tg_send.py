"""Tests for bot/tg/send.py: HTML split at paragraphs to Telegram's limit, the keyboard on the
last part, and replies to the asking message, checked on the fake Bot API server."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.tg.context import PressApp
from bot.tg.send import Target, send_html, send_text
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi
from tests.tg.tg_helpers import assert_telegram_html


async def test_long_answers_are_split_at_paragraphs(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    paragraph = "<b>1,155%</b> " + "word " * 300  # about 1,500 characters
    html = "\n\n".join([paragraph] * 8)
    await send_html(polling_bot.bot, Target(f.ALICE), html)
    parts = fake.texts(f.ALICE)
    assert len(parts) >= 3
    assert all(len(p) <= 4096 for p in parts)
    assert "".join(p.replace("\n", "") for p in parts).count("<b>1,155%</b>") == 8
    for part in parts:
        assert_telegram_html(part)


def test_a_target_replies_only_when_it_has_a_message_to_reply_to() -> None:
    assert Target(f.ALICE).reply_parameters() is None
    params = Target(f.GROUP, reply_to=77).reply_parameters()
    assert params is not None
    assert (params.message_id, params.allow_sending_without_reply) == (77, True)


async def test_the_first_part_replies_and_the_last_part_carries_the_keyboard(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
    html = "\n\n".join(["<b>one</b> " + "word " * 900] * 3)
    await send_html(polling_bot.bot, Target(f.GROUP, reply_to=77), html, keyboard)
    sent = [c for c in fake.sent("sendMessage") if c.params["chat_id"] == f.GROUP]
    assert len(sent) >= 2
    assert [("reply_parameters" in c.params) for c in sent] == [True] + [False] * (len(sent) - 1)
    assert [("reply_markup" in c.params) for c in sent] == [False] * (len(sent) - 1) + [True]
    assert all(c.params["parse_mode"] == "HTML" for c in sent)


async def test_plain_text_is_sent_without_a_parse_mode_and_cut_to_the_limit(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    await send_text(polling_bot.bot, Target(f.ALICE), "<b>not markup</b> " + "x" * 5000)
    (call,) = [c for c in fake.sent("sendMessage") if c.params["chat_id"] == f.ALICE]
    assert "parse_mode" not in call.params
    assert call.params["text"].startswith("<b>not markup</b>")
    assert len(call.params["text"]) == 4096
