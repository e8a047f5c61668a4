"""Provides inline keyboards for answers and /start, and the callback-data format behind them.

A button's callback data is ``i:<intent id>``. Telegram allows at most 64 bytes of callback
data, so a suggestion whose data would be longer (or whose intent the engine does not know) is
left out rather than truncated into a different intent.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models import Suggestion

PREFIX = "i:"
MAX_CALLBACK_BYTES = 64
MAX_LABEL = 60
MAX_BUTTONS = 8

# Quick buttons under /start: (intent id, label).
QUICK_TOPICS: tuple[tuple[str, str], ...] = (
    ("figures_all", "Key figures"),
    ("recommendations_all", "Recommendations"),
    ("chair_quote", "The chair's quote"),
    ("contacts_all", "Contacts"),
    ("release_title", "About the release"),
)


def callback_data(intent_id: str) -> str | None:
    """``i:<intent id>``, or None if that would exceed Telegram's 64-byte limit."""
    data = PREFIX + intent_id
    if not intent_id or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        return None
    return data


def parse_callback(data: str | None) -> str | None:
    """The intent id in button data, or None if the data is not ours."""
    if not data or not data.startswith(PREFIX):
        return None
    intent_id = data[len(PREFIX) :]
    return intent_id or None


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def keyboard(
    choices: Iterable[tuple[str, str]], known: Collection[str]
) -> InlineKeyboardMarkup | None:
    """One button per row for (intent id, label) choices the engine knows; None if none fit."""
    rows: list[list[InlineKeyboardButton]] = []
    seen: set[str] = set()
    for intent_id, label in choices:
        data = callback_data(intent_id)
        if data is None or intent_id not in known or intent_id in seen or not label.strip():
            continue
        seen.add(intent_id)
        rows.append([InlineKeyboardButton(_label(label), callback_data=data)])
        if len(rows) == MAX_BUTTONS:
            break
    return InlineKeyboardMarkup(rows) if rows else None


def suggestions_keyboard(
    suggestions: Iterable[Suggestion], known: Collection[str]
) -> InlineKeyboardMarkup | None:
    """Buttons for an answer's related topics or 'did you mean' choices."""
    return keyboard(((s.intent, s.label) for s in suggestions), known)


def quick_keyboard(known: Collection[str]) -> InlineKeyboardMarkup | None:
    """The quick topic buttons shown under /start."""
    return keyboard(QUICK_TOPICS, known)
