"""Tests for bot/tg/admin_commands.py: /stats, /unanswered and /reload answer admins only, and
the inbox lines /stats adds (updates set aside, by id only)."""

from __future__ import annotations

from pathlib import Path

from bot.inbox import Inbox
from bot.tg.admin_commands import inbox_text
from bot.tg.context import PressApp
from bot.tg.handlers import UNKNOWN_COMMAND
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi
from tests.tg.tg_helpers import ADMIN, exchange


async def test_admin_commands_for_admins_only(fake: FakeBotApi, polling_bot: PressApp) -> None:
    await exchange(fake, f.private_text("how much did referrals rise?"))
    (reply,) = await exchange(fake, f.private_text("/stats", user_id=ADMIN))
    assert reply.params["text"].startswith("Questions today:")
    assert "parse_mode" not in reply.params
    (reply,) = await exchange(fake, f.private_text("/unanswered", user_id=ADMIN))
    assert "unanswered" in reply.params["text"].lower()
    (reply,) = await exchange(fake, f.private_text("/reload", user_id=ADMIN))
    assert reply.params["text"].startswith("Reloaded")
    for command in ["/stats", "/unanswered", "/reload"]:
        (reply,) = await exchange(fake, f.private_text(command))
        assert reply.params["text"] == UNKNOWN_COMMAND


def test_the_inbox_lines_count_and_name_the_updates_set_aside(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "inbox.db")
    try:
        assert inbox_text(inbox) == ("Inbox: 0 waiting, 0 quarantined, 0 interrupted while "
                                     "sending.")
        inbox.add([(n, '{"secret": "words"}') for n in (1, 2, 3, 4)])
        inbox.quarantine(2, "could not be read")
        inbox.quarantine(3, "handler failed 3 times")
        lines = inbox_text(inbox, shown=1).splitlines()
        assert lines[0] == "Inbox: 2 waiting, 2 quarantined, 0 interrupted while sending."
        assert len(lines) == 2 and lines[1].startswith("- update 3 (quarantined, ")
        assert lines[1].endswith(" UTC): handler failed 3 times")
        assert "secret" not in inbox_text(inbox)
    finally:
        inbox.close()
