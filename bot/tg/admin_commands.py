"""Provides the admin commands /stats, /unanswered and /reload for the ids in PRESSBOT_ADMIN_IDS.

/stats also lists the updates the inbox set aside (quarantined or interrupted), by id only.
The replies come from ``bot.admin`` (pure functions, no Telegram) and are sent as plain text,
since they quote what users typed. The handlers are filtered to admin user ids, so for anyone
else these commands fall through to the normal "unknown command" reply and reveal nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot import admin
from bot.inbox import Inbox
from bot.questionlog import QuestionLog
from bot.tg.context import PressApp, PressContext
from bot.tg.send import Target, send_text

NO_LOG = "The question log is switched off (PRESSBOT_LOG_QUESTIONS=false)."


def _now(context: PressContext) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(context.deps.settings.timezone))


def _target(update: Update) -> Target | None:
    chat = update.effective_chat
    return Target(chat.id) if chat is not None else None


async def _reply_from_log(update: Update, context: PressContext,
                          report: Callable[[QuestionLog, dt.datetime], str],
                          no_log: str = NO_LOG) -> None:
    """Run a report on the question log off the event loop and send it to the admin."""
    target, qlog = _target(update), context.deps.questionlog
    if target is None:
        return
    text = no_log if qlog is None else await asyncio.to_thread(report, qlog, _now(context))
    await send_text(context.bot, target, text)


async def on_stats(update: Update, context: PressContext) -> None:
    """/stats: question counts and the answer rate, then the inbox's updates set aside."""
    inbox = context.deps.inbox

    def report(qlog: QuestionLog, now: dt.datetime) -> str:
        return admin.stats_text(qlog, now)

    if inbox is None:
        await _reply_from_log(update, context, report)
        return
    aside = inbox_text(inbox)  # on the event loop: the inbox's connection lives there
    await _reply_from_log(update, context, lambda q, now: f"{report(q, now)}\n\n{aside}",
                          no_log=f"{NO_LOG}\n\n{aside}")


def inbox_text(inbox: Inbox, shown: int = 5) -> str:
    """Quarantined and interrupted updates: counts and the latest few, by id only."""
    snap = inbox.snapshot()
    lines = [f"Inbox: {snap.backlog} waiting, {snap.quarantined} quarantined, "
             f"{snap.interrupted} interrupted while sending."]
    for aside in inbox.aside(shown):
        when = dt.datetime.fromtimestamp(aside.received, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines.append(f"- update {aside.update_id} ({aside.state}, {when}): {aside.reason}")
    return "\n".join(lines)


async def on_unanswered(update: Update, context: PressContext) -> None:
    """/unanswered: the most frequent questions the bot could not answer."""
    await _reply_from_log(update, context, admin.unanswered_text)


async def on_reload(update: Update, context: PressContext) -> None:
    """/reload: re-read knowledge/ and intents/, keeping the old data if the new is invalid."""
    target = _target(update)
    if target is None:
        return
    # On the event loop, not a thread: no question is answered half from old, half new data.
    text = admin.reload_text(context.deps.engine, context.deps.settings)
    await send_text(context.bot, target, text)


def register(app: PressApp) -> None:
    """Add the admin commands, private chats only, for admin ids (none if the list is empty)."""
    admin_ids = app.bot_data.deps.settings.admin_ids
    if not admin_ids:
        return
    only_admins = filters.User(user_id=admin_ids) & filters.ChatType.PRIVATE
    only_admins = only_admins & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("stats", on_stats, filters=only_admins))
    app.add_handler(CommandHandler("unanswered", on_unanswered, filters=only_admins))
    app.add_handler(CommandHandler("reload", on_reload, filters=only_admins))
