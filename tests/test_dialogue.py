"""Tests for bot.dialogue and follow-ups: context carries over within a conversation only, and
the conversation store is bounded in size and expires idle conversations."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation, ConversationStore
from bot.engine import Engine
from bot.render import to_text

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def converse(engine: Engine, *questions: str) -> list[Answer]:
    conversation = Conversation()
    return [engine.ask(q, conversation=conversation, now=NOW) for q in questions]


# --------------------------------------------------------------------------- follow-ups


def test_and_in_2018_after_2013(engine: Engine) -> None:
    first, second = converse(engine, "How many referrals were there in 2013?", "and in 2018?")
    assert first.intent == "referrals_2013"
    assert second.intent == "referrals_2018"
    assert to_text(second).startswith("In 2018, 2,346")


def test_and_in_2013_after_2018(engine: Engine) -> None:
    _, second = converse(engine, "How many referrals were there in 2018?", "what about 2013?")
    assert second.intent == "referrals_2013"


def test_a_follow_up_needs_its_conversation(engine: Engine) -> None:
    """Without the earlier question, "and in 2018?" has no topic and is not guessed."""
    assert engine.ask("and in 2018?", now=NOW).intent is None
    assert engine.ask("and in 2018?", conversation=Conversation(), now=NOW).intent is None


def test_how_can_i_interview_him_after_the_quote(engine: Engine) -> None:
    first, second = converse(engine, "What did Unmesh Desai say?", "how can I interview him?")
    assert first.intent == "chair_quote"
    assert second.intent == "interview_request"
    text = to_text(second)
    assert "Unmesh Desai" in text and "available for interview" in text
    assert "020 7983 4067" in text


@pytest.mark.parametrize(("follow_up", "rec"), [
    ("tell me more about the one on detectives", "rec_detectives"),
    ("the second one", "rec_detectives"),
    ("the 2nd one", "rec_detectives"),
    ("and the first one?", "rec_strategy"),
    ("the third one", "rec_visa"),
    ("and the last one?", "rec_visa"),
])
def test_one_recommendation_after_the_list(engine: Engine, follow_up: str, rec: str) -> None:
    first, second = converse(engine, "what are the recommendations?", follow_up)
    assert first.intent == "recommendations_all"
    assert second.intent == rec
    sentence = next(r.sentence for r in engine.knowledge.release().recommendations if r.id == rec)
    assert sentence in to_text(second)


def test_an_ordinal_without_a_list_is_not_a_recommendation(engine: Engine) -> None:
    _, second = converse(engine, "who is the chair?", "the second one")
    assert second.intent not in ("rec_strategy", "rec_detectives", "rec_visa")


def test_where_is_that_figure_from_after_the_nrm_total(engine: Engine) -> None:
    first, second = converse(engine, "how many people were referred to the NRM?",
                             "where is that figure from?")
    assert first.intent == "nrm_total"
    assert second.intent == "figure_sources"
    text = to_text(second)
    assert "Home Office" in text and "2018 Annual Report" in text
    assert "5,143" in text
    # Only the figures asked about: the Met's London figures are not this figure's source.
    assert "Met data" not in text and "2,346" not in text


def test_where_is_that_figure_from_after_the_rise(engine: Engine) -> None:
    _, second = converse(engine, "how much did referrals rise?", "where is that figure from?")
    text = to_text(second)
    assert second.intent == "figure_sources"
    assert "Met" in text and "2,346" in text
    assert "Home Office" not in text


def test_where_do_the_figures_come_from_without_context_names_both_sources(
        engine: Engine) -> None:
    text = to_text(engine.ask("where do the figures come from?", now=NOW))
    assert "Home Office" in text and "Met" in text


def test_a_fallback_keeps_the_earlier_topic(engine: Engine) -> None:
    answers = converse(engine, "How many referrals were there in 2013?",
                       "what's the weather like?", "and in 2018?")
    assert [a.intent for a in answers] == ["referrals_2013", None, "referrals_2018"]


def test_after_safeguarding_who_do_i_call_is_still_the_helpline(engine: Engine) -> None:
    _, second = converse(engine, "I think my neighbour is a victim of trafficking",
                         "who do I call?")
    text = to_text(second)
    assert second.kind == "safeguarding"
    assert "08000 121 700" in text and "7983" not in text


def test_a_new_topic_replaces_the_old_one(engine: Engine) -> None:
    answers = converse(engine, "How many referrals were there in 2013?",
                       "what are the recommendations?", "the second one")
    assert answers[-1].intent == "rec_detectives"


# --------------------------------------------------------------------------- Conversation


def test_conversation_remembers_the_last_answered_intent_and_figures() -> None:
    c = Conversation()
    c.remember("referrals_2013", ["met_referrals_2013"])
    c.remember(None, [])  # a fallback
    assert (c.last_intent, c.last_figures, c.turns) == ("referrals_2013",
                                                        ["met_referrals_2013"], 2)
    c.remember("chair_quote", [])  # no figures: the earlier ones stay for "where from?"
    assert (c.last_intent, c.last_figures) == ("chair_quote", ["met_referrals_2013"])
    c.reset()
    assert (c.last_intent, c.last_figures) == (None, [])


# --------------------------------------------------------------------------- ConversationStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_store_returns_the_same_conversation_for_a_key() -> None:
    store = ConversationStore(clock=Clock())
    assert store.get("chat-1") is store.get("chat-1")
    assert store.get("chat-1") is not store.get("chat-2")
    assert len(store) == 2


def test_store_is_bounded_and_drops_the_least_recently_used() -> None:
    store = ConversationStore(max_entries=3, clock=Clock())
    convs = {k: store.get(k) for k in ("a", "b", "c")}
    store.get("a")  # "a" is now the most recently used
    store.get("d")
    assert len(store) == 3
    assert store.get("a") is convs["a"]
    assert store.get("c") is convs["c"]
    assert store.get("b") is not convs["b"]  # "b" was dropped, so this is a new one


def test_store_never_grows_past_its_bound() -> None:
    store = ConversationStore(max_entries=50, clock=Clock())
    for n in range(1000):
        store.get(n)
        assert len(store) <= 50


def test_store_expires_idle_conversations() -> None:
    clock = Clock()
    store = ConversationStore(ttl_seconds=60, clock=clock)
    conv = store.get("chat")
    conv.remember("referrals_2013", ["met_referrals_2013"])
    clock.now += 60
    assert store.get("chat") is conv  # exactly at the TTL: still fresh
    clock.now += 61
    fresh = store.get("chat")
    assert fresh is not conv and fresh.last_intent is None


def test_store_evicts_expired_conversations_of_other_chats() -> None:
    clock = Clock()
    store = ConversationStore(ttl_seconds=60, clock=clock)
    for key in ("a", "b", "c"):
        store.get(key)
    clock.now += 30
    store.get("b")  # refreshed
    clock.now += 40  # "a" and "c" are 70 s idle, "b" 40 s
    store.get("d")
    assert len(store) == 2  # "b" and "d"
    assert store.get("b").turns == 0 and len(store) == 2


def test_each_access_refreshes_the_ttl() -> None:
    clock = Clock()
    store = ConversationStore(ttl_seconds=60, clock=clock)
    conv = store.get("chat")
    for _ in range(10):
        clock.now += 50
        assert store.get("chat") is conv


# ------------------------------------------------------------------------- who is asking, and what


def test_saying_you_are_a_journalist_routes_later_contact_questions(engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("hi, I'm on the news desk at a local paper", conversation=conversation, now=NOW)
    engine.ask("how many referrals in 2013?", conversation=conversation, now=NOW)
    answer = engine.ask("ok who can I ring?", conversation=conversation, now=NOW)
    assert conversation.audience == "media"
    assert to_text(answer).startswith("Journalists should contact the press office")


def test_saying_you_are_not_one_routes_you_to_the_public_line(engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("I'm not a journalist, only a local resident", conversation=conversation, now=NOW)
    answer = engine.ask("is there a phone number for the press office?",
                        conversation=conversation, now=NOW)
    text = to_text(answer)
    assert conversation.audience == "public"
    assert "020 7983 4100" in text and "The press office lines are for journalists" in text


def test_without_saying_who_you_are_contacts_are_all_given(engine: Engine) -> None:
    _, answer = converse(engine, "how many referrals in 2013?", "ok who can I ring?")
    # Both lines, or (when the classifier and the matcher disagree) a "did you mean": never the
    # media line alone, as if the asker had said they were a journalist. Since the retrain on 36
    # sets the classifier reads "who can I ring?" as the public's question, and the "did you
    # mean" offers the Public Liaison Unit alone (the safe side); it used to offer them all.
    if answer.kind == "clarify":
        offered = [s.intent for s in answer.suggestions]
        assert "contacts_all" in offered or "contact_media" not in offered, offered
    else:
        assert "020 7983 4100" in to_text(answer) and "020 7983 4067" in to_text(answer)


@pytest.mark.parametrize("follow_up", ["what's his number?", "can I phone him?",
                                       "how do I reach him"])
def test_a_persons_number_is_a_phone_number(engine: Engine, follow_up: str) -> None:
    _, answer = converse(engine, "what did the chair say?", follow_up)
    assert answer.contacts and "020 7983 4067" in to_text(answer)
    assert not answer.figures  # not "the number" of referrals


@pytest.mark.parametrize("follow_up", ["and your number?", "your phone number?",
                                       "how can I reach you?", "can I ring you back on this?"])
def test_your_number_after_a_figure_is_the_press_offices(engine: Engine, follow_up: str) -> None:
    # The bot speaks for the press office: "your number" is its phone, whatever was asked.
    _, answer = converse(engine, "journalist here, how much did referrals rise since 2013?",
                         follow_up)
    assert answer.contacts and MEDIA_LINE in to_text(answer), to_text(answer)
    assert not answer.figures


@pytest.mark.parametrize("first", ["Hi, I'm from the BBC", "calling from Reuters",
                                   "we're with Sky News", "I write for the Guardian"])
def test_naming_ones_newsroom_says_one_is_a_journalist(engine: Engine, first: str) -> None:
    _, answer = converse(engine, first, "who can I talk to?")
    assert answer.intent == "contact_media", to_text(answer)


@pytest.mark.parametrize("follow_up", ["can you give me the number for 2013?",
                                       "could you tell me the number again?"])
def test_you_asking_for_a_number_still_asks_for_a_figure(engine: Engine, follow_up: str) -> None:
    _, answer = converse(engine, "how many referrals were there in 2018?", follow_up)
    assert not answer.contacts, to_text(answer)


@pytest.mark.parametrize(("first", "intent", "figure"), [
    ("how many referrals were there in 2013?", "referrals_2013", "187"),
    ("how many people were referred to the NRM?", "nrm_total", "5,143"),
])
def test_that_figure_is_the_last_figure_given(engine: Engine, first: str, intent: str,
                                              figure: str) -> None:
    _, answer = converse(engine, first, "is that number accurate?")
    assert answer.intent == intent and to_text(answer).find(figure) >= 0


def test_where_is_it_from_is_the_last_figures_source(engine: Engine) -> None:
    _, answer = converse(engine, "how many people were referred to the NRM?", "where's it from?")
    assert answer.intent == "figure_sources" and "Met data" not in to_text(answer)


def test_a_new_conversation_forgets_who_was_asking(engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("I'm a journalist", conversation=conversation, now=NOW)
    conversation.reset()
    assert conversation.audience == ""


def test_the_command_line_conversation_remembers_who_is_asking(run_cli: Any) -> None:
    stdin = b"I'm a reporter on a deadline\nhow many referrals in 2018?\nwho do I call?\n"
    result = run_cli("ask", "--jsonl", "--conversation", "--now", "2020-02-03T10:00", stdin=stdin)
    rows = [json.loads(line) for line in result.out.splitlines() if line.strip()]
    assert "Journalists should contact the press office" in json.dumps(rows[-1])


def test_that_figure_is_never_another_releases_figure_of_the_same_id(engine: Engine) -> None:
    """Figure ids are a release's own: "that figure" after an answer from one release is not
    the figure of the same id in another release."""
    reader = engine.matcher.reader
    conversation = Conversation()
    conversation.remember("a.figure.count_2022", ["count_2022"], "release-a")
    asked = reader.features("is that figure right?")
    other = conversation.follow(asked, reader, {"count_2022": 4_410.0}, "release-b")
    assert other.numbers == asked.numbers and conversation.figures_of("release-b") == []
    same = conversation.follow(asked, reader, {"count_2022": 4_410.0}, "release-a")
    assert 4_410.0 in same.numbers and conversation.figures_of("release-a") == ["count_2022"]


# --------------------------------------------------------------------------- who is asking


PUBLIC_LINE, MEDIA_LINE = "020 7983 4100", "020 7983 4067"


@pytest.mark.parametrize("said", [
    "I'm a history student writing an essay",
    "i'm a volunteer at a local charity",
    "not a journalist btw, just a resident",
])
@pytest.mark.parametrize("then", ["who should i phone?", "is there a number i can ring",
                                  "who do I get in touch with"])
def test_someone_who_said_they_are_public_gets_the_public_line_later(
        engine: Engine, said: str, then: str) -> None:
    answer = converse(engine, said, then)[-1]
    assert answer.intent == "contact_public"
    text = to_text(answer)
    assert PUBLIC_LINE in text and MEDIA_LINE not in text


@pytest.mark.parametrize("said", [
    "I'm a reporter at a local paper covering this",
    "freelance journalist here",
])
def test_a_journalist_who_said_so_earlier_gets_the_press_office_later(engine: Engine,
                                                                      said: str) -> None:
    answer = converse(engine, said, "what was the 2018 figure?", "who do I ring?")[-1]
    assert answer.intent == "contact_media"
    assert MEDIA_LINE in to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("who chairs the committee?", "could I speak to him for an article?"),
    ("what did Unmesh Desai say?", "can I speak with him for my story"),
    ("who is the chair?", "is he free to talk for a feature"),
])
def test_talking_to_the_person_just_named_is_an_interview_request(engine: Engine, first: str,
                                                                   then: str) -> None:
    answer = converse(engine, first, then)[-1]
    assert answer.intent == "interview_request"


def test_a_remembered_audience_does_not_turn_a_figure_question_into_contacts(
        engine: Engine) -> None:
    answer = converse(engine, "I'm a student", "how many referrals in 2013?")[-1]
    assert answer.intent == "referrals_2013"


# ------------------------------------------------------------------- short conversations

HELP = ("999", "08000 121 700")


@pytest.mark.parametrize(("first", "then"), [
    ("how many referrals were there in 2018?", "actually I think my neighbour is being kept"),
    ("how many referrals were there in 2018?",
     "actually i think the lady next door is being held against her will"),
    ("my neighbour never leaves the house and someone takes her wages", "what number do I call"),
    ("there's a lad at the car wash who sleeps there and never gets paid", "who do I ring?"),
    ("a woman at my work has had her passport taken by the boss", "what should I do?"),
])
def test_a_worried_follow_up_gets_999_and_the_helpline(engine: Engine, first: str,
                                                       then: str) -> None:
    answer = converse(engine, first, then)[-1]
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert all(h in text for h in HELP) and MEDIA_LINE not in text


@pytest.mark.parametrize("then", ["and at night?", "what about the weekend?",
                                  "and out of hours?", "what about after 6pm?"])
def test_out_of_hours_after_a_media_contact_question(engine: Engine, then: str) -> None:
    answer = converse(engine, "what's the press office number?", then)[-1]
    assert answer.intent == "contact_out_of_hours", to_text(answer)


@pytest.mark.parametrize("then", ["and for the public?", "what about members of the public?",
                                  "and if I'm not a journalist?"])
def test_the_public_line_after_the_media_number(engine: Engine, then: str) -> None:
    answer = converse(engine, "what's the press office number?", then)[-1]
    assert answer.intent == "contact_public", to_text(answer)
    assert PUBLIC_LINE in to_text(answer)


def test_his_number_after_the_quote(engine: Engine) -> None:
    answer = converse(engine, "what did the chair say?", "his number?")[-1]
    assert answer.contacts and MEDIA_LINE in to_text(answer)
    assert not answer.figures


@pytest.mark.parametrize("then", ["where's that from?", "source?", "where does that come from"])
def test_where_is_that_from_after_a_figure(engine: Engine, then: str) -> None:
    answer = converse(engine, "how many referrals were there in 2018?", then)[-1]
    assert answer.intent == "figure_sources", to_text(answer)


@pytest.mark.parametrize("then", ["and 2013?", "2013?", "what about in 2013"])
def test_another_year_after_a_figure(engine: Engine, then: str) -> None:
    answer = converse(engine, "how many referrals were there in 2018?", then)[-1]
    assert answer.intent == "referrals_2013", to_text(answer)


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("how many referrals in 2018?", "and before that?", "referrals_2013"),
    ("how many referrals in 2018?", "and the earlier figure?", "referrals_2013"),
    ("how much did referrals go up?", "what was the original number", "referrals_2013"),
    ("what was the London figure for 2018", "what was it to start with?", "referrals_2013"),
])
def test_the_earlier_figure_of_the_series_discussed(engine: Engine, first: str, then: str,
                                                    intent: str) -> None:
    answer = converse(engine, first, then)[-1]
    assert answer.intent == intent, to_text(answer)


@pytest.mark.parametrize("first", ["how many people were referred to the NRM?",
                                   "when was it published?"])
def test_nothing_earlier_is_not_made_up(engine: Engine, first: str) -> None:
    """The release has no earlier figure of the NRM series (nor of its date): no answer picks
    one from another series."""
    answer = converse(engine, first, "and before that?")[-1]
    assert answer.intent not in ("referrals_2013", "referrals_2018")


@pytest.mark.parametrize("then", ["out of how many in total?", "out of how many?",
                                  "and what was that out of?"])
def test_out_of_how_many_after_a_share_is_its_whole(engine: Engine, then: str) -> None:
    answer = converse(engine, "what share of NRM cases were in London?", then)[-1]
    assert answer.intent == "nrm_total", to_text(answer)
    assert "5,143" in to_text(answer)


@pytest.mark.parametrize(("first", "then", "intent"), [
    # Only a question word of the subject just discussed: the kept stacker reads it so
    # (``followup_bare``), not by the classifier's reading of "who by" alone.
    ("when was this published", "and who by?", "release_publisher"),
    ("recs?", "more on the visa point pls", "rec_visa"),
    ("press office number?", "what if its after 6", "contact_out_of_hours"),
])
def test_a_fragment_in_a_conversation_is_read_with_it(engine: Engine, first: str, then: str,
                                                      intent: str) -> None:
    """The classifier sees one message: its reading of a fragment alone ("and who by?") does
    not overrule the reading with the conversation."""
    answer = converse(engine, first, then)[-1]
    assert answer.intent == intent, to_text(answer)


@pytest.mark.parametrize("asked", [
    ("I think my neighbour is a victim of trafficking", "thanks", "and who do I call?"),
    ("the lads at the car wash sleep in the back room", "ok", "what should I do?"),
    ("the lads at the car wash sleep in the back room", "how many referrals in 2018?",
     "so what number do I ring"),
])
def test_a_person_at_risk_earlier_in_the_conversation_then_asking_whom_to_call(
        engine: Engine, asked: tuple[str, ...]) -> None:
    """The conversation so far describes someone at risk; a later "who do I call?" gets 999
    and the helpline first, even with another message between."""
    answer = converse(engine, *asked)[-1]
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert all(h in text for h in HELP) and MEDIA_LINE not in text


@pytest.mark.parametrize("first", ["how many referrals in 2018?",
                                   "how many people were referred to the NRM?"])
@pytest.mark.parametrize("then", ["how do I report one?", "what do I do if I see it",
                                  "who do i tell if i see something",
                                  "what if I suspect someone?"])
def test_a_worried_follow_up_about_what_the_figure_counts(engine: Engine, first: str,
                                                          then: str) -> None:
    """"One", "it", "someone" point at what the last figure counts (people referred as
    victims of modern slavery): read with it, the message is a witness's."""
    answer = converse(engine, first, then)[-1]
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert all(h in text for h in HELP)


