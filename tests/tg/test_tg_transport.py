"""Tests for bot/tg/transport.py: the aiohttp transport against real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import encode_basic_auth, web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.tg.transport import AiohttpRequest, NotSent, ServerError
from tests.fake_bot_api import TOKEN, FakeBotApi


class EchoServer:
    """Answers every POST with what it received; ``/slow`` waits first."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []
        self.delay = 1.0

    async def handle(self, request: web.Request) -> web.Response:
        if request.path == "/slow":
            await asyncio.sleep(self.delay)
        if request.content_type == "application/json":
            fields, files = await request.json(), {}
        else:
            form = await request.post()
            fields = {k: (v.file.read().decode() if isinstance(v, web.FileField) else v)
                      for k, v in form.items()}
            files = {k: v.filename for k, v in form.items() if isinstance(v, web.FileField)}
        self.seen.append({"fields": fields, "files": files, "type": request.content_type,
                          "agent": request.headers.get("User-Agent", ""),
                          "host": request.headers.get("Host", ""),
                          "proxy_auth": request.headers.get("Proxy-Authorization", "")})
        return web.json_response({"ok": True}, status=201)


@pytest.fixture
async def echo() -> AsyncIterator[tuple[EchoServer, str]]:
    server = EchoServer()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def transport() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(2, read_timeout=0.3, connect_timeout=1.0, pool_timeout=0.1)
    await request.initialize()
    try:
        yield request
    finally:
        await request.shutdown()


def form(**values: Any) -> RequestData:
    """python-telegram-bot's request data for these parameters, as its Bot methods build it."""
    return RequestData([RequestParameter.from_input(k, v) for k, v in values.items()])


async def test_fields_go_as_json_and_status_and_body_come_back(echo: tuple[EchoServer, str],
                                                               transport: AiohttpRequest) -> None:
    server, url = echo
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="t:x")]])
    status, body = await transport.do_request(
        f"{url}/m", "POST", form(chat_id=5, text="hé <b>", reply_markup=markup))
    assert (status, body) == (201, b'{"ok": true}')
    assert server.seen[0]["type"] == "application/json"
    # python-telegram-bot's JSON payload: each value as it would be in a form (the Bot API
    # reads both the same way).
    fields = server.seen[0]["fields"]
    assert (fields["chat_id"], fields["text"]) == ("5", "hé <b>")
    assert json.loads(fields["reply_markup"]) == {
        "inline_keyboard": [[{"text": "Go", "callback_data": "t:x"}]]}
    assert "python-telegram-bot" in server.seen[0]["agent"]


async def test_no_parameters_send_no_body(echo: tuple[EchoServer, str],
                                          transport: AiohttpRequest) -> None:
    server, url = echo
    assert (await transport.do_request(f"{url}/getMe", "POST", form()))[0] == 201
    assert server.seen[0]["fields"] == {}
    assert server.seen[0]["type"] != "application/json"


async def test_files_go_as_multipart(echo: tuple[EchoServer, str],
                                     transport: AiohttpRequest) -> None:
    server, url = echo
    data = form(chat_id=5, document=InputFile(b"BEGIN:VCARD", filename="card.vcf"))
    await transport.do_request(f"{url}/m", "POST", data)
    assert server.seen[0]["type"] == "multipart/form-data"
    assert server.seen[0]["fields"]["chat_id"] == "5"
    assert server.seen[0]["fields"]["document"] == "BEGIN:VCARD"
    assert server.seen[0]["files"] == {"document": "card.vcf"}


async def test_a_slow_reply_is_timed_out(echo: tuple[EchoServer, str],
                                         transport: AiohttpRequest) -> None:
    _, url = echo
    with pytest.raises(TimedOut):
        await transport.do_request(f"{url}/slow", "POST", form(a=1))
    # An explicit read timeout (as getUpdates passes for long polling) overrides the default.
    status, _ = await transport.do_request(f"{url}/slow", "POST", form(a=1), read_timeout=5)
    assert status == 201


async def test_waiting_too_long_for_a_free_connection_is_timed_out(
        echo: tuple[EchoServer, str]) -> None:
    server, url = echo
    server.delay = 0.5
    request = AiohttpRequest(1, read_timeout=5, connect_timeout=0.05, pool_timeout=0.05)
    await request.initialize()
    try:
        busy = asyncio.create_task(request.do_request(f"{url}/slow", "POST", form(a=1)))
        await asyncio.sleep(0.1)
        with pytest.raises(TimedOut) as caught:
            await request.do_request(f"{url}/m", "POST", form(a=2))
        assert isinstance(caught.value, NotSent)  # it never left: safe to retry
        assert (await busy)[0] == 201
    finally:
        await request.shutdown()


async def test_a_refused_connection_is_a_network_error(transport: AiohttpRequest) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NotSent, match="aiohttp.Client"):
        await transport.do_request(f"http://127.0.0.1:{port}/m", "POST", form(a=1))


async def test_a_read_timeout_is_not_a_not_sent_error(echo: tuple[EchoServer, str],
                                                      transport: AiohttpRequest) -> None:
    _, url = echo
    with pytest.raises(TimedOut) as caught:
        await transport.do_request(f"{url}/slow", "POST", form(a=1))
    assert not isinstance(caught.value, NotSent)  # it may have been delivered


async def test_a_5xx_is_a_server_error(fake: FakeBotApi) -> None:
    fake.fail("sendMessage", 503)
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(ServerError, match="503"):
            await request.do_request(f"{fake.base_url}{TOKEN}/sendMessage", "POST",
                                     form(chat_id=1, text="x"))
    finally:
        await request.shutdown()


async def test_it_must_be_initialised_and_can_be_reopened() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/m", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless
    await request.initialize()
    await request.shutdown()


async def test_a_real_bot_talks_through_it(fake: FakeBotApi) -> None:
    bot = Bot(TOKEN, base_url=f"{fake.base_url}", request=AiohttpRequest(),
              get_updates_request=AiohttpRequest(1))
    async with bot:
        message = await bot.send_message(7, "<b>hi</b>", parse_mode="HTML")
    assert message.chat.id == 7
    assert fake.sent("sendMessage")


def clear_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


async def test_a_proxy_from_the_environment_is_used_with_its_credentials(
        echo: tuple[EchoServer, str], transport: AiohttpRequest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, url = echo
    clear_proxy_env(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", url.replace("http://", "http://us%40r:pw@"))
    for _ in range(2):  # the second request uses the proxy read for the first
        status, _ = await transport.do_request("http://bot-api.invalid/getMe", "POST",
                                               form(a="1"))
        assert status == 201
    assert [s["host"] for s in server.seen] == ["bot-api.invalid"] * 2
    assert server.seen[0]["proxy_auth"] == encode_basic_auth("us@r", "pw")


async def test_no_proxy_is_honoured(echo: tuple[EchoServer, str], transport: AiohttpRequest,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    server, url = echo
    clear_proxy_env(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.setenv("NO_PROXY", "bot-api.invalid")
    with pytest.raises(NotSent):  # straight to a host that does not exist
        await transport.do_request("http://bot-api.invalid/getMe", "POST", form(a="1"))
    assert server.seen == []
