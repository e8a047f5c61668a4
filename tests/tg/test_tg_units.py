"""Unit tests for the Telegram layer's pure parts: callback data, keyboards, vCards, flood
control, group rules, HTML safety of every intent's answer, and start-up configuration errors."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Message

from bot.engine import Engine
from bot.errors import ConfigError
from bot.models import ContactCard, Suggestion
from bot.render import split_html, to_html
from bot.tg.contacts import contact_kwargs, vcard
from bot.tg.flood import ChatLocks, FloodGate, Verdict
from bot.tg.groups import command_target, question_in, strip_mention
from bot.tg.keyboards import (
    MAX_BUTTONS,
    callback_data,
    keyboard,
    parse_callback,
    quick_keyboard,
    suggestions_keyboard,
)
from bot.tg.runner import bot_token, check_webhook_url, run, webhook_secret
from tests import tg_factories as f
from tests.fake_bot_api import BOT_ID, BOT_USERNAME
from tests.tg.tg_helpers import assert_telegram_html, html_problems, make_settings

# ------------------------------------------------------------------ callback data, keyboards


@given(st.text(max_size=100))
def test_callback_data_fits_64_bytes_and_round_trips(intent_id: str) -> None:
    data = callback_data(intent_id)
    if data is None:
        assert not intent_id or len(("i:" + intent_id).encode()) > 64
    else:
        assert len(data.encode("utf-8")) <= 64
        assert parse_callback(data) == intent_id


def test_callback_data_limit_counts_bytes_not_characters() -> None:
    assert callback_data("a" * 62) == "i:" + "a" * 62
    assert callback_data("a" * 63) is None
    assert callback_data("é" * 31) is not None  # 2 + 62 bytes
    assert callback_data("é" * 32) is None  # 2 + 64 bytes
    assert parse_callback("x:figures_all") is None
    assert parse_callback("i:") is None
    assert parse_callback(None) is None


def test_keyboard_skips_unknown_too_long_and_duplicate_intents() -> None:
    long_id = "x" * 80
    known = {"figures_all", long_id}
    suggestions = [
        Suggestion(intent="figures_all", label="The key figures"),
        Suggestion(intent="figures_all", label="Again"),
        Suggestion(intent="gone", label="Removed by a reload"),
        Suggestion(intent=long_id, label="Too long for callback data"),
    ]
    markup = suggestions_keyboard(suggestions, known)
    assert markup is not None
    rows = markup.inline_keyboard
    assert [[b.callback_data for b in row] for row in rows] == [["i:figures_all"]]
    assert suggestions_keyboard(suggestions[2:], known) is None


def test_keyboard_caps_buttons_and_shortens_labels() -> None:
    ids = [f"t{n}" for n in range(20)]
    markup = keyboard(((i, "word " * 30) for i in ids), set(ids))
    assert markup is not None
    assert len(markup.inline_keyboard) == MAX_BUTTONS
    assert all(len(row[0].text) <= 60 for row in markup.inline_keyboard)


def test_quick_keyboard_uses_only_known_intents(engine: Engine) -> None:
    markup = quick_keyboard(engine.knowledge)
    assert markup is not None
    datas = [row[0].callback_data for row in markup.inline_keyboard]
    assert "i:figures_all" in datas and "i:contacts_all" in datas
    none = engine.knowledge.model_copy(update={"intents": []})
    assert quick_keyboard(none) is None


# ------------------------------------------------------------------ contact cards


def card(**changes: Any) -> ContactCard:
    values: dict[str, Any] = {
        "id": "media",
        "label": "Media enquiries",
        "name": "Aoife Nolan",
        "phone": "020 7983 4067",
        "international": "+44 20 7983 4067",
        "organisation": "London Assembly",
        "instruction": "",
    }
    return ContactCard(**(values | changes))


def test_vcard_has_organisation_role_and_number() -> None:
    text = vcard(card())
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[-1] == "END:VCARD"
    assert "ORG:London Assembly" in lines
    assert "TITLE:Media enquiries" in lines
    assert "TEL;TYPE=WORK,VOICE:+44 20 7983 4067" in lines
    assert "FN:Aoife Nolan" in lines


def test_vcard_escapes_special_characters_and_keeps_the_instruction() -> None:
    text = vcard(card(name="Duty officer; press, London", instruction="ask for\nthe duty officer"))
    assert "FN:Duty officer\\; press\\, London" in text
    assert "NOTE:ask for the duty officer" in text


def test_contact_kwargs_fall_back_to_the_national_number() -> None:
    helpline = card(id="emergency", name="Police emergency", phone="999", international="")
    kwargs = contact_kwargs(helpline)
    assert kwargs["phone_number"] == "999"
    assert "TEL;TYPE=WORK,VOICE:999" in kwargs["vcard"]
    assert len(contact_kwargs(card(name="x" * 200))["first_name"]) <= 64


# ------------------------------------------------------------------ flood control


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_flood_gate_allows_a_burst_then_warns_once_then_drops() -> None:
    clock = Clock()
    gate = FloodGate(capacity=3, per_second=1.0, clock=clock)
    verdicts = [gate.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN] + [Verdict.DROP] * 2
    assert gate.check(2) is Verdict.ALLOW  # other users are unaffected
    clock.now += 1.0
    assert gate.check(1) is Verdict.ALLOW
    assert gate.check(1) is Verdict.WARN  # a new warning after recovering


def test_flood_gate_memory_is_bounded() -> None:
    gate = FloodGate(max_users=100)
    for user_id in range(1000):
        gate.check(user_id)
    assert len(gate) == 100


async def test_chat_locks_are_shared_per_chat_and_released() -> None:
    locks = ChatLocks()
    first = locks.for_chat(1)
    assert locks.for_chat(1) is first
    assert locks.for_chat(2) is not first
    del first
    gc.collect()
    assert len(locks) == 0


# ------------------------------------------------------------------ group rules


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


# ------------------------------------------------------------------ HTML of every answer


def test_every_intent_renders_telegram_safe_html(engine: Engine) -> None:
    for intent_id in sorted(engine.intent_ids()):
        for part in split_html(to_html(engine.answer_intent(intent_id))):
            assert_telegram_html(part)


@pytest.mark.parametrize(
    "question",
    ["<script>alert(1)</script> referrals?", "referrals & <b>rise</b>", "R&D <i> 2018 &amp;"],
)
def test_user_text_is_escaped(engine: Engine, question: str) -> None:
    assert not html_problems(to_html(engine.ask(question)))


def test_html_checker_catches_bad_markup() -> None:
    assert html_problems("<b>open")
    assert html_problems("<u>underline</u>")
    assert html_problems("<b><i>x</b></i>")
    assert html_problems("a < b")
    assert not html_problems("<b>1,155%</b> &lt;ok&gt; &amp;")


# ------------------------------------------------------------------ configuration errors


def test_missing_token_is_a_config_error_naming_the_variable(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, telegram_bot_token=None)
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        bot_token(settings)
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        run(settings, base_url=None, webhook_url=None, listen="127.0.0.1", port=0)


def test_webhook_mode_requires_a_valid_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        run(
            make_settings(tmp_path),
            base_url=None,
            webhook_url="https://bot.example/hook",
            listen="127.0.0.1",
            port=0,
        )
    secret = "ok_Secret-1_long_enough"
    assert webhook_secret(make_settings(tmp_path, telegram_webhook_secret=secret)) == secret


def test_webhook_url_must_be_a_full_url() -> None:
    with pytest.raises(ConfigError, match="--webhook-url"):
        check_webhook_url("bot.example/hook")
    assert check_webhook_url("https://bot.example/hook") == "https://bot.example/hook"
