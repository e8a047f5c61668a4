"""Provides the speed and memory benchmarks: answer time in-process, start-up, and peak RSS.

* Answer time: ``Engine.ask`` on every dev-set question (a fresh conversation each, a fixed
  time), many passes, each call timed with ``time.perf_counter_ns``, each question heard as
  for the first time (the reader's memories put back before each call, untimed) and, apart,
  heard again; ``Matcher.best`` alone too.
* Start-up: ``pressbot ask "…"`` as a child process, timed from spawning it to the first line
  of its answer on stdout, and its CPU time (user + sys, fairer than wall time when the machine
  is shared); the median of several runs with the knowledge cache and Python's bytecode cache
  warm (the first, cold run builds both and is reported on its own). A bare
  ``python -c pass`` is timed the same way, for scale.
* Memory: the peak resident set size of one more ``pressbot ask``, started through
  ``benchmarks.peak_rss`` so that the memory of this (larger) process is not counted in it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks.common import child_env, latency_summary, time_calls
from bot import readmemo, textfacts
from bot.config import PROJECT_ROOT
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.evaluate import Case

QUESTION = "how much did referrals rise?"
FIXED_NOW = dt.datetime(2020, 2, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def answer_latency(engine: Engine, cases: Sequence[Case], repeats: int,
                   before: Callable[[], None] | None = None) -> dict[str, Any]:
    """p50/p99 of ``Engine.ask`` and of ``Matcher.best`` over the dev-set questions.

    ``engine_ask`` (the target's figure) times each question as heard for the first time: the
    reader's memories are put back as they were before any question before each call, outside
    the timed span, since a batch of new questions finds nothing remembered. ``engine_ask_again``
    times the same questions heard again (a long-running bot's "thanks", "hi"). ``before``
    (``readmemo.snapshot()`` taken before the engine heard any question) puts them back; by
    default the memories as they are now, right only if no question was asked yet."""
    questions = [c.q for c in cases]

    def ask(q: str) -> None:
        engine.ask(q, conversation=Conversation(), now=FIXED_NOW)

    restore = before or readmemo.snapshot()

    def first_hearing() -> None:
        restore()
        textfacts.forget()

    matcher = engine.matcher
    time_calls(ask, questions, 1)  # warm-up: lazy imports
    engine_samples = time_calls(ask, questions, repeats, before_each=first_hearing)
    again_samples = time_calls(ask, questions, repeats)
    matcher_samples = time_calls(matcher.best, questions, repeats)
    return {"questions": len(questions), "repeats": repeats,
            "engine_ask": latency_summary(engine_samples),
            "engine_ask_again": latency_summary(again_samples),
            "matcher_best": latency_summary(matcher_samples)}


@dataclass(frozen=True)
class ChildRun:
    """One timed child process."""

    first_line_s: float
    exit_s: float
    returncode: int
    output: str
    cpu_s: float = 0.0  # user + sys of the child: fairer than wall time on a shared machine


def pressbot_command() -> list[str]:
    """The ``pressbot`` console script installed beside this interpreter (the same
    environment), else the one on PATH, else the module. Beside the interpreter first: another
    environment's script earlier on PATH (a pyenv shim) may not have this code at all."""
    here = Path(sys.executable).parent / "pressbot"
    script = str(here) if here.is_file() else shutil.which("pressbot")
    return [script] if script else [sys.executable, "-m", "bot.cli"]


def timed_child(argv: Sequence[str], env: dict[str, str], cwd: Path) -> ChildRun:
    """Spawn, time the first stdout line and the exit, and read the peak RSS of the child."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=env, cwd=cwd, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    first_at = time.perf_counter()
    rest = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    end = time.perf_counter()
    return ChildRun(first_line_s=(first_at if first else end) - start, exit_s=end - start,
                    returncode=proc.returncode, output=first + rest,
                    cpu_s=usage.ru_utime + usage.ru_stime)


def peak_rss_mb(argv: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """The peak RSS of ``argv`` alone, measured by the ``benchmarks.peak_rss`` launcher."""
    report = cwd / "peak-rss.json"
    env = {**env, "PYTHONPATH": str(PROJECT_ROOT)}
    subprocess.run([sys.executable, "-m", "benchmarks.peak_rss", str(report), *argv], env=env,
                   cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return float(json.loads(report.read_text())["max_rss_kb"]) / 1024


def startup(runs: int) -> dict[str, Any]:
    """Process start to first answer for ``pressbot ask``, cold once, then warm ``runs`` times."""
    with tempfile.TemporaryDirectory(prefix="pressbot-bench-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        # Warm means Python's bytecode cache is warm too, as in an installed package: with
        # PYTHONDONTWRITEBYTECODE inherited from the shell, every module edited since its .pyc
        # was written is compiled again at every start (bot/ alone is about 50-70 ms of CPU).
        # The cold run writes the .pyc files (ignored by git), as a first start would.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        argv = [*pressbot_command(), "ask", QUESTION]
        cold = timed_child(argv, env, folder)
        if cold.returncode != 0 or "1,155%" not in cold.output:
            raise RuntimeError(f"pressbot ask failed ({cold.returncode}): {cold.output[:300]}")
        warm = [timed_child(argv, env, folder) for _ in range(runs)]
        python = [timed_child([sys.executable, "-c", "print()"], env, folder)
                  for _ in range(max(2, runs // 2))]
        rss = peak_rss_mb(argv, env, folder)
    return {
        "command": "pressbot ask " + repr(QUESTION), "runs": runs,
        "first_answer_s": round(statistics.median(r.first_line_s for r in warm), 4),
        "first_answer_min_s": round(min(r.first_line_s for r in warm), 4),
        "exit_s": round(statistics.median(r.exit_s for r in warm), 4),
        "cpu_s": round(statistics.median(r.cpu_s for r in warm), 4),
        "load_average": os.getloadavg()[0],
        "cold_cache_first_answer_s": round(cold.first_line_s, 4),
        "peak_rss_mb": round(rss, 1),
        "python_startup_s": round(statistics.median(r.exit_s for r in python), 4),
    }
