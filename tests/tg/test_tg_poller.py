"""Tests for bot/tg/poller.py: a getUpdates batch is stored in the inbox with the next offset
before it is reported, over real HTTP to the fake Bot API server; a failure is backed off and
a refused token ends the loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.inbox import PENDING, Inbox
from bot.tg.api import ApiUnavailable, FatalApiError
from bot.tg.poller import Poller, batch_of
from tests import tg_factories as f
from tests.fake_bot_api import TOKEN, FakeBotApi


def test_a_batch_keeps_updates_with_an_integer_id_as_compact_json() -> None:
    assert batch_of([{"update_id": 5, "message": {"text": "é"}}, {"update_id": True},
                     {"update_id": "6"}, "junk", {"message": {}}]) == [
        (5, '{"update_id":5,"message":{"text":"é"}}')]
    with pytest.raises(ApiUnavailable, match="something other than a list"):
        batch_of({"update_id": 5})


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    box = Inbox(tmp_path / "inbox.db")
    yield box
    box.close()


@pytest.fixture
async def poller(fake: FakeBotApi, inbox: Inbox) -> AsyncIterator[tuple[Poller, list[object]]]:
    reported: list[object] = []
    p = Poller(fake.base_url + TOKEN, inbox, timeout=0, allowed_updates=["message"],
               on_batch=lambda new, lowest: reported.append((new, lowest)))
    await p.request.initialize()
    yield p, reported
    await p.request.shutdown()


async def test_a_batch_is_stored_with_its_offset_then_reported(
        fake: FakeBotApi, inbox: Inbox, poller: tuple[Poller, list[object]]) -> None:
    p, reported = poller
    first = await fake.push_update(f.private_text("one"))
    second = await fake.push_update(f.private_text("two"))
    assert await p.poll_once() == 2
    assert [inbox.state_of(first), inbox.state_of(second)] == [PENDING, PENDING]
    assert inbox.offset() == second + 1
    assert reported == [(2, first)]
    # The next call confirms them (offset), so Telegram forgets them: an empty batch.
    assert await p.poll_once() == 0
    assert reported[-1] == (0, None)


async def test_a_failed_call_is_backed_off_and_then_recovers(
        fake: FakeBotApi, poller: tuple[Poller, list[object]]) -> None:
    p, reported = poller
    fake.fail("getUpdates", 500)
    assert await p.poll_once() == 0
    assert (p.failures, reported) == (1, [])
    await fake.push_update(f.private_text("hello"))
    assert await p.poll_once() == 1
    assert p.failures == 0


async def test_a_refused_token_ends_polling(fake: FakeBotApi,
                                            poller: tuple[Poller, list[object]]) -> None:
    p, _ = poller
    fake.fail("getUpdates", 401, description="Unauthorized")
    with pytest.raises(FatalApiError):
        await p.poll_once()
