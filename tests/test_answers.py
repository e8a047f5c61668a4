"""Tests for bot.answers: cited and dated figures, derived figures labelled as calculated, the
safeguarding answer, the rule that every number an answer prints comes from the release (or
is labelled, or is a safeguarding number). The contact lines an ingested release can have (a
number printed wrongly, a standing line, none) are in test_contactlines.py; how a template's
recommendations, quote, accessible formats and title are written is in test_templates.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_html, to_json, to_text
from tests.conftest import LONDON, OFFICE, ask

ROOT = Path(__file__).resolve().parent.parent
NIGHT = dt.datetime(2020, 1, 30, 22, 0, tzinfo=LONDON)
CALCULATED = "Calculated by pressbot"
NUMBER = re.compile(r"\d+(?:[,.]\d+)*")


# --------------------------------------------------------------------------- the headline answer


@pytest.fixture(scope="module")
def rise(engine: Engine) -> Answer:
    return ask(engine, "how much did referrals rise?")


def test_rise_states_the_three_figures(rise: Answer) -> None:
    text = to_text(rise)
    assert rise.intent == "referrals_rise"
    for figure in ("187", "2,346", "1,155%"):
        assert figure in text
    assert text.index("187") < text.index("2,346")


def test_rise_cites_met_data_and_the_release_with_its_date(rise: Answer) -> None:
    data = to_json(rise)
    assert len(data["sources"]) == 1
    source = data["sources"][0]
    assert source.startswith("Met data")
    assert "London Assembly" in source
    assert "More must be done to tackle Modern Slavery" in source
    assert "30 January 2020" in source
    assert f"Source: {source}." in data["text"]


def test_rise_derived_figures_are_calculated_and_labelled(rise: Answer) -> None:
    text = to_text(rise)
    assert "2,159" in text
    assert "12.5 times" in text
    label = next(p for p in text.split("\n\n") if CALCULATED in p)
    assert "2,346 − 187 = 2,159" in label
    assert "2,346 ÷ 187" in label


def test_rise_is_dated_not_current(rise: Answer) -> None:
    text = to_text(rise)
    assert "2013–2018 figures" in text
    assert "not current" in text


def test_london_share_is_more_than_about_1540_and_labelled(engine: Engine) -> None:
    answer = ask(engine, "what share of NRM cases were in London?")
    text = to_text(answer)
    assert answer.intent == "nrm_london_share"
    assert "More than 30%" in text and "5,143" in text
    assert "more than about 1,540" in text
    assert CALCULATED in text and "30% of 5,143" in text
    assert "Home Office" in " ".join(to_json(answer)["sources"])


def test_derived_results_are_never_typed_into_the_data() -> None:
    data_text = "\n".join(p.read_text(encoding="utf-8")
                          for folder in ("knowledge", "intents")
                          for p in sorted((ROOT / folder).rglob("*.yaml")))
    for derived in ("2,159", "2159", "12.5", "1,540", "1540", "1,542"):
        assert derived not in data_text


def test_derived_figures_follow_the_stored_figures(engine: Engine) -> None:
    """The derived numbers are calculated from the stored values, not constants."""
    release = engine.knowledge.release()
    figures = {f.id: f for f in release.figures}
    diff = figures["met_referrals_2018"].value - figures["met_referrals_2013"].value
    ratio = figures["met_referrals_2018"].value / figures["met_referrals_2013"].value
    share = figures["nrm_london_share_2017"].value / 100 * figures["nrm_total_2017"].value
    assert (diff, round(ratio, 1), share // 10 * 10) == (2159, 12.5, 1540)


# --------------------------------------------------------------------------- every figure answer


FIGURE_QUESTIONS = [
    "how much did referrals rise?", "How many referrals were there in 2013?",
    "How many referrals were there in 2018?", "how many referrals were there?",
    "how many people were referred to the National Referral Mechanism?",
    "what share of cases were in london?", "how does london compare with other regions?",
    "what are the key figures?",
]


@pytest.mark.parametrize("question", FIGURE_QUESTIONS)
def test_every_figure_answer_cites_source_and_release_and_is_dated(engine: Engine,
                                                                   question: str) -> None:
    answer = ask(engine, question)
    text = to_text(answer)
    assert answer.kind == "answer" and answer.figures
    assert answer.citations
    for c in answer.citations:
        assert c.source, "a figure answer names its primary source"
        assert c.release_date == dt.date(2020, 1, 30)
    assert "published on 30 January 2020" in text and "not current" in text


def test_citations_follow_the_figures_used(engine: Engine) -> None:
    nrm = to_json(ask(engine, "how many people were referred to the National Referral "
                              "Mechanism?"))
    assert [s.split(",")[0] for s in nrm["sources"]] == [
        "Home Office 2018 Annual Report on modern slavery"]
    both = to_json(ask(engine, "what are the key figures?"))
    assert {s.split(",")[0] for s in both["sources"]} == {
        "Home Office 2018 Annual Report on modern slavery", "Met data"}


def test_qualifiers_are_kept(engine: Engine) -> None:
    text = to_text(ask(engine, "how does london compare with other regions?"))
    assert "almost three times" in text
    assert "more than 30%" in text


def test_non_figure_answers_still_cite_the_release(engine: Engine) -> None:
    answer = ask(engine, "who is the chair?")
    assert answer.citations and not answer.citations[0].source
    assert "30 January 2020" in to_text(answer)


# --------------------------------------------------------------------------- safeguarding


def test_safeguarding_gets_999_and_the_helpline_and_says_where_they_come_from(
        engine: Engine) -> None:
    answer = ask(engine, "I think my neighbour is a victim of trafficking")
    text = to_text(answer)
    assert answer.kind == "safeguarding"
    assert "999" in text and "08000 121 700" in text
    assert "not in the London Assembly release" in text
    assert "7983" not in text
    assert {c.phone for c in answer.contacts} == {"999", "08000 121 700"}


@pytest.mark.parametrize("question", ["how can i help a victim of trafficking",
                                      "How can I help someone who is a victim of modern slavery?"])
def test_helping_a_victim_is_a_safeguarding_question(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.kind == "safeguarding"
    assert "08000 121 700" in to_text(answer)


# --------------------------------------------------------------------------- every printed number


def _release() -> Any:
    from bot.knowledge import load_from_files

    return load_from_files(ROOT / "knowledge", ROOT / "intents")


KNOWLEDGE = _release()
RELEASE = KNOWLEDGE.release()
RELEASE_NUMBERS = frozenset(NUMBER.findall(RELEASE.text))
# The police, said in the fallback to another crime reported (with its own "not from the
# release" note).
POLICE = KNOWLEDGE.safeguarding.other_crime.contacts if KNOWLEDGE.safeguarding.other_crime else []
PHONES = sorted({c.phone for c in RELEASE.contacts} | {"+44 " + c.phone[1:] for c in
                                                      RELEASE.contacts}
                | {c.phone for c in KNOWLEDGE.safeguarding.contacts}
                | {c.phone for c in POLICE}, key=len, reverse=True)
SAFEGUARDING_TEXT = " ".join(f"{c.when} {c.provenance}" for c in KNOWLEDGE.safeguarding.contacts)
_FIG = {f.id: f.value for f in RELEASE.figures}
DERIVED = [_FIG["met_referrals_2018"] - _FIG["met_referrals_2013"],
           _FIG["met_referrals_2018"] / _FIG["met_referrals_2013"],
           _FIG["nrm_london_share_2017"] / 100 * _FIG["nrm_total_2017"]]


def unexplained_numbers(answer: Answer, question: str) -> list[str]:
    """Numbers in the rendered answer that are not in the release, not a phone number the
    release gives (or its +44 form) or a safeguarding number, and not a calculated figure in an
    answer that labels it so."""
    text = to_text(answer, suggestions=True)
    for phone in PHONES:
        text = text.replace(phone, " ")
    if answer.contacts and {c.id for c in answer.contacts} & {"media", "out_of_hours"}:
        text = text.replace("09:00–18:00", " ")  # the configured office hours, said to be assumed
    bad = []
    for number in NUMBER.findall(text):
        if number in RELEASE_NUMBERS:
            continue
        value = float(number.replace(",", ""))
        if CALCULATED in text and any(abs(value - d) <= 0.01 * d for d in DERIVED):
            continue
        if answer.kind == "safeguarding" and number in SAFEGUARDING_TEXT:
            continue
        if (answer.kind in ("fallback", "answer", "clarify") and number in SAFEGUARDING_TEXT
                and "These numbers are not from the release." in text):
            continue  # the line of help for a possible victim (a fallback's, "did you mean"'s)
        if answer.kind == "fallback" and number in NUMBER.findall(question.replace(",", "")):
            continue  # "The release has no figures for 2022" names the year asked about
        if f"not {number}," in text and number in NUMBER.findall(question):
            continue  # a fact-check's "the figure for 2018, not 2019," names the year asked
        bad.append(number)
    return bad


def _cases() -> list[Any]:
    cases: list[Any] = []
    for intent in KNOWLEDGE.intents:
        for example in intent.examples:
            cases.append(pytest.param([], example, id=f"example:{example[:50]}"))
    lines = (ROOT / "tests" / "devset" / "questions.jsonl").read_text(encoding="utf-8")
    for n, line in enumerate(lines.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        case = json.loads(line)
        cases.append(pytest.param(case.get("context", []), case["q"],
                                  id=f"devset{n}:{case['q'][:50]}"))
    return cases


@pytest.mark.parametrize(("context", "question"), _cases())
def test_every_printed_number_is_from_the_release_or_labelled(
        engine: Engine, context: list[str], question: str) -> None:
    for now in (OFFICE, NIGHT):
        conversation = Conversation()
        for earlier in context:
            engine.ask(earlier, conversation=conversation, now=now)
        answer = engine.ask(question, conversation=conversation, now=now)
        assert unexplained_numbers(answer, question) == [], to_text(answer)


def test_the_number_check_catches_an_unexplained_number(engine: Engine) -> None:
    """The property above can fail: a number from nowhere is reported."""
    answer = ask(engine, "how much did referrals rise?")
    doctored = answer.model_copy(update={"paragraphs": [*answer.paragraphs, [
        answer.paragraphs[0][0].model_copy(update={"text": "It rose 1,234 times."})]]})
    assert unexplained_numbers(doctored, "q") == ["1,234"]
    unlabelled = answer.model_copy(update={"paragraphs": answer.paragraphs[:2]})
    assert "2,159" in unexplained_numbers(unlabelled, "q")


def test_a_relative_year_falls_back(engine: Engine) -> None:
    answer = ask(engine, "how many referrals were there last year?")
    assert answer.intent is None


def test_relative_years_are_not_printed_as_year_zero(engine: Engine) -> None:
    text = to_text(ask(engine, "how many referrals were there last year?"))
    assert "for 0" not in text
    assert "2013, 2017 and 2018" in text


def test_a_fallback_for_the_public_ends_with_help_for_a_possible_victim(engine: Engine) -> None:
    text = to_text(engine.ask("what about the thing with the bins"))
    assert "08000 121 700" in text and "999" in text
    assert "These numbers are not from the release." in text
    assert "020 7983 4067" not in text
    # A message with a sign of harm is not a fallback at all: the safeguarding answer.
    assert engine.ask("eu sou brasileira e nao me deixam sair").kind == "safeguarding"


def test_another_crime_reported_is_told_to_contact_the_police_in_every_rendering(
        engine: Engine) -> None:
    # Data (knowledge/safeguarding.yaml ``other_crime``), not a sentence in the code.
    answer = ask(engine, "where do I report a stolen wallet?")
    line = "For a crime that is not modern slavery, contact the police"
    text, data, markup = to_text(answer), to_json(answer), to_html(answer)
    assert answer.kind == "fallback" and data["kind"] == "fallback"
    assert line in text and line in data["text"] and line in markup
    assert "Police non-emergency: 101 (otherwise)" in text
    assert "<code>101</code>" in markup and "<code>999</code>" in markup
    assert "These numbers are not from the release." in text.split(line)[1].split("\n")[0]
    assert unexplained_numbers(answer, answer.question) == []
    # Only for another crime reported: a fallback about nothing in particular has no such line.
    assert line not in to_text(ask(engine, "what about the thing with the bins"))


@pytest.mark.parametrize("question", ["help me", "please help", "i need help", "help"])
def test_the_help_answer_gives_the_help_numbers_themselves(engine: Engine, question: str) -> None:
    # "help me" may be the bot's menu or a person in trouble: the menu says both, and the
    # numbers are on it, not behind another question.
    answer = engine.ask(question)
    text = to_text(answer)
    assert answer.intent == "help" or answer.kind == "safeguarding", text
    assert "999" in text and "08000 121 700" in text
    assert "020 7983 4067" not in text


def test_a_journalists_fallback_is_kept_to_the_press_lines(engine: Engine) -> None:
    text = to_text(engine.ask("journalist here, what was the mayor's budget for 2021?"))
    assert "020 7983 4067" in text
    assert "08000 121 700" not in text


def test_a_journalist_gets_the_press_line_with_the_figure(engine: Engine) -> None:
    office = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    night = dt.datetime(2020, 2, 3, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    answer = engine.ask("journalist here, whats the 2018 figure?", now=office)
    assert answer.intent == "referrals_2018"
    assert "2,346" in to_text(answer) and "020 7983 4067" in to_text(answer)
    assert "020 7983 4000" in to_text(engine.ask("reporter, 2018 figure pls", now=night))
    # The public, and anyone who does not say, get the figure without the media line.
    for question in ("student here, whats the 2018 figure?", "whats the 2018 figure?"):
        assert "020 7983 4067" not in to_text(engine.ask(question, now=office))


# --------------------------------------------------------------------------- fact-checks


@pytest.mark.parametrize(("question", "right", "asked", "intent"), [
    ("my editor reckons the met logged 2,346 referrals in 2017, is that so?", "2018", "2017",
     "referrals_2018"),
    ("were 5,143 people sent to the NRM in 2018?", "2017", "2018", "nrm_total"),
    ("so 187 referrals happened in 2016 - correct?", "2013", "2016", "referrals_2013"),
    ("two thousand three hundred and forty six london referrals in twenty seventeen, right?",
     "2018", "2017", "referrals_2018"),
    ("the home office put london at 30 per cent of nrm cases in 2019?", "2017", "2019",
     "nrm_london_share"),
])
def test_a_right_figure_with_the_wrong_year_is_corrected(
        engine: Engine, question: str, right: str, asked: str, intent: str) -> None:
    answer = ask(engine, question)
    first = "".join(s.text for s in answer.paragraphs[0])
    assert answer.intent == intent
    assert first.startswith("No: ") and f"for {right}, not {asked}," in first
    assert answer.citations and answer.citations[0].source  # the figure's source, and the date
    assert "30 January 2020" in to_text(answer)
    assert unexplained_numbers(answer, question) == []


def test_a_wrong_figure_for_a_year_gives_that_years_figure(engine: Engine) -> None:
    answer = ask(engine, "quick check: london had 187 referrals in 2018?")
    first = "".join(s.text for s in answer.paragraphs[0])
    assert answer.intent == "referrals_2018"
    assert first.startswith("No: the figure for 2018 is 2,346") and "187 is the figure for 2013" \
        in first


def test_a_year_after_publication_is_not_read_as_a_mistake(engine: Engine) -> None:
    answer = ask(engine, "did the 2,346 go up again in 2024?")
    assert "No: 2,346" not in to_text(answer)


def test_a_right_figure_and_year_gets_no_correction(engine: Engine) -> None:
    answer = ask(engine, "the met had 2,346 referrals in 2018, yes?")
    assert answer.intent == "referrals_2018" and "No:" not in to_text(answer)