@pytest.mark.parametrize(("first", "then"), [
    ("how many referrals in 2018?", "who do I call about that figure?"),
    ("how many referrals in 2018?", "is that number right?"),
    ("I'm a reporter writing about a trafficking case", "who do I call for a comment?"),
    ("how many people were referred to the NRM?", "where's it from?"),
    # A figure about victims, then a request for a number: it asks whom to call, like "what
    # number?", since nothing in it points at someone to report.
    ("how many victims of modern slavery were there?", "number please"),
    ("how many victims of modern slavery were there?", "is there a number to call?"),
])
def test_a_follow_up_about_the_figure_itself_is_not_a_report(engine: Engine, first: str,
                                                            then: str) -> None:
    assert converse(engine, first, then)[-1].kind != "safeguarding"


# ------------------------------------------------------- asking for a number after a figure

FIGURE_FIRST = "how much did referrals rise?"


@pytest.mark.parametrize("then", ["number please", "is there a number I can call?", "number?",
                                  "a number pls"])
@pytest.mark.parametrize(("said", "line", "not_line"), [
    ((), MEDIA_LINE, ""),  # nobody said who they are: the lines for everyone
    (("I'm a journalist",), MEDIA_LINE, PUBLIC_LINE),
    (("I'm a member of the public",), PUBLIC_LINE, MEDIA_LINE),
])
def test_a_number_asked_for_after_a_figure_is_a_phone_number(
        engine: Engine, then: str, said: tuple[str, ...], line: str, not_line: str) -> None:
    """The figure was just given: a bare request for "a number" asks whom to call, for the
    asker's audience; it is no report of a victim, and no request for the figure again."""
    answer = converse(engine, *said, FIGURE_FIRST, then)[-1]
    text = to_text(answer)
    assert answer.kind != "safeguarding" and answer.contacts, text
    assert line in text and not answer.figures, text
    assert not not_line or not_line not in text, text


