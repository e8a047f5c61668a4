"""Provides the rate limiter: Telegram's flood limits, 429 waits, and retries of network errors.

``RetryingRateLimiter`` is python-telegram-bot's ``AIORateLimiter`` (30 messages a second
overall, 20 a minute per group, a 429's ``retry_after`` waited out) plus a few retries with
exponential back-off when a request fails with a network error, a timeout or a 5xx. Bad
requests (400) are never retried, and ``getUpdates`` is left to the updater's own retry loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

_JSON = bool | dict[str, Any] | list[dict[str, Any]]
_NOT_RETRIED = frozenset({"getUpdates"})


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries network errors, timeouts and 5xx responses."""

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
        """Send through AIORateLimiter, retrying network failures with back-off."""
        attempt = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as exc:
                if endpoint in _NOT_RETRIED or attempt >= self.network_retries:
                    raise
                delay = min(self.max_delay, self.retry_delay * 2**attempt)
                attempt += 1
                log.warning(
                    "%s failed (%s); retry %d in %.2fs", endpoint, exc.message, attempt, delay
                )
                await asyncio.sleep(delay)
