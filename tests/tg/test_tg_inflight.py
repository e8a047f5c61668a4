"""Tests for bot/tg/inflight.py: an update's inbox row becomes "sending" before the first request
users would see and "sent" once Telegram accepts one, each once; silent requests change
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.inbox import PENDING, SENDING, SENT, Inbox
from bot.tg.inflight import Delivery, current


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    box = Inbox(tmp_path / "inbox.db")
    box.add([(7, "{}")])
    yield box
    box.close()


def test_silent_requests_leave_the_row_pending(inbox: Inbox) -> None:
    delivery = Delivery(7, inbox)
    for method in ("getMe", "sendChatAction", "getChat"):
        delivery.on_send(method)
        delivery.on_sent(method)
    assert (delivery.sent, delivery.confirmed, inbox.state_of(7)) == (False, False, PENDING)


def test_the_first_visible_request_marks_sending_then_sent(inbox: Inbox) -> None:
    delivery = Delivery(7, inbox)
    delivery.on_sent("sendMessage")  # accepted before it was marked sent: cannot happen, ignored
    assert inbox.state_of(7) == PENDING
    delivery.on_send("sendMessage")
    assert (delivery.sent, inbox.state_of(7)) == (True, SENDING)
    delivery.on_sent("sendMessage")
    assert (delivery.confirmed, inbox.state_of(7)) == (True, SENT)


def test_no_delivery_is_current_outside_a_handled_update() -> None:
    assert current() is None
