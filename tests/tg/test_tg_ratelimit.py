"""Tests for bot/tg/ratelimit.py: which failed requests may be sent again, and the retries
``RetryingRateLimiter`` makes around a real callback."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError

from bot.tg.ratelimit import RetryingRateLimiter
from bot.tg.transport import NotSent


def test_network_errors_are_telegram_errors() -> None:
    # The retry rule relies on python-telegram-bot's hierarchy (public API).
    from bot.tg.ratelimit import retry_safe
    from bot.tg.transport import ConnectTimedOut, NotSent, ServerError

    assert retry_safe("sendMessage", NotSent("refused"))
    assert retry_safe("sendMessage", ConnectTimedOut("no connection"))
    assert retry_safe("sendMessage", ServerError("Bad Gateway (502)"))
    assert not retry_safe("sendMessage", NetworkError("connection reset"))
    from telegram.error import TimedOut

    assert not retry_safe("sendMessage", TimedOut())
    assert retry_safe("getMe", TimedOut())
    assert not retry_safe("getUpdates", NotSent("refused"))


class Flaky:
    """A request that fails with ``error`` the first ``failures`` times, then succeeds."""

    def __init__(self, error: Exception, failures: int) -> None:
        self.error, self.failures, self.calls = error, failures, 0

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return {"ok": True}


async def send(limiter: RetryingRateLimiter, request: Flaky, endpoint: str) -> Any:
    await limiter.initialize()
    try:
        return await limiter.process_request(request, (), {}, endpoint, {"chat_id": 1}, None)
    finally:
        await limiter.shutdown()


async def test_a_request_that_never_left_is_retried_until_it_succeeds() -> None:
    request = Flaky(NotSent("refused"), failures=2)
    limiter = RetryingRateLimiter(network_retries=3, retry_delay=0.001)
    assert await send(limiter, request, "sendMessage") == {"ok": True}
    assert request.calls == 3


async def test_retries_stop_after_the_limit() -> None:
    request = Flaky(NotSent("refused"), failures=5)
    limiter = RetryingRateLimiter(network_retries=2, retry_delay=0.001)
    with pytest.raises(NotSent):
        await send(limiter, request, "sendMessage")
    assert request.calls == 3


@pytest.mark.parametrize("error", [NetworkError("connection reset"), BadRequest("bad")])
async def test_a_message_that_may_have_left_or_was_refused_is_sent_once(
        error: Exception) -> None:
    request = Flaky(error, failures=1)
    limiter = RetryingRateLimiter(network_retries=3, retry_delay=0.001)
    with pytest.raises(type(error)):
        await send(limiter, request, "sendMessage")
    assert request.calls == 1
