"""Provides the typed handler context: ``PressContext.deps`` holds everything handlers share.

python-telegram-bot builds a ``PressContext`` for each update (via ``ContextTypes``), so
handlers reach the engine, the conversation store, the flood gate and the question log as typed
attributes, instead of looking strings up in ``bot_data``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.dialogue import ConversationStore
from bot.engine import Engine
from bot.inbox import Inbox
from bot.questionlog import QuestionLog
from bot.tg.flood import ChatLocks, FloodGate


@dataclass
class Deps:
    """The shared state of the running bot."""

    settings: Settings
    engine: Engine
    conversations: ConversationStore
    flood: FloodGate = field(default_factory=FloodGate)
    locks: ChatLocks = field(default_factory=ChatLocks)
    questionlog: QuestionLog | None = None
    inbox: Inbox | None = None
    concurrency: int = 32

    def require_inbox(self) -> Inbox:
        """The inbox; a RuntimeError if the deps were built without one."""
        if self.inbox is None:
            raise RuntimeError("the bot needs an inbox (bot.tg.app.make_deps opens one)")
        return self.inbox

    def close(self) -> None:
        """Close the question log and the inbox."""
        if self.questionlog is not None:
            self.questionlog.close()
        if self.inbox is not None:
            self.inbox.close()


class BotData:
    """``bot_data`` for the application: created empty by PTB, bound to Deps once at build."""

    def __init__(self) -> None:
        self._deps: Deps | None = None

    def bind(self, deps: Deps) -> None:
        """Attach the shared state (done once by ``build_application``)."""
        self._deps = deps

    @property
    def deps(self) -> Deps:
        """The shared state; a RuntimeError if the application was built without it."""
        if self._deps is None:
            raise RuntimeError("the application was not built by bot.tg.app.build_application")
        return self._deps


# ExtBot[int]: the bot's rate limiter (AIORateLimiter) takes an int (max retries) per call.
class PressContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every pressbot handler receives."""

    @property
    def deps(self) -> Deps:
        """The engine, conversation store, flood gate, chat locks and question log."""
        return self.bot_data.deps


PressApp: TypeAlias = Application[
    ExtBot[int], PressContext, dict[Any, Any], dict[Any, Any], BotData, None
]
