"""Tests for bot/tg/keyboards.py: callback data that fits Telegram's 64 bytes and round-trips,
and keyboards of known intents only, capped, with shortened labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.answermodels import Suggestion
from bot.engine import Engine
from bot.tg.keyboards import (
    MAX_BUTTONS,
    callback_data,
    keyboard,
    parse_callback,
    quick_keyboard,
    suggestions_keyboard,
)


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
