"""Provides raw Bot API calls for the poller: ``getMe`` at start and ``getUpdates``, as JSON.

The poller needs the updates as Telegram sent them (python-telegram-bot's ``get_updates``
parses the whole batch at once, so one update it cannot parse would lose the batch and be
logged whole, user fields included). Answers are sorted into three kinds: the result;
``FatalApiError`` (401/403/404: the token is wrong or revoked, retrying cannot help);
``ApiUnavailable`` (anything else that failed, worth retrying). Messages never contain the
token or a response body.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError

from bot.tg.transport import AiohttpRequest

FATAL_STATUSES = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}


class FatalApiError(Exception):
    """The Bot API refused the bot for good (wrong or revoked token); the process must exit."""


class ApiUnavailable(Exception):
    """The Bot API could not be reached or gave an unusable answer; worth retrying."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def host_of(base_url: str) -> str:
    """The API's host (never the token, which is in the path)."""
    parts = urlsplit(base_url)
    return parts.netloc or base_url.split("/", 1)[0]


def interpret(method: str, status: int, body: bytes) -> Any:
    """The ``result`` of a Bot API answer, or FatalApiError / ApiUnavailable."""
    if status in FATAL_STATUSES:
        raise FatalApiError(
            f"Telegram refused the bot token ({status} {FATAL_STATUSES[status]} on {method}); "
            "check TELEGRAM_BOT_TOKEN (revoked, or for another server?)"
        )
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        answer = None
    if not isinstance(answer, dict):
        looks = "an HTML page" if body.lstrip()[:1] == b"<" else "something"
        raise ApiUnavailable(f"the Bot API answered {method} with {looks} that is not JSON "
                             f"(HTTP {status}); check TELEGRAM_API_BASE_URL and any proxy")
    if answer.get("ok") is True and "result" in answer:
        return answer["result"]
    code = answer.get("error_code")
    if code in FATAL_STATUSES:
        return interpret(method, int(code), b"")
    params = answer.get("parameters") if isinstance(answer.get("parameters"), dict) else {}
    retry = params.get("retry_after") if isinstance(params, dict) else None
    description = str(answer.get("description") or "no description")[:200]
    raise ApiUnavailable(f"{method} failed: {description} (HTTP {status})",
                         retry_after=float(retry) if isinstance(retry, int | float) else None)


async def call(request: AiohttpRequest, bot_url: str, method: str, fields: dict[str, Any],
               *, read_timeout: float) -> Any:
    """POST one method with form fields; the decoded result (see ``interpret``)."""
    data = {k: (v if isinstance(v, str) else json.dumps(v)) for k, v in fields.items()}
    timeout = aiohttp.ClientTimeout(total=None, connect=read_timeout, sock_connect=read_timeout,
                                    sock_read=read_timeout)
    try:
        status, body = await request.raw("POST", f"{bot_url}/{method}", data or None, timeout)
    except NetworkError as exc:
        raise ApiUnavailable(f"cannot reach the Bot API at {host_of(bot_url)} "
                             f"({type(exc).__name__}: {exc.message[:120]})") from None
    return interpret(method, status, body)
