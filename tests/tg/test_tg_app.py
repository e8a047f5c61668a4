"""Tests for bot/tg/app.py: the update types asked for, the command menu set at start, and the
deps the application is built with."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from bot.tg.app import ALLOWED_UPDATES, make_deps
from bot.tg.context import PressApp
from bot.tg.menu import COMMANDS
from tests.fake_bot_api import FakeBotApi
from tests.tg.tg_helpers import make_settings


async def test_start_up_sets_the_command_menu(fake: FakeBotApi, polling_bot: PressApp) -> None:
    await fake.wait_calls("setMyCommands", 1)
    (call,) = fake.sent("setMyCommands")
    names = [c["command"] for c in call.params["commands"]]
    assert names == [c.command for c in COMMANDS]
    for command in ["start", "help", "figures", "recommendations", "quote", "contacts", "press"]:
        assert command in names
    assert [c.method for c in fake.calls[:1]] == ["getMe"]
    assert fake.unknown_methods == []


async def test_polling_asks_only_for_handled_update_types(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    assert set(ALLOWED_UPDATES) == {"message", "edited_message", "callback_query", "inline_query"}


def test_deps_open_the_inbox_and_the_log_the_settings_name(engine: Engine,
                                                           tmp_path: Path) -> None:
    settings = make_settings(tmp_path, log_questions=True, inbox_path=tmp_path / "in.db")
    deps = make_deps(settings, engine)
    try:
        assert deps.inbox is not None and deps.inbox.path == tmp_path / "in.db"
        assert deps.questionlog is not None
        assert (tmp_path / "in.db").exists()
    finally:
        deps.close()
    quiet = make_deps(make_settings(tmp_path, log_questions=False,
                                    inbox_path=tmp_path / "in2.db"), engine)
    assert quiet.questionlog is None
    quiet.close()
