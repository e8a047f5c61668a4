"""Tests for bot.followups: short messages that name only who is asking, or a bare number, in
and out of a conversation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
MEDIA_LINE, PUBLIC_LINE = "020 7983 4067", "020 7983 4100"
HELP = ("999", "08000 121 700")


def converse(engine: Engine, *questions: str) -> Answer:
    conversation = Conversation()
    return [engine.ask(q, conversation=conversation, now=NOW) for q in questions][-1]


@pytest.mark.parametrize(("asked", "intent", "line", "not_line"), [
    *[(a, "contact_media", MEDIA_LINE, PUBLIC_LINE)
      for a in ["press", "media", "journalist", "journalists", "Press?", "media enquiries",
                "the press", "reporter"]],
    *[(a, "contact_public", PUBLIC_LINE, MEDIA_LINE)
      for a in ["public", "member of the public", "public enquiries", "general public",
                "not press"]],
])
@pytest.mark.parametrize("in_conversation", [False, True])
def test_naming_only_an_audience_gets_its_line(engine: Engine, asked: str, intent: str,
                                               line: str, not_line: str,
                                               in_conversation: bool) -> None:
    """The press get the press office; the public the Public Liaison Unit, never the media line."""
    answer = converse(engine, asked) if in_conversation else engine.ask(asked, now=NOW)
    text = to_text(answer)
    assert answer.intent == intent and line in text, text
    assert not_line not in text


def test_a_resident_is_offered_the_public_line(engine: Engine) -> None:
    answer = engine.ask("resident", now=NOW)
    assert {s.intent for s in answer.suggestions} & {"contact_public"} or (
        answer.intent == "contact_public"), to_text(answer)
    assert MEDIA_LINE not in to_text(answer)


@pytest.mark.parametrize("asked", ["contacts", "contact", "phone numbers", "contact details"])
def test_contacts_alone_get_every_line(engine: Engine, asked: str) -> None:
    text = to_text(engine.ask(asked, now=NOW))
    assert MEDIA_LINE in text and PUBLIC_LINE in text


@pytest.mark.parametrize("asked", ["number?", "number please", "a number?"])
@pytest.mark.parametrize("in_conversation", [False, True])
def test_a_bare_number_with_nothing_said_before_is_a_phone_number(
        engine: Engine, asked: str, in_conversation: bool) -> None:
    """"number?" names no figure (the release has many): the matcher reads a phone number, and
    where the classifier reads a figure the rule offers both; never the key figures alone."""
    answer = converse(engine, asked) if in_conversation else engine.ask(asked, now=NOW)
    offered = {s.intent for s in answer.suggestions}
    lines = {"contacts_all", "contact_media", "contact_public"}
    if answer.kind == "clarify":
        assert offered & lines, to_text(answer)
    else:
        assert answer.intent == "contacts_all", to_text(answer)


@pytest.mark.parametrize(("then", "intent", "line", "not_line"), [
    ("i'm a freelance photographer covering this for an agency", "contact_media", MEDIA_LINE,
     PUBLIC_LINE),
    ("I'm a student at UCL", "contact_public", PUBLIC_LINE, MEDIA_LINE),
])
def test_saying_who_asks_right_after_the_lines_asks_for_that_line(
        engine: Engine, then: str, intent: str, line: str, not_line: str) -> None:
    answer = converse(engine, "how do I contact you", then)
    text = to_text(answer)
    assert answer.intent == intent and line in text and not_line not in text, text


def test_saying_who_asks_after_a_figure_asks_for_no_line(engine: Engine) -> None:
    answer = converse(engine, "how many referrals in 2018?", "I'm a student at UCL")
    assert answer.intent != "contact_public", to_text(answer)


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("What's the press office number?", "is there another number?", "contact_out_of_hours"),
    ("What's the press office number?", "any other line?", "contact_out_of_hours"),
    ("what's the out of hours press number?", "and the daytime one?", "contact_media"),
    ("what's the out of hours press number?", "is there another number?", "contact_media"),
])
def test_the_other_of_the_press_offices_two_lines(engine: Engine, first: str, then: str,
                                                  intent: str) -> None:
    answer = converse(engine, first, then)
    assert answer.intent == intent, to_text(answer)


def test_another_number_after_the_public_line_is_no_media_line(engine: Engine) -> None:
    answer = converse(engine, "what's the number for the public?", "is there another number?")
    assert MEDIA_LINE not in to_text(answer), to_text(answer)


@pytest.mark.parametrize("then", ["and the total?", "what was the total?", "total?"])
def test_the_total_after_a_share_is_its_whole(engine: Engine, then: str) -> None:
    answer = converse(engine, "what's the London share of NRM referrals", then)
    assert answer.intent == "nrm_total" and "5,143" in to_text(answer), to_text(answer)


def test_a_share_named_by_its_value_of_what_is_its_whole(engine: Engine) -> None:
    answer = converse(engine, "what share of cases were in london", "30% of what though")
    assert answer.intent == "nrm_total" and "5,143" in to_text(answer), to_text(answer)


def test_another_share_of_what_is_not_the_whole(engine: Engine) -> None:
    # 40% is not the share just given: no reading of it as that share's whole.
    answer = converse(engine, "what share of cases were in london", "40% of what?")
    assert answer.intent != "nrm_total", to_text(answer)


@pytest.mark.parametrize(("first", "intent"), [
    ("number for the press office?", "contact_out_of_hours"),
    ("I'm a student, who do I contact?", "contact_public"),
])
def test_a_time_said_right_after_a_line_asks_for_that_times_line(engine: Engine, first: str,
                                                                 intent: str) -> None:
    answer = converse(engine, first, "it's saturday tho, will anyone pick up?")
    assert answer.intent == intent, to_text(answer)


def test_a_time_said_after_a_figure_asks_for_no_line(engine: Engine) -> None:
    # No line is answered for that time: the figure's words carried over read nothing else in
    # it, so it falls back (whose closing words say whom to ask, as every fallback's do).
    answer = converse(engine, "how many referrals in 2018?", "it's saturday tho")
    assert answer.kind != "answer" or not answer.contacts, to_text(answer)
    assert MEDIA_LINE not in to_text(answer) and "020 7983 4000" not in to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("how many referrals were there in 2018?", "how does that compare with 2013?"),
    ("what was the 2018 referral figure", "and the change since 2013?"),
    ("referrals in 2018?", "how does that compare to before?"),
])
def test_a_figure_set_beside_another_year_is_the_change_between_them(
        engine: Engine, first: str, then: str) -> None:
    answer = converse(engine, first, then)
    assert answer.intent == "referrals_rise", to_text(answer)


def test_a_figure_set_beside_a_year_the_series_has_no_change_for_is_no_change(
        engine: Engine) -> None:
    answer = converse(engine, "how many referrals were there in 2018?",
                      "how does that compare to 2016?")
    assert answer.intent != "referrals_rise", to_text(answer)


def test_the_start_and_end_figures_of_a_change_are_the_change(engine: Engine) -> None:
    answer = converse(engine, "how much did referrals rise?",
                      "what were the start and end numbers?")
    text = to_text(answer)
    assert answer.intent == "referrals_rise" and "187" in text and "2,346" in text, text


def test_the_start_of_a_change_alone_is_its_first_year(engine: Engine) -> None:
    answer = converse(engine, "how much did referrals rise?", "what was the starting figure?")
    assert answer.intent == "referrals_2013", to_text(answer)


@pytest.mark.parametrize(("then", "intent"), [
    ("why the visa bit?", "rec_visa"),
    ("the detectives one?", "rec_detectives"),
])
def test_a_fragment_naming_an_item_of_a_list_is_that_item(engine: Engine, then: str,
                                                           intent: str) -> None:
    answer = converse(engine, "what are the recommendations?", then)
    assert answer.intent == intent, to_text(answer)


@pytest.mark.parametrize(("then", "intent"), [
    ("thanks, and in 2013?", "referrals_2013"),
    ("cheers, what about 2013", "referrals_2013"),
    ("thanks that's all", "thanks"),  # small talk alone
    ("ok thanks", "thanks"),
])
def test_small_talk_then_a_fragment_is_read_as_the_fragment(engine: Engine, then: str,
                                                            intent: str) -> None:
    """"thanks, and in 2013?" after the 2018 figure asks for the 2013 one (``after_small_talk``);
    "thanks, that's all" is still thanked."""
    answer = converse(engine, "how many referrals were there in 2018?", then)
    assert answer.intent == intent, to_text(answer)



@pytest.mark.parametrize("then", [
    "thank you for your help, bye",
    "what sort of things can I ask you?",
    "ok. who made this bot?",
])
def test_small_talk_after_the_help_numbers_is_answered_as_small_talk(engine: Engine,
                                                                     then: str) -> None:
    """After the safeguarding answer, thanks or a question about the bot carries no topic over
    (only small talk said first opens a fragment, and "thanks for ..." says what it is for):
    it gets its own answer, still led by 999 and the helpline (``weighing.still_worried``)."""
    answer = converse(engine, "my aunt cleans for a family, they hold her passport and she "
                              "is never allowed out", then)
    assert answer.intent in {"thanks", "help"}, to_text(answer)
    first = to_text(answer).split("\n\n", 1)[0]
    assert all(n in first for n in HELP)


@pytest.mark.parametrize("then", ["thanks for that, and in 2013?",
                                  "thank you for this - what about 2013"])
def test_thanks_for_something_then_a_fragment_is_the_fragment(engine: Engine, then: str) -> None:
    answer = converse(engine, "how many referrals were there in 2018?", then)
    assert answer.intent == "referrals_2013", to_text(answer)


def test_asking_what_the_figure_just_given_is_gets_that_figure(engine: Engine) -> None:
    """Which of its own concepts the last figure is (its unit, its place) is told by that
    figure's answer again; another subject, a comparison or a doubt is not."""
    for first, then, intent in [
            ("how many referrals did the met have in 2018", "are those persons or cases?",
             "referrals_2018"),
            ("what was the 2013 number", "so was that london or uk wide", "referrals_2013")]:
        assert converse(engine, first, then).intent == intent
    for first, then in [
            ("how many people were referred to the nrm in 2017", "was that only london?"),
            ("how much did referrals go up", "is that bigger than other regions?"),
            ("what was the 2018 figure", "is that still right?")]:
        first_intent = converse(engine, first).intent
        assert first_intent is not None
        assert converse(engine, first, then).intent != first_intent


