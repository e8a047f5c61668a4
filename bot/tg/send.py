"""Provides sending an engine Answer to a chat: HTML parts, a keyboard, then contact cards.

The HTML comes from ``bot.render.to_html`` (every piece of variable text escaped, figures bold,
a citation line) and is split at paragraph boundaries to fit Telegram's 4,096 characters. The
keyboard goes under the last text part; each contact the answer carries follows as a contact
card. In groups every message replies to the one that asked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram.constants import MessageLimit, ParseMode

from bot.answermodels import Answer
from bot.render import split_html, to_html
from bot.tg.contacts import contact_kwargs
from bot.tg.keyboards import suggestions_keyboard

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class Target:
    """Where replies go: a chat, optionally a forum topic and a message to reply to."""

    chat_id: int
    reply_to: int | None = None
    thread_id: int | None = None

    def reply_parameters(self) -> ReplyParameters | None:
        """Reply to the asking message, falling back to a plain send if it was deleted."""
        if self.reply_to is None:
            return None
        return ReplyParameters(self.reply_to, allow_sending_without_reply=True)


async def send_text(bot: Bot, target: Target, text: str,
                    reply_markup: InlineKeyboardMarkup | None = None) -> None:
    """Send plain text (no parse mode), e.g. admin replies that quote what users typed."""
    await bot.send_message(
        target.chat_id,
        text[: MessageLimit.MAX_TEXT_LENGTH],
        message_thread_id=target.thread_id,
        reply_parameters=target.reply_parameters(),
        link_preview_options=NO_PREVIEW,
        reply_markup=reply_markup,
    )


async def send_html(
    bot: Bot, target: Target, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Send rendered HTML, split at paragraphs; the keyboard goes on the last part."""
    parts = split_html(html, limit=MessageLimit.MAX_TEXT_LENGTH) or [html]
    for number, part in enumerate(parts, 1):
        await bot.send_message(
            target.chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if number == len(parts) else None,
            message_thread_id=target.thread_id,
            reply_parameters=target.reply_parameters() if number == 1 else None,
            link_preview_options=NO_PREVIEW,
        )


async def send_answer(
    bot: Bot,
    target: Target,
    answer: Answer,
    known_intents: Collection[str],
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    extra_html: str = "",
) -> None:
    """Send an Answer: its HTML (plus any extra paragraph) with suggestion buttons (or
    ``keyboard``), then its contact cards."""
    markup = keyboard or suggestions_keyboard(answer.suggestions, known_intents)
    html = to_html(answer) + (f"\n\n{extra_html}" if extra_html else "")
    await send_html(bot, target, html, markup)
    for card in answer.contacts:
        await bot.send_contact(
            target.chat_id, message_thread_id=target.thread_id, **contact_kwargs(card)
        )
