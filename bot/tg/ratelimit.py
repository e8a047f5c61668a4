"""Provides the rate limiter: Telegram's flood limits, 429 waits, and retries that cannot duplicate.

``RetryingRateLimiter`` is python-telegram-bot's ``AIORateLimiter`` (30 messages a second
overall, 20 a minute per group, a 429's ``retry_after`` waited out) plus a few retries with
exponential back-off, only where repeating cannot deliver a message twice: the request never
left (``NotSent``: connection refused, no connection in time) or the server answered 5xx
(``ServerError``). A read timeout or a dropped connection after sending is never retried for
a method with an effect users see (it may have been delivered); read-only methods such as
``getMe`` are retried on any network error. Bad requests (400) are never retried, and
``getUpdates`` is left to the poller.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.tg.transport import NotSent, ServerError

log = logging.getLogger(__name__)

_JSON = bool | dict[str, Any] | list[dict[str, Any]]
_NOT_RETRIED = frozenset({"getUpdates"})
# Methods that change nothing users see, so repeating them after a timeout is harmless.
REPEATABLE = frozenset({
    "getMe", "getWebhookInfo", "setMyCommands", "setWebhook", "deleteWebhook",
    "setMyDescription", "setMyShortDescription", "getChat", "close", "logOut",
})


def retry_safe(endpoint: str, exc: NetworkError) -> bool:
    """Whether a failed request may be sent again without risking a duplicate."""
    if endpoint in _NOT_RETRIED:
        return False
    return isinstance(exc, NotSent | ServerError) or endpoint in REPEATABLE


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries failures where nothing can have been delivered."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 3,
        retry_delay: float = 0.5,
        max_delay: float = 8.0,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self.network_retries = network_retries
        self.retry_delay = retry_delay
        self.max_delay = max_delay

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _JSON:
        """Send through AIORateLimiter, retrying safe failures with back-off."""
        attempt = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as exc:
                if not retry_safe(endpoint, exc) or attempt >= self.network_retries:
                    raise
                delay = min(self.max_delay, self.retry_delay * 2**attempt)
                attempt += 1
                log.warning(
                    "%s failed (%s); retry %d in %.2fs", endpoint, exc.message, attempt, delay
                )
                await asyncio.sleep(delay)


class NoRateLimiter(BaseRateLimiter[int]):
    """Sends at once, never retries: for the benchmark of the pipeline's own ceiling."""

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _JSON:
        """Send straight away."""
        return await callback(*args, **kwargs)
