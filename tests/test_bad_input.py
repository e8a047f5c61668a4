"""Bad input, property-based: whatever arrives (emoji, right-to-left text, control characters,
HTML, Markdown, SQL-looking text, empty text, 100 kB lines, invalid UTF-8) gets an Answer with a
non-empty text, never an exception."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_html, to_json, to_text

if TYPE_CHECKING:
    from conftest import CliResult

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
MODEST = settings(max_examples=200, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])

SAMPLES = [
    "🙂", "🚨🚨🚨", "👍🏽 referrals?", "مرحبا، كم عدد الإحالات؟", "שלום מה המספר",
    "\u202ereferrals",
    "\x00\x01\x02", "referrals\x00rise", "\x1b[31mred\x1b[0m", "\u200b\u200b", "\ufeffhello",
    "<script>alert('x')</script>", "<b>how much did referrals rise?</b>",
    "**how much** did _referrals_ rise? [link](http://example.com)", "```\ncode\n```",
    "'; DROP TABLE figures; --", "1' OR '1'='1", "SELECT * FROM intents WHERE 1=1",
    "{fig:met_referrals_2013}", "{recs}", "%s %d {0}", "\\", "../../../etc/passwd",
    "ﬁgures", "ＲＥＦＥＲＲＡＬＳ", "referrals" * 200, "2" * 300, "9" * 5000, "1,000,000,000,000",
    "\udcff\udcfe", "a\u0301\u0302\u0303" * 50,
]

# Text as people paste it: any characters, weighted towards the awkward ones.
awkward = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So", "Mn"]),
            max_size=100),
    st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=80),
    st.lists(st.sampled_from(["<b>", "</i>", "**", "_", "`", "'", '"', ";", "--", "DROP",
                              "TABLE", "referrals", "2018", "rise", "{fig:x}", "%", "\n", "&amp;",
                              "🙂", "\u202e", "\x00"]), max_size=30).map("".join),
)


def assert_usable(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    text = to_text(answer)
    assert text.strip()
    assert to_html(answer).strip()
    json.dumps(to_json(answer), ensure_ascii=False)
    assert 0.0 <= answer.confidence <= 1.0
    assert answer.kind in ("answer", "fallback", "clarify", "safeguarding", "invalid")
    if answer.kind == "answer":
        assert answer.intent is not None


@pytest.mark.parametrize("text", SAMPLES, ids=range(len(SAMPLES)))
def test_awkward_samples(engine: Engine, text: str) -> None:
    assert_usable(engine.ask(text, now=NOW))


@pytest.mark.parametrize("text", ["9" * 309, "how many referrals, " + "1" * 400 + "?"])
def test_a_huge_number(engine: Engine, text: str) -> None:
    assert_usable(engine.ask(text, now=NOW))


def test_a_huge_number_does_not_stop_a_jsonl_batch(run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("ask", "--jsonl", stdin=b"hello\n" + b"1" * 400 + b"\nthanks\n")
    assert r.code == 0, r.err
    assert len(r.out.splitlines()) == 3


@MODEST
@given(awkward)
def test_arbitrary_text_never_raises(engine: Engine, text: str) -> None:
    assert_usable(engine.ask(text, now=NOW))


@MODEST
@given(st.lists(awkward, min_size=1, max_size=6))
def test_arbitrary_conversations_never_raise(engine: Engine, texts: list[str]) -> None:
    conversation = Conversation()
    for text in ["what are the recommendations?", *texts, "the second one"]:
        assert_usable(engine.ask(text, conversation=conversation, now=NOW))


@MODEST
@given(st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003\u3000", max_size=50))
def test_whitespace_only_asks_for_a_question(engine: Engine, text: str) -> None:
    answer = engine.ask(text, now=NOW)
    assert answer.kind == "invalid"
    assert "Please type a question" in to_text(answer)


def test_a_100_kb_line(engine: Engine) -> None:
    line = "how much did referrals rise? " * (100_000 // 29 + 1)
    answer = engine.ask(line[:100_000], now=NOW)
    assert_usable(answer)
    assert answer.kind == "invalid"
    assert "too long" in to_text(answer)


def test_html_in_the_question_never_reaches_telegram_html(engine: Engine) -> None:
    answer = engine.ask("<b>hi</b> <script>alert(1)</script>", now=NOW)
    assert "<script>" not in to_html(answer)


def test_markdown_and_html_around_a_real_question_are_ignored(engine: Engine) -> None:
    for wrapped in ("<b>how much did referrals rise?</b>", "**how much did referrals rise?**",
                    "> how much did referrals rise?"):
        assert engine.ask(wrapped, now=NOW).intent == "referrals_rise"


def test_sql_looking_text_is_just_text(engine: Engine) -> None:
    before = engine.knowledge
    engine.ask("'; DROP TABLE figures; --", now=NOW)
    engine.ask("referrals'); DELETE FROM intents; --", now=NOW)
    assert engine.knowledge is before
    assert engine.ask("how much did referrals rise?", now=NOW).intent == "referrals_rise"


# --------------------------------------------------------------------------- through the CLI


def test_invalid_utf8_on_stdin_gives_one_json_line_each(run_cli: Callable[..., CliResult]
                                                        ) -> None:
    lines = [b"\xff\xfe", b"how much did \xc3\x28 referrals rise?", b"\x80\x81\x82 hello",
             b"\xed\xa0\x80", b"ok \xf0\x9f\x99", b""]
    r = run_cli("ask", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert r.code == 0 and r.err == ""
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert row["text"]
        assert "\ufffd" in row["question"] or row["question"] == ""
    assert rows[1]["intent"] == "referrals_rise"


def test_a_100_kb_line_on_stdin(run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("ask", "--jsonl", stdin=b"x" * 100_000 + b"\nhello\n")
    assert r.code == 0
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert len(rows) == 2
    assert rows[0]["intent"] is None and "too long" in rows[0]["text"]
    assert len(rows[0]["question"]) <= 200
    assert rows[1]["intent"] == "greeting"


def test_invalid_utf8_in_chat(run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("chat", stdin=b"\xff\xfe\nhello\n")
    assert r.code == 0 and r.err == ""
    assert "Hello." in r.out


def test_no_trailing_newline_on_the_last_line(run_cli: Callable[..., CliResult]) -> None:
    out = run_cli("ask", "--jsonl", stdin=b"hello\nthanks").out
    rows = [json.loads(x) for x in out.split("\n") if x]
    assert [row["intent"] for row in rows] == ["greeting", "thanks"]


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))  # under 309 digits: see test_a_huge_number
def test_arbitrary_bytes_on_stdin(run_cli: Callable[..., CliResult], data: bytes) -> None:
    r = run_cli("ask", "--jsonl", stdin=data)
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    out = r.out.split("\n")
    assert out.pop() == ""  # every object ends with a newline
    rows = [json.loads(line) for line in out]
    assert len(rows) == len(lines)
    # Every line is answered, except a line meant as a JSON object that is not a usable one,
    # which gets an error object naming it; the exit status and stderr say so.
    errors = [row for row in rows if "error" in row]
    assert all(row["text"] for row in rows if "error" not in row)
    assert all(lines[row["line"] - 1].decode("utf-8", "replace").strip().startswith("{")
               for row in errors)
    assert r.code == (1 if errors else 0)
    assert (r.err == "") == (not errors)
