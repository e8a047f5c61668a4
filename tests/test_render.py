"""Tests for bot.render: one Answer rendered to plain text, JSON and Telegram HTML, with escaping
in one place and HTML split into messages that fit Telegram's limit without breaking tags; every
intent's answer is Telegram-safe HTML, a question's own text is escaped, and an answer about a
bare release (no quote, no date) renders."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answermodels import Answer, Citation, ContactCard, Span, Suggestion
from bot.answers import AnswerBuilder
from bot.engine import Engine
from bot.models import Release
from bot.render import TELEGRAM_LIMIT, split_html, to_html, to_json, to_text
from tests.tg.tg_helpers import assert_telegram_html, html_problems

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
CITATION = Citation(source="Met data", release_title="More must be done to tackle Modern Slavery",
                    release_date=dt.date(2020, 1, 30), publisher="London Assembly")


def answer(*paragraphs: list[Span], **fields: object) -> Answer:
    values: dict[str, object] = {"question": "q", "kind": "answer", "intent": "x",
                                 "confidence": 0.5, "paragraphs": list(paragraphs)}
    values.update(fields)
    return Answer.model_validate(values)


class TagChecker(HTMLParser):
    """Checks that HTML uses only Telegram's tags and that they nest and close properly."""

    ALLOWED = {"b", "i", "code", "blockquote", "a", "u", "s", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        assert tag in self.ALLOWED, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html: str) -> str:
    """Assert the HTML is balanced; return its text content."""
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], html
    return "".join(checker.text)


# --------------------------------------------------------------------------- plain text


def test_text_joins_paragraphs_with_blank_lines_and_cites_last() -> None:
    a = answer([Span(text="Rose to "), Span(text="2,346", style="figure"), Span(text=".")],
               [Span(text="Dated.", style="note")], citations=[CITATION])
    text = to_text(a)
    assert text.split("\n\n") == ["Rose to 2,346.", "Dated.", f"Source: {CITATION.sentence()}."]


def test_text_suggestions_only_when_asked() -> None:
    a = answer([Span(text="x")], suggestions=[Suggestion(intent="a", label="Topic A"),
                                              Suggestion(intent="b", label="Topic B")])
    assert "You can also ask" not in to_text(a)
    assert to_text(a, suggestions=True).endswith("You can also ask about: Topic A; Topic B.")


def test_clarify_lists_the_choices() -> None:
    a = answer([Span(text="Did you mean “A” or “B”?")], kind="clarify", intent=None,
               suggestions=[Suggestion(intent="a", label="A"), Suggestion(intent="b", label="B")])
    lines = to_text(a, suggestions=True).split("\n\n")
    assert lines[-2:] == ["  1. A", "  2. B"]


def test_text_is_not_escaped() -> None:
    a = answer([Span(text="Police & Crime <Committee>")])
    assert to_text(a) == "Police & Crime <Committee>"


# --------------------------------------------------------------------------- JSON


def test_json_shape(engine: Engine) -> None:
    a = engine.ask("how much did referrals rise?", now=NOW)
    data = to_json(a)
    assert {"question", "text", "intent", "confidence", "sources", "suggestions"} <= set(data)
    assert data["question"] == "how much did referrals rise?"
    assert data["text"] == to_text(a)
    assert data["intent"] == "referrals_rise"
    assert isinstance(data["confidence"], float) and 0 <= data["confidence"] <= 1
    assert isinstance(data["sources"], list) and all(isinstance(s, str) for s in data["sources"])
    assert isinstance(data["suggestions"], list)
    assert all(isinstance(s, str) for s in data["suggestions"])
    json.dumps(data)  # serialisable as it is


def test_json_of_a_fallback_has_a_null_intent(engine: Engine) -> None:
    data = to_json(engine.ask("what's the weather like?", now=NOW))
    assert data["intent"] is None
    assert data["confidence"] == 0
    assert data["suggestions"]


def test_json_confidence_is_rounded() -> None:
    assert to_json(answer([Span(text="x")], confidence=0.123456))["confidence"] == 0.123


# --------------------------------------------------------------------------- Telegram HTML


def test_html_styles() -> None:
    a = answer([Span(text="Label: ", style="label"), Span(text="2,346", style="figure"),
                Span(text=" call "), Span(text="020 7983 4067", style="phone"),
                Span(text=" note", style="note")],
               [Span(text="“A quote”", style="quote")], citations=[CITATION])
    html = to_html(a)
    assert "<b>Label: </b><b>2,346</b> call <code>020 7983 4067</code><i> note</i>" in html
    assert "<blockquote>“A quote”</blockquote>" in html
    assert html.endswith(f"<i>Source: {CITATION.sentence()}.</i>")
    check_html(html)


