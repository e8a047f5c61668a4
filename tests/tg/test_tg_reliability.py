"""End-to-end reliability tests in one process, against the fake Bot API over real HTTP with a
real SQLite inbox: poison updates, read timeouts, fatal API answers, failures before sending,
the watchdog, and what the inbox holds afterwards."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.inbox import DONE, QUARANTINED, SENDING
from bot.tg.api import FatalApiError
from bot.tg.app import build_application
from bot.tg.context import Deps, PressApp
from bot.tg.runner import StartError, running_polling
from tests import tg_factories as f
from tests.fake_bot_api import TOKEN, FakeBotApi
from tests.tg.tg_helpers import ADMIN, exchange, settle

QUESTION = "how much did referrals rise?"


async def test_an_unparseable_update_is_quarantined_and_polling_moves_on(
    fake: FakeBotApi, polling_bot: PressApp, deps: Deps, caplog: pytest.LogCaptureFixture
) -> None:
    poison = await fake.push_update(f.old_shape_poll())
    for n in range(5):
        await fake.push_update(f.private_text(QUESTION, user_id=3000 + n))
    await fake.wait_for(lambda fk: len(fk.texts()) >= 5, timeout=10)
    await settle(fake)
    assert all("1,155%" in text for text in fake.texts())
    inbox = deps.require_inbox()
    assert inbox.state_of(poison) == QUARANTINED
    # Logged by id; never the update's content.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"update {poison} quarantined" in logged
    assert "Which figure" not in logged and "5044" not in logged
    # The admin sees it in /stats.
    (stats,) = await exchange(fake, f.private_text("/stats", user_id=ADMIN))
    assert "1 quarantined" in stats.params["text"]
    assert f"update {poison} (quarantined" in stats.params["text"]


async def test_an_update_is_sending_while_its_reply_is_on_the_wire(
    fake: FakeBotApi, polling_bot: PressApp, deps: Deps
) -> None:
    inbox = deps.require_inbox()
    fake.delay("sendMessage", 0.5)
    update_id = await fake.push_update(f.private_text(QUESTION))
    await fake.wait_calls("sendMessage", 1)  # arrived at the server, not yet answered
    assert inbox.state_of(update_id) == SENDING
    await settle(fake, quiet=0.7)
    assert inbox.state_of(update_id) == DONE


async def test_a_read_timeout_on_send_message_sends_one_message_not_two(
    fake: FakeBotApi, deps: Deps
) -> None:
    app = build_application(deps, token=TOKEN, base_url=fake.base_url, retry_delay=0.02,
                            read_timeout=0.3)
    fake.delay("sendMessage", 1.0)  # answered only after the bot has given up waiting
    async with running_polling(app, poll_timeout=2):
        update_id = await fake.push_update(f.private_text(QUESTION))
        await fake.wait_calls("sendMessage", 1)
        await asyncio.sleep(2.0)  # long enough for any retry (or apology) to arrive
    assert len(fake.sent("sendMessage")) == 1
    assert deps.require_inbox().state_of(update_id) == DONE


async def test_a_handler_failing_before_sending_is_tried_again(
    fake: FakeBotApi, make_app: Callable[..., PressApp], deps: Deps,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = deps.engine.ask

    def flaky(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the engine stumbled once")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(deps.engine, "ask", flaky)
    async with running_polling(make_app(), poll_timeout=2) as service:
        service.dispatcher.retry_delay = 0.1
        update_id = await fake.push_update(f.private_text(QUESTION))
        (reply,) = await fake.wait_calls("sendMessage", 1, timeout=10)
        await settle(fake)
    assert "1,155%" in reply.params["text"]  # one answer, no apology
    assert calls["n"] == 2
    assert deps.require_inbox().state_of(update_id) == DONE


async def test_401_on_get_updates_ends_the_service(
    fake: FakeBotApi, make_app: Callable[..., PressApp]
) -> None:
    fake.fail("getUpdates", 401, description="Unauthorized")
    async with running_polling(make_app(), poll_timeout=2) as service:
        with pytest.raises(FatalApiError, match=r"401 Unauthorized on getUpdates"):
            await asyncio.wait_for(service.wait(asyncio.Event()), timeout=10)


async def test_an_html_error_page_at_start_is_one_sentence(
    fake: FakeBotApi, make_app: Callable[..., PressApp]
) -> None:
    fake.fail("getMe", 502, html=True, description="Bad Gateway")
    with pytest.raises(StartError, match="answered getMe with an HTML page that is not JSON"):
        async with running_polling(make_app(), poll_timeout=2):
            pass


async def test_an_html_error_page_while_polling_is_retried(
    fake: FakeBotApi, polling_bot: PressApp, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("getUpdates", 502, html=True, times=3)
    await fake.push_update(f.private_text(QUESTION))
    await fake.wait_calls("sendMessage", 1, timeout=15)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
                and "getUpdates failed" in r.getMessage()]
    assert len(warnings) == 1 and "HTML page" in warnings[0]


async def test_watchdog_pings_while_receiving(
    fake: FakeBotApi, make_app: Callable[..., PressApp], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(path)
        listener.setblocking(False)
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        async with running_polling(make_app(), poll_timeout=1):
            await fake.push_update(f.private_text(QUESTION))
            await fake.wait_calls("sendMessage", 1)
            await asyncio.sleep(1.5)
        seen = []
        while True:
            try:
                seen.append(listener.recv(100).decode())
            except BlockingIOError:
                break
    assert seen[0] == "READY=1"
    assert "WATCHDOG=1" in seen
    assert seen[-1] == "STOPPING=1"


async def test_an_unreachable_api_at_start_leaves_nothing_open(
    deps: Deps, recwarn: pytest.WarningsRecorder
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = build_application(deps, token=TOKEN, base_url=f"http://127.0.0.1:{port}/bot")
    with pytest.raises(StartError, match="cannot reach the Bot API at 127.0.0.1"):
        async with running_polling(app, poll_timeout=1):
            pass
    assert not [w for w in recwarn if "Unclosed" in str(w.message)]
