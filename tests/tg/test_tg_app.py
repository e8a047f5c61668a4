"""Tests for bot/tg/app.py: the update types asked for and the command menu set at start."""

from __future__ import annotations

from bot.tg.app import ALLOWED_UPDATES
from bot.tg.context import PressApp
from tests.fake_bot_api import FakeBotApi


async def test_polling_asks_only_for_handled_update_types(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    assert set(ALLOWED_UPDATES) == {"message", "edited_message", "callback_query", "inline_query"}