def test_a_number_to_call_after_a_figure_is_no_figure(engine: Engine) -> None:
    """"number" beside a verb of calling is a phone number, so "that" is not the figure just
    given."""
    answer = converse(engine, FIGURE_FIRST, "what number do I call about that")[-1]
    assert not answer.figures and answer.contacts, to_text(answer)


def test_a_witness_asking_for_a_number_after_a_figure_gets_the_help_numbers(
        engine: Engine) -> None:
    """"I've seen it": what the figure counts (modern slavery), seen by a witness; the layer
    reads it so, as the classifier is not heard on a follow-up."""
    answer = converse(engine, FIGURE_FIRST, "what number do I call if I think I've seen it")[-1]
    text = to_text(answer)
    assert answer.kind == "safeguarding" and all(h in text for h in HELP), text
    assert MEDIA_LINE not in text, text


@pytest.mark.parametrize("then", ["how do I report one?", "who do i tell if i see something",
                                  "I need a number to call, someone is being held",
                                  "who do I report it to?"])
def test_a_number_asked_for_a_victim_after_a_figure_is_still_the_help_numbers(
        engine: Engine, then: str) -> None:
    answer = converse(engine, FIGURE_FIRST, then)[-1]
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert all(h in text for h in HELP)


@pytest.mark.parametrize("then", ["could you tell me the number again?", "that number?",
                                  "the number for 2013?"])
