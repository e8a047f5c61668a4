"""End-to-end tests of inline mode: cited answer cards, at most 50, headline facts for an empty
query, and a 'private chat' button when nothing matches."""

from __future__ import annotations

from typing import Any

from bot.tg.context import PressApp
from tests import tg_factories as f
from tests.fake_bot_api import FakeBotApi
from tests.tg.tg_helpers import assert_telegram_html


async def inline_answer(fake: FakeBotApi, query: str) -> dict[str, Any]:
    """Send an inline query and return the bot's answerInlineQuery parameters."""
    before = len(fake.sent("answerInlineQuery"))
    await fake.push_update(f.inline_query(query))
    calls = await fake.wait_calls("answerInlineQuery", before + 1)
    return calls[-1].params


def check_cards(results: list[dict[str, Any]]) -> None:
    assert len(results) <= 50
    assert len({r["id"] for r in results}) == len(results)
    for result in results:
        assert result["type"] == "article"
        assert len(result["id"].encode()) <= 64
        assert result["title"]
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert_telegram_html(content["message_text"])


async def test_a_query_offers_cited_figure_cards(fake: FakeBotApi, polling_bot: PressApp) -> None:
    params = await inline_answer(fake, "how much did referrals rise")
    results = params["results"]
    check_cards(results)
    first = results[0]["input_message_content"]["message_text"]
    assert "<b>1,155%</b>" in first and "Source:" in first
    assert len(results) > 1  # related topics follow


async def test_an_empty_query_offers_the_headline_facts(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    params = await inline_answer(fake, "")
    results = params["results"]
    check_cards(results)
    texts = " ".join(r["input_message_content"]["message_text"] for r in results)
    assert "1,155%" in texts and "5,143" in texts


async def test_nothing_matching_offers_a_private_chat(
    fake: FakeBotApi, polling_bot: PressApp
) -> None:
    params = await inline_answer(fake, "zzzz qqqq")
    assert params["results"] == []
    assert params["button"]["start_parameter"] == "help"
