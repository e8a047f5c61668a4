"""End-to-end tests in webhook mode: setWebhook registration, the secret check (correct, wrong,
missing), the health endpoint, bad bodies, and graceful shutdown with an update in flight."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest

from bot.tg.app import ALLOWED_UPDATES
from bot.tg.context import PressApp
from bot.tg.runner import running_webhook
from bot.tg.webhook import SECRET_HEADER, WebhookServer
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi
from tests.tg.tg_helpers import settle

SECRET = "s3cret_Webhook-Value"
URL = "https://bot.example.org/telegram/hook"


@pytest.fixture
async def webhook(
    fake: FakeBotApi, make_app: Callable[..., PressApp]
) -> AsyncIterator[WebhookServer]:
    """The bot serving its webhook on 127.0.0.1 (a free port)."""
    app = make_app(webhook=True)
    async with running_webhook(
        app, webhook_url=URL, secret=SECRET, listen="127.0.0.1", port=0
    ) as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """An HTTP client with a short timeout."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        yield session


def hook_url(server: WebhookServer, path: str | None = None) -> str:
    return f"http://127.0.0.1:{server.port}{path or server.path}"


async def post(
    http: aiohttp.ClientSession,
    server: WebhookServer,
    fake: FakeBotApi,
    update: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> int:
    """POST an update (with the next update_id) to the webhook; return the HTTP status."""
    body = f.with_id(update, fake.next_update_id())
    async with http.post(hook_url(server), json=body, headers=headers or {}) as response:
        return response.status


async def test_webhook_is_registered_with_its_secret(
    fake: FakeBotApi, webhook: WebhookServer
) -> None:
    (call,) = fake.sent("setWebhook")
    assert call.params["url"] == URL
    assert call.params["secret_token"] == SECRET
    assert call.params["allowed_updates"] == ALLOWED_UPDATES
    assert webhook.path == "/telegram/hook"
    assert fake.sent("setMyCommands")
    assert not fake.sent("deleteWebhook")


async def test_health_endpoint(webhook: WebhookServer, http: aiohttp.ClientSession) -> None:
    async with http.get(hook_url(webhook, "/healthz")) as response:
        assert response.status == 200
        answer = await response.json()
    assert answer["status"] == "ok"
    assert answer["detail"].startswith("ok: received")


async def test_correct_secret_is_answered(
    fake: FakeBotApi, webhook: WebhookServer, http: aiohttp.ClientSession
) -> None:
    update = f.private_text("how much did referrals rise?")
    assert await post(http, webhook, fake, update, {SECRET_HEADER: SECRET}) == 200
    (reply,) = await fake.wait_calls("sendMessage", 1)
    assert "<b>1,155%</b>" in reply.params["text"]
    assert reply.params["reply_markup"]["inline_keyboard"]


@pytest.mark.parametrize(
    "headers",
    [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}, {SECRET_HEADER: ""}],
    ids=["missing", "wrong", "longer", "empty"],
)
async def test_wrong_or_missing_secret_gets_403_and_never_reaches_the_bot(
    fake: FakeBotApi,
    webhook: WebhookServer,
    http: aiohttp.ClientSession,
    headers: dict[str, str],
) -> None:
    assert await post(http, webhook, fake, f.private_text("/quote"), headers) == 403
    await settle(fake, quiet=0.3)
    assert fake.sent() == []


async def test_unreadable_bodies_get_400(
    fake: FakeBotApi, webhook: WebhookServer, http: aiohttp.ClientSession
) -> None:
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    for body in [b"not json", b"[1, 2]", b'{"no_update_id": true}']:
        async with http.post(hook_url(webhook), data=body, headers=headers) as response:
            assert response.status == 400
    async with http.get(hook_url(webhook)) as response:
        assert response.status == 405  # only POST on the webhook path
    assert await post(http, webhook, fake, f.private_text("/quote"), {SECRET_HEADER: SECRET}) == 200
    await fake.wait_calls("sendMessage", 1)


async def test_group_rules_apply_over_the_webhook(
    fake: FakeBotApi, webhook: WebhookServer, http: aiohttp.ClientSession
) -> None:
    headers = {SECRET_HEADER: SECRET}
    assert await post(http, webhook, fake, f.group_text("how did referrals rise?"), headers) == 200
    await settle(fake, quiet=0.3)
    assert fake.sent() == []


async def test_shutdown_finishes_updates_in_flight(
    fake: FakeBotApi, make_app: Callable[..., PressApp], http: aiohttp.ClientSession
) -> None:
    fake.delay("sendMessage", 0.5)
    app = make_app(webhook=True)
    async with running_webhook(
        app, webhook_url=URL, secret=SECRET, listen="127.0.0.1", port=0
    ) as server:
        update = f.private_text("/press")
        assert await post(http, server, fake, update, {SECRET_HEADER: SECRET}) == 200
        await fake.wait_calls("sendMessage", 1)
    assert fake.sent("sendContact"), "the contact cards after the text must still be sent"