def test_the_figure_asked_for_again_is_still_a_figure(engine: Engine, then: str) -> None:
    answer = converse(engine, "how many referrals were there in 2018?", then)[-1]
    assert not answer.contacts and answer.figures, to_text(answer)


@pytest.mark.parametrize(("then", "intent"), [
    ("source?", "figure_sources"), ("who said that?", "figure_sources"),
    ("says who?", "figure_sources"), ("and the helpline?", "safeguarding")])
def test_short_follow_ups_after_a_figure(engine: Engine, then: str, intent: str) -> None:
    answer = converse(engine, FIGURE_FIRST, then)[-1]
    assert answer.intent == intent, to_text(answer)


@pytest.mark.parametrize("then", ["who do I call about that figure?",
                                  "who can I ring to check that figure",
                                  "who can I talk to about that number?"])
@pytest.mark.parametrize(("said", "line", "not_line"), [
    ((), MEDIA_LINE, ""),
    (("I'm a journalist",), MEDIA_LINE, PUBLIC_LINE),
    (("I'm a student",), PUBLIC_LINE, MEDIA_LINE),
])
def test_whom_to_call_about_the_figure_just_given_is_a_line_not_the_figure(
        engine: Engine, then: str, said: tuple[str, ...], line: str, not_line: str) -> None:
    """The figure is what the call is about: the answer is a line, for who the asker said they
    are, not the figure again."""
    answer = converse(engine, *said, FIGURE_FIRST, then)[-1]
    text = to_text(answer)
    assert answer.contacts and not answer.figures, text
    assert line in text and (not not_line or not_line not in text), text


