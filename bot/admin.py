"""Provides the admin commands' replies (/stats, /unanswered, /reload) as plain text.

These functions know nothing of Telegram: the Telegram layer checks ``is_admin`` first, gives
non-admins its normal "unknown command" reply (so nothing is revealed), and sends the text
these functions return without a parse mode, since it quotes what users typed.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Protocol

from bot.config import Settings
from bot.errors import KnowledgeError
from bot.questionlog import QuestionLog
from bot.report import question_line
from bot.safetext import printable

logger = logging.getLogger(__name__)

UNANSWERED_DAYS = 7
MAX_REPLY = 4000  # Telegram's limit is 4096; leave room for the layer's own additions


class Reloadable(Protocol):
    """Anything with a ``reload()`` that raises KnowledgeError and keeps the old data on error."""

    def reload(self) -> object: ...


def is_admin(settings: Settings, user_id: int | None) -> bool:
    """Whether a Telegram user may use the admin commands; unknown senders never may."""
    return user_id is not None and user_id in settings.admin_ids


def stats_text(log: QuestionLog, now: dt.datetime) -> str:
    """The /stats reply. Pass ``now`` in the office time zone so 'today' is the local day."""
    stats = log.stats(now)
    lines = [
        f"Questions today: {stats.today}",
        f"Questions this week: {stats.week}",
    ]
    rate = stats.answer_rate
    if rate is None:
        lines.append("Answer rate this week: no questions yet")
    else:
        lines.append(f"Answer rate this week: {rate:.0%} ({stats.week_answered} of {stats.week})")
    if stats.top_intents:
        lines.append("Top topics this week:")
        lines.extend(f"  {count} × {printable(intent)}" for intent, count in stats.top_intents)
    return "\n".join(lines)


def unanswered_text(log: QuestionLog, now: dt.datetime, limit: int = 10) -> str:
    """The /unanswered reply: the most frequent unanswered questions of the last seven days."""
    questions = log.unanswered(now - dt.timedelta(days=UNANSWERED_DAYS), limit)
    if not questions:
        return f"No unanswered questions in the last {UNANSWERED_DAYS} days."
    lines = [f"Top unanswered questions, last {UNANSWERED_DAYS} days:"]
    for number, q in enumerate(questions, 1):
        text = question_line(q.text, 200)  # short: the whole list fits one Telegram message
        lines.append(f"{number}. ({q.count}×) {text}")
    lines.append("Add the useful ones as examples in intents/, then /reload.")
    return _fit("\n".join(lines))


def check_summary(settings: Settings) -> str:
    """Validate knowledge/ and intents/ from the files (not the cache), as ``pressbot check``
    and /reload both do; raise KnowledgeError naming the file and the reason, else summarise."""
    from bot.knowledge import load_from_files

    k = load_from_files(settings.knowledge_dir, settings.intents_dir)
    figures = sum(len(r.figures) for r in k.releases)
    recs = sum(len(r.recommendations) for r in k.releases)
    examples = sum(len(i.examples) for i in k.intents)
    return (f"{len(k.releases)} release(s), {figures} figures, {recs} recommendations, "
            f"{len(k.intents)} intents, {examples} example questions. Every quoted sentence is "
            "in its release.")


def reload_text(engine: Reloadable, settings: Settings | None = None) -> str:
    """Run ``engine.reload()`` and describe the outcome; the old knowledge stays on failure.

    With ``settings``, the files must first pass the same validation as ``pressbot check``,
    so /reload never says "Reloaded" for data that ``pressbot check`` rejects.
    """
    try:
        if settings is not None:
            check_summary(settings)
        result = engine.reload()
    except KnowledgeError as exc:
        logger.warning("reload failed: %s", exc)
        return _fit(f"Reload failed; still serving the previous version.\n{printable(str(exc))}")
    except Exception as exc:  # an admin command must answer, whatever went wrong
        logger.exception("reload failed unexpectedly")
        return _fit(f"Reload failed unexpectedly: {type(exc).__name__}: {printable(str(exc))} "
                    "(see the log).")
    logger.info("knowledge reloaded")
    summary = f"\n{result}" if isinstance(result, str) and result else ""
    return _fit("Reloaded knowledge/ and intents/." + summary)


def _fit(text: str) -> str:
    """Cut a reply to fit one Telegram message (4096 characters), marking the cut."""
    return text if len(text) <= MAX_REPLY else text[: MAX_REPLY - 1] + "…"
