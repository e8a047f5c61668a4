"""Provides the Telegram pipeline benchmark: updates per second from a fake Bot API to sendMessage.

The fake Bot API server (``tests/fake_bot_api.py``, aiohttp on 127.0.0.1) runs in this
process; the bot runs in a child process with long polling against it, so each has a core of
its own. All updates are queued at once, each a private text message from a different user
(dev-set questions in turn), so per-user flood control never drops one. The clock runs from
queuing the first update to the last message the bot sent (``sendMessage`` and the contact
cards some answers carry), once every chat has its answer.

* Rate limiter off: ``python -m benchmarks.tg_child``, which is ``pressbot run`` with the
  application's rate limiter removed: the pipeline's own ceiling (the median of a few runs,
  as it varies by some 20% from run to run on a shared 2-core machine).
* Rate limiter on: the real ``pressbot run --base-url …``. Telegram allows about 30 messages a
  second overall; python-telegram-bot's limiter lets a first burst of 30 through, so the
  sustained rate is the sends beyond that burst over the time they took
  (``sustained_sends_per_s``).

The child's peak RSS (VmHWM, read just before it is stopped) is the polling-mode memory under
load; its CPU time (user + sys, from ``wait4``) is kept too, as ``bot_cpu_s``.
When ``bot/tg`` or the fake server are missing, the benchmark is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import child_env
from benchmarks.speed import pressbot_command
from bot.config import PROJECT_ROOT

SENDS = frozenset({"sendMessage", "sendContact"})
FIRST_USER = 7_000_000
BURST = 30  # aiolimiter lets this many through at once before leaking at 30/s


class _Progress:
    """Counts the chats answered, looking at each recorded call once."""

    def __init__(self) -> None:
        self.seen = 0
        self.chats: set[Any] = set()

    def __call__(self, fake: Any) -> int:
        calls = fake.calls
        for call in calls[self.seen:]:
            if call.method == "sendMessage":
                self.chats.add(call.params.get("chat_id"))
        self.seen = len(calls)
        return len(self.chats)


def available() -> str | None:
    """Why the benchmark cannot run here, or None when it can."""
    try:
        import bot.tg.app  # noqa: F401
        import tests.fake_bot_api  # noqa: F401
        import tests.tg_factories  # noqa: F401
    except ImportError as exc:
        return f"the Telegram layer or its fake Bot API is not available ({exc})"
    return None


class _Child:
    """A child process watched with ``os.wait4``, which also gives its resource usage."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.result: tuple[int, Any] | None = None

    def _reap(self, flags: int) -> bool:
        if self.result is None:
            pid, status, usage = os.wait4(self.pid, flags)
            if pid:
                self.result = (status, usage)
        return self.result is not None

    async def wait(self, fake: Any, predicate: Any, timeout: float) -> None:
        """Wait for ``predicate(fake)``; fail at once if the child exits first."""
        deadline = time.monotonic() + timeout
        while not predicate(fake):
            if self._reap(os.WNOHANG) and self.result is not None:
                raise RuntimeError(f"the bot exited early (status {self.result[0]}); see its log")
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out after {timeout:.0f}s")
            await asyncio.sleep(0.02)

    def peak_rss_mb(self) -> float | None:
        """The peak RSS so far (VmHWM) of the running child; None once it has exited.

        ``wait4``'s figure would include the memory of this process, which forked it.
        """
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError):
            pass
        return None

    def cpu_s(self) -> float | None:
        """The CPU time (user + sys) the running child has used so far; None once it has
        exited. Read at the start and the end of a run, it gives the CPU the run itself took,
        without the start-up that ``wait4``'s total includes."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    async def stop(self) -> tuple[int, Any]:
        """SIGTERM (a graceful stop), then the exit status and resource usage."""
        if not self._reap(os.WNOHANG):
            os.kill(self.pid, signal.SIGTERM)
            await asyncio.get_running_loop().run_in_executor(None, self._reap, 0)
        assert self.result is not None
        return self.result


async def _settle(fake: Any, quiet: float, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    seen = -1
    while time.monotonic() < deadline and len(fake.calls) != seen:
        seen = len(fake.calls)
        await asyncio.sleep(quiet)


async def _one_run(argv: Sequence[str], updates: int, questions: Sequence[str],
                   folder: Path, timeout: float, **extra_env: str) -> dict[str, Any]:
    from tests.fake_bot_api import TOKEN, FakeBotApi
    from tests.tg_factories import private_text

    async with FakeBotApi() as fake:
        env = child_env(folder, TELEGRAM_BOT_TOKEN=TOKEN, PYTHONPATH=str(PROJECT_ROOT),
                        **extra_env)
        with open(folder / "bot.log", "wb") as log:
            proc = subprocess.Popen([*argv, "--base-url", fake.base_url], env=env, cwd=folder,
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        child = _Child(proc.pid)
        try:
            started = time.monotonic()
            await child.wait(fake, lambda f: f.sent("setMyCommands"), timeout=60)
            start_up = time.monotonic() - started
            await asyncio.sleep(0.2)  # let the first long poll arrive
            t0 = time.monotonic()
            cpu_before = child.cpu_s()
            for i in range(updates):
                await fake.push_update(private_text(questions[i % len(questions)],
                                                    user_id=FIRST_USER + i))
            progress = _Progress()
            await child.wait(fake, lambda f: progress(f) >= updates, timeout=timeout)
            cpu_after, answered = child.cpu_s(), time.monotonic() - t0
            await _settle(fake, quiet=0.5, timeout=30)
            peak = child.peak_rss_mb()
        finally:
            status, usage = await child.stop()
            proc.returncode = os.waitstatus_to_exitcode(status)
        sends = sorted(c.at for c in fake.calls if c.method in SENDS and c.at >= t0)
        messages = sum(1 for c in fake.calls if c.method == "sendMessage" and c.at >= t0)
    span = (sends[-1] - t0) if sends else float("nan")
    in_run = (cpu_after - cpu_before) if cpu_before is not None and cpu_after is not None \
        else None
    # A leaky bucket of 30 a second lets a burst of 30 through at once: N sends need at least
    # (N - 30) / 30 seconds, so the rate it allows is (N - 30) over the time they took.
    sustained = ((len(sends) - BURST) / (sends[-1] - sends[0])
                 if len(sends) > BURST + 1 and sends[-1] > sends[0] else None)
    window = max((sum(1 for t in sends if s <= t < s + 1.0) for s in sends), default=0)
    return {
        "updates": updates, "seconds": round(span, 3),
        "updates_per_s": round(updates / span, 1) if span == span and span > 0 else None,
        "sends": len(sends), "send_messages": messages,
        "sends_per_s": round(len(sends) / span, 1) if span == span and span > 0 else None,
        "sustained_sends_per_s": round(sustained, 2) if sustained else None,
        "max_sends_in_any_1s": window,
        "bot_start_to_ready_s": round(start_up, 3),
        "peak_rss_mb": round(peak, 1) if peak is not None else None,
        "bot_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        # The CPU the bot used from the first update queued to the last chat answered, and
        # the share of one core that is of that time: on a shared machine the updates per
        # second follow that share, while the updates per CPU second are what the code costs
        # (the rate it would reach with a core to itself: its work is on one thread, but for
        # the question log's writes).
        "bot_cpu_in_run_s": round(in_run, 3) if in_run is not None else None,
        "bot_core_share": round(in_run / answered, 3) if in_run is not None else None,
        "updates_per_bot_cpu_s": round(updates / in_run, 1) if in_run else None,
        "exit_code": proc.returncode,
        "unknown_methods": sorted(set(fake.unknown_methods)),
    }


def run_pipeline(updates: int, questions: Sequence[str], *, rate_limited: bool) -> dict[str, Any]:
    """One measured run: the real ``pressbot run`` (limiter on) or the limiter-off child."""
    argv = ([*pressbot_command(), "run"] if rate_limited
            else [sys.executable, "-m", "benchmarks.tg_child"])
    # Generous: 30 sends a second with the limiter, far more without it.
    timeout = 60 + (updates * 2 / 25 if rate_limited else updates / 20)
    with tempfile.TemporaryDirectory(prefix="pressbot-tg-bench-") as tmp:
        folder = Path(tmp)
        try:
            result = asyncio.run(_one_run(argv, updates, questions, folder, timeout))
        except RuntimeError as exc:
            log = (folder / "bot.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the bot did not answer every update: {exc!s:.300}\n{log}") \
                from None
    result["rate_limiter"] = "on (pressbot run)" if rate_limited else "off"
    return result


def benchmark(questions: Sequence[str], unlimited: int, limited: int,
              repeats: int = 1) -> dict[str, Any]:
    """Throughput with the rate limiter off (the median of ``repeats`` runs) and on, or the
    reason it was skipped."""
    reason = available()
    if reason:
        return {"skipped": reason}
    runs = sorted((run_pipeline(unlimited, questions, rate_limited=False)
                   for _ in range(max(1, repeats))), key=lambda r: r["updates_per_s"] or 0.0)
    off = dict(runs[len(runs) // 2])
    off["runs_updates_per_s"] = [r["updates_per_s"] for r in runs]
    off["peak_rss_mb"] = max((r["peak_rss_mb"] for r in runs if r["peak_rss_mb"] is not None),
                             default=None)
    on = run_pipeline(limited, questions, rate_limited=True)
    sustained = on["sustained_sends_per_s"]
    return {"rate_limiter_off": off, "rate_limiter_on": on,
            "limit_honoured": sustained is not None and sustained <= 30.0 * 1.05}
