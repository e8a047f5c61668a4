"""Provides factories for Telegram updates, as the JSON dicts the Bot API sends.

The fake Bot API server (``tests.fake_bot_api``) gives each pushed update its ``update_id``;
webhook tests add one with ``with_id``. Entity offsets are in UTF-16 code units, like
Telegram's.
"""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

from tests.fake_bot_api import BOT_ID, BOT_USERNAME

ALICE = 1001
BOB = 1002
GROUP = -100777
CHANNEL = -100999

_message_ids = itertools.count(1)
_query_ids = itertools.count(1)


def user(user_id: int = ALICE, first_name: str = "Alice") -> dict[str, Any]:
    """A human Telegram user."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def bot_user() -> dict[str, Any]:
    """The bot under test, as it appears in messages it sent."""
    return {"id": BOT_ID, "is_bot": True, "first_name": "Press Bot", "username": BOT_USERNAME}


def private_chat(user_id: int = ALICE) -> dict[str, Any]:
    """The private chat with a user."""
    return {"id": user_id, "type": "private", "first_name": "Alice"}


def group_chat(chat_id: int = GROUP) -> dict[str, Any]:
    """A supergroup the bot is a member of."""
    return {"id": chat_id, "type": "supergroup", "title": "Newsroom"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities, as Telegram would mark them in ``text``."""
    found = []
    for match in re.finditer(r"(?<!\S)/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{5,}", text):
        kind = "bot_command" if match.group(0).startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        offset = _utf16_len(text[: match.start()])
        found.append({"type": kind, "offset": offset, "length": _utf16_len(match.group(0))})
    return found


def message(
    text: str | None = None,
    *,
    chat: dict[str, Any] | None = None,
    sender: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
    **content: Any,
) -> dict[str, Any]:
    """A message dict; ``text`` gets entities; other content (sticker, photo …) via kwargs."""
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat or private_chat(),
        "from": sender or user(),
        **content,
    }
    if text is not None:
        msg["text"] = text
        entities = entities_for(text)
        if entities:
            msg["entities"] = entities
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    return msg


def private_text(text: str, *, user_id: int = ALICE) -> dict[str, Any]:
    """A text message (or command) in a private chat."""
    return {"message": message(text, chat=private_chat(user_id), sender=user(user_id))}


def group_text(
    text: str, *, chat_id: int = GROUP, user_id: int = ALICE, reply_to: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A text message in a group, optionally replying to another message."""
    msg = message(text, chat=group_chat(chat_id), sender=user(user_id), reply_to=reply_to)
    return {"message": msg}


def bot_message_in(chat: dict[str, Any], text: str = "Earlier answer") -> dict[str, Any]:
    """A message the bot sent earlier (for replies to it)."""
    return message(text, chat=chat, sender=bot_user())


def edited_private_text(text: str, *, user_id: int = ALICE) -> dict[str, Any]:
    """An edited text message in a private chat."""
    msg = message(text, chat=private_chat(user_id), sender=user(user_id))
    msg["edit_date"] = int(time.time())
    return {"edited_message": msg}


def private_media(kind: str, *, user_id: int = ALICE) -> dict[str, Any]:
    """A non-text private message: sticker, photo, voice, document, location or contact."""
    contents: dict[str, dict[str, Any]] = {
        "sticker": {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "s1u",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        "photo": {"photo": [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}]},
        "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1u", "duration": 3}},
        "document": {"document": {"file_id": "d1", "file_unique_id": "d1u", "file_name": "a.pdf"}},
        "location": {"location": {"latitude": 51.5, "longitude": -0.08}},
        "contact": {"contact": {"phone_number": "+440000000000", "first_name": "Someone"}},
    }
    content = contents[kind]
    return {"message": message(chat=private_chat(user_id), sender=user(user_id), **content)}


def channel_post(text: str = "Channel news") -> dict[str, Any]:
    """A post in a channel the bot administers."""
    chat = {"id": CHANNEL, "type": "channel", "title": "News"}
    msg = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat, "text": text}
    return {"channel_post": msg}


def member_joined(chat_id: int = GROUP) -> dict[str, Any]:
    """A 'new_chat_members' service message in a group."""
    return {"message": message(chat=group_chat(chat_id), new_chat_members=[user(BOB, "Bob")])}


def my_chat_member(chat_id: int = GROUP) -> dict[str, Any]:
    """The bot being added to a group (a my_chat_member update)."""
    status = {"user": bot_user(), "status": "member"}
    return {
        "my_chat_member": {
            "chat": group_chat(chat_id),
            "from": user(),
            "date": int(time.time()),
            "old_chat_member": {**status, "status": "left"},
            "new_chat_member": status,
        }
    }


def poll_answer() -> dict[str, Any]:
    """An update type the bot never asks for."""
    return {
        "poll_answer": {
            "poll_id": "1",
            "user": user(),
            "option_ids": [0],
            "option_persistent_ids": ["o0"],
        }
    }


def callback_query(
    data: str, *, user_id: int = ALICE, chat_id: int | None = None
) -> dict[str, Any]:
    """A press of an inline button under one of the bot's messages."""
    chat = private_chat(user_id) if chat_id is None else group_chat(chat_id)
    return {
        "callback_query": {
            "id": str(next(_query_ids)),
            "from": user(user_id),
            "chat_instance": "ci-1",
            "data": data,
            "message": bot_message_in(chat),
        }
    }


def inline_query(query: str, *, user_id: int = ALICE) -> dict[str, Any]:
    """An inline query typed as '@bot <query>' in any chat."""
    return {
        "inline_query": {
            "id": f"iq{next(_query_ids)}",
            "from": user(user_id),
            "query": query,
            "offset": "",
        }
    }


def with_id(update: dict[str, Any], update_id: int) -> dict[str, Any]:
    """The update with an update_id (for posting to a webhook)."""
    return {"update_id": update_id, **update}


def old_shape_poll() -> dict[str, Any]:
    """A poll as an older Bot API server sends it (no ``persistent_id``): python-telegram-bot
    cannot parse it."""
    return {
        "poll": {
            "id": "5044", "question": "Which figure?", "total_voter_count": 0,
            "options": [{"text": "1,155%", "voter_count": 0}], "is_closed": False,
            "is_anonymous": True, "type": "regular", "allows_multiple_answers": False,
        }
    }
