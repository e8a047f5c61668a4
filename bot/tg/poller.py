"""Provides ``Poller``: long polling that stores every update in the inbox before confirming it.

Telegram forgets updates below the ``offset`` of the next ``getUpdates``, so the poller writes
each batch (raw JSON, with the next offset, in one transaction) to the inbox before it asks
again. A crash at any point loses nothing: what was not stored is delivered again, and what
was stored is handled from the inbox after the restart. ``FatalApiError`` (401/403/404) ends
the loop and the process; any other failure is retried with back-off and logged without
flooding (the first failure, then every tenth).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from bot.inbox import Inbox
from bot.tg.api import ApiUnavailable, call
from bot.tg.transport import AiohttpRequest

log = logging.getLogger(__name__)

BATCH = 100  # Telegram's maximum per getUpdates
MAX_BACKOFF = 30.0


def batch_of(result: Any) -> list[tuple[int, str]]:
    """(update_id, raw JSON) for each update in a getUpdates result; entries without an
    integer update_id cannot be confirmed or stored and are skipped."""
    if not isinstance(result, list):
        raise ApiUnavailable("getUpdates returned something other than a list")
    found = []
    for item in result:
        uid = item.get("update_id") if isinstance(item, dict) else None
        if isinstance(uid, int) and not isinstance(uid, bool):
            found.append((uid, json.dumps(item, ensure_ascii=False, separators=(",", ":"))))
    return found


class Poller:
    """The getUpdates loop for one bot; ``on_batch(new, lowest_id)`` is called after each
    successful call."""

    def __init__(self, bot_url: str, inbox: Inbox, *, timeout: int,
                 allowed_updates: Sequence[str],
                 on_batch: Callable[[int, int | None], None]) -> None:
        self.bot_url = bot_url
        self.inbox = inbox
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates)
        self.on_batch = on_batch
        self.request = AiohttpRequest(1)
        self.failures = 0

    async def run(self) -> None:
        """Poll until cancelled; raises FatalApiError when Telegram refuses the token."""
        await self.request.initialize()
        try:
            while True:
                await self.poll_once()
        finally:
            await self.request.shutdown()

    async def poll_once(self) -> int:
        """One getUpdates: store the batch, then report it; returns how many were new."""
        fields: dict[str, Any] = {"timeout": self.timeout, "limit": BATCH,
                                  "allowed_updates": self.allowed_updates}
        offset = self.inbox.offset()
        if offset is not None:
            fields["offset"] = offset
        try:
            result = await call(self.request, self.bot_url, "getUpdates", fields,
                                read_timeout=self.timeout + 10)
        except ApiUnavailable as exc:
            await self._back_off(exc)
            return 0
        if self.failures:
            log.info("getUpdates works again after %d failures", self.failures)
            self.failures = 0
        batch = batch_of(result)
        next_offset = max(uid for uid, _ in batch) + 1 if batch else None
        added = self.inbox.add(batch, next_offset=next_offset)
        self.on_batch(added, min(uid for uid, _ in batch) if batch else None)
        return added

    async def _back_off(self, exc: ApiUnavailable) -> None:
        self.failures += 1
        if self.failures == 1 or self.failures % 10 == 0:
            log.warning("getUpdates failed (%d in a row): %s", self.failures, exc)
        delay = exc.retry_after or min(MAX_BACKOFF, 0.25 * 2 ** min(self.failures, 8))
        await asyncio.sleep(delay)
