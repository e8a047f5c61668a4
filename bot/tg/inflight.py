"""Provides ``Delivery``, the record of the update being handled in the current task.

The dispatcher (``bot.tg.delivery``) sets one per update in a context variable. The transport
calls ``ON_SEND`` just before each request, so the inbox row becomes "sending" the moment the
first message of a reply leaves (never earlier, e.g. while waiting in the rate limiter), and
``ON_SENT`` when Telegram has accepted it ("sent": delivered, whatever happens next).
The error handler records a handler's failure here instead of apologising at once, because
the dispatcher decides whether the update is retried, quarantined or given up.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from bot.inbox import Inbox

# Methods that change nothing a user sees; calling them does not make a reply "sent".
SILENT = frozenset({"getMe", "getUpdates", "getChat", "getWebhookInfo", "sendChatAction"})


@dataclass
class Delivery:
    """One update being handled: whether any part of its reply has left, and any failure."""

    update_id: int
    inbox: Inbox
    sent: bool = False
    confirmed: bool = False
    error: BaseException | None = field(default=None, repr=False)

    def on_send(self, method: str) -> None:
        """Mark the row "sending" (once) before the first request that users would see."""
        if not self.sent and method not in SILENT:
            self.sent = True
            self.inbox.sending(self.update_id)

    def on_sent(self, method: str) -> None:
        """Telegram accepted a request users see: the reply was delivered (mark it once)."""
        if self.sent and not self.confirmed and method not in SILENT:
            self.confirmed = True
            self.inbox.sent(self.update_id)


CURRENT: ContextVar[Delivery | None] = ContextVar("pressbot_delivery", default=None)


def current() -> Delivery | None:
    """The update being handled in this task, if it came from the inbox."""
    return CURRENT.get()