@pytest.mark.parametrize(("then", "named"), [
    ("is there a number? I need it", False), ("any number for it?", False),
    ("is that number right?", True), ("is it the right number?", True)])
def test_a_number_said_with_a_or_any_is_not_the_figure_just_given(
        engine: Engine, then: str, named: bool) -> None:
    """The figure just given is definite ("that number", "the number"): "a number" or "any
    number" is some number, so the question is not read as naming the last figure."""
    conversation = Conversation()
    engine.ask(FIGURE_FIRST, conversation=conversation, now=NOW)
    matcher = engine.matcher
    values = {fig.id: fig.value for r in engine.knowledge.releases for fig in r.figures}
    f = matcher.features(then)
    read = conversation.follow(f, matcher.reader, values, conversation.release)
    assert (read.numbers != f.numbers) == named, read


def test_is_that_figure_right_is_still_the_figure(engine: Engine) -> None:
    answer = converse(engine, FIGURE_FIRST, "is that figure right?")[-1]
    assert answer.figures and not answer.contacts, to_text(answer)


@pytest.mark.parametrize(("first", "intent", "line"), [
    ("who's the press officer on this?", "contact_media", MEDIA_LINE),
    ("what's the number for the public?", "contact_public", PUBLIC_LINE),
])
def test_her_number_after_a_line_is_that_line(engine: Engine, first: str, intent: str,
                                              line: str) -> None:
    """"her" is the person of the line just given, so hers is that line, not every line."""
    answer = converse(engine, first, "and her number?")[-1]
    assert answer.intent == intent and line in to_text(answer), to_text(answer)


def test_another_figure_named_after_a_source_asks_where_that_one_is_from(engine: Engine) -> None:
    answer = converse(engine, "where does the 2,346 figure come from?", "and the 5,143?")[-1]
    text = to_text(answer)
    assert answer.intent == "figure_sources" and "Home Office" in text, text


@pytest.mark.parametrize("then", ["who said that?", "who said this"])
def test_who_said_that_after_the_quote_asks_who_its_speaker_is(engine: Engine, then: str) -> None:
    _, answer = converse(engine, "can I have a quote?", then)
    assert answer.intent == "chair_who", to_text(answer)


def test_his_title_after_the_quote_is_the_speakers(engine: Engine) -> None:
    _, answer = converse(engine, "can I have a quote?", "what's his job title?")
    assert answer.intent == "chair_who", to_text(answer)


def test_that_after_a_change_names_the_change_not_its_first_year(engine: Engine) -> None:
    _, answer = converse(engine, "how much did referrals go up?", "is that figure right?")
    assert answer.intent == "referrals_rise", to_text(answer)
