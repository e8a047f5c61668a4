"""Provides conversation memory: what was last asked, so follow-ups like "and in 2018?" work.

A ``Conversation`` holds only what follow-ups need (the last intent and the figures it stated).
``ConversationStore`` keeps one per chat, bounded in size and expiring idle ones, so memory
cannot grow without limit however many people write.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field


@dataclass
class Conversation:
    """The state one conversation carries between questions."""

    last_intent: str | None = None
    last_figures: list[str] = field(default_factory=list)
    turns: int = 0

    def remember(self, intent: str | None, figures: list[str]) -> None:
        """Record an answered question; fallbacks keep the earlier topic."""
        self.turns += 1
        if intent is not None:
            self.last_intent = intent
            if figures:
                self.last_figures = list(figures)

    def reset(self) -> None:
        self.last_intent = None
        self.last_figures = []


class ConversationStore:
    """Conversations by key (a chat id), least recently used dropped first, idle ones expired."""

    def __init__(self, max_entries: int = 10_000, ttl_seconds: float = 1800.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries = max_entries
        self.ttl = ttl_seconds
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Conversation]] = OrderedDict()

    def get(self, key: Hashable) -> Conversation:
        """The conversation for this key, new if it was unknown or had expired."""
        now = self.clock()
        found = self._items.pop(key, None)
        conv = found[1] if found and now - found[0] <= self.ttl else Conversation()
        self._items[key] = (now, conv)
        self._evict(now)
        return conv

    def _evict(self, now: float) -> None:
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)
        # Oldest first, so stop at the first one still fresh.
        while self._items:
            key, (seen, _) = next(iter(self._items.items()))
            if now - seen <= self.ttl:
                break
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)
