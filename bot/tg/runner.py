"""Provides ``run``, which ``pressbot run`` calls: the bot in long-polling or webhook mode.

Every update goes through the durable inbox (``bot.inbox``): the poller or the webhook stores
it, the dispatcher handles it from there (see docs/reliability.md). Configuration errors (no
``TELEGRAM_BOT_TOKEN``; webhook mode without a valid ``TELEGRAM_WEBHOOK_SECRET``) raise
``ConfigError`` naming the variable; a refused token, an unreachable API or an HTML error page
at start, and a 401/403/404 while polling, end ``run`` with one log line and exit code 1.
SIGTERM and SIGINT stop the bot gracefully: no new updates are taken, those in hand are
finished within the stop timeout (the rest stay pending for the next start), and ``run``
returns 0. systemd is told READY, WATCHDOG (only while updates are being received) and
STOPPING. The token never reaches the logs: logging is set up with secret redaction before
the bot is built, and httpx's URL logging is held at WARNING.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.error import InvalidToken, TelegramError

from bot import health
from bot.config import Settings
from bot.engine import Engine
from bot.errors import ConfigError
from bot.inbox import Inbox
from bot.logs import setup_logging
from bot.prebuild import start_aside
from bot.tg import api
from bot.tg.api import FatalApiError
from bot.tg.app import ALLOWED_UPDATES, announce, build_application, make_deps
from bot.tg.context import Deps, PressApp
from bot.tg.delivery import Dispatcher
from bot.tg.poller import Poller
from bot.tg.transport import AiohttpRequest
from bot.tg.webhook import WebhookServer

log = logging.getLogger(__name__)

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
POLL_TIMEOUT = 10  # seconds of long polling per getUpdates
PREFLIGHT_TIMEOUT = 10.0  # seconds for the getMe that checks the token at start
HEARTBEAT = 5.0  # seconds between the webhook server's liveness beats
PRUNE_EVERY = 600.0  # seconds between removals of day-old done rows from the inbox


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


class StartError(Exception):
    """The bot could not start talking to the Bot API (one readable sentence)."""


async def preflight(bot_url: str) -> None:
    """getMe on a throw-away connection before anything else is opened, so that a wrong token,
    an unreachable API or an HTML error page is one clear line and leaves nothing open."""
    request = AiohttpRequest(1)
    await request.initialize()
    try:
        await api.call(request, bot_url, "getMe", {}, read_timeout=PREFLIGHT_TIMEOUT)
    except api.ApiUnavailable as exc:
        raise StartError(f"Could not start: {exc}") from None
    finally:
        await request.shutdown()


class Service:
    """The running bot's inbox side: the dispatcher, and the task that receives updates."""

    def __init__(self, app: PressApp, inbox: Inbox, *, stop_timeout: float) -> None:
        self.app = app
        self.inbox = inbox
        self.stop_timeout = stop_timeout
        settings = app.bot_data.deps.settings
        self.stale_seconds = float(settings.health_stale_seconds)
        self.max_backlog = settings.health_max_backlog
        self.dispatcher = Dispatcher(app, inbox, concurrency=app.bot_data.deps.concurrency)
        self.receiver: asyncio.Task[None] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._last_beat = 0.0
        self._last_prune = time.monotonic()

    def start(self) -> None:
        """Resume what an earlier run left, then start handling."""
        interrupted = self.inbox.recover()
        if interrupted:
            log.warning("%d updates were interrupted while their reply was being sent by an "
                        "earlier run; they are not sent again (see /stats)", interrupted)
        self.inbox.prune()
        backlog = self.inbox.snapshot().backlog
        if backlog:
            log.info("Resuming %d pending updates from the inbox", backlog)
        self._tasks.append(asyncio.create_task(self.dispatcher.run(), name="dispatcher"))

    def received(self, added: int = 0, lowest: int | None = None) -> None:
        """The receiving side is alive: wake the dispatcher for new rows (the lowest id being
        ``lowest``); beat and ping the watchdog (at most once a second) unless stuck."""
        if added:
            self.dispatcher.wake(lowest)
        now = time.monotonic()
        if now - self._last_beat < 1.0:
            return
        self._last_beat = now
        self.inbox.beat()
        if now - self._last_prune > PRUNE_EVERY:
            self._last_prune = now
            self.inbox.prune()
        verdict = self.verdict()
        if verdict.ok:
            health.notify("WATCHDOG=1")
        else:
            log.warning("unhealthy: %s", verdict.line)

    def verdict(self) -> health.Verdict:
        """The health verdict on this bot's inbox."""
        return health.judge(self.inbox.snapshot(), stale_seconds=self.stale_seconds,
                            max_backlog=self.max_backlog)

    async def wait(self, stop: asyncio.Event) -> None:
        """Until ``stop`` is set, or the receiver fails (its error is raised)."""
        stopper = asyncio.create_task(stop.wait())
        waiting: set[asyncio.Future[Any]] = {stopper}
        if self.receiver is not None:
            waiting.add(self.receiver)
        try:
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
        if self.receiver is not None and self.receiver.done() and not self.receiver.cancelled():
            self.receiver.result()  # raises FatalApiError

    async def stop(self) -> None:
        """Stop receiving, finish (or leave pending) what is in hand within the stop timeout."""
        health.notify("STOPPING=1")
        in_hand = self.dispatcher.in_hand
        log.info("Stopping: finishing the %d updates in hand (at most %.0fs)", in_hand,
                 self.stop_timeout)
        if self.receiver is not None and not self.receiver.done():
            self.receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.receiver
        left = await self.dispatcher.drain(self.stop_timeout)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if left:
            log.warning("%d updates were not finished in time; they stay in the inbox", left)
        self.inbox.stopped()


