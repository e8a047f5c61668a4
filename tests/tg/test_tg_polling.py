"""End-to-end tests in long-polling mode: the real PTB Application over HTTP against the fake
Bot API server, checking what the bot actually sent."""

from __future__ import annotations

import pytest

from bot.tg.context import Deps, PressApp
from bot.tg.handlers import ASK_HOW, EXPIRED, UNKNOWN_COMMAND
from tests import tg_factories as f
from tests.fake_bot_api import BOT_USERNAME, FakeBotApi
from tests.tg.tg_helpers import assert_telegram_html, callback_datas, exchange, settle

MEDIA_LINE = "020 7983 4067"


async def test_private_question_gets_a_cited_answer_with_buttons(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text("how much did referrals rise?"))
    assert reply.method == "sendMessage"
    assert reply.params["chat_id"] == f.ALICE
    assert reply.params["parse_mode"] == "HTML"
    text = reply.params["text"]
    assert_telegram_html(text)
    assert "<b>1,155%</b>" in text and "<b>187</b>" in text and "<b>2,346</b>" in text
    assert "Source: Met data" in text and "London Assembly" in text
    datas = callback_datas(reply)
    assert datas and all(d.startswith("i:") and len(d.encode()) <= 64 for d in datas)
    assert "reply_parameters" not in reply.params  # no quoting in private chats


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/figures", "1,155%"),
        ("/recommendations", "Modern Slavery Partnership Board"),
        ("/quote", "coherent strategy"),
        ("/contacts", "020 7983 4100"),
        ("/source", "More must be done to tackle Modern Slavery"),
        ("/help", ""),
        ("/about", ""),
    ],
)
async def test_topic_commands(
    fake: FakeBotApi, polling_bot: PressApp, command: str, expected: str
) -> None:
    replies = await exchange(fake, f.private_text(command))
    texts = [r.params["text"] for r in replies if r.method == "sendMessage"]
    assert texts
    for text in texts:
        assert_telegram_html(text)
    assert expected in "".join(texts)


async def test_source_gives_title_date_and_publisher(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text("/source"))
    text = reply.params["text"]
    assert "More must be done to tackle Modern Slavery" in text
    assert "30 January 2020" in text and "London Assembly" in text


async def test_start_welcomes_with_quick_buttons(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.private_text("/start"))
    assert_telegram_html(reply.params["text"])
    datas = callback_datas(reply)
    assert {"i:figures_all", "i:recommendations_all", "i:chair_quote", "i:contacts_all"} <= set(
        datas
    )


