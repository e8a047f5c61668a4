"""Tests for bot/tg/api.py: Bot API answers sorted into a result, a fatal refusal of the token
or a failure worth retrying, with messages that never carry the token; raw calls over real
HTTP to the fake Bot API server."""

from __future__ import annotations

import json
import socket

import pytest

from bot.tg.api import ApiUnavailable, FatalApiError, call, host_of, interpret
from bot.tg.transport import AiohttpRequest
from tests.fake_bot_api import BOT_USERNAME, TOKEN, FakeBotApi


def body(**answer: object) -> bytes:
    return json.dumps(answer).encode()


def test_an_ok_answer_gives_its_result() -> None:
    assert interpret("getMe", 200, body(ok=True, result={"id": 1})) == {"id": 1}
    assert interpret("getUpdates", 200, body(ok=True, result=[])) == []


@pytest.mark.parametrize(("status", "answer"), [
    (401, b""), (403, b"<html>Forbidden</html>"), (200, body(ok=False, error_code=404)),
])
def test_a_refused_token_is_fatal(status: int, answer: bytes) -> None:
    with pytest.raises(FatalApiError, match="Telegram refused the bot token .* check "
                                            "TELEGRAM_BOT_TOKEN"):
        interpret("getMe", status, answer)


def test_a_page_that_is_not_json_points_at_the_url_or_a_proxy() -> None:
    with pytest.raises(ApiUnavailable, match="answered getUpdates with an HTML page that is not "
                                             r"JSON \(HTTP 502\); check TELEGRAM_API_BASE_URL"):
        interpret("getUpdates", 502, b"  <html><body>Bad Gateway</body></html>")
    with pytest.raises(ApiUnavailable, match="with something that is not JSON"):
        interpret("getUpdates", 200, b"[1, 2]")


def test_a_failure_keeps_its_description_and_retry_after() -> None:
    with pytest.raises(ApiUnavailable, match=r"getUpdates failed: Too Many Requests \(HTTP 429\)"
                       ) as caught:
        interpret("getUpdates", 429, body(ok=False, error_code=429,
                                          description="Too Many Requests",
                                          parameters={"retry_after": 3}))
    assert caught.value.retry_after == 3.0
    with pytest.raises(ApiUnavailable, match="no description") as caught:
        interpret("getUpdates", 500, body(ok=False, parameters={"retry_after": "soon"}))
    assert caught.value.retry_after is None


def test_the_host_is_named_without_the_token() -> None:
    assert host_of(f"https://api.telegram.org/bot{TOKEN}") == "api.telegram.org"
    assert host_of(f"127.0.0.1:8081/bot{TOKEN}") == "127.0.0.1:8081"


async def test_a_call_gives_the_result_over_http(fake: FakeBotApi) -> None:
    request = AiohttpRequest(1)
    await request.initialize()
    try:
        me = await call(request, fake.base_url + TOKEN, "getMe", {}, read_timeout=5)
        sent = await call(request, fake.base_url + TOKEN, "sendMessage",
                          {"chat_id": 1001, "text": "hi",
                           "reply_markup": {"inline_keyboard": []}}, read_timeout=5)
    finally:
        await request.shutdown()
    assert me["username"] == BOT_USERNAME and sent["text"] == "hi"
    (received,) = fake.sent("sendMessage")
    assert received.params["reply_markup"] == {"inline_keyboard": []}  # JSON in a form field


async def test_an_api_that_cannot_be_reached_is_worth_retrying() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    request = AiohttpRequest(1)
    await request.initialize()
    try:
        with pytest.raises(ApiUnavailable, match=f"cannot reach the Bot API at 127.0.0.1:{port}"
                           ) as caught:
            await call(request, f"http://127.0.0.1:{port}/bot{TOKEN}", "getMe", {},
                       read_timeout=5)
    finally:
        await request.shutdown()
    assert TOKEN not in str(caught.value)