def test_an_audience_named_after_am_says_who_is_asking(engine: Engine) -> None:
    """'what if im media' after the public line: the asker says they are the press, whatever
    word names it, so the press line, not the public one they were given."""
    answer = converse(engine, "what's the public line", "what if im media")
    assert answer.intent == "contact_media", to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("what was the 2018 referral figure?", "says who? where did that come from"),
    ("by how much did referrals go up in london", "says who? what's the source"),
])
def test_a_follow_up_read_through_the_conversation_is_not_split_on_its_own_words(
        engine: Engine, first: str, then: str) -> None:
    # "says who?" after a figure asks its source: its clause read alone (the chair's quote,
    # by "says") is no second question of the message.
    answer = converse(engine, first, then)
    assert answer.intent == "figure_sources", to_text(answer)


@pytest.mark.parametrize("then", ["and across the whole uk?", "what about nationally"])
def test_a_fragment_naming_another_place_keeps_the_last_figures_year(
        engine: Engine, then: str) -> None:
    # After London's 2013 figure, the UK's figure is asked for 2013; the release's national
    # total is for 2017, so it is no answer.
    answer = converse(engine, "how many were referred in london in 2013?", then)
    assert answer.intent != "nrm_total", to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("what was the figure for 2013?", "and what did that climb to?"),
    ("how big was the increase in referrals", "so what did it jump to"),
])
def test_a_change_asked_by_the_value_it_reached_is_the_later_figure(
        engine: Engine, first: str, then: str) -> None:
    answer = converse(engine, first, then)
    assert answer.intent == "referrals_2018", to_text(answer)


