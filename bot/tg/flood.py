"""Provides per-user flood control and per-chat ordering locks, both bounded in memory.

``FloodGate`` is a token bucket per user: a burst of ``capacity`` messages is fine, then one
message per ``1 / per_second`` seconds. The first message over the limit gets a "slow down";
the rest are dropped silently until the bucket refills, so a flooder cannot make the bot flood
Telegram or starve other users.
"""

from __future__ import annotations

import asyncio
import enum
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


class Verdict(enum.Enum):
    """What to do with a user's message."""

    ALLOW = "allow"
    WARN = "warn"
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class FloodGate:
    """Token buckets per user id, keeping at most ``max_users`` of them (least recent dropped)."""

    def __init__(
        self,
        *,
        capacity: int = 8,
        per_second: float = 1.0,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.max_users = max_users
        self._clock = clock
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, user_id: int) -> Verdict:
        """Take one token for ``user_id`` and say whether the message may be answered."""
        now = self._clock()
        bucket = self._buckets.pop(user_id, None) or _Bucket(float(self.capacity), now)
        self._buckets[user_id] = bucket
        if len(self._buckets) > self.max_users:
            self._buckets.popitem(last=False)
        elapsed = max(0.0, now - bucket.stamp)
        bucket.tokens = min(float(self.capacity), bucket.tokens + elapsed * self.per_second)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN


class ChatLocks:
    """One asyncio.Lock per chat, so replies in a chat keep their order; unused locks vanish."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def __len__(self) -> int:
        return len(self._locks)

    def for_chat(self, chat_id: int) -> asyncio.Lock:
        """The lock for ``chat_id`` (the caller must keep a reference while using it)."""
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock
