"""End-to-end tests of the bot with several releases loaded: "which release?" buttons, /releases,
/start <release-id> deep links, and inline cards titled with their release."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.tg.context import PressApp
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi
from tests.release_factory import ALLOTMENTS, POTHOLES, with_releases
from tests.tg.tg_helpers import callback_datas, exchange, make_settings

SLAVERY = "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The real release with two invented ones beside it (overrides the session engine)."""
    made = Engine.from_settings(make_settings(Path(tmp_path_factory.mktemp("many"))))
    made.use_knowledge(with_releases(made.knowledge, POTHOLES, ALLOTMENTS))
    return made


async def test_a_question_fitting_several_asks_with_release_buttons(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text("who is the chair"))
    assert "Which do you mean?" in reply.params["text"]
    datas = callback_datas(reply)
    assert datas == [f"rel:{ALLOTMENTS.id}", f"rel:{POTHOLES.id}", f"rel:{SLAVERY}"]
    assert all(len(d.encode()) <= 64 for d in datas)
    replies = await exchange(fake, f.callback_query(f"rel:{POTHOLES.id}"), replies=2)
    message = next(r for r in replies if r.method == "sendMessage")
    assert "Jane Roe AM chairs the Transport Committee" in message.params["text"]
    # The conversation is now on that release: a follow-up stays there.
    (reply,) = await exchange(fake, f.private_text("what did the chair say"))
    assert "potholes" in reply.params["text"]


async def test_releases_lists_them_newest_first_with_buttons(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text("/releases"))
    text = reply.params["text"]
    assert text.index("Grow more allotments") < text.index("Fix London's potholes") < text.index(
        "More must be done to tackle Modern Slavery")
    assert callback_datas(reply)[0] == f"rel:{ALLOTMENTS.id}"
    replies = await exchange(fake, f.callback_query(f"rel:{ALLOTMENTS.id}"), replies=2)
    message = next(r for r in replies if r.method == "sendMessage")
    assert "Grow more allotments" in message.params["text"]


async def test_a_deep_link_opens_a_release_and_a_bad_one_says_so(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    (reply,) = await exchange(fake, f.private_text(f"/start {POTHOLES.id}"))
    assert "Fix London's potholes" in reply.params["text"]
    (reply,) = await exchange(fake, f.private_text("who is the chair"))
    assert "Jane Roe AM" in reply.params["text"]
    (reply,) = await exchange(fake, f.private_text("/start 2019-01-01-no-such-release"))
    assert "/releases" in reply.params["text"]
    assert "2019-01-01-no-such-release" in reply.params["text"]


async def test_a_stale_release_button_has_expired(fake: FakeBotApi, polling_bot: PressApp) -> None:
    (reply,) = await exchange(fake, f.callback_query("rel:2019-01-01-gone"))
    assert reply.method == "answerCallbackQuery" and "expired" in reply.params["text"]