@pytest.mark.parametrize("then", ["who should I ask for the raw figures?",
                                  "ok who would i ask about that"])
def test_the_person_to_ask_is_whom_to_contact(engine: Engine, then: str) -> None:
    # Said after the asker said who they are: their line, not the figures again.
    answer = converse(engine, "I'm a masters student at King's", "how many were referred in 2018?",
                      then)
    assert answer.intent == "contact_public", to_text(answer)
    assert PUBLIC_LINE in to_text(answer)


@pytest.mark.parametrize(("first", "intent"), [("what did the chair say", "chair_quote"),
                                                ("how big was the rise", "referrals_rise")])
@pytest.mark.parametrize("then", ["could you make it shorter", "put it more simply pls"])
def test_asking_for_the_last_answer_in_another_form_is_that_answer(
        engine: Engine, first: str, intent: str, then: str) -> None:
    answer = converse(engine, first, then)
    assert answer.intent == intent, to_text(answer)


def test_what_he_said_after_a_figure_is_still_the_quote(engine: Engine) -> None:
    assert converse(engine, "how big was the rise", "and what did he say?").intent == "chair_quote"


@pytest.mark.parametrize(("earlier", "then", "intent"), [
    (["what did the committee recommend?"], "thanks a lot", "thanks"),
    (["what did the committee recommend?"], "cheers, that's useful", "thanks"),
    (["how many referrals were there in 2018?", "and in 2013?"], "ok thanks", "thanks"),
    (["how many referrals were there in 2018?", "and in 2013?"],
     "who is the chair of the committee?", "chair_who"),
    (["how many referrals were there in 2018?"], "what will the weather be like in leeds tomorrow",
     None),
    (["how many referrals were there in 2018?"], "who won the football last night", None),
])
def test_what_is_not_a_follow_up_does_not_carry_the_earlier_topic(
        engine: Engine, earlier: list[str], then: str, intent: str | None) -> None:
    # Thanks, a whole new question after a follow-up, and a change of subject are read for
    # themselves, not as one more question about what was just answered.
    answer = converse(engine, *earlier, then)
    assert answer.intent == intent
    assert answer.kind == ("fallback" if intent is None else "answer")