@contextlib.asynccontextmanager
async def running_polling(
    app: PressApp, *, poll_timeout: int = POLL_TIMEOUT, stop_timeout: float | None = None
) -> AsyncIterator[Service]:
    """Run the bot with long polling through the inbox for the duration of the block."""
    deps = app.bot_data.deps
    inbox = deps.require_inbox()
    await preflight(app.bot.base_url)
    async with app:
        await announce(app)
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.start()
        service = Service(app, inbox, stop_timeout=_stop_timeout(deps, stop_timeout))
        service.start()
        poller = Poller(app.bot.base_url, inbox, timeout=poll_timeout,
                        allowed_updates=ALLOWED_UPDATES, on_batch=service.received)
        service.receiver = asyncio.create_task(poller.run(), name="poller")
        log.info("Running as @%s with long polling", app.bot.username)
        health.notify("READY=1")
        try:
            yield service
        finally:
            await service.stop()
            if app.running:
                await app.stop()


@contextlib.asynccontextmanager
async def running_webhook(
    app: PressApp, *, webhook_url: str, secret: str, listen: str, port: int,
    stop_timeout: float | None = None, **limits: Any,
) -> AsyncIterator[WebhookServer]:
    """Serve the webhook through the inbox and register it with setWebhook for the block."""
    deps = app.bot_data.deps
    inbox = deps.require_inbox()
    await preflight(app.bot.base_url)
    async with app:
        await announce(app)
        await app.start()
        service = Service(app, inbox, stop_timeout=_stop_timeout(deps, stop_timeout))
        server = WebhookServer(app, service, path=urlsplit(webhook_url).path or "/",
                               secret=secret, **limits)
        service.start()
        try:
            await server.start(listen, port)
            service.receiver = asyncio.create_task(_heartbeat(service), name="heartbeat")
            await app.bot.set_webhook(
                webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
            )
            log.info("Running as @%s with a webhook", app.bot.username)
            health.notify("READY=1")
            yield server
        finally:
            await server.stop_accepting()
            await service.stop()
            await server.stop()
            if app.running:
                await app.stop()


async def _heartbeat(service: Service) -> None:
    """Webhook mode: Telegram calls only when there is something to deliver, so the server's
    own loop beats (and pings the watchdog) while it is serving."""
    while True:
        service.received()
        await asyncio.sleep(HEARTBEAT)


def _stop_timeout(deps: Deps, given: float | None) -> float:
    return float(deps.settings.stop_timeout if given is None else given)


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
            async with server as running:
                await running.service.wait(stop)
        else:
            async with running_polling(app) as service:
                await service.wait(stop)
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


def engine_and_bank_holidays(settings: Settings,
                             ready: Callable[[], None] | None = None) -> Engine:
    """The engine, once the children of ``bot.prebuild.start_aside`` (started here unless
    ``ready`` is theirs) have read the coming years' bank holidays, so that the bot never
    imports the ``holidays`` package for them, and, on a cold start, built the caches it loads
    from."""
    (ready or start_aside(settings))()
    return Engine.from_settings(settings)


def run(
    settings: Settings, *, base_url: str | None, webhook_url: str | None, listen: str, port: int,
    ready: Callable[[], None] | None = None,
) -> int:
    """Start the bot and block until it is stopped; returns the process exit code. ``ready``:
    what ``bot.prebuild.start_aside`` returned, when the caller started its children early."""
    token = bot_token(settings)
    secret = webhook_secret(settings) if webhook_url else None
    if webhook_url:
        check_webhook_url(webhook_url)
    setup_logging(settings)
    quiet_http_logs()
    engine = engine_and_bank_holidays(settings, ready)
    deps = make_deps(settings, engine)
    api = base_url or settings.telegram_api_base_url
    app = build_application(deps, token=token, base_url=api, webhook=bool(webhook_url))
    try:
        run_loop(serve(app, webhook_url=webhook_url, secret=secret, listen=listen, port=port))
    except (FatalApiError, StartError) as exc:
        log.error("%s", exc)
        return 1
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
        deps.close()
    log.info("Stopped")
    return 0
