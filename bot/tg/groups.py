"""Provides the group rules: which messages are addressed to the bot, and the question in them.

In a private chat every message is for the bot. In a group the bot answers only a message that
mentions it (``@bot …``) or replies to one of its own messages, and stays silent otherwise.
Commands are filtered by python-telegram-bot itself (``/cmd`` or ``/cmd@bot``, never
``/cmd@otherbot``).
"""

from __future__ import annotations

import re

from telegram import Chat, Message, MessageEntity


def is_private(message: Message) -> bool:
    """True for a private (one-to-one) chat."""
    return message.chat.type == Chat.PRIVATE


def replies_to_bot(message: Message, bot_id: int) -> bool:
    """True if the message replies to one of the bot's messages."""
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


def mentions_bot(message: Message, username: str, bot_id: int) -> bool:
    """True if the text or caption mentions the bot by @username or by a text mention."""
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    found = {**message.parse_entities(kinds), **message.parse_caption_entities(kinds)}
    for entity, text in found.items():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if entity.type == MessageEntity.MENTION and text.lstrip("@").lower() == username.lower():
            return True
    return False


def addressed(message: Message, username: str, bot_id: int) -> bool:
    """True if the bot should answer this message under the group rules."""
    return (
        is_private(message)
        or replies_to_bot(message, bot_id)
        or mentions_bot(message, username, bot_id)
    )


def strip_mention(text: str, username: str) -> str:
    """The text without '@username' and the surrounding whitespace or punctuation."""
    without = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(without.split()).strip(" ,:;")


def question_in(message: Message, username: str, bot_id: int) -> str | None:
    """The question to answer, or None if the message is not for the bot (or has no text)."""
    if message.text is None or not addressed(message, username, bot_id):
        return None
    return strip_mention(message.text, username)


def command_target(message: Message) -> str | None:
    """For '/cmd@name', the lower-cased 'name'; None for a bare '/cmd' or no command."""
    kinds: list[str | None] = [MessageEntity.BOT_COMMAND]
    commands = message.parse_entities(kinds)
    for entity, text in commands.items():
        if entity.offset == 0 and "@" in text:
            return text.split("@", 1)[1].lower()
    return None
