"""Tests for bot/batch.py: reading a ``pressbot ask --jsonl`` line (plain text, a JSON string or
an object), the one-sentence reasons a line is refused, and a batch answered line by line."""

from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest

from bot.batch import BadLine, Line, answer_lines, error_object, parse_time, read_line
from bot.engine import Engine

TZ = "Europe/London"


@pytest.mark.parametrize(("line", "question"), [
    ("how much did referrals rise?", "how much did referrals rise?"),
    ('"who is the chair?"', "who is the chair?"),
    ('"unfinished quote', '"unfinished quote'),
    ('"2018"', "2018"),
    ('"a" and "b"', '"a" and "b"'),  # starts with a quotation mark but is no JSON string
])
def test_plain_lines_and_json_strings_are_questions(line: str, question: str) -> None:
    assert read_line(line, TZ) == Line(question)


def test_an_object_gives_its_question_time_context_and_id() -> None:
    line = read_line(json.dumps({"question": "and in 2018?", "now": "2020-01-30T20:00",
                                 "context": ["how many referrals?"], "id": 7}), TZ)
    assert line == Line("and in 2018?", dt.datetime(2020, 1, 30, 20, 0, tzinfo=ZoneInfo(TZ)),
                        ["how many referrals?"], 7)


@pytest.mark.parametrize(("line", "reason", "ident"), [
    ("{not json", "not valid JSON", None),
    ('{"q": 1e999}', "not valid JSON: the number 1e999 is too large", None),
    ('{"q": NaN}', "not valid JSON: NaN is not a JSON number", None),
    ("{" * 100_000, "not valid JSON", None),
    ('{"id": 3}', "the object has no question", 3),
    ('{"q": 5, "id": "a"}', "the object has a int", "a"),
    ('{"q": "hi", "now": "yesterday", "id": 4}', "is not an ISO-8601 time", 4),
    ('{"q": "hi", "now": 5}', '"now" must be an ISO-8601 time', None),
    ('{"q": "hi", "context": "earlier"}', '"context" must be a list', None),
])
def test_a_line_meant_as_json_that_cannot_be_used_says_why(line: str, reason: str,
                                                           ident: object) -> None:
    with pytest.raises(BadLine, match=reason.replace("(", r"\(")) as caught:
        read_line(line, TZ)
    assert caught.value.id == ident


def test_a_time_without_an_offset_is_local_and_one_with_an_offset_is_kept() -> None:
    assert parse_time("2020-07-01T12:00", TZ).utcoffset() == dt.timedelta(hours=1)
    assert parse_time("2020-07-01T12:00+00:00", TZ).utcoffset() == dt.timedelta(0)


def test_an_error_object_names_the_line_and_its_id_when_known() -> None:
    assert error_object(3, "bad") == {"line": 3, "error": "bad"}
    assert error_object(3, "bad", "q7") == {"id": "q7", "line": 3, "error": "bad"}


def test_a_batch_answers_every_line_in_order_and_counts_the_failures(engine: Engine) -> None:
    out = io.StringIO()
    failed, read = answer_lines(
        engine, ["how much did referrals rise?", "{broken", '{"q": "who is the chair?", "id": 9}'],
        out, None, TZ, one_conversation=False)
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (failed, read) == (1, 3)
    assert "error" not in answers[0] and answers[0]["intent"]
    assert answers[1] == {"line": 2, "error": "not valid JSON: Expecting property name enclosed "
                                              "in double quotes"}
    assert answers[2]["id"] == 9 and "error" not in answers[2]
