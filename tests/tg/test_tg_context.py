"""Tests for bot/tg/context.py: the shared deps, and the clear errors when an application or
deps were built without what the handlers need."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.dialogue import ConversationStore
from bot.engine import Engine
from bot.inbox import Inbox
from bot.questionlog import QuestionLog
from bot.tg.context import BotData, Deps
from tests.tg.tg_helpers import make_settings


def bare(engine: Engine, tmp_path: Path) -> Deps:
    return Deps(settings=make_settings(tmp_path), engine=engine,
                conversations=ConversationStore(max_entries=10, ttl_seconds=60))


def test_deps_without_an_inbox_say_so(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="the bot needs an inbox"):
        bare(engine, tmp_path).require_inbox()


def test_bot_data_not_bound_say_so(engine: Engine, tmp_path: Path) -> None:
    data = BotData()
    with pytest.raises(RuntimeError, match="not built by bot.tg.app.build_application"):
        data.deps  # noqa: B018
    deps = bare(engine, tmp_path)
    data.bind(deps)
    assert data.deps is deps


def test_closing_deps_closes_the_inbox_and_the_log(engine: Engine, tmp_path: Path) -> None:
    deps = bare(engine, tmp_path)
    deps.inbox = Inbox(tmp_path / "inbox.db")
    deps.questionlog = QuestionLog.from_settings(make_settings(tmp_path), purge=False)
    assert deps.require_inbox() is deps.inbox
    deps.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        deps.inbox.state_of(1)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        deps.questionlog.count()