def test_html_escapes_text_from_every_span_style() -> None:
    nasty = "<script>alert('x')</script> & <b>bold</b>"
    a = answer(*[[Span(text=nasty, style=style)] for style in
                 ("plain", "figure", "phone", "quote", "label", "note")])
    html = to_html(a)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert html.count("&lt;script&gt;") == 6
    text = check_html(html)
    assert text.count(nasty) == 6


@pytest.mark.parametrize("question", [
    "how much did referrals rise?", "what are the recommendations?", "What did Unmesh Desai say?",
    "who do journalists contact?", "I think my neighbour is a victim of trafficking",
    "what's the weather like?", "where do the figures come from?", "",
])
def test_real_answers_render_to_balanced_html_with_the_same_content(engine: Engine,
                                                                    question: str) -> None:
    a = engine.ask(question, now=NOW)
    html = to_html(a)
    text = check_html(html)
    for paragraph in to_text(a).split("\n\n"):
        if not paragraph.startswith("  "):  # clarify choices become buttons in Telegram
            assert paragraph in text


def test_contact_cards_carry_both_number_forms(engine: Engine) -> None:
    a = engine.ask("who do journalists contact?", now=NOW)
    card = a.contacts[0]
    assert isinstance(card, ContactCard)
    assert (card.phone, card.international) == ("020 7983 4067", "+44 20 7983 4067")
    assert card.organisation == "London Assembly"


# --------------------------------------------------------------------------- splitting


def test_short_html_is_one_message() -> None:
    assert split_html("<b>a</b>\n\nb") == ["<b>a</b>\n\nb"]


def test_paragraphs_are_packed_up_to_the_limit() -> None:
    paras = [f"<b>{n}</b> " + "x" * 90 for n in range(20)]
    parts = split_html("\n\n".join(paras), limit=400)
    assert all(len(p) <= 400 for p in parts)
    assert "\n\n".join(parts) == "\n\n".join(paras)
    assert len(parts) < len(paras)


words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<>&\n"),
                min_size=1, max_size=12)
paragraph = st.lists(st.tuples(st.sampled_from(["", "b", "i", "code"]), words),
                     min_size=1, max_size=40).map(
    lambda runs: " ".join(f"<{t}>{w}</{t}>" if t else w for t, w in runs))


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=12), st.integers(min_value=80, max_value=600))
def test_split_parts_fit_and_never_break_a_tag(paras: list[str], limit: int) -> None:
    html = "\n\n".join(paras)
    parts = split_html(html, limit=limit)
    assert parts
    for part in parts:
        assert 0 < len(part) <= limit
        check_html(part)
    original = " ".join(check_html(p) for p in paras).split()
    assert " ".join(check_html(p) for p in parts).split() == original


def test_a_real_answer_split_for_a_small_limit(engine: Engine) -> None:
    html = to_html(engine.ask("who do journalists contact?", now=NOW))
    assert split_html(html) == [html] and len(html) <= TELEGRAM_LIMIT
    parts = split_html(html, limit=150)
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= 150
        check_html(part)
    assert " ".join(check_html(p) for p in parts).split() == check_html(html).split()


def test_a_long_paragraph_inside_one_tag_is_split_into_valid_html() -> None:
    html = "<i>" + "word " * 100 + "</i>"
    for part in split_html(html, limit=200):
        assert len(part) <= 200
        check_html(part)


# --------------------------------------------------------------------------- HTML of every answer


def test_every_intent_renders_telegram_safe_html(engine: Engine) -> None:
    for intent_id in sorted(engine.intent_ids()):
        for part in split_html(to_html(engine.answer_intent(intent_id))):
            assert_telegram_html(part)


@pytest.mark.parametrize(
    "question",
    ["<script>alert(1)</script> referrals?", "referrals & <b>rise</b>", "R&D <i> 2018 &amp;"],
)
def test_user_text_is_escaped(engine: Engine, question: str) -> None:
    assert not html_problems(to_html(engine.ask(question)))


def test_html_checker_catches_bad_markup() -> None:
    assert html_problems("<b>open")
    assert html_problems("<u>underline</u>")
    assert html_problems("<b><i>x</b></i>")
    assert html_problems("a < b")
    assert not html_problems("<b>1,155%</b> &lt;ok&gt; &amp;")


def test_renderers_cope_with_an_answer_about_a_bare_release(engine: Engine) -> None:
    b = AnswerBuilder(engine.knowledge, engine.hours)
    release = Release(id="r")
    paras = b.fill("{quote}", release, [], []) + b.fill("{accessibility}", release, [], [])
    answer = b.invalid("x", "y").model_copy(update={
        "paragraphs": paras, "citations": [b.citation(release)]})
    text = to_text(answer)
    assert "quotes no one" in text and "undated" in text
    assert "accessible format" in to_html(answer)
