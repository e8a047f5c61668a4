"""Provides ``python -m benchmarks.reliability``: the crash, stop and flood figures of
docs/reliability.md, measured against the fake Bot API on 127.0.0.1.

    python -m benchmarks.reliability                # all three, 3,000 updates (a few minutes)
    python -m benchmarks.reliability --updates 300 --only kill

* ``kill``: 3,000 questions queued, the bot (rate limiter off, ``benchmarks.tg_child``) killed
  with SIGKILL once a third are answered, then started again on the same data folder.
* ``term``: the same with SIGTERM: the exit code, how long the stop took, and the restart.
* ``flood``: ``pressbot run`` in webhook mode with 1,024 open files; 1,100 connections that
  never finish their headers and 600 parallel 1 MiB POSTs with a wrong secret; the bot's RSS
  before and after, and whether ``/healthz`` and a real update still get through.

Every question comes from a different user, so flood control never drops one. A question is
"answered" when its chat got a sendMessage; "twice" counts chats that got more than one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import child_env
from benchmarks.speed import pressbot_command
from bot.config import PROJECT_ROOT

QUESTION = "how much did referrals rise?"
FIRST_USER = 8_000_000
SECRET = "benchmark_Webhook-Secret_0123456789"


def _per_chat(fake: Any) -> Counter[Any]:
    return Counter(c.params.get("chat_id") for c in fake.calls if c.method == "sendMessage")


def _inbox(folder: Path) -> dict[str, int]:
    with sqlite3.connect(folder / "data" / "inbox.db") as db:
        return dict(db.execute("SELECT state, count(*) FROM updates GROUP BY state").fetchall())


def _logged(folder: Path) -> int:
    with sqlite3.connect(folder / "data" / "questions.db") as db:
        return int(db.execute("SELECT count(*) FROM questions").fetchone()[0])


def _rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _files_1024() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))


def _spawn(argv: Sequence[str], folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with open(folder / "bot.log", "ab") as log:
        return subprocess.Popen(list(argv), env=env, cwd=folder, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, preexec_fn=_files_1024)


async def _until(predicate: Any, timeout: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise RuntimeError(f"the bot exited early ({proc.returncode}); see bot.log")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout:.0f}s")
        await asyncio.sleep(0.05)


async def _wait_exit(proc: subprocess.Popen[bytes], timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
    return proc.wait()


async def crash_and_restart(updates: int, sig: signal.Signals) -> dict[str, Any]:
    """Queue ``updates`` questions, stop the bot with ``sig`` a third of the way through,
    start it again and count what every chat got."""
    from tests.fake_bot_api import TOKEN, FakeBotApi
    from tests.tg_factories import private_text

    argv = [sys.executable, "-m", "benchmarks.tg_child"]
    with tempfile.TemporaryDirectory(prefix="pressbot-rel-") as tmp:
        folder = Path(tmp)
        async with FakeBotApi() as fake:
            env = child_env(folder, TELEGRAM_BOT_TOKEN=TOKEN, PYTHONPATH=str(PROJECT_ROOT),
                            PRESSBOT_LOG_LEVEL="WARNING")
            argv_url = [*argv, "--base-url", fake.base_url]
            proc = _spawn(argv_url, folder, env)
            await _until(lambda: fake.sent("setMyCommands"), 60, proc)
            await asyncio.sleep(0.3)
            for i in range(updates):
                await fake.push_update(private_text(QUESTION, user_id=FIRST_USER + i))
            await _until(lambda: len(_per_chat(fake)) >= updates // 3, 120, proc)
            before = len(_per_chat(fake))
            t0 = time.monotonic()
            proc.send_signal(sig)
            code = await _wait_exit(proc)
            stop_s = time.monotonic() - t0
            at_stop = len(_per_chat(fake))
            states_after_stop = _inbox(folder)
            proc = _spawn(argv_url, folder, env)

            def finished() -> bool:
                return len(_per_chat(fake)) + _inbox(folder).get("interrupted", 0) >= updates

            await _until(finished, 180, proc)
            await asyncio.sleep(1.0)
            proc.send_signal(signal.SIGTERM)
            second_code = await _wait_exit(proc)
            per_chat = _per_chat(fake)
            states = _inbox(folder)
        return {
            "updates": updates, "signal": sig.name, "answered_when_signalled": before,
            "answered_at_exit": at_stop, "exit_code": code, "seconds_to_exit": round(stop_s, 2),
            "inbox_after_stop": states_after_stop, "answered_in_the_end": len(per_chat),
            "answered_twice": sum(1 for n in per_chat.values() if n > 1),
            "interrupted": states.get("interrupted", 0),
            "never_answered": updates - len(per_chat),
            "logged": _logged(folder), "restart_exit_code": second_code,
        }


async def _stall(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    sock.send(b"POST /hook HTTP/1.1\r\nHost: x\r\n")
    return sock


async def _big_post(port: int, body: bytes) -> str:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
        head = (f"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
                f"X-Telegram-Bot-Api-Secret-Token: wrong\r\n\r\n").encode()
        writer.write(head + body)
        with contextlib.suppress(ConnectionError, TimeoutError):
            await asyncio.wait_for(writer.drain(), 30)
        line = await asyncio.wait_for(reader.readline(), 30)
        writer.close()
        return line.decode(errors="replace").split(" ")[1] if line else "closed"
    except (OSError, TimeoutError, IndexError) as exc:
        return type(exc).__name__


async def _healthz(port: int) -> tuple[str, float]:
    t0 = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        line = await asyncio.wait_for(reader.readline(), 10)
        writer.close()
        return line.decode().split(" ")[1], round(time.monotonic() - t0, 3)
    except (OSError, TimeoutError, IndexError) as exc:
        return type(exc).__name__, round(time.monotonic() - t0, 3)


async def webhook_flood(stalled: int = 1_100, posts: int = 600) -> dict[str, Any]:
    """Stalled connections and parallel 1 MiB wrong-secret bodies against ``pressbot run``."""
    from tests.fake_bot_api import TOKEN, FakeBotApi
    from tests.tg_factories import private_text, with_id

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the attacker needs many files
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="pressbot-rel-") as tmp:
        folder = Path(tmp)
        async with FakeBotApi() as fake:
            env = child_env(folder, TELEGRAM_BOT_TOKEN=TOKEN, PYTHONPATH=str(PROJECT_ROOT),
                            TELEGRAM_WEBHOOK_SECRET=SECRET, PRESSBOT_LOG_LEVEL="INFO")
            argv = [*pressbot_command(), "run", "--base-url", fake.base_url,
                    "--webhook-url", "https://bot.example.org/hook", "--port", str(port)]
            proc = _spawn(argv, folder, env)
            await _until(lambda: fake.sent("setWebhook"), 60, proc)
            await asyncio.sleep(0.5)
            rss_before = _rss_mb(proc.pid)
            socks = [await _stall(port) for _ in range(stalled)]
            during = await _healthz(port)
            body = b"x" * (1 << 20)
            statuses = Counter(await asyncio.gather(*(_big_post(port, body) for _ in range(posts))))
            after_posts = await _healthz(port)
            for sock in socks:
                sock.close()
            await asyncio.sleep(2.0)
            rss_after = _rss_mb(proc.pid)
            update = json.dumps(with_id(private_text("/quote"), fake.next_update_id())).encode()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write((f"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: {len(update)}\r\n"
                          f"Content-Type: application/json\r\n"
                          f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n\r\n").encode() + update)
            real = (await reader.readline()).decode().split(" ")[1]
            writer.close()
            await _until(lambda: fake.sent("sendMessage"), 30, proc)
            peak = _rss_mb(proc.pid, "VmHWM")
            log_bytes = (folder / "bot.log").stat().st_size
            proc.send_signal(signal.SIGTERM)
            code = await _wait_exit(proc)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return {
        "stalled_connections": stalled, "parallel_1MiB_wrong_secret_posts": posts,
        "post_results": dict(statuses), "healthz_during_stall": during,
        "healthz_after_posts": after_posts, "real_update_status": real,
        "rss_before_mb": rss_before, "rss_after_mb": rss_after, "rss_peak_mb": peak,
        "log_bytes": log_bytes, "exit_code": code,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--updates", type=int, default=3_000)
    parser.add_argument("--only", choices=["kill", "term", "flood"], action="append")
    args = parser.parse_args(argv)
    chosen = args.only or ["kill", "term", "flood"]
    results: dict[str, Any] = {}
    if "kill" in chosen:
        results["kill"] = asyncio.run(crash_and_restart(args.updates, signal.SIGKILL))
        print(json.dumps({"kill": results["kill"]}), flush=True)
    if "term" in chosen:
        results["term"] = asyncio.run(crash_and_restart(args.updates, signal.SIGTERM))
        print(json.dumps({"term": results["term"]}), flush=True)
    if "flood" in chosen:
        results["flood"] = asyncio.run(webhook_flood())
        print(json.dumps({"flood": results["flood"]}), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(PROJECT_ROOT))
    sys.exit(main())
