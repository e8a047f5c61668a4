"""Provides a fake Telegram Bot API server on 127.0.0.1 (aiohttp) for end-to-end tests.

It speaks just enough of the Bot API for python-telegram-bot: ``getMe``, long-polling
``getUpdates``, ``sendMessage``, ``sendContact``, ``answerCallbackQuery``,
``answerInlineQuery``, ``setMyCommands``, ``setWebhook``, ``deleteWebhook`` and a few harmless
extras. Every request is recorded as a :class:`Call` so tests can check what the bot sent, and
faults (429 with ``retry_after``, 5xx, 400, slow responses) can be injected per method.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "424242:FAKE-token_DoNotLeak-0123456789abcdef"
BOT_ID = 424242
BOT_USERNAME = "PressTestBot"

# Parameters PTB sends as JSON strings inside a form body.
_JSON_FIELDS = {
    "reply_markup",
    "results",
    "commands",
    "entities",
    "allowed_updates",
    "link_preview_options",
    "reply_parameters",
    "caption_entities",
    "button",
    "scope",
}
_INT_FIELDS = {"chat_id", "offset", "limit", "timeout", "message_id", "cache_time"}


@dataclass
class Call:
    """One request the bot made: the method name and its decoded parameters."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    """A response to give instead of the normal one, ``times`` times."""

    status: int
    description: str
    retry_after: int | None = None
    times: int = 1
    html: bool = False


class FakeBotApi:
    """A recording, fault-injecting Bot API server for one bot token."""

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self.unknown_methods: list[str] = []
        self.webhook_url = ""
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._faults: dict[str, list[Fault]] = {}
        self._delays: dict[str, float] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeBotApi:
        """Listen on a free port of 127.0.0.1."""
        self._closing = False
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        """Stop listening and wake any pending long poll."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The URL to give python-telegram-bot as ``base_url`` (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ------------------------------------------------------------------ test controls

    async def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates, giving it the next update_id; returns the id."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return int(update["update_id"])

    def next_update_id(self) -> int:
        """Reserve an update id (for updates posted to a webhook instead of polled)."""
        return next(self._update_ids)

    def fail(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        times: int = 1,
        description: str = "",
        html: bool = False,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error (an HTML error page, as
        a proxy in front of the API would give, when ``html``)."""
        text = description or {
            429: f"Too Many Requests: retry after {retry_after}",
            400: "Bad Request: injected",
        }.get(status, "Internal Server Error")
        self._faults.setdefault(method, []).append(Fault(status, text, retry_after, times, html))

    def delay(self, method: str, seconds: float) -> None:
        """Make every call of ``method`` take ``seconds`` before it is answered."""
        self._delays[method] = seconds

    def sent(self, *methods: str) -> list[Call]:
        """Recorded calls of the given methods (all sending methods if none are given)."""
        wanted = set(methods) or {
            "sendMessage",
            "sendContact",
            "answerCallbackQuery",
            "answerInlineQuery",
            "editMessageText",
        }
        return [c for c in self.calls if c.method in wanted]

    def texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of recorded sendMessage calls, optionally only to one chat."""
        return [
            str(c.params["text"])
            for c in self.sent("sendMessage")
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    async def wait_for(
        self, predicate: Callable[[FakeBotApi], object], *, timeout: float = 5.0
    ) -> None:
        """Wait until ``predicate(self)`` is truthy; fail with the calls seen on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._changed:
            while not predicate(self):
                left = deadline - loop.time()
                if left <= 0:
                    seen = [(c.method, c.params.get("text", "")) for c in self.calls]
                    raise AssertionError(f"timed out waiting; calls so far: {seen}")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    continue

    async def wait_calls(self, method: str, count: int, *, timeout: float = 5.0) -> list[Call]:
        """Wait until ``method`` was called at least ``count`` times; return those calls."""
        await self.wait_for(lambda f: len(f.sent(method)) >= count, timeout=timeout)
        return self.sent(method)

    async def quiet(self, seconds: float = 0.3) -> None:
        """Let the bot run for a moment (to check that it sends nothing)."""
        await asyncio.sleep(seconds)

    # ------------------------------------------------------------------ HTTP

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        if method != "getUpdates":
            async with self._changed:
                self.calls.append(Call(method, params))
                self._changed.notify_all()
        if method in self._delays:
            await asyncio.sleep(self._delays[method])
        fault = self._take_fault(method)
        if fault is not None and fault.html:
            page = f"<html><body><h1>{fault.status} {fault.description}</h1></body></html>"
            return web.Response(text=page, status=fault.status, content_type="text/html")
        if fault is not None:
            extra = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
            return _error(fault.status, fault.description, extra)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self.unknown_methods.append(method)
            return _error(404, "Not Found: method not found")
        result = await handler(params)
        return web.json_response({"ok": True, "result": result})

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Press Bot",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params.get("chat_id", 0)
        chat_type = "private" if isinstance(chat_id, int) and chat_id > 0 else "supergroup"
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type},
            "from": self._bot_user(),
            **content,
        }

    # ------------------------------------------------------------------ Bot API methods

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self._bot_user()

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._changed:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - loop.time()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    break
            return self._updates[:limit]

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._message(params, text=params.get("text", ""))

    async def _api_sendContact(self, params: dict[str, Any]) -> Any:
        fields = ("phone_number", "first_name", "last_name", "vcard")
        contact = {k: params[k] for k in fields if k in params}
        return self._message(params, contact=contact)

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        return self._message(params, text=params.get("text", ""))

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyDescription(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyShortDescription(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = str(params.get("url", ""))
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = ""
        return True

    async def _api_close(self, params: dict[str, Any]) -> Any:
        return True


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Decode a Bot API request body (query string, JSON, form or multipart)."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    for key, value in list(params.items()):
        if not isinstance(value, str):
            continue
        if key in _JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in _INT_FIELDS:
            with contextlib.suppress(ValueError):
                params[key] = int(value)
    return params


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
