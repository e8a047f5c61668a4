"""Provides ``run``, which ``pressbot run`` calls: the bot in long-polling or webhook mode.

Configuration errors (no ``TELEGRAM_BOT_TOKEN``; webhook mode without a valid
``TELEGRAM_WEBHOOK_SECRET``) raise ``ConfigError`` naming the variable. SIGTERM and SIGINT stop
the bot gracefully: no new updates are taken, updates in flight are finished (every part of an
answer is sent), and ``run`` returns 0. The token never reaches the logs: logging is set up
with secret redaction before the bot is built, and httpx's URL logging is held at WARNING.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from collections.abc import AsyncIterator, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.error import InvalidToken, TelegramError

from bot.config import Settings
from bot.engine import Engine
from bot.errors import ConfigError
from bot.logs import setup_logging
from bot.tg.app import ALLOWED_UPDATES, announce, build_application, make_deps
from bot.tg.context import PressApp
from bot.tg.webhook import WebhookServer

log = logging.getLogger(__name__)

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
POLL_TIMEOUT = 10  # seconds of long polling per getUpdates


def bot_token(settings: Settings) -> str:
    """The bot token, or a ConfigError naming TELEGRAM_BOT_TOKEN."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if not token.strip():
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and export its token "
            "as TELEGRAM_BOT_TOKEN (or put it in .env)."
        )
    return token.strip()


def webhook_secret(settings: Settings) -> str:
    """The webhook secret, or a ConfigError naming TELEGRAM_WEBHOOK_SECRET."""
    secret = settings.telegram_webhook_secret
    value = secret.get_secret_value() if secret else ""
    if not value:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET is required in webhook mode (--webhook-url).")
    if not _SECRET.fullmatch(value):
        raise ConfigError(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -."
        )
    return value


def check_webhook_url(url: str) -> str:
    """The webhook URL, or a ConfigError if it is not a full http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(f"--webhook-url must be a full URL like https://host/path, not {url!r}")
    return url


@contextlib.asynccontextmanager
async def running_polling(
    app: PressApp, *, poll_timeout: int = POLL_TIMEOUT
) -> AsyncIterator[PressApp]:
    """Run the application with long polling for the duration of the block."""
    async with app:
        await announce(app)
        updater = app.updater
        if updater is None:
            raise RuntimeError("polling needs an application built with an updater")
        await updater.start_polling(
            timeout=poll_timeout,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=3,
            drop_pending_updates=False,
        )
        await app.start()
        log.info("Running as @%s with long polling", app.bot.username)
        try:
            yield app
        finally:
            log.info("Stopping: finishing the updates in flight")
            if updater.running:
                await updater.stop()  # no new updates
            if app.running:
                await app.stop()  # waits for the updates already taken


@contextlib.asynccontextmanager
async def running_webhook(
    app: PressApp, *, webhook_url: str, secret: str, listen: str, port: int
) -> AsyncIterator[WebhookServer]:
    """Serve the webhook and register it with setWebhook for the duration of the block."""
    server = WebhookServer(app, path=urlsplit(webhook_url).path or "/", secret=secret)
    async with app:
        await announce(app)
        await app.start()
        try:
            await server.start(listen, port)
            try:
                await app.bot.set_webhook(
                    webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
                )
                log.info("Running as @%s with a webhook", app.bot.username)
                yield server
            finally:
                log.info("Stopping: finishing the updates in flight")
                await server.stop()  # no new requests; those in flight are queued
        finally:
            if app.running:
                await app.stop()  # waits for the queued updates


async def serve(
    app: PressApp,
    *,
    webhook_url: str | None,
    secret: str | None,
    listen: str,
    port: int,
    stop: asyncio.Event | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (or ``stop`` is set), then shut down gracefully."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        if webhook_url:
            if not secret:
                raise ConfigError("TELEGRAM_WEBHOOK_SECRET is required in webhook mode.")
            server = running_webhook(
                app, webhook_url=webhook_url, secret=secret, listen=listen, port=port
            )
            async with server:
                await stop.wait()
        else:
            async with running_polling(app):
                await stop.wait()
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


def quiet_http_logs() -> None:
    """httpx logs request URLs (which contain the token) at INFO; keep it at WARNING."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def run_loop(main: Coroutine[Any, Any, None]) -> None:
    """Run the bot's event loop: uvloop where installed (about a fifth more updates a second
    on 2 cores), else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


def run(
    settings: Settings, *, base_url: str | None, webhook_url: str | None, listen: str, port: int
) -> int:
    """Start the bot and block until it is stopped; returns the process exit code."""
    token = bot_token(settings)
    secret = webhook_secret(settings) if webhook_url else None
    if webhook_url:
        check_webhook_url(webhook_url)
    setup_logging(settings)
    quiet_http_logs()
    engine = Engine.from_settings(settings)
    deps = make_deps(settings, engine)
    api = base_url or settings.telegram_api_base_url
    app = build_application(deps, token=token, base_url=api, webhook=bool(webhook_url))
    try:
        run_loop(serve(app, webhook_url=webhook_url, secret=secret, listen=listen, port=port))
    except InvalidToken:
        log.error("Telegram rejected the bot token; check TELEGRAM_BOT_TOKEN")
        return 1
    except TelegramError as exc:
        log.error("Could not talk to the Telegram Bot API: %s", exc)
        return 1
    except OSError as exc:
        log.error("Could not start: %s", exc)
        return 1
    finally:
        if deps.questionlog is not None:
            deps.questionlog.close()
    log.info("Stopped")
    return 0
