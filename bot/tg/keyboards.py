"""Provides inline keyboards for answers, /start and /releases, and their callback data.

A topic button's callback data is ``i:<intent id>``; a release button's (the answer to "which
release?", or a release in /releases) is ``rel:<release id>``. Telegram allows at most 64 bytes
of callback data, so a button whose data would be longer (or whose intent the engine does not
know) is left out rather than truncated into a different one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answermodels import Suggestion
from bot.answers import release_label
from bot.knowledge import Knowledge
from bot.models import Release
from bot.tg.menu import Topic

PREFIX = "i:"
RELEASE_PREFIX = "rel:"
MAX_CALLBACK_BYTES = 64
MAX_LABEL = 60
MAX_BUTTONS = 8

# Quick buttons under /start: (topic, label), answered from the release being discussed.
QUICK_TOPICS: tuple[tuple[Topic, str], ...] = (
    (("figures", "all"), "Key figures"),
    (("recommendation", "all"), "Recommendations"),
    (("quote", ""), "The chair's quote"),
    (("contacts", "all"), "Contacts"),
    (("release_fact", "title"), "About the release"),
)


def callback_data(intent_id: str) -> str | None:
    """``i:<intent id>``, or None if that would exceed Telegram's 64-byte limit."""
    data = PREFIX + intent_id
    if not intent_id or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        return None
    return data


def release_data(release_id: str) -> str | None:
    """``rel:<release id>``, or None if that would exceed Telegram's 64-byte limit."""
    data = RELEASE_PREFIX + release_id
    if not release_id or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        return None
    return data


def parse_release(data: str | None) -> str | None:
    """The release id in a release button's data, or None if the data is not one."""
    if not data or not data.startswith(RELEASE_PREFIX):
        return None
    return data[len(RELEASE_PREFIX) :] or None


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
    """Buttons for an answer's related topics or 'did you mean' choices; a "which release?"
    choice (a suggestion naming its release) is a release button."""
    suggestions = list(suggestions)
    if any(s.release for s in suggestions):
        return releases_keyboard((s.release, s.label) for s in suggestions if s.release)
    return keyboard(((s.intent, s.label) for s in suggestions), known)


def releases_keyboard(choices: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup | None:
    """One release button per row for (release id, label) choices; None if none fit."""
    rows = [[InlineKeyboardButton(_label(label), callback_data=data)]
            for release_id, label in choices if (data := release_data(release_id))]
    return InlineKeyboardMarkup(rows[:MAX_BUTTONS]) if rows else None


def list_keyboard(releases: Iterable[Release]) -> InlineKeyboardMarkup | None:
    """A button for each release (for /releases)."""
    return releases_keyboard((r.id, release_label(r)) for r in releases)


def quick_keyboard(knowledge: Knowledge, release: str = "") -> InlineKeyboardMarkup | None:
    """The quick topic buttons shown under /start: the release's cards (of any release when
    none is chosen; a button then asks which release)."""
    choices = [(card.id, label) for (type_, slot), label in QUICK_TOPICS
               if (card := knowledge.card(type_, slot, release))]
    return keyboard(choices, {i.id for i in knowledge.intents})