async def test_press_sends_contact_cards_with_vcards(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    replies = await exchange(fake, f.private_text("/press"), replies=2)
    assert replies[0].method == "sendMessage"
    assert MEDIA_LINE in replies[0].params["text"]
    cards = [r for r in replies if r.method == "sendContact"]
    assert cards, "the media contact must come as a contact card"
    media = [c for c in cards if c.params["phone_number"] == "+44 20 7983 4067"]
    assert len(media) == 1
    vcard = media[0].params["vcard"]
    assert "ORG:London Assembly" in vcard
    assert "TITLE:Media enquiries" in vcard
    assert "TEL;TYPE=WORK,VOICE:+44 20 7983 4067" in vcard
    assert media[0].params["first_name"] == "Aoife Nolan"


@pytest.mark.parametrize("payload", ["press", "contact_media", "PRESS"])
async def test_deep_link_opens_on_a_topic(
    fake: FakeBotApi, polling_bot: PressApp, payload: str
) -> None:
    replies = await exchange(fake, f.private_text(f"/start {payload}"), replies=2)
    assert MEDIA_LINE in replies[0].params["text"]
    assert any(r.method == "sendContact" for r in replies)


async def test_unknown_deep_link_gives_the_welcome(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.private_text("/start no_such_topic"))
    assert "i:figures_all" in callback_datas(reply)


async def test_the_public_never_gets_the_media_line(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    question = "I'm a member of the public, who do I call?"
    replies = await exchange(fake, f.private_text(question), replies=2)
    cards = [r.params["phone_number"] for r in replies if r.method == "sendContact"]
    assert cards == ["+44 20 7983 4100"]
    assert all(MEDIA_LINE not in r.params.get("text", "") for r in replies)


async def test_unknown_command_and_empty_ask(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.private_text("/frobnicate"))
    assert reply.params["text"] == UNKNOWN_COMMAND
    assert "parse_mode" not in reply.params
    (reply,) = await exchange(fake, f.private_text("/ask"))
    assert reply.params["text"] == ASK_HOW


async def test_buttons_answer_their_topic(fake: FakeBotApi, polling_bot: PressApp) -> None:
    replies = await exchange(fake, f.callback_query("i:chair_quote"), replies=2)
    methods = [r.method for r in replies]
    assert methods[0] == "answerCallbackQuery"
    message = next(r for r in replies if r.method == "sendMessage")
    assert "coherent strategy" in message.params["text"]
    assert_telegram_html(message.params["text"])


@pytest.mark.parametrize("data", ["i:no_such_intent", "x:old-keyboard", "i:"])
async def test_stale_buttons_say_they_expired(
    fake: FakeBotApi, polling_bot: PressApp, data: str
) -> None:
    (reply,) = await exchange(fake, f.callback_query(data))
    assert reply.method == "answerCallbackQuery"
    assert reply.params["text"] == EXPIRED


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document", "location", "contact"])
async def test_non_text_gets_a_friendly_pointer(
    fake: FakeBotApi, polling_bot: PressApp, kind: str
) -> None:
    (reply,) = await exchange(fake, f.private_media(kind))
    assert reply.params["text"].startswith("I answer typed questions about")
    assert "More must be done to tackle Modern Slavery" in reply.params["text"]


async def test_edited_messages_are_answered_again(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.edited_private_text("what did the chair say?"))
    assert "coherent strategy" in reply.params["text"]


async def test_other_update_types_are_ignored(fake: FakeBotApi, polling_bot: PressApp) -> None:
    for update in [f.channel_post(), f.member_joined(), f.my_chat_member(), f.poll_answer()]:
        await fake.push_update(update)
    await settle(fake, quiet=0.3)
    assert fake.sent() == []
    # ... and the bot is still answering.
    (reply,) = await exchange(fake, f.private_text("/quote"))
    assert "coherent strategy" in reply.params["text"]


# ------------------------------------------------------------------ groups


async def test_group_chatter_gets_no_reply(fake: FakeBotApi, polling_bot: PressApp) -> None:
    for text in ["how much did referrals rise?", "/figures@OtherBot", "/ask@OtherBot referrals?"]:
        await fake.push_update(f.group_text(text))
    sticker = f.private_media("sticker")["message"]["sticker"]
    await fake.push_update({"message": f.message(chat=f.group_chat(), sticker=sticker)})
    await fake.push_update(f.group_text("/frobnicate"))
    await settle(fake, quiet=0.3)
    assert fake.sent() == []


@pytest.mark.parametrize(
    "text",
    [
        f"@{BOT_USERNAME} how much did referrals rise?",
        f"/ask@{BOT_USERNAME} how much did referrals rise?",
        "/ask how much did referrals rise?",
    ],
)
async def test_group_messages_addressed_to_the_bot_are_answered(
    fake: FakeBotApi, polling_bot: PressApp, text: str
) -> None:
    (reply,) = await exchange(fake, f.group_text(text))
    assert reply.params["chat_id"] == f.GROUP
    assert "<b>1,155%</b>" in reply.params["text"]
    assert reply.params["reply_parameters"]["message_id"] > 0  # quotes the asker


async def test_group_replies_to_the_bot_are_answered(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    earlier = f.bot_message_in(f.group_chat())
    (reply,) = await exchange(fake, f.group_text("what did the chair say?", reply_to=earlier))
    assert "coherent strategy" in reply.params["text"]


async def test_group_commands_addressed_to_the_bot(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.group_text(f"/quote@{BOT_USERNAME}"))
    assert "coherent strategy" in reply.params["text"]
    (reply,) = await exchange(fake, f.group_text(f"/frobnicate@{BOT_USERNAME}"))
    assert reply.params["text"] == UNKNOWN_COMMAND


# ------------------------------------------------------------------ conversation, log, admin


async def test_follow_ups_use_the_chat_s_own_context(
    fake: FakeBotApi, polling_bot: PressApp, deps: Deps
) -> None:
    (first,) = await exchange(
        fake, f.private_text("how many referrals were made in London in 2013?")
    )
    assert "<b>187</b>" in first.params["text"]
    (follow_up,) = await exchange(fake, f.private_text("and in 2018?"))
    assert "<b>2,346</b>" in follow_up.params["text"]
    # Bob's chat has no context, so the same words are not understood as a follow-up.
    bob = await exchange(fake, f.private_text("and in 2018?", user_id=f.BOB))
    assert "<b>2,346</b>" not in bob[0].params["text"]
    assert deps.conversations.get("telegram:1001").last_intent == "referrals_2018"


async def test_questions_are_logged(fake: FakeBotApi, polling_bot: PressApp, deps: Deps) -> None:
    await exchange(fake, f.private_text("how much did referrals rise?"))
    assert deps.questionlog is not None
    await fake.wait_for(lambda _: deps.questionlog is not None and deps.questionlog.count() == 1)


async def test_help_lists_the_commands_and_group_use(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text("/help"))
    text = reply.params["text"]
    assert_telegram_html(text)
    assert "/figures" in text and "/press" in text and f"/ask@{BOT_USERNAME}" in text