# ------------------------------------------------------------------ hardening


async def _raw(port: int, request: bytes, *, timeout: float = 5.0) -> bytes:
    """Send raw bytes and read until the server closes (or the timeout)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()


def _post_bytes(path: str, body: bytes, secret: str | None, length: int | None = None) -> bytes:
    head = [f"POST {path} HTTP/1.1", "Host: x", f"Content-Length: {length or len(body)}",
            "Content-Type: application/json"]
    if secret is not None:
        head.append(f"{SECRET_HEADER}: {secret}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def test_the_path_is_matched_literally(
    fake: FakeBotApi, make_app: Callable[..., PressApp], http: aiohttp.ClientSession
) -> None:
    for number, path in enumerate(["/hook+1", "/a(b"], 1):
        app = make_app(webhook=True)
        async with running_webhook(app, webhook_url=f"https://x.example{path}", secret=SECRET,
                                   listen="127.0.0.1", port=0) as server:
            assert await post(http, server, fake, f.private_text("/quote"),
                              {SECRET_HEADER: SECRET}) == 200
            async with http.post(hook_url(server, "/hook"), data=b"{}",
                                 headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 404
            async with http.post(hook_url(server, "/hookk1"), data=b"{}",
                                 headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 404
            await fake.wait_calls("sendMessage", number)


async def test_a_wrong_secret_is_refused_before_the_body_is_read(webhook: WebhookServer) -> None:
    # A declared 1 MiB body is never read: 403 at once, though not a byte of it was sent.
    answer = await _raw(webhook.port, _post_bytes(webhook.path, b"", "wrong", 1 << 20))
    assert answer.startswith(b"HTTP/1.1 403")
    answer = await _raw(webhook.port, _post_bytes(webhook.path, b"", SECRET, 1 << 20))
    assert answer.startswith(b"HTTP/1.1 413")


async def test_oversized_and_deeply_nested_bodies(
    fake: FakeBotApi, webhook: WebhookServer, http: aiohttp.ClientSession
) -> None:
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    big = b'{"update_id": 1, "x": "' + b"a" * (300 * 1024) + b'"}'
    async with http.post(hook_url(webhook), data=big, headers=headers) as response:
        assert response.status == 413
    deep = b"[" * 100_000 + b"]" * 100_000
    async with http.post(hook_url(webhook), data=deep, headers=headers) as response:
        assert response.status == 400
    assert await post(http, webhook, fake, f.private_text("/quote"), {SECRET_HEADER: SECRET}) == 200
    await fake.wait_calls("sendMessage", 1)


async def test_wrong_secret_warnings_are_one_summary_line(
    webhook: WebhookServer, http: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(30):
        async with http.post(hook_url(webhook), data=b"{}",
                             headers={SECRET_HEADER: "nope"}) as response:
            assert response.status == 403
    lines = [r for r in caplog.records if "wrong secret" in r.getMessage()]
    assert len(lines) == 1
    assert webhook.refusals.count == 29  # counted for the next summary line


async def test_stalled_connections_cannot_lock_out_the_health_check(
    fake: FakeBotApi, make_app: Callable[..., PressApp], http: aiohttp.ClientSession
) -> None:
    app = make_app(webhook=True)
    async with running_webhook(app, webhook_url=URL, secret=SECRET, listen="127.0.0.1", port=0,
                               header_timeout=1.0, max_connections=40) as server:
        stalled = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(60)]
        for _, writer in stalled:
            writer.write(b"POST /telegram/hook HTTP/1.1\r\nHost: x\r\n")  # never finished
        await asyncio.sleep(0.2)
        async with http.get(hook_url(server, "/healthz")) as response:
            assert response.status == 200
        assert server.http is not None
        assert server.http.open_connections <= 40
        assert server.http.evicted >= 20
        await asyncio.sleep(1.5)  # the header timeout closes the rest
        assert server.http.open_connections <= 1
        for _, writer in stalled:
            writer.close()
        # Telegram still gets through.
        assert await post(http, server, fake, f.private_text("/quote"),
                          {SECRET_HEADER: SECRET}) == 200
        await fake.wait_calls("sendMessage", 1)


async def test_parallel_large_wrong_secret_bodies_leave_it_answering(
    webhook: WebhookServer, http: aiohttp.ClientSession
) -> None:
    body = b"x" * (1 << 20)

    async def attack() -> int:
        try:
            async with http.post(hook_url(webhook), data=body,
                                 headers={SECRET_HEADER: "nope"}) as response:
                return response.status
        except aiohttp.ClientError:
            return 0  # the server closed the connection without reading the body

    statuses = await asyncio.gather(*(attack() for _ in range(40)))
    assert set(statuses) <= {403, 0}
    async with http.get(hook_url(webhook, "/healthz")) as response:
        assert response.status == 200
