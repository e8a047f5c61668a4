"""Tests for bot/tg/delivery.py on its own (no poller): the inbox's pending rows are handled and
marked done, a row that cannot be parsed is quarantined, and ``drain`` stops taking rows. The
whole pipeline's retries and crash windows are tested in test_tg_reliability.py."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from bot.inbox import DONE, PENDING, QUARANTINED
from bot.tg.context import Deps, PressApp
from bot.tg.delivery import Dispatcher
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi


async def test_pending_rows_are_answered_and_poison_is_set_aside(
        fake: FakeBotApi, make_app: Callable[..., PressApp], deps: Deps) -> None:
    app = make_app()
    inbox = deps.require_inbox()
    good = {**f.private_text("how much did referrals rise?"), "update_id": 1}
    inbox.add([(1, json.dumps(good)), (2, "{not json")])
    async with app:
        dispatcher = Dispatcher(app, inbox, concurrency=2)
        running = asyncio.create_task(dispatcher.run())
        await fake.wait_for(lambda fk: inbox.state_of(1) == DONE, timeout=10)
        assert await dispatcher.drain(timeout=5) == 0
        await asyncio.wait_for(running, timeout=5)
    assert "1,155%" in fake.texts(f.ALICE)[0]
    assert inbox.state_of(2) == QUARANTINED
    assert inbox.aside()[0].reason == "cannot be parsed (JSONDecodeError)"
    assert dispatcher.handled == 1 and dispatcher.in_hand == 0


async def test_after_drain_no_new_row_is_taken(
        fake: FakeBotApi, make_app: Callable[..., PressApp], deps: Deps) -> None:
    app = make_app()
    inbox = deps.require_inbox()
    async with app:
        dispatcher = Dispatcher(app, inbox, concurrency=2)
        running = asyncio.create_task(dispatcher.run())
        assert await dispatcher.drain(timeout=5) == 0
        await asyncio.wait_for(running, timeout=5)
        inbox.add([(3, json.dumps({**f.private_text("hello"), "update_id": 3}))])
        dispatcher.wake(3)
        await asyncio.sleep(0.1)
    assert inbox.state_of(3) == PENDING and fake.texts() == []
