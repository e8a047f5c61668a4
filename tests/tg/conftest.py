"""Provides fixtures for the Telegram tests: the engine, a fake Bot API server and running bots.

``polling_bot`` runs the real python-telegram-bot Application with long polling against the
fake server on 127.0.0.1; tests push updates into the fake and check what the bot sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.engine import Engine
from bot.tg.app import build_application, make_deps
from bot.tg.context import Deps, PressApp
from bot.tg.flood import FloodGate
from bot.tg.runner import running_polling
from tests.fake_bot_api import TOKEN, FakeBotApi
from tests.tg.tg_helpers import make_settings

# A Monday morning in office hours. The bot routes contact questions by the clock (a closed
# office gives journalists the duty line alone), so the tests pin it: they must pass at any hour.
OFFICE_HOURS = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One engine for the whole session (it is stateless between questions), its clock pinned."""
    made = Engine.from_settings(make_settings(tmp_path_factory.mktemp("engine")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(made, "now", lambda: OFFICE_HOURS)
        yield made


@pytest.fixture
def deps(engine: Engine, tmp_path: Path) -> Iterator[Deps]:
    """Fresh per-test state: conversations, flood gate and question log."""
    made = make_deps(make_settings(tmp_path), engine)
    made.flood = FloodGate(capacity=20, per_second=5.0)
    yield made
    made.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API server on 127.0.0.1."""
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def make_app(fake: FakeBotApi, deps: Deps) -> Callable[..., PressApp]:
    """Build an application against the fake server (fast retries for tests)."""

    def build(webhook: bool = False) -> PressApp:
        return build_application(
            deps, token=TOKEN, base_url=fake.base_url, webhook=webhook, retry_delay=0.02
        )

    return build


@pytest.fixture
async def polling_bot(
    fake: FakeBotApi, make_app: Callable[..., PressApp]
) -> AsyncIterator[PressApp]:
    """The bot running with long polling against the fake server."""
    app = make_app()
    async with running_polling(app, poll_timeout=2):
        yield app
