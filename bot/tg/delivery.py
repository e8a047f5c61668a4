"""Provides ``Dispatcher``: handles the inbox's pending updates, at most once each.

Pending rows are taken in update order, up to ``concurrency`` at a time (replies within one
chat keep their order through the handlers' per-chat locks). Each is parsed with
``Update.de_json`` and passed to ``Application.process_update``; the row is marked done after
the handler returns, i.e. after the reply is sent and the question logged. An update that
cannot be parsed is quarantined at once; one whose handler fails before anything was sent is
tried again, up to ``max_attempts``, then quarantined with an apology. Once any part of a reply
has left, the update is never handled again (see ``bot.tg.inflight``). Logs name updates by id
only, never their content or user fields.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time

from telegram import Update
from telegram.error import TimedOut

from bot.inbox import Inbox, Row
from bot.tg.context import PressApp
from bot.tg.handlers import apologise
from bot.tg.inflight import CURRENT, Delivery
from bot.tg.transport import ON_SEND, ON_SENT

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_DELAY = 1.0  # seconds before a failed update is tried again (doubling)
IDLE_POLL = 1.0  # seconds between looks at the inbox when nobody wakes the dispatcher
COALESCE = 0.005  # seconds to gather completions before looking at the inbox again


class Dispatcher:
    """Takes pending updates from the inbox and handles them concurrently."""

    def __init__(self, app: PressApp, inbox: Inbox, *, concurrency: int,
                 max_attempts: int = MAX_ATTEMPTS, retry_delay: float = RETRY_DELAY) -> None:
        self.app = app
        self.inbox = inbox
        self.concurrency = concurrency
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._not_before: dict[int, float] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._cursor: int | None = None  # every pending id up to here has been started
        self._rescan = True  # a retry is due: look below the cursor too
        self._done: list[tuple[int, str | None]] = []
        self.handled = 0

    def wake(self, lowest: int | None = None) -> None:
        """New rows are in the inbox, the lowest id being ``lowest`` when known."""
        if lowest is None or (self._cursor is not None and lowest <= self._cursor):
            self._rescan = True  # e.g. a late webhook retry, or Telegram restarting its ids
        self._wake.set()

    @property
    def in_hand(self) -> int:
        """Updates being handled right now."""
        return len(self._tasks)

    async def run(self) -> None:
        """Take pending rows until ``drain`` is called."""
        loop = asyncio.get_running_loop()
        while not self._stopping:
            self._wake.clear()
            self.flush()
            self._start_pending()
            idle = loop.call_later(IDLE_POLL, self._idle)
            await self._wake.wait()
            idle.cancel()
            # Let the other updates finishing now finish too: one look at the inbox and one
            # write of done marks for all of them, rather than one each.
            await asyncio.sleep(COALESCE)
        self.flush()

    def _idle(self) -> None:
        self._rescan = True  # nothing happened for a while: a full look costs nothing
        self._wake.set()

    def flush(self) -> None:
        """Write the done marks collected since the last flush, in one transaction. (A mark
        lost in a crash is harmless: the row is "sent", which start-up turns into done.)"""
        handled, self._done = self._done, []
        self.inbox.done_many(handled)

    def _start_pending(self) -> None:
        free = self.concurrency - len(self._tasks)
        if free <= 0:
            return
        now = time.monotonic()
        waiting = [uid for uid, at in self._not_before.items() if at > now]
        after = None if self._rescan else self._cursor
        self._rescan = False
        for row in self.inbox.pending(free, exclude=[*self._tasks, *waiting], after=after):
            self._cursor = max(self._cursor or row.update_id, row.update_id)
            self._not_before.pop(row.update_id, None)
            task = asyncio.create_task(self._handle(row), name=f"update-{row.update_id}")
            self._tasks[row.update_id] = task
            task.add_done_callback(functools.partial(self._finished, row.update_id))

    def _finished(self, update_id: int, _task: asyncio.Task[None]) -> None:
        self._tasks.pop(update_id, None)
        if not self._stopping:
            self._wake.set()

    async def drain(self, timeout: float) -> int:
        """Stop taking rows; wait up to ``timeout`` for those in hand; returns how many were
        left unfinished (they stay pending, or interrupted if their reply had started)."""
        self._stopping = True
        self._wake.set()
        tasks = list(self._tasks.values())
        if not tasks:
            self.flush()
            return 0
        _, unfinished = await asyncio.wait(tasks, timeout=timeout)
        for task in unfinished:
            task.cancel()
        if unfinished:
            await asyncio.wait(unfinished, timeout=1.0)
        self.flush()
        return len(unfinished)

    def _retry_due(self) -> None:
        self._rescan = True
        self._wake.set()

    async def _handle(self, row: Row) -> None:
        delivery = Delivery(row.update_id, self.inbox)
        CURRENT.set(delivery)  # this task's own context: copied at create_task
        ON_SEND.set(delivery.on_send)
        ON_SENT.set(delivery.on_sent)
        try:
            data = json.loads(row.body)
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # noqa: BLE001 - whatever PTB raises, the update is poison
            # The exception's text may quote the update; its type name never does.
            reason = f"cannot be parsed ({type(exc).__name__})"
            log.warning("update %d quarantined: it %s", row.update_id, reason)
            self.inbox.quarantine(row.update_id, reason)
            return
        try:
            await self.app.process_update(update)
        except Exception as exc:  # noqa: BLE001 - PTB hands handler errors to on_error; this
            delivery.error = exc  # is anything else, which must not leave the row hot-looping
        self.handled += 1
        if delivery.error is None:
            if delivery.confirmed:
                self._done.append((row.update_id, None))  # safe to batch: it is "sent"
            else:
                self.inbox.done(row.update_id)  # nothing was sent (or no confirmation)
            return
        await self._after_failure(row, update, delivery)

    async def _after_failure(self, row: Row, update: Update, delivery: Delivery) -> None:
        kind = type(delivery.error).__name__
        if delivery.sent:  # part of the reply may have left: never again
            self.inbox.done(row.update_id, reason=f"failed while sending ({kind})")
            if not isinstance(delivery.error, TimedOut):  # after a timeout it probably arrived
                await apologise(self.app.bot, update)
            return
        attempts = self.inbox.failed(row.update_id)
        if attempts < self.max_attempts:
            delay = self.retry_delay * 2 ** (attempts - 1)
            self._not_before[row.update_id] = time.monotonic() + delay
            self._rescan = True
            log.warning("update %d failed (%s); try %d of %d in %.1fs",
                        row.update_id, kind, attempts + 1, self.max_attempts, delay)
            asyncio.get_running_loop().call_later(delay, self._retry_due)
            return
        reason = f"failed {attempts} times ({kind})"
        log.warning("update %d quarantined: it %s", row.update_id, reason)
        self.inbox.quarantine(row.update_id, reason)
        await apologise(self.app.bot, update)
