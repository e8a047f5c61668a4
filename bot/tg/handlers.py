"""Provides the update handlers and ``register_handlers``, the one place they are all added.

Every handler is short: work out what is being asked, let the engine answer, send the answer
(``bot.tg.send``). ``respond`` is the common path: flood check, per-chat lock so replies keep
their order, the chat's conversation for follow-ups, and the question log.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.dialogue import Conversation
from bot.models import Answer
from bot.tg import admin_commands, inline
from bot.tg.context import PressApp, PressContext
from bot.tg.flood import Verdict
from bot.tg.groups import command_target, is_private, question_in, replies_to_bot
from bot.tg.inflight import current
from bot.tg.keyboards import parse_callback, quick_keyboard
from bot.tg.menu import COMMAND_INTENTS, DEEP_LINKS, WITH_COMMANDS_LINE, commands_html
from bot.tg.send import Target, send_answer, send_text

log = logging.getLogger(__name__)

SLOW_DOWN = "You're sending messages faster than I can answer. Please wait a few seconds."
UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."
NOT_TEXT = "I answer typed questions about the {publisher} release “{title}” ({date}). {hint}"
NOT_TEXT_HINT = "Try “How much did referrals rise?”, or send /help."
ASK_HOW = "Ask me a question after the command, e.g. /ask how much did referrals rise?"
EXPIRED = "That button has expired. Ask me again, or send /help."
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."

Produce = Callable[[Conversation], Answer]

# Non-text messages that get the friendly "I answer typed questions" reply.
MEDIA = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.VOICE
    | filters.AUDIO
    | filters.Document.ALL
    | filters.LOCATION
    | filters.VENUE
    | filters.CONTACT
    | filters.POLL
    | filters.Dice.ALL
)


def target_of(message: Message) -> Target:
    """Replies go to the message's chat; in groups they quote the asking message."""
    return Target(
        chat_id=message.chat.id,
        reply_to=None if is_private(message) else message.message_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


def conversation_key(chat_id: int) -> str:
    """Follow-up context is kept per chat."""
    return f"telegram:{chat_id}"


async def admit(update: Update, context: PressContext) -> bool:
    """Flood control: True if this user's update may be answered; warns once when over."""
    user = update.effective_user
    if user is None:
        return True
    verdict = context.deps.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return True
    warn = verdict is Verdict.WARN
    if warn:
        log.info("flood control: user is over the limit (update %s)", update.update_id)
    if update.callback_query is not None:
        await update.callback_query.answer(SLOW_DOWN if warn else None)  # stop the spinner
    elif warn and update.effective_message is not None:
        await send_text(context.bot, target_of(update.effective_message), SLOW_DOWN)
    return False


async def respond(
    update: Update,
    context: PressContext,
    target: Target,
    produce: Produce,
    *,
    start_buttons: bool = False,
    logged: bool = False,
) -> None:
    """Answer through the engine in the chat's conversation, in order, then log the question."""
    deps = context.deps
    lock = deps.locks.for_chat(target.chat_id)
    async with lock:
        conversation = deps.conversations.get(conversation_key(target.chat_id))
        answer = produce(conversation)
        known = deps.engine.intent_ids()
        keyboard = quick_keyboard(known) if start_buttons else None
        extra = commands_html(context.bot.username) if answer.intent in WITH_COMMANDS_LINE else ""
        await send_answer(context.bot, target, answer, known, keyboard, extra_html=extra)
    if logged and deps.questionlog is not None and deps.settings.log_questions:
        await asyncio.to_thread(
            deps.questionlog.record, answer, channel="telegram", chat_id=target.chat_id
        )


def topic(context: PressContext, intent_id: str) -> Produce:
    """An engine call answering one intent (falling back to help if the id is unknown)."""
    engine = context.deps.engine
    chosen = intent_id if intent_id in engine.intent_ids() else "help"
    return lambda conversation: engine.answer_intent(chosen, conversation=conversation)


def question(context: PressContext, text: str) -> Produce:
    """An engine call answering a free-text question."""
    engine = context.deps.engine
    return lambda conversation: engine.ask(text, conversation=conversation)


# ---------------------------------------------------------------------------- handlers


async def on_start(update: Update, context: PressContext) -> None:
    """/start: a welcome with quick buttons, or straight to a topic for a deep link."""
    message = update.effective_message
    if message is None or not await admit(update, context):
        return
    payload = context.args[0].lower() if context.args else ""
    intent_id = DEEP_LINKS.get(payload, payload)
    if intent_id and intent_id in context.deps.engine.intent_ids():
        await respond(update, context, target_of(message), topic(context, intent_id))
        return
    welcome = "greeting" if "greeting" in context.deps.engine.intent_ids() else "help"
    produce = topic(context, welcome)
    await respond(update, context, target_of(message), produce, start_buttons=True)


async def on_topic_command(update: Update, context: PressContext) -> None:
    """/figures, /quote, /press …: the command's topic."""
    message = update.effective_message
    if message is None or message.text is None or not await admit(update, context):
        return
    command = message.text.split()[0].lstrip("/").split("@")[0].lower()
    intent_id = COMMAND_INTENTS.get(command, "help")
    await respond(update, context, target_of(message), topic(context, intent_id))


async def on_ask(update: Update, context: PressContext) -> None:
    """/ask <question>: a free-text question, the way to ask in groups with privacy mode."""
    message = update.effective_message
    if message is None or not await admit(update, context):
        return
    text = " ".join(context.args or [])
    if not text:
        await send_text(context.bot, target_of(message), ASK_HOW)
        return
    produce = question(context, text)
    await respond(update, context, target_of(message), produce, logged=True)


async def on_unknown_command(update: Update, context: PressContext) -> None:
    """An unknown command: explain in private chats, or if addressed to us by name in groups."""
    message = update.effective_message
    if message is None:
        return
    if not is_private(message) and command_target(message) != context.bot.username.lower():
        return
    if await admit(update, context):
        await send_text(context.bot, target_of(message), UNKNOWN_COMMAND)


async def on_text(update: Update, context: PressContext) -> None:
    """A typed question (new or edited): answered if the group rules say it is for us."""
    message = update.effective_message
    if message is None:
        return
    text = question_in(message, context.bot.username, context.bot.id)
    if text is None or not await admit(update, context):
        return
    produce = question(context, text) if text else topic(context, "help")
    await respond(update, context, target_of(message), produce, logged=bool(text))


async def on_media(update: Update, context: PressContext) -> None:
    """A sticker, photo, voice note … : explain that the bot answers typed questions."""
    message = update.effective_message
    if message is None:
        return
    if not is_private(message) and not replies_to_bot(message, context.bot.id):
        return
    if await admit(update, context):
        await send_text(context.bot, target_of(message), not_text_reply(context))


def not_text_reply(context: PressContext) -> str:
    """'I answer typed questions about …', naming the release."""
    release = context.deps.engine.knowledge.release()
    date = f"{release.date.day} {release.date:%B %Y}" if release.date else "no date"
    return NOT_TEXT.format(
        publisher=release.publisher, title=release.title, date=date, hint=NOT_TEXT_HINT
    )


async def on_button(update: Update, context: PressContext) -> None:
    """An inline button: answer its topic in the chat it was pressed in."""
    query = update.callback_query
    if query is None or not await admit(update, context):
        return
    intent_id = parse_callback(query.data)
    message = query.message
    if intent_id is None or intent_id not in context.deps.engine.intent_ids() or message is None:
        await query.answer(EXPIRED)
        return
    await query.answer()
    target = Target(chat_id=message.chat.id, reply_to=None)
    await respond(update, context, target, topic(context, intent_id))


async def on_stale_button(update: Update, context: PressContext) -> None:
    """Button data we do not recognise (an old keyboard): say it has expired."""
    if update.callback_query is not None:
        await update.callback_query.answer(EXPIRED)


async def on_error(update: object, context: PressContext) -> None:
    """Log a failed update by its id (never its content); never re-raise.

    An update from the inbox is apologised for by the dispatcher, which knows whether it will
    be tried again; any other update is apologised for here.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    log.error("update %s failed: %s", update_id, type(error).__name__ if error else "error",
              exc_info=error)
    delivery = current()
    if delivery is not None:
        delivery.error = error or RuntimeError("handler failed")
        return
    if isinstance(update, Update):
        await apologise(context.bot, update)


async def apologise(bot: Bot, update: Update) -> None:
    """Say sorry in the update's chat (not in channels); a failure to do so is only logged."""
    if update.effective_chat is None or update.effective_chat.type == ChatType.CHANNEL:
        return
    message = update.effective_message
    target = target_of(message) if message else Target(update.effective_chat.id)
    try:
        await send_text(bot, target, APOLOGY)
    except TelegramError as exc:
        log.warning("could not apologise for update %s: %s", update.update_id, exc)


# ---------------------------------------------------------------------------- registration


def register_handlers(app: PressApp) -> None:
    """Add every handler; groups and order matter where commented."""
    messages = filters.UpdateType.MESSAGES  # new and edited messages; never channel posts
    app.add_handler(CommandHandler("start", on_start, filters=messages))
    app.add_handler(CommandHandler(list(COMMAND_INTENTS), on_topic_command, filters=messages))
    app.add_handler(CommandHandler("ask", on_ask, filters=messages))
    # Admin commands (/stats, /unanswered, /reload) must come before the unknown-command
    # handler: they are filtered to admin ids, so everyone else falls through to it.
    admin_commands.register(app)
    app.add_handler(MessageHandler(messages & filters.COMMAND, on_unknown_command))
    # Text after commands, so '/cmd' never reaches the engine as a question.
    app.add_handler(MessageHandler(messages & filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(MessageHandler(messages & MEDIA, on_media))
    # Our buttons first; anything else with callback data is a stale keyboard.
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^i:"))
    app.add_handler(CallbackQueryHandler(on_stale_button))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    # Channel posts, membership changes, polls … match no handler and are ignored.
    app.add_error_handler(on_error)
