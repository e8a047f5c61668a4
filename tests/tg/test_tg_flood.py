"""Tests for bot/tg/flood.py: the flood gate allows a burst, warns once, then drops, with bounded
memory; chat locks are shared per chat and released."""

from __future__ import annotations

import gc

from bot.tg.flood import ChatLocks, FloodGate, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_flood_gate_allows_a_burst_then_warns_once_then_drops() -> None:
    clock = Clock()
    gate = FloodGate(capacity=3, per_second=1.0, clock=clock)
    verdicts = [gate.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN] + [Verdict.DROP] * 2
    assert gate.check(2) is Verdict.ALLOW  # other users are unaffected
    clock.now += 1.0
    assert gate.check(1) is Verdict.ALLOW
    assert gate.check(1) is Verdict.WARN  # a new warning after recovering


def test_flood_gate_memory_is_bounded() -> None:
    gate = FloodGate(max_users=100)
    for user_id in range(1000):
        gate.check(user_id)
    assert len(gate) == 100


async def test_chat_locks_are_shared_per_chat_and_released() -> None:
    locks = ChatLocks()
    first = locks.for_chat(1)
    assert locks.for_chat(1) is first
    assert locks.for_chat(2) is not first
    del first
    gc.collect()
    assert len(locks) == 0
