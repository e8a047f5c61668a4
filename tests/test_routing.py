"""Tests for bot.routing and routed answers, with a frozen clock: office hours, weekends and bank
holidays in England, out-of-hours cues, the public never getting media lines, and safeguarding
never getting a press number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answermodels import Answer
from bot.engine import Engine
from bot.render import to_text
from bot.routing import OfficeHours, decide, public_lines, redirected

LONDON = ZoneInfo("Europe/London")
MEDIA, OUT_OF_HOURS, PUBLIC = "020 7983 4067", "020 7983 4000", "020 7983 4100"
RELEASE_PHONES = (MEDIA, OUT_OF_HOURS, PUBLIC)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


OFFICE = at(2020, 1, 30, 10, 0)  # a Thursday
NIGHT = at(2020, 1, 30, 22, 0)
SATURDAY = at(2020, 2, 1, 11, 0)
SUNDAY = at(2020, 2, 2, 11, 0)
CHRISTMAS = at(2020, 12, 25, 11, 0)  # a Friday
VE_DAY = at(2020, 5, 8, 11, 0)  # the moved May bank holiday, a Friday
HOURS = OfficeHours()


def lead_phone(answer: Answer) -> str:
    """The first release phone number the reader sees."""
    text = to_text(answer)
    found = [(text.index(p), p) for p in RELEASE_PHONES if p in text]
    assert found, text
    return min(found)[1]


# --------------------------------------------------------------------------- office hours


@pytest.mark.parametrize(
    ("when", "is_open"),
    [
        (OFFICE, True),
        (at(2020, 1, 30, 9, 0), True),
        (at(2020, 1, 30, 8, 59), False),
        (at(2020, 1, 30, 17, 59), True),
        (at(2020, 1, 30, 18, 0), False),
        (NIGHT, False),
        (at(2020, 1, 31, 3, 0), False),
        (SATURDAY, False),
        (SUNDAY, False),
        (CHRISTMAS, False),
        (VE_DAY, False),
        (at(2020, 4, 10, 11, 0), False),  # Good Friday
        (at(2020, 4, 13, 11, 0), False),  # Easter Monday (England, not Scotland)
        (at(2020, 8, 31, 11, 0), False),  # summer bank holiday in England
        (at(2020, 8, 3, 11, 0), True),  # summer bank holiday in Scotland only
        (at(2020, 3, 17, 11, 0), True),  # St Patrick's Day, Northern Ireland only
        (at(2020, 12, 28, 11, 0), False),  # Boxing Day substitute
    ],
)
def test_office_hours_with_england_bank_holidays(when: dt.datetime, is_open: bool) -> None:
    assert HOURS.is_open(when) is is_open


def test_holiday_names_come_from_the_calendar_package() -> None:
    assert HOURS.holiday(CHRISTMAS) is not None
    assert HOURS.holiday(OFFICE) is None


def test_times_are_compared_in_london_time() -> None:
    utc = dt.UTC
    # 08:30 UTC in July is 09:30 BST: open. In January it is 08:30 GMT: closed.
    assert HOURS.is_open(dt.datetime(2020, 7, 1, 8, 30, tzinfo=utc))
    assert not HOURS.is_open(dt.datetime(2020, 1, 30, 8, 30, tzinfo=utc))
    # 23:30 UTC on a Sunday in summer is already Monday 00:30 in London: still closed.
    assert not HOURS.is_open(dt.datetime(2020, 7, 5, 23, 30, tzinfo=utc))
    # A naive time is taken as London time.
    assert HOURS.is_open(dt.datetime(2020, 7, 1, 9, 30))
    assert not HOURS.is_open(dt.datetime(2020, 7, 1, 8, 30))


def test_office_hours_are_configuration() -> None:
    late = OfficeHours(open=dt.time(12, 0), close=dt.time(20, 0), days=frozenset({5}))
    assert late.is_open(at(2020, 2, 1, 19, 0))  # Saturday evening
    assert not late.is_open(OFFICE)
    assert "Saturday" in late.describe()
    assert HOURS.describe() == "Monday to Friday, 09:00–18:00 London time"


EASTER_MONDAY = at(2020, 4, 13, 11, 0)


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        (NIGHT, "it is the evening"),
        (at(2020, 1, 30, 18, 0), "it is the evening"),
        (at(2020, 1, 31, 3, 0), "it is night-time"),
        (at(2020, 1, 31, 7, 30), "it is early morning"),
        (SATURDAY, "it is the weekend"),
        (SUNDAY, "it is the weekend"),
        (CHRISTMAS, "it is Christmas Day, a bank holiday in England"),
        (at(2020, 12, 25, 22, 0), "it is Christmas Day, a bank holiday in England"),
        (EASTER_MONDAY, "it is Easter Monday, a bank holiday in England"),
        (OFFICE, None),
    ],
    ids=["weekday-evening", "closing-time", "small-hours", "early", "saturday", "sunday",
         "christmas", "christmas-night", "easter-monday", "office-hour"],
)
def test_the_reason_the_office_is_closed(when: dt.datetime, reason: str | None) -> None:
    assert HOURS.closed_because(when) == reason
    assert HOURS.is_open(when) is (reason is None)


def test_a_day_off_that_is_not_the_weekend_is_named() -> None:
    four_days = OfficeHours(days=frozenset(range(4)))
    assert four_days.closed_because(at(2020, 1, 31, 11, 0)) == (
        "the press office does not open on Fridays")
    assert four_days.closed_because(SATURDAY) == "it is the weekend"
    early = OfficeHours(open=dt.time(8, 0), close=dt.time(16, 0))
    assert early.closed_because(at(2020, 1, 30, 16, 30)) == "it is after hours"


# --------------------------------------------------------------------------- decide()


@pytest.mark.parametrize("route", ["media", "out_of_hours", "non_media", "all", "interview"])
@pytest.mark.parametrize("when", [OFFICE, NIGHT, SATURDAY, CHRISTMAS])
@pytest.mark.parametrize("cue", [False, True])
def test_the_public_never_gets_media_lines(route: str, when: dt.datetime, cue: bool) -> None:
    assert decide(route, "public", cue, when, HOURS).contacts == ("non_media",)


def test_decide_for_media() -> None:
    assert decide("media", "", False, OFFICE, HOURS).contacts[0] == "media"
    assert decide("media", "media", False, NIGHT, HOURS).contacts[0] == "out_of_hours"
    assert decide("media", "media", True, OFFICE, HOURS).contacts[0] == "out_of_hours"
    assert decide("out_of_hours", "", False, OFFICE, HOURS).contacts[0] == "out_of_hours"
    assert decide("all", "", False, OFFICE, HOURS).contacts == ("media", "out_of_hours",
                                                                "non_media")
    assert decide("media", "", False, NIGHT, HOURS).reason == "office closed"
    assert decide("media", "", True, OFFICE, HOURS).reason == "asked out of hours"


def test_a_closed_office_gives_no_line_that_would_ring_out() -> None:
    """Out of office hours the press officer's own line is not given: WRITING.md's rule, and a
    journalist on deadline should not ring a number nobody answers. Asked about the night while
    the office is open, both lines are given, the duty line first."""
    for when in (NIGHT, SATURDAY, CHRISTMAS):
        assert decide("media", "media", False, when, HOURS).contacts == ("out_of_hours",)
        assert decide("interview", "", False, when, HOURS).contacts == ("out_of_hours",)
        assert decide("all", "", False, when, HOURS).contacts == ("out_of_hours", "non_media")
    assert decide("media", "media", True, OFFICE, HOURS).contacts == ("out_of_hours", "media")
    assert decide("out_of_hours", "", False, OFFICE, HOURS).contacts == ("out_of_hours",
                                                                         "media")


@settings(max_examples=200, deadline=None)
@given(when=st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2035, 1, 1),
                         timezones=st.just(LONDON)),
       route=st.sampled_from(["media", "out_of_hours", "non_media", "all", "interview"]),
       audience=st.sampled_from(["", "media", "public"]), cue=st.booleans())
def test_routing_invariants_at_any_time(when: dt.datetime, route: str, audience: str,
                                        cue: bool) -> None:
    decision = decide(route, audience, cue, when, HOURS)
    assert decision.contacts
    assert len(set(decision.contacts)) == len(decision.contacts)
    if audience == "public" or route == "non_media":
        assert decision.contacts == ("non_media",)
    elif decision.contacts[0] == "media":
        assert HOURS.is_open(when) and not cue and route != "out_of_hours"
    else:
        assert decision.contacts[0] == "out_of_hours"
    if not HOURS.is_open(when):
        assert "media" not in decision.contacts


# --------------------------------------------------------------------------- routed answers


MEDIA_QUESTIONS = ["who do journalists contact?", "I'm a journalist, who do I call?",
                   "what's the number for the press office?"]


@pytest.mark.parametrize("question", MEDIA_QUESTIONS)
def test_media_question_in_office_hours_leads_with_aoife_nolan(engine: Engine,
                                                               question: str) -> None:
    answer = engine.ask(question, now=OFFICE)
    assert lead_phone(answer) == MEDIA
    assert answer.contacts[0].name == "Aoife Nolan"
    text = to_text(answer)
    assert "Aoife Nolan, 020 7983 4067" in text
    assert PUBLIC not in text


@pytest.mark.parametrize("when", [NIGHT, SATURDAY, SUNDAY, CHRISTMAS, VE_DAY],
                         ids=["22:00", "saturday", "sunday", "christmas", "ve-day"])
@pytest.mark.parametrize("question", MEDIA_QUESTIONS + ["can I interview Unmesh Desai?"])
def test_media_question_out_of_hours_leads_with_the_duty_line(engine: Engine, question: str,
                                                              when: dt.datetime) -> None:
    answer = engine.ask(question, now=when)
    assert lead_phone(answer) == OUT_OF_HOURS
    assert answer.contacts[0].id == "out_of_hours"
    text = to_text(answer)
    assert "duty press officer" in text
    assert MEDIA not in text
    assert "outside office hours" in text and "assume" in text
    reason = HOURS.closed_because(when)
    assert reason and f"because {reason}" in text


@pytest.mark.parametrize(
    ("when", "says", "never"),
    [
        (CHRISTMAS, "because it is Christmas Day, a bank holiday in England", "weekend"),
        (EASTER_MONDAY, "because it is Easter Monday, a bank holiday in England", "weekend"),
        (SATURDAY, "because it is the weekend", "bank holiday in England,"),
        (NIGHT, "because it is the evening", "weekend"),
    ],
    ids=["christmas", "easter-monday", "saturday", "weekday-evening"],
)
def test_the_out_of_hours_answer_names_the_reason(engine: Engine, when: dt.datetime, says: str,
                                                  never: str) -> None:
    text = to_text(engine.ask("I'm a journalist, who do I call?", now=when))
    assert says in text
    assert never not in text
    assert text.index(says) < text.index(OUT_OF_HOURS)


def test_in_office_hours_no_closure_reason_is_given(engine: Engine) -> None:
    text = to_text(engine.ask("I'm a journalist, who do I call?", now=OFFICE))
    assert "outside office hours" not in text and "because it is" not in text


@pytest.mark.parametrize("question", [
    "I need the press office tonight",
    "i'm a journalist, who do i call tonight?",
    "who can I call at the weekend?",
    "press office number out of hours",
])
def test_a_question_saying_tonight_or_weekend_leads_with_out_of_hours(engine: Engine,
                                                                      question: str) -> None:
    answer = engine.ask(question, now=OFFICE)
    assert lead_phone(answer) == OUT_OF_HOURS


@pytest.mark.parametrize("question", [
    "i'm a student, who can i ask about this?",
    "I'm not a journalist, who do I contact?",
    "how can a member of the public get in touch?",
    "general enquiries phone number",
])
@pytest.mark.parametrize("when", [OFFICE, NIGHT, SATURDAY])
def test_public_questions_get_only_the_public_liaison_unit(engine: Engine, question: str,
                                                           when: dt.datetime) -> None:
    answer = engine.ask(question, now=when)
    text = to_text(answer)
    assert PUBLIC in text and "Public Liaison Unit" in text
    assert MEDIA not in text and OUT_OF_HOURS not in text
    assert [c.phone for c in answer.contacts] == [PUBLIC]


def test_all_contacts_lists_the_three_lines_for_an_unknown_audience(engine: Engine) -> None:
    answer = engine.ask("contact details", now=OFFICE)
    assert [c.phone for c in answer.contacts] == [MEDIA, OUT_OF_HOURS, PUBLIC]


@pytest.mark.parametrize("question", [
    "I think my neighbour is a victim of trafficking",
    "how do I report modern slavery?",
    "someone is being forced to work and can't leave",
    "who do i call if i suspect human trafficking",
])
@pytest.mark.parametrize("when", [OFFICE, NIGHT])
def test_safeguarding_gets_999_and_helpline_never_a_press_number(engine: Engine, question: str,
                                                                  when: dt.datetime) -> None:
    answer = engine.ask(question, now=when)
    text = to_text(answer)
    assert answer.kind == "safeguarding"
    assert "999" in text and "08000 121 700" in text
    assert "7983" not in text
    assert all("7983" not in c.phone for c in answer.contacts)


def test_numbers_are_also_shown_in_international_form(engine: Engine) -> None:
    answer = engine.ask("who do journalists contact?", now=OFFICE)
    text = to_text(answer)
    assert "+44 20 7983 4067" in text and "+44 20 7983 4000" in text
    assert answer.contacts[0].international == "+44 20 7983 4067"
    public = engine.ask("public liaison unit number", now=OFFICE)
    assert "+44 20 7983 4100" in to_text(public)


def test_without_now_the_engine_reads_its_clock(make_engine: Callable[..., Engine],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine()
    monkeypatch.setattr(engine, "now", lambda: NIGHT)
    assert lead_phone(engine.ask("who do journalists contact?")) == OUT_OF_HOURS
    monkeypatch.setattr(engine, "now", lambda: OFFICE)
    assert lead_phone(engine.ask("who do journalists contact?")) == MEDIA


def test_the_engine_clock_is_london_time(engine: Engine) -> None:
    assert str(engine.now().tzinfo) == "Europe/London"


# ----------------------------------------------------- the question is what is asked, not the clock


@pytest.mark.parametrize("question", [
    "press office phone? it's a saturday, apologies",
    "reporter here, I know it's late, who handles press enquiries",
    "who's the press officer - filing tonight",
    "media line please, it's a bank holiday I realise",
    "need the press office, it's gone 7pm here",
    "I'm at the Sunday Times, can I get the press office number",
])
@pytest.mark.parametrize("when", [OFFICE, NIGHT, SATURDAY])
def test_a_time_said_in_passing_is_still_a_press_office_question(engine: Engine, question: str,
                                                                 when: dt.datetime) -> None:
    """The clock and the words "tonight", "saturday" choose which line leads, never the
    question: a press-office request out of hours is a press-office request."""
    answer = engine.ask(question, now=when)
    assert answer.intent == "contact_media"
    text = to_text(answer)
    assert OUT_OF_HOURS in text and PUBLIC not in text
    assert (MEDIA in text) == (when == OFFICE)
    if when != OFFICE:
        assert lead_phone(answer) == OUT_OF_HOURS


@pytest.mark.parametrize("question", [
    "what's the out of hours press number?",
    "is there a weekend number for journalists?",
    "which number do reporters ring at night?",
    "duty press officer contact please",
])
def test_asking_for_the_out_of_hours_line_is_that_question(engine: Engine,
                                                           question: str) -> None:
    answer = engine.ask(question, now=OFFICE)
    assert answer.intent == "contact_out_of_hours"
    assert lead_phone(answer) == OUT_OF_HOURS


@pytest.mark.parametrize("question", [
    "could the chair do a live interview this evening?",
    "is a spokesperson free for a radio slot at 8pm tonight",
    "I know it's Sunday, but could Unmesh Desai do a quick phone interview?",
])
@pytest.mark.parametrize("when", [OFFICE, SUNDAY])
def test_an_interview_request_stays_one_at_any_hour(engine: Engine, question: str,
                                                    when: dt.datetime) -> None:
    answer = engine.ask(question, now=when)
    assert answer.intent == "interview_request"
    if when == SUNDAY:
        assert lead_phone(answer) == OUT_OF_HOURS


@pytest.mark.parametrize("question", [
    "I am a nurse, who do I call about this report?",
    "as a school governor, who can I speak to about the report?",
    "caseworker for an MP here, who is the right contact?",
])
def test_someone_who_says_what_they_are_is_read_as_the_public(engine: Engine,
                                                              question: str) -> None:
    """WRITING.md: a non-journalist asking who to contact gets the Public Liaison Unit. Saying
    what you are, with no word of the press, is not being a journalist."""
    assert engine.matcher.features(question).audience == "public"
    assert MEDIA not in to_text(engine.ask(question, now=OFFICE))


@pytest.mark.parametrize("question", [
    "I run a small blog on labour rights - who could I contact about the committee's letter?",
    "youth worker in Lewisham, who do I speak to about this?",
    "Translator checking a term in the release: is there someone I can ring?",
    "my internship supervisor wants the right contact for this report",
    "social worker, who do I get in touch with at City Hall about the recommendations?",
    "Licensing officer at a borough, who should I contact about the letter?",
])
def test_askers_who_write_or_work_with_people_but_not_for_the_press_are_the_public(
        engine: Engine, question: str) -> None:
    """Bloggers, translators, interns and people who work with young people or clients are not
    the press, however they say so: a request for a line from them is the public's."""
    assert engine.matcher.features(question).audience == "public"
    assert MEDIA not in to_text(engine.ask(question, now=OFFICE))


