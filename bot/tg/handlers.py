"""Provides the update handlers and ``register_handlers``, the one place they are all added.

Every handler is short: work out what is being asked, let the engine answer, send the answer
(``bot.tg.send``). ``respond`` is the common path: flood check, per-chat lock so replies keep
their order, the chat's conversation for follow-ups, and the question log.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.answermodels import Answer
from bot.answers import release_label
from bot.dialogue import Conversation
from bot.releases import newest_first
from bot.tg import admin_commands, inline
from bot.tg.context import PressApp, PressContext
from bot.tg.flood import Verdict
from bot.tg.groups import command_target, is_private, question_in, replies_to_bot
from bot.tg.inflight import current
from bot.tg.keyboards import list_keyboard, parse_callback, parse_release, quick_keyboard
from bot.tg.menu import (
    COMMAND_TOPICS,
    DEEP_LINKS,
    GREETING,
    HELP,
    WITH_COMMANDS_LINE,
    Topic,
    commands_html,
)
from bot.tg.send import Target, send_answer, send_text

log = logging.getLogger(__name__)

SLOW_DOWN = "You're sending messages faster than I can answer. Please wait a few seconds."
UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."
NOT_TEXT = "I answer typed questions about the {publisher} release “{title}” ({date}). {hint}"
NOT_TEXT_HINT = "Type your question, or send /help."
ASK_HOW = "Ask me a question after the command, e.g. /ask who published the release?"
EXPIRED = "That button has expired. Ask me again, or send /help."
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
NO_RELEASE = "I don't know a release “{id}”. Send /releases to see the ones I know."
RELEASES = "The releases I know, newest first. Choose one to ask about it:"
# A deep link that looks like a release id (a date, then words) names a release.
RELEASE_ID = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+")

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
        keyboard = start_keyboard(context, conversation) if start_buttons else None
        extra = commands_html(context.bot.username) if with_commands(context, answer) else ""
        await send_answer(context.bot, target, answer, known, keyboard, extra_html=extra)
    if logged and deps.questionlog is not None and deps.settings.log_questions:
        await asyncio.to_thread(
            deps.questionlog.record, answer, channel="telegram", chat_id=target.chat_id
        )


def start_keyboard(
    context: PressContext, conversation: Conversation
) -> InlineKeyboardMarkup | None:
    """Under /start: the quick topics of the release being discussed, or, with several
    releases and none chosen, a button for each release."""
    knowledge = context.deps.engine.knowledge
    if len(knowledge.releases) > 1 and not conversation.release:
        return list_keyboard(newest_first(knowledge.releases))
    return quick_keyboard(knowledge, conversation.release)


def with_commands(context: PressContext, answer: Answer) -> bool:
    """Whether the answer is one the commands line goes under (help, the greeting)."""
    knowledge = context.deps.engine.knowledge
    return any(card is not None and card.id == answer.intent
               for card in (knowledge.card(*t) for t in WITH_COMMANDS_LINE))


def help_topic(context: PressContext) -> Produce:
    return card_topic(context, HELP)


def card_topic(context: PressContext, topic_: Topic) -> Produce:
    """An engine call answering a question type and slot from the conversation's release
    (help if no release has it)."""
    engine = context.deps.engine

    def produce(conversation: Conversation) -> Answer:
        answer = engine.answer_card(*topic_, conversation=conversation)
        if answer is None:
            answer = engine.answer_card(*HELP, conversation=conversation)
        if answer is None:  # no help card at all: the first release's overview
            return engine.open_release("", conversation=conversation)
        return answer

    return produce


def topic(context: PressContext, intent_id: str) -> Produce:
    """An engine call answering one intent (a button's); help if the id is unknown."""
    engine = context.deps.engine
    if intent_id not in engine.intent_ids():
        return help_topic(context)
    return lambda conversation: engine.answer_intent(intent_id, conversation=conversation)


def release_topic(context: PressContext, release_id: str) -> Produce:
    """An engine call answering "which release?" (or opening a release) with this one."""
    engine = context.deps.engine
    return lambda conversation: engine.choose_release(release_id, conversation=conversation)


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
    engine, target = context.deps.engine, target_of(message)
    if payload in DEEP_LINKS:
        await respond(update, context, target, card_topic(context, DEEP_LINKS[payload]))
        return
    if payload in engine.intent_ids():
        await respond(update, context, target, topic(context, payload))
        return
    if payload in {r.id for r in engine.knowledge.releases}:
        await respond(update, context, target, release_topic(context, payload))
        return
    if RELEASE_ID.fullmatch(payload):
        await send_text(context.bot, target, NO_RELEASE.format(id=payload))
        return
    welcome = GREETING if engine.knowledge.card(*GREETING) else HELP
    await respond(update, context, target, card_topic(context, welcome), start_buttons=True)


async def on_releases(update: Update, context: PressContext) -> None:
    """/releases: the releases, newest first, with a button each."""
    message = update.effective_message
    if message is None or not await admit(update, context):
        return
    releases = newest_first(context.deps.engine.knowledge.releases)
    lines = [RELEASES, *(f"• {release_label(r)}" for r in releases)]
    await send_text(context.bot, target_of(message), "\n".join(lines),
                    reply_markup=list_keyboard(releases))


async def on_topic_command(update: Update, context: PressContext) -> None:
    """/figures, /quote, /press …: the command's topic."""
    message = update.effective_message
    if message is None or message.text is None or not await admit(update, context):
        return
    command = message.text.split()[0].lstrip("/").split("@")[0].lower()
    chosen = COMMAND_TOPICS.get(command, HELP)
    await respond(update, context, target_of(message), card_topic(context, chosen))


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
    produce = question(context, text) if text else help_topic(context)
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
    release_id = parse_release(query.data)
    if release_id is not None:
        known = {r.id for r in context.deps.engine.knowledge.releases}
        if release_id not in known or message is None:
            await query.answer(EXPIRED)
            return
        await query.answer()
        target = Target(chat_id=message.chat.id, reply_to=None)
        await respond(update, context, target, release_topic(context, release_id))
        return
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
    app.add_handler(CommandHandler(list(COMMAND_TOPICS), on_topic_command, filters=messages))
    app.add_handler(CommandHandler("releases", on_releases, filters=messages))
    app.add_handler(CommandHandler("ask", on_ask, filters=messages))
    # Admin commands (/stats, /unanswered, /reload) must come before the unknown-command
    # handler: they are filtered to admin ids, so everyone else falls through to it.
    admin_commands.register(app)
    app.add_handler(MessageHandler(messages & filters.COMMAND, on_unknown_command))
    # Text after commands, so '/cmd' never reaches the engine as a question.
    app.add_handler(MessageHandler(messages & filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(MessageHandler(messages & MEDIA, on_media))
    # Our buttons first; anything else with callback data is a stale keyboard.
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^(i|rel):"))
    app.add_handler(CallbackQueryHandler(on_stale_button))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    # Channel posts, membership changes, polls … match no handler and are ignored.
    app.add_error_handler(on_error)
