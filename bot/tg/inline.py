"""Provides inline mode: '@bot referrals' in any chat offers cited answer cards to drop in.

Each card is an ``InlineQueryResultArticle`` whose message is the answer's Telegram HTML (first
part only, so it fits). An empty query offers the headline figures; a query offers the engine's
answer followed by its related topics or "did you mean" choices; a query the engine cannot
answer offers a button to ask in a private chat instead. At most 50 results.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode

from bot.answermodels import Answer
from bot.engine import Engine
from bot.releases import newest_first
from bot.render import split_html, to_html
from bot.tg.context import PressContext

log = logging.getLogger(__name__)

MAX_RESULTS = InlineQueryLimit.RESULTS  # 50
# For an empty query: each release's (newest first) headline cards, by question type and slot.
HEADLINE_TYPES = ("change", "figure")
HEADLINE_TOPICS = (("figures", "all"), ("recommendation", "all"), ("contacts", "media"))
ANSWERED = frozenset({"answer", "safeguarding"})
UNANSWERED = frozenset({"fallback", "invalid"})
TITLE_LIMIT = 90
DESCRIPTION_LIMIT = 160
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(answer: Answer, paragraph: int) -> str:
    if paragraph >= len(answer.paragraphs):
        return ""
    return "".join(span.text for span in answer.paragraphs[paragraph])


def article(answer: Answer, title: str | None = None) -> InlineQueryResultArticle:
    """One inline result card for an answer."""
    html = to_html(answer)
    parts = split_html(html, limit=4096) or [html]
    key = f"{answer.intent or ''}|{answer.question}".encode()
    description = _plain(answer, 1) or (answer.citations[0].source if answer.citations else "")
    return InlineQueryResultArticle(
        id=hashlib.sha1(key, usedforsecurity=False).hexdigest(),  # 40 chars, within 64 bytes
        title=_clip(title or _plain(answer, 0) or "Answer", TITLE_LIMIT),
        description=_clip(description, DESCRIPTION_LIMIT) or None,
        input_message_content=InputTextMessageContent(
            parts[0], parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
    )


def _unique(answers: Iterable[tuple[Answer, str | None]]) -> list[tuple[Answer, str | None]]:
    seen: set[str] = set()
    kept = []
    for answer, title in answers:
        key = answer.intent or answer.question
        if key not in seen:
            seen.add(key)
            kept.append((answer, title))
    return kept


def answers_for(engine: Engine, query: str) -> list[tuple[Answer, str | None]]:
    """(answer, card title) pairs for a query; headline facts for an empty one."""
    known = engine.intent_ids()
    knowledge = engine.knowledge
    several = len(knowledge.releases) > 1
    if not query.strip():
        cards = []
        for r in newest_first(knowledge.releases):  # its figures, then its overviews
            cards += [i for i in knowledge.intents if i.release == r.id
                      and i.type in HEADLINE_TYPES]
            cards += [card for t in HEADLINE_TOPICS if (card := knowledge.card(*t, r.id))]
        return [(engine.answer_intent(c.id), _titled(engine, c.release, c.label, several))
                for c in cards][:MAX_RESULTS]
    first = engine.ask(query)
    if first.kind in UNANSWERED:
        return []  # generic suggestions would be noise while someone is still typing
    found: list[tuple[Answer, str | None]] = [(first, None)] if first.kind in ANSWERED else []
    if several and found:
        found = [(first, _titled(engine, first.release, _plain(first, 0), several))]
    for suggestion in first.suggestions:
        if suggestion.intent in known and len(found) < MAX_RESULTS:
            answer = engine.answer_intent(suggestion.intent)
            label = suggestion.label if suggestion.release else _titled(
                engine, answer.release, suggestion.label, several)
            found.append((answer, label))
    return _unique(found)[:MAX_RESULTS]


def _titled(engine: Engine, release_id: str, title: str, several: bool) -> str | None:
    """With several releases loaded, a card's title names its release ("which one?")."""
    if not several or not release_id:
        return title if several else None
    return f"{engine.knowledge.release(release_id).title}: {title}"


def results_for(engine: Engine, query: str) -> list[InlineQueryResultArticle]:
    """At most 50 inline result cards for a query."""
    return [article(answer, title) for answer, title in answers_for(engine, query)]


async def on_inline_query(update: Update, context: PressContext) -> None:
    """Inline mode: offer answer cards for what the user typed after @bot."""
    query = update.inline_query
    if query is None:
        return
    results = results_for(context.deps.engine, query.query[:256])
    button = None
    if not results:
        button = InlineQueryResultsButton(text="Ask me in a private chat", start_parameter="help")
    await query.answer(results, cache_time=60, is_personal=False, button=button)
