"""End-to-end fault and load tests: injected 429s and 5xx responses, failing updates, floods,
graceful shutdown with work in flight, and the token never reaching the logs."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.logs import setup_logging
from bot.tg.context import Deps, PressApp
from bot.tg.flood import FloodGate
from bot.tg.handlers import APOLOGY, SLOW_DOWN
from bot.tg.runner import quiet_http_logs, running_polling
from tests import tg_factories as f
from tests.fake_bot_api import TOKEN, FakeBotApi
from tests.tg.tg_helpers import exchange, make_settings, settle


async def test_429_is_waited_out_and_the_message_delivered(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    fake.fail("sendMessage", 429, retry_after=1)
    await fake.push_update(f.private_text("/quote"))
    attempts = await fake.wait_calls("sendMessage", 2, timeout=10)
    first, second = attempts[:2]
    assert second.at - first.at >= 1.0, "retry_after must be waited out"
    assert first.params["text"] == second.params["text"]
    assert "coherent strategy" in second.params["text"]


async def test_5xx_responses_are_retried(fake: FakeBotApi, polling_bot: PressApp) -> None:
    fake.fail("sendMessage", 502, times=1)
    fake.fail("sendMessage", 500, times=1)
    await fake.push_update(f.private_text("/quote"))
    attempts = await fake.wait_calls("sendMessage", 3)
    assert len({c.params["text"] for c in attempts}) == 1
    await settle(fake)
    assert len(fake.sent("sendMessage")) == 3  # two failures, one delivery, nothing more


async def test_polling_survives_getupdates_failures(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    fake.fail("getUpdates", 502, times=2)
    await fake.push_update(f.private_text("/quote"))
    await fake.wait_calls("sendMessage", 1, timeout=15)


async def test_a_failing_update_is_logged_by_id_and_apologised_for(
    fake: FakeBotApi, polling_bot: PressApp, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("sendMessage", 400, description="Bad Request: can't parse entities")
    update_id = await fake.push_update(f.private_text("/quote"))
    await fake.wait_calls("sendMessage", 2)
    await settle(fake)
    assert fake.texts()[-1] == APOLOGY
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("bot")]
    assert any(f"update {update_id} failed" in r.getMessage() for r in failed)
    # The bot carries on.
    (reply,) = await exchange(fake, f.private_text("/quote"))
    assert "coherent strategy" in reply.params["text"]


async def test_a_flooding_user_is_told_to_slow_down_and_others_still_answered(
    fake: FakeBotApi, make_app: Callable[..., PressApp], deps: Deps
) -> None:
    deps.flood = FloodGate(capacity=5, per_second=0.001)
    async with running_polling(make_app(), poll_timeout=2):
        for n in range(40):
            await fake.push_update(f.private_text(f"/quote {n}"))
        await fake.push_update(f.private_text("/quote", user_id=f.BOB))
        await fake.wait_for(lambda fk: fk.texts(f.BOB))
        await settle(fake)
    alice = fake.texts(f.ALICE)
    assert alice.count(SLOW_DOWN) == 1
    assert len(alice) == 5 + 1
    assert len(fake.texts(f.BOB)) == 1


async def test_shutdown_finishes_updates_in_flight(
    fake: FakeBotApi, make_app: Callable[..., PressApp]
) -> None:
    fake.delay("sendMessage", 0.5)
    async with running_polling(make_app(), poll_timeout=2):
        await fake.push_update(f.private_text("/press"))
        await fake.wait_calls("sendMessage", 1)  # the answer is being sent as we stop
    contacts = fake.sent("sendContact")
    assert len(contacts) >= 1, "the contact cards after the text must still be sent"


async def test_updates_in_different_chats_are_processed_concurrently(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    fake.delay("sendMessage", 0.4)
    loop = asyncio.get_running_loop()
    start = loop.time()
    for user_id in range(2001, 2009):
        await fake.push_update(f.private_text("/quote", user_id=user_id))
    await fake.wait_calls("sendMessage", 8, timeout=10)
    await fake.wait_for(lambda fk: len(fk.texts()) == 8)
    assert loop.time() - start < 8 * 0.4, "eight slow replies should overlap"


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[io.StringIO]:
    """pressbot's real log set-up at DEBUG, writing into a buffer; restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    stream = io.StringIO()
    setup_logging(make_settings(tmp_path, log_level="DEBUG"), stream=stream)
    quiet_http_logs()
    yield stream
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
    root.setLevel(saved_level)


async def test_the_token_never_appears_in_the_logs(
    fake: FakeBotApi,
    make_app: Callable[..., PressApp],
    app_log: io.StringIO,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake.fail("sendMessage", 429, retry_after=1)
    fake.fail("sendContact", 502)
    fake.fail("answerCallbackQuery", 400)
    async with running_polling(make_app(), poll_timeout=2):
        await fake.push_update(f.private_text("/press"))
        await fake.push_update(f.callback_query("i:chair_quote"))
        await fake.wait_calls("sendContact", 2, timeout=10)
        await settle(fake)
    logged = app_log.getvalue()
    assert "getUpdates" in logged or "Bot API" in logged  # DEBUG logging really ran
    captured = capsys.readouterr()
    for text in (logged, captured.out, captured.err):
        assert TOKEN not in text
        assert TOKEN.split(":")[1] not in text
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