@pytest.mark.parametrize(("earlier", "then"), [
    ("what did the committee recommend?",
     "my cousin's boss keeps her passport and she can't leave the house, what should she do"),
    ("who is the chair?",
     "i think my neighbour's cleaner is being kept against her will, who do i tell"),
])
def test_someone_worried_about_a_victim_after_a_question_gets_999_and_the_helpline_first(
        engine: Engine, earlier: str, then: str) -> None:
    # The safeguarding answer: 999 and the helpline, before anything about the release.
    answer = converse(engine, earlier, then)
    assert answer.kind == "safeguarding" and answer.intent == "safeguarding"
    assert all(n in to_text(answer) for n in HELP)


@pytest.mark.parametrize("first", ["who should non journalists contact",
                                   "non-journalist here, who can I ring?"])
def test_a_non_journalist_gets_the_public_line_and_later_the_press_line_if_press(
        engine: Engine, first: str) -> None:
    # "non" before a word for the press says the asker is not the press, as "not a" does; said
    # after that line, "and if I'm a journalist?" asks for the press line.
    answer = converse(engine, first)
    assert answer.intent == "contact_public" and MEDIA_LINE not in to_text(answer)
    answer = converse(engine, first, "ok and if I am a journalist?")
    assert answer.intent == "contact_media", to_text(answer)


@pytest.mark.parametrize("then", ["what's Unmesh Desai's number?", "the chair's phone number?",
                                  "can I have Desai's contact details"])
def test_a_named_persons_number_is_a_phone_number_not_a_figure(engine: Engine,
                                                                 then: str) -> None:
    answer = converse(engine, "who is the chair of the committee?", then)
    text = to_text(answer)
    assert answer.intent in {"contacts_all", "contact_media", "contact_public"}, text
    assert MEDIA_LINE in text or PUBLIC_LINE in text


def test_what_the_person_said_about_a_number_is_still_a_figure(engine: Engine) -> None:
    answer = converse(engine, "what did the chair say?", "what number did the chair give for 2018?")
    assert answer.intent == "referrals_2018", to_text(answer)


@pytest.mark.parametrize(("first", "intent"), [
    ("how many people were referred to the NRM", "nrm_total"),
    ("how much did referrals go up?", "referrals_rise"),
])
@pytest.mark.parametrize("then", ["what year was that for", "which year is that?", "what year?"])
def test_asking_which_year_the_figure_just_given_is_for_gets_that_figure(
        engine: Engine, first: str, intent: str, then: str) -> None:
    assert converse(engine, first, then).intent == intent


def test_asking_which_year_after_no_figure_is_not_a_figure(engine: Engine) -> None:
    assert converse(engine, "who is the chair?", "what year was that for").intent is None


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("how many referrals in 2018?", "what was the number again", "referrals_2018"),
    ("how many referrals in 2018?", "how much was it again?", "referrals_2018"),
    ("what share of NRM cases were in london?", "what was the percentage again?",
     "nrm_london_share"),
    ("what's the increase from 2013 to 2018?", "so what's the percentage again", "referrals_rise"),
])
def test_the_figure_asked_for_again_is_the_figure_just_given(engine: Engine, first: str,
                                                             then: str, intent: str) -> None:
    assert converse(engine, first, then).intent == intent


