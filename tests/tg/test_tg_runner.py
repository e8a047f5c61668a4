"""End-to-end tests of ``bot.tg.runner.run`` in a real process: long polling and webhook mode
against the fake Bot API, SIGTERM/SIGINT shutdown with exit code 0 and work in flight
finished, and the token absent from everything the process printed."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from bot.tg.webhook import SECRET_HEADER
from tests import tg_factories as f
from tests.fake_bot_api import TOKEN, FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import sys\n"
    "from bot.config import load_settings\n"
    "from bot.tg.runner import run\n"
    "webhook = sys.argv[1] or None\n"
    "sys.exit(run(load_settings(), base_url=None, webhook_url=webhook,"
    " listen='127.0.0.1', port=int(sys.argv[2])))\n"
)
SECRET = "subprocess_Secret-42"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def bot_process(
    fake: FakeBotApi, tmp_path: Path, webhook_url: str = "", port: int = 0
) -> AsyncIterator[asyncio.subprocess.Process]:
    """Run the bot in a child process configured only through environment variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "PRESSBOT_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.base_url,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        PRESSBOT_CACHE_PATH=str(tmp_path / "knowledge.db"),
        PRESSBOT_LOG_DB=str(tmp_path / "questions.db"),
        PRESSBOT_LOG_LEVEL="DEBUG",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SCRIPT,
        webhook_url,
        str(port),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def stop(proc: asyncio.subprocess.Process, sig: signal.Signals) -> tuple[int, str]:
    """Signal the process; return its exit code and everything it printed."""
    proc.send_signal(sig)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=20)
    assert proc.returncode is not None
    return proc.returncode, out.decode() + err.decode()


def _has(method: str) -> Callable[[FakeBotApi], object]:
    return lambda fk: fk.sent(method)


async def test_polling_process_answers_and_stops_cleanly_on_sigterm(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    async with bot_process(fake, tmp_path) as proc:
        await fake.wait_for(_has("deleteWebhook"), timeout=START_TIMEOUT)
        await fake.push_update(f.private_text("how much did referrals rise?"))
        (reply,) = await fake.wait_calls("sendMessage", 1, timeout=10)
        assert "<b>1,155%</b>" in reply.params["text"]
        # Stop while the next answer is being sent: it must still be completed.
        fake.delay("sendMessage", 0.5)
        await fake.push_update(f.private_text("/press"))
        await fake.wait_calls("sendMessage", 2, timeout=10)
        code, output = await stop(proc, signal.SIGTERM)
    assert code == 0, output
    assert fake.sent("sendContact"), "contact cards after the text were not sent"
    assert "Running as @PressTestBot" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


async def test_webhook_process_checks_the_secret_and_stops_on_sigint(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    async with bot_process(fake, tmp_path, "https://bot.example.org/hook", port) as proc:
        await fake.wait_for(_has("setWebhook"), timeout=START_TIMEOUT)
        assert fake.webhook_url == "https://bot.example.org/hook"
        base = f"http://127.0.0.1:{port}"
        body = f.with_id(f.private_text("/quote"), fake.next_update_id())
        timeout = aiohttp.ClientTimeout(total=5)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
            async with http.post(f"{base}/hook", json=body) as response:
                assert response.status == 403
            wrong = {SECRET_HEADER: "not-the-secret"}
            async with http.post(f"{base}/hook", json=body, headers=wrong) as response:
                assert response.status == 403
            right = {SECRET_HEADER: SECRET}
            async with http.post(f"{base}/hook", json=body, headers=right) as response:
                assert response.status == 200
        (reply,) = await fake.wait_calls("sendMessage", 1, timeout=10)
        assert "coherent strategy" in reply.params["text"]
        code, output = await stop(proc, signal.SIGINT)
    assert code == 0, output
    assert len(fake.sent("sendMessage")) == 1  # the refused requests never reached the bot
    assert TOKEN not in output and SECRET not in output
