"""Provides ``build_application``: the python-telegram-bot Application wired to the engine.

The application uses the typed ``PressContext``, the rate limiter (Telegram's flood limits,
429s waited out, undelivered requests retried) and no job queue or updater: updates arrive
through the inbox (``bot.tg.poller``, ``bot.tg.webhook``) and are handled concurrently by
``bot.tg.delivery`` (replies within one chat stay in order through per-chat locks).
``announce`` sets the command menu at start.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes

from bot.config import Settings
from bot.dialogue import ConversationStore
from bot.engine import Engine
from bot.inbox import Inbox
from bot.questionlog import QuestionLog
from bot.tg.context import BotData, Deps, PressApp, PressContext
from bot.tg.handlers import register_handlers
from bot.tg.menu import COMMANDS
from bot.tg.ratelimit import NoRateLimiter, RetryingRateLimiter
from bot.tg.transport import DEFAULT_TIMEOUT, AiohttpRequest

# The update types the bot asks Telegram for; everything else is never even delivered.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
]

CONCURRENT_UPDATES = 32
# One connection per update in hand: a reply marked "sending" must not then wait for a
# connection (the crash window of docs/reliability.md stays a matter of microseconds).
CONNECTION_POOL_SIZE = CONCURRENT_UPDATES
POOL_TIMEOUT = 10.0


def make_deps(settings: Settings, engine: Engine) -> Deps:
    """Shared state: a bounded, expiring conversation store, the inbox, and the question log
    if enabled."""
    inbox = Inbox(settings.inbox_file)
    qlog = QuestionLog.from_settings(settings) if settings.log_questions else None
    conversations = ConversationStore(max_entries=10_000, ttl_seconds=1800)
    return Deps(settings=settings, engine=engine, conversations=conversations, questionlog=qlog,
                inbox=inbox, concurrency=CONCURRENT_UPDATES)


def build_application(
    deps: Deps,
    *,
    token: str,
    base_url: str | None = None,
    webhook: bool = False,
    retry_delay: float = 0.5,
    concurrent_updates: int = CONCURRENT_UPDATES,
    read_timeout: float = DEFAULT_TIMEOUT,
    rate_limited: bool = True,
) -> PressApp:
    """The Application (the same for polling and a webhook; ``webhook`` is kept for callers).
    ``rate_limited=False`` leaves out the rate limiter (the benchmark's pipeline ceiling)."""
    context_types = ContextTypes(context=PressContext, bot_data=BotData)
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(context_types)
        .rate_limiter(RetryingRateLimiter(retry_delay=retry_delay) if rate_limited
                      else NoRateLimiter())
        .concurrent_updates(concurrent_updates)
        # aiohttp instead of httpx: the same requests for a fraction of the CPU (transport.py).
        # Eight connections cover Telegram's 30 messages a second at a 100 ms round trip.
        .request(AiohttpRequest(max(CONNECTION_POOL_SIZE, concurrent_updates),
                                read_timeout=read_timeout, pool_timeout=POOL_TIMEOUT))
        .get_updates_request(AiohttpRequest(1))
        .job_queue(None)
        .updater(None)
    )
    if base_url:
        builder = builder.base_url(base_url)
    app = builder.build()
    deps.concurrency = concurrent_updates
    app.bot_data.bind(deps)
    register_handlers(app)
    return app


async def announce(app: PressApp) -> None:
    """Set the command menu shown in Telegram's '/' list."""
    await app.bot.set_my_commands(COMMANDS)