def test_the_publics_own_line_stands_for_each_line_it_is_not_given(engine: Engine) -> None:
    """A request for the press office's lines (or all of them) from the public is for the
    public's line; an interview request is more than its lines, and stays one."""
    assert public_lines(engine.knowledge.intents) == {
        "contact_media": "contact_public", "contact_out_of_hours": "contact_public",
        "contacts_all": "contact_public"}
    assert all(redirected(r, "public") for r in ("media", "out_of_hours", "interview", "all"))
    assert not redirected("non_media", "public") and not redirected("media", "media")


@pytest.mark.parametrize("question", [
    "Soy estudiante de periodismo no, de historia: ¿a quién puedo llamar?",
    "Bonjour, je suis étudiante à Lyon, quel est le numéro pour vous joindre ?",
    "estudante em Lisboa, qual é o telefone?",
])
def test_a_student_writing_in_another_language_is_the_public(engine: Engine,
                                                             question: str) -> None:
    """Students say so in their own language as journalists do: neither is given the other's
    line."""
    assert engine.matcher.features(question).audience == "public"


@pytest.mark.parametrize("question", [
    "numéro du service de presse en dehors des heures de bureau ?",
    "Telefonnummer der Pressestelle am Wochenende?",
    "press line for the early hours?",
    "press contact for the wknd?",
])
def test_the_press_line_when_the_office_is_shut_in_other_words(engine: Engine,
                                                               question: str) -> None:
    """The press office and the hours it is shut, in another language, in the small hours or
    in texting spellings, are read as the press and out of hours."""
    f = engine.matcher.features(question)
    assert f.audience == "media" and f.after_hours


@pytest.mark.parametrize("question", [
    "I help run our student magazine at Goldsmiths, who should I ring?",
    "student radio presenter, who can I call about the release?",
    "I'm on our university student paper - who's the contact for this?",
])
def test_the_student_press_is_the_press(engine: Engine, question: str) -> None:
    """A student newspaper, radio station or magazine is the press: the question sets label a
    student journalist's request for a line the press's."""
    assert engine.matcher.features(question).audience == "media"