def test_a_percentage_asked_for_again_after_a_count_is_not_the_count(engine: Engine) -> None:
    answer = converse(engine, "how many referrals in 2018?", "what was the percentage again?")
    assert answer.intent != "referrals_2018", to_text(answer)


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("how many were referred in 2017", "across london or uk?", "nrm_total"),
    ("how many referrals in 2018?", "london or the whole uk?", "referrals_2018"),
])
def test_a_choice_said_alone_about_the_figure_just_given_is_that_figure(
        engine: Engine, first: str, then: str, intent: str) -> None:
    assert converse(engine, first, then).intent == intent


def test_a_choice_of_other_subjects_after_a_figure_is_not_that_figure(engine: Engine) -> None:
    answer = converse(engine, "how many referrals in 2018?", "detectives or visas?")
    assert answer.intent != "referrals_2018", to_text(answer)


@pytest.mark.parametrize("then", ["all three pls", "is that all of them?", "give me all 3"])
def test_all_of_the_list_just_given_is_that_list(engine: Engine, then: str) -> None:
    answer = converse(engine, "what do they recommend", then)
    assert answer.intent == "recommendations_all", to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("what do they recommend", "all four pls"),  # not the list's length
    ("what do they recommend", "both"),  # three items, not two
    ("how many referrals in 2018?", "all three pls"),  # no list
])
def test_all_of_what_is_not_the_list_just_given_is_not_it(engine: Engine, first: str,
                                                           then: str) -> None:
    answer = converse(engine, first, then)
    assert answer.intent not in {"recommendations_all", "referrals_2018"}, to_text(answer)


@pytest.mark.parametrize("then", ["is that up or down?", "has it gone up?", "a rise or a fall?",
                                  "is that up or down on 2013?"])
def test_which_way_the_figure_just_given_went_is_the_change_that_ends_in_its_year(
        engine: Engine, then: str) -> None:
    answer = converse(engine, "how many referrals in 2018?", then)
    assert answer.intent == "referrals_rise", to_text(answer)


@pytest.mark.parametrize(("first", "then"), [
    ("how many were referred in 2017", "is that up or down?"),  # the release has no change
    ("how many referrals in 2018?", "did the mayor increase funding?"),  # another subject
])
def test_which_way_with_no_change_to_give_is_no_change(engine: Engine, first: str,
                                                       then: str) -> None:
    assert converse(engine, first, then).intent != "referrals_rise"


@pytest.mark.parametrize("then", ["what about the press?", "and the press?"])
def test_an_audience_named_alone_after_the_other_line_gets_its_own_line(engine: Engine,
                                                                         then: str) -> None:
    # "members of the public" in the first question is not who asks next: the press named
    # alone asks for the press line.
    answer = converse(engine, "who do members of the public contact?", then)
    assert answer.intent == "contact_media" and MEDIA_LINE in to_text(answer), to_text(answer)


@pytest.mark.parametrize("then", ["can i see it", "can I read it?", "where can i download it"])
def test_asking_to_see_what_was_just_given_is_that_answer(engine: Engine, then: str) -> None:
    assert converse(engine, "who sent the letter to the mayor?", then).intent == "letter"


def test_asking_to_see_something_named_is_not_the_last_answer(engine: Engine) -> None:
    answer = converse(engine, "how many referrals in 2018?", "can I see the full letter")
    assert answer.intent == "letter", to_text(answer)


@pytest.mark.parametrize(("context", "then", "intent"), [
    ("regional_comparison", "by how much", "regional_comparison"),
    ("referrals_rise", "by how much?", "referrals_rise"),
    ("referrals_2018", "and by how much?", "referrals_rise"),
])
def test_by_how_much_after_a_comparison_or_a_change_is_read_as_how_big_it_is(
        engine: Engine, context: str, then: str, intent: str) -> None:
    intents = {i.id: i for i in engine.knowledge.intents}
    found = engine.matcher.best(then, intents[context])
    assert found is not None and found.intent.id == intent


@pytest.mark.parametrize(("first", "then"), [
    ("how much did referrals go up?", "by how much?"),
    ("how many referrals in 2018?", "and by how much?"),
])
def test_by_how_much_after_a_change_is_answered_with_the_change(
        engine: Engine, first: str, then: str) -> None:
    # (After the regional comparison the learned rule, retrained on 7 December 2026, keeps
    # the matcher's reading less sure than its threshold and falls back: the reading above.)
    assert converse(engine, first, then).intent == "referrals_rise"


def test_by_how_much_with_nothing_compared_is_no_answer(engine: Engine) -> None:
    assert converse(engine, "how many were referred in 2017", "by how much").intent is None
