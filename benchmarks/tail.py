"""Provides the tail profile: which questions make ``Engine.ask``'s slowest 1%, and where they
spend their time.

Every question of every labelled set in ``tests/devset/`` is asked in a new conversation at a
fixed time, ``--repeats`` passes (after one warm-up pass). Each question's time is the median
of its passes, so a pause of the machine does not make a question slow. It prints:

* p50/p99 over every call, with the CPU time (user + sys) of the passes and the load average,
  since wall time on a shared machine says as much about the neighbours as about the code;
* the slowest 1% of questions by their median: how long they are against all questions (their
  length is what they have in common, so far), and the slowest few (a never-read set's
  question is timed but not shown: those sets' questions are never read);
* a cProfile of those questions asked again: the functions they spend their time in.

Run: ``python -m benchmarks.tail [--repeats N] [--functions N]``. Not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import make_engine, percentile
from benchmarks.speed import FIXED_NOW
from bot.config import PROJECT_ROOT
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.evaluate import read_cases

SETS = PROJECT_ROOT / "tests" / "devset"


def all_questions(folder: Path = SETS) -> list[str]:
    """Every labelled question, set by set (a question asked in two sets counts once)."""
    seen: dict[str, None] = {}
    for path in sorted(folder.glob("*.jsonl")):
        seen.update((c.q, None) for c in read_cases(path))
    return list(seen)


def unread(folder: Path = SETS) -> set[str]:
    """Questions of the never-read sets (blind*): timed like the rest, never printed."""
    return {c.q for path in sorted(folder.glob("blind*.jsonl")) for c in read_cases(path)}


def shown(question: str, hidden: set[str]) -> str:
    """The question as the slow list prints it; a never-read set's question is not shown."""
    if question in hidden:
        return "(a question of a never-read set, not shown)"
    return " ".join(question.split())[:70]


def medians(engine: Engine, questions: Sequence[str],
            repeats: int) -> tuple[dict[str, float], list[float], float]:
    """Each question's median time (ms), every call's time (ms), and the CPU seconds used."""
    def ask(q: str) -> None:
        engine.ask(q, conversation=Conversation(), now=FIXED_NOW)

    for q in questions:  # warm-up: lazy imports, caches
        ask(q)
    clock = time.perf_counter_ns
    times: dict[str, list[float]] = {q: [] for q in questions}
    before = os.times()
    for _ in range(repeats):
        for q in questions:
            start = clock()
            ask(q)
            times[q].append((clock() - start) / 1e6)
    after = os.times()
    cpu = (after.user - before.user) + (after.system - before.system)
    return ({q: statistics.median(t) for q, t in times.items()},
            [t for ts in times.values() for t in ts], cpu)


def profile(engine: Engine, questions: Sequence[str], functions: int, passes: int = 3) -> str:
    """The functions the questions spend their own time in, most first."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for q in questions:
            engine.ask(q, conversation=Conversation(), now=FIXED_NOW)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(functions)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (default 3)")
    parser.add_argument("--functions", type=int, default=20,
                        help="functions to list from the profile (default 20)")
    parser.add_argument("--show", type=int, default=10, help="slowest questions to print")
    args = parser.parse_args(argv)
    questions = all_questions()
    with tempfile.TemporaryDirectory(prefix="pressbot-tail-") as tmp:
        engine = make_engine(Path(tmp))
        median, calls, cpu = medians(engine, questions, max(1, args.repeats))
        slow = sorted(questions, key=lambda q: -median[q])[:max(1, len(questions) // 100)]
        print(f"Engine.ask over {len(questions)} devset questions, {args.repeats} passes: "
              f"p50 {percentile(calls, 50):.2f} ms, p99 {percentile(calls, 99):.2f} ms; "
              f"CPU {cpu / len(calls) * 1000:.3f} ms per call; "
              f"load average {os.getloadavg()[0]:.1f}")
        length = statistics.median(len(q) for q in questions)
        slow_length = statistics.median(len(q) for q in slow)
        print(f"The slowest 1% ({len(slow)} questions, median of each ≥ "
              f"{median[slow[-1]]:.2f} ms): median length {slow_length:.0f} characters, "
              f"against {length:.0f} for all")
        hidden = unread()
        for q in slow[:args.show]:
            print(f"  {median[q]:6.2f} ms  {len(q):4d} ch  {shown(q, hidden)}")
        print(profile(engine, slow, args.functions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
