"""Provides test settings and checks of what the bot sent: Telegram-safe HTML, keyboards, and
waiting until the bot has finished replying."""

from __future__ import annotations

import asyncio
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bot.config import Settings
from tests.fake_bot_api import TOKEN, Call, FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 5005


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    """Settings for tests: caches and logs under ``tmp``, the fake token, fixed office hours,
    and nothing from the machine's .env file."""
    values: dict[str, Any] = {
        "knowledge_dir": ROOT / "knowledge",
        "intents_dir": ROOT / "intents",
        "office_open": dt.time(9, 0),
        "office_close": dt.time(18, 0),
        "office_days": "mon-fri",
        "timezone": "Europe/London",
        "cache_path": tmp / "knowledge.db",
        "log_db": tmp / "questions.db",
        "telegram_bot_token": TOKEN,
        "admin_ids": [ADMIN],
        "log_questions": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


# The tags bot.render may produce; all are in Telegram's allowed set.
ALLOWED_TAGS = {"b", "i", "code", "blockquote"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> not allowed")
        if attrs:
            self.problems.append(f"attributes on <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack})")
        else:
            self.stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.problems.append(f"entity &{name}; not supported by Telegram")

    def handle_data(self, data: str) -> None:
        if any(c in data for c in "<>&"):
            self.problems.append(f"unescaped <, > or & in {data!r}")


def html_problems(text: str) -> list[str]:
    """Why ``text`` is not well-formed Telegram HTML (empty list when it is)."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        checker.problems.append(f"unclosed tags {checker.stack}")
    return checker.problems


def assert_telegram_html(text: str) -> None:
    """Fail if ``text`` is not well-formed HTML using only allowed tags, within 4096 chars."""
    assert len(text) <= 4096
    problems = html_problems(text)
    assert not problems, f"{problems} in {text!r}"


def buttons(call: Call) -> list[dict[str, Any]]:
    """The inline keyboard buttons of a sendMessage call, row by row flattened."""
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def callback_datas(call: Call) -> list[str]:
    """The callback data of a message's inline buttons."""
    return [str(b["callback_data"]) for b in buttons(call)]


async def settle(fake: FakeBotApi, quiet: float = 0.2, timeout: float = 5.0) -> None:
    """Wait until the bot has sent nothing new for ``quiet`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = -1
    while loop.time() < deadline:
        if len(fake.calls) == seen:
            return
        seen = len(fake.calls)
        await asyncio.sleep(quiet)
    raise AssertionError("the bot kept sending")


async def exchange(fake: FakeBotApi, update: dict[str, Any], replies: int = 1) -> list[Call]:
    """Push an update, wait for ``replies`` new sends (and settling); return the new sends."""
    before = len(fake.sent())
    await fake.push_update(update)
    await fake.wait_for(lambda f: len(f.sent()) >= before + replies)
    await settle(fake)
    return fake.sent()[before:]
