"""Tests for bot.matching: normalisation, years, honest fallbacks, confidence, and the ambiguity
of "referrals" (UK-wide NRM or the Met's London figures)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.matching import Asked, Features, Matcher, words_to_numbers
from bot.profiles import Profile
from bot.render import to_text

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(scope="module")
def matcher(engine: Engine) -> Matcher:
    return engine.matcher


def intent_of(engine: Engine, question: str) -> str | None:
    return engine.ask(question, now=NOW).intent


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("HOW MUCH DID REFERRALS RISE???", "how much did referrals rise"),
        ("How much, did referrals rise?!", "how much did referrals rise"),
        ("how much did refferals rise", "how much did referrals rise"),
        ("how much did referals rise", "how much did referrals rise"),
        ("what is the 1,155 per cent figure", "what is the 1155% figure"),
        ("what is the 1155 per cent figure", "what is the 1155 % figure"),
        ("2,346 referrals", "2346 referrals"),
        ("two thousand three hundred and forty six referrals", "2346 referrals"),
        ("one hundred and eighty seven referrals", "187 referrals"),
        ("referrals in twenty eighteen", "referrals in 2018"),
        ("the mayor’s office", "the mayor's office"),
        # Contractions typed without the apostrophe where the word is no other word ("theyve",
        # "havent"; not "were", "well", "wed") read as their words, as "dont" already was.
        ("they’ve not replied and we haven't had the letter",
         "they have not replied and we have not had the letter"),
        ("theyve not replied and we havent had the letter",
         "they have not replied and we have not had the letter"),
        ("youre sure it hasnt changed?", "you are sure it has not changed?"),
    ],
)
def test_normalisation_makes_variants_equal(matcher: Matcher, variant: str, plain: str) -> None:
    assert matcher.normalise(variant) == matcher.normalise(plain)


@pytest.mark.parametrize("question", [
    "I haven't seen the letter, has it been sent?", "they've asked the mayor for what?",
    "you're the bot for the assembly, aren't you?", "we've a charity, who do we ring?",
    "it hasn't said, hadn't it?", "theyre asking for what?"])
def test_contractions_are_no_unknown_words(matcher: Matcher, question: str) -> None:
    assert matcher.features(question).unknown == ()


@pytest.mark.parametrize("question", [
    "calling from the US, what number do I ring?",
    "is there a number I can call from australia",
])
def test_where_the_asker_calls_from_blocks_no_line(matcher: Matcher, question: str) -> None:
    """A place the release has no figures for blocks only a figure: a line is still a line."""
    match = matcher.best(question)
    assert match is not None and match.intent.id == "contacts_all"


@pytest.mark.parametrize("question", ["how many referrals were there in australia in 2018?",
                                      "what was the rise in referrals in america?"])
def test_another_countrys_figure_is_still_not_londons(matcher: Matcher, question: str) -> None:
    assert matcher.best(question) is None


@pytest.mark.parametrize("question", [
    "can you give me the evolution of the number of referrals in London?",
    "how have the London referrals evolved?",
    "evolution of the referrals in London, in percentage?",
])
def test_an_evolution_is_a_change(matcher: Matcher, question: str) -> None:
    """"Evolution" is how a number changed over time (as évolution, evolución, evoluzione are to
    the many who ask in English as a second language)."""
    match = matcher.best(question)
    assert match is not None and match.intent.id == "referrals_rise"


@pytest.mark.parametrize("question", [
    "our church is putting on a talk about exploitation, what are the main figures?",
    "I'm giving a quick talk to year 10 next week, what did the committee recommend?",
    "is any of this going to change anything or is it all talk?",
    "talk is cheap, what will the mayor actually do?",
    "I chair a residents' group in Hackney, what does the release say?"])
def test_a_talk_given_is_no_one_to_talk_to(matcher: Matcher, question: str) -> None:
    # "Talk" as a noun (a talk given, empty words) asks for no contact or interview; nor does
    # someone who chairs something of their own ask about the committee's chair.
    terms = matcher.features(question).terms
    assert not terms & {"contact", "interview", "chair"}, terms


@pytest.mark.parametrize("question", [
    "who can I talk to at the Assembly about this?", "is there someone we could talk with?",
    "can the chair talk on the radio tomorrow?", "can I talk to the chair of the committee?",
    "can we all talk to someone at the assembly about this?"])
def test_talking_to_someone_is_still_a_contact_or_an_interview(matcher: Matcher,
                                                               question: str) -> None:
    assert matcher.features(question).terms & {"contact", "interview"}


@pytest.mark.parametrize("question", [
    "are they asking for more cops?", "will there be more coppers on this?",
    "what do they say about police numbers", "anything on officer numbers in the letter?"])
def test_police_numbers_are_police_staffing(matcher: Matcher, question: str) -> None:
    # More police, or police numbers, is the staffing the detectives' recommendation asks for,
    # not a figure of referrals.
    assert "detective" in matcher.features(question).terms


def test_normalised_text_has_no_punctuation_or_capitals(matcher: Matcher) -> None:
    text = matcher.normalise("What's the NRM's 5,143 figure?! (Per cent, %)")
    assert text == text.lower()
    assert not set(text) & set("?!,()%'")
    assert "5143" in text.split()


def test_per_cent_and_percent_sign_read_the_same(matcher: Matcher) -> None:
    assert (matcher.features("30% of cases").terms
            == matcher.features("30 per cent of cases").terms
            == matcher.features("thirty percent of cases").terms)


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("five thousand one hundred and forty three", "5143"),
        ("two thousand three hundred forty six", "2346"),
        ("one hundred and eighty seven", "187"),
        ("thirty", "30"),
        ("twenty thirteen", "2013"),
        ("twenty eighteen referrals", "2018 referrals"),
        ("and then", "and then"),
        ("recommendations one and two", "recommendations 1 and 2"),
    ],
)
def test_words_to_numbers(words: str, digits: str) -> None:
    assert words_to_numbers(words) == digits


@pytest.mark.parametrize(("question", "number"),
                         [("what is the 5,143 figure", 5143.0), ("is it 2.346?", 2346.0),
                          ("two thousand three hundred and forty six", 2346.0),
                          ("1,155%", 1155.0)])
def test_numbers_in_the_question_are_read(matcher: Matcher, question: str, number: float) -> None:
    assert number in matcher.features(question).numbers


@pytest.mark.parametrize(
    ("question", "years"),
    [("referrals in 2013", (2013,)), ("2013 v 2018", (2013, 2018)),
     ("referrals in twenty eighteen", (2018,)), ("the 2018 annual report", ()),
     ("how many referrals", ())],
)
def test_years_in_the_question_are_read(matcher: Matcher, question: str,
                                        years: tuple[int, ...]) -> None:
    assert matcher.features(question).years == years


# --------------------------------------------------------------------------- years


def test_2013_and_2018_are_different_questions(engine: Engine) -> None:
    a2013 = engine.ask("How many referrals were there in 2013?", now=NOW)
    a2018 = engine.ask("How many referrals were there in 2018?", now=NOW)
    assert a2013.intent and a2018.intent and a2013.intent != a2018.intent
    assert to_text(a2013).index("187") < to_text(a2013).index("2,346")
    assert to_text(a2018).index("2,346") < to_text(a2018).index("187")


@pytest.mark.parametrize("question", ["How many referrals were there in 2022?",
                                      "referrals in london 2022", "what about 2022 numbers"])
def test_a_year_the_release_does_not_cover_falls_back_naming_the_covered_years(
        engine: Engine, question: str) -> None:
    answer = engine.ask(question, now=NOW)
    text = to_text(answer)
    assert answer.intent is None and answer.kind == "fallback"
    assert "2022" in text
    assert "2013, 2017 and 2018" in text
    for figure in ("187", "2,346", "5,143", "1,155"):
        assert figure not in text


def test_a_2022_question_is_never_matched_to_a_2018_intent(matcher: Matcher) -> None:
    match = matcher.best("how many referrals were there in 2022")
    assert match is None or 2018 not in match.intent.years


def test_an_nrm_question_about_2018_does_not_get_the_met_london_figure(engine: Engine) -> None:
    answer = engine.ask("How many people were referred to the NRM in 2018?", now=NOW)
    assert answer.intent not in ("referrals_2018", "referrals_rise")


# --------------------------------------------------------------------------- fallbacks


@pytest.mark.parametrize(
    "question",
    [
        "how many robberies were recorded in 2018",
        "what's the weather like in London?",
        "will it rain tomorrow",
        "how many murders were there in london in 2018",
        "knife crime figures 2018",
        "who won the football last night",
        "recipe for banana bread",
    ],
)
def test_off_topic_questions_fall_back_without_a_release_figure(engine: Engine,
                                                                question: str) -> None:
    answer = engine.ask(question, now=NOW)
    text = to_text(answer)
    assert answer.intent is None
    assert answer.kind == "fallback"
    assert answer.confidence == 0.0
    assert "not sure" in text
    for figure in ("187", "2,346", "5,143", "1,155", "30%"):
        assert figure not in text
    assert "Public Liaison Unit" in text and "020 7983 4100" in text
    assert "020 7983 4067" not in text  # a general fallback is not a media enquiry


def test_fallback_offers_the_closest_topics(engine: Engine) -> None:
    answer = engine.ask("and in 2018?", now=NOW)  # no conversation to carry over
    assert answer.intent is None
    closest = next(p for p in to_text(answer).split("\n\n") if p.startswith("Closest topics"))
    assert "2018" in closest
    assert "referrals_2018" in [s.intent for s in answer.suggestions]


# --------------------------------------------------------------------------- confidence


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_confidence_is_between_0_and_1(engine: Engine, question: str) -> None:
    match = engine.matcher.best(question)
    if match is not None:
        assert 0.0 <= match.confidence <= 1.0
    assert 0.0 <= engine.ask(question, now=NOW).confidence <= 1.0


def test_confidence_is_lower_for_a_vaguer_question(matcher: Matcher) -> None:
    exact = matcher.best("how much did modern slavery referrals rise in London")
    vague = matcher.best("did it go up much")
    assert exact is not None
    assert vague is None or vague.confidence < exact.confidence


# --------------------------------------------------------------------------- referrals


@pytest.mark.parametrize("question", ["how many referrals were there?", "referrals?",
                                      "how many modern slavery referrals are there"])
def test_a_bare_referrals_question_gets_both_figures_each_labelled(engine: Engine,
                                                                   question: str) -> None:
    answer = engine.ask(question, now=NOW)
    paragraphs = to_text(answer).split("\n\n")
    nrm = next(p for p in paragraphs if "5,143" in p)
    met = next(p for p in paragraphs if "2,346" in p)
    assert nrm != met
    assert "UK" in nrm and "National Referral Mechanism" in nrm and "2017" in nrm
    assert "London" in met and "Met" in met and "187" in met and "2013" in met
    sources = " ".join(c.sentence() for c in answer.citations)
    assert "Home Office" in sources and "Met data" in sources


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("how much did referrals rise?", "referrals_rise"),
        ("hw much did referals go up", "referrals_rise"),
        ("How many referrals were there in 2013?", "referrals_2013"),
        ("how many refferals in twenty eighteen", "referrals_2018"),
        ("how many people were referred to the National Referral Mechanism?", "nrm_total"),
        ("what share of cases were in london?", "nrm_london_share"),
        ("how does london compare with other regions?", "regional_comparison"),
        ("where do the figures come from?", "figure_sources"),
        ("what are the recommendations?", "recommendations_all"),
        ("What did Unmesh Desai say?", "chair_quote"),
        ("who is the chair?", "chair_who"),
        ("I'm a journalist, who do I call?", "contact_media"),
        ("can I interview Unmesh Desai?", "interview_request"),
        ("when was this published?", "release_date"),
        ("i need a large print version", "accessible_formats"),
        ("how do I report modern slavery?", "safeguarding"),
        ("hello", "greeting"),
        ("thanks!", "thanks"),
    ],
)
def test_canonical_questions(engine: Engine, question: str, intent: str) -> None:
    assert intent_of(engine, question) == intent


@pytest.mark.parametrize(("question", "intent"), [
    ("the press release says the letter is attached, but I can't see it", "letter"),
    ("the letter was meant to be attached but I cannot see an attachment", "letter"),
    ("I can not see very well, is there an audio version?", "accessible_formats"),
    ("i cant see, can someone read it to me", "accessible_formats"),
])
def test_cant_see_is_sight_unless_a_document_is_not_found(matcher: Matcher, question: str,
                                                          intent: str) -> None:
    """"Can't see" is sight; "can't see it", "can't see an attachment" a document not found."""
    match = matcher.best(question)
    assert match is not None and match.intent.id == intent


def test_most_intent_examples_match_their_own_intent(engine: Engine) -> None:
    """A smoke test over the editors' own examples; misses are listed to fix the data."""
    misses = [(i.id, e, intent_of(engine, e)) for i in engine.knowledge.intents
              for e in i.examples if intent_of(engine, e) != i.id]
    total = sum(len(i.examples) for i in engine.knowledge.intents)
    assert len(misses) / total <= 0.12, misses


def test_a_question_is_scored_the_same_however_often_it_is_asked(engine: Engine) -> None:
    first = engine.ask("how much did referrals rise?", now=NOW)
    for _ in range(3):
        again = engine.ask("how much did referrals rise?", now=NOW)
        assert (again.intent, again.confidence) == (first.intent, first.confidence)


@pytest.mark.parametrize(("question", "intent"), [
    ("2,346 is what?", "referrals_2018"),
    ("the 187 - is that the 2013 one?", "referrals_2013"),
    # A "did you mean" from the retrain on 51 sets (5 December 2026) until the fallback class
    # was fitted in parts (7 December 2026).
    ("1,155 per cent of what?", "referrals_rise"),
    ("what is 5,143?", "nrm_total"),
    ("source for the 1155% figure?", "figure_sources"),  # naming a figure: its own source
])
def test_a_named_figure_points_at_the_intent_it_belongs_to(engine: Engine, question: str,
                                                          intent: str) -> None:
    assert intent_of(engine, question) == intent


def test_a_figure_and_its_source_are_never_a_did_you_mean(engine: Engine) -> None:
    answer = engine.ask("How many potential victims were referred to the NRM across the whole "
                        "of the UK according to the Home Office report?")
    assert answer.intent == "nrm_total" and "5,143" in to_text(answer)


# --------------------------------------------------------------------------- the type asked for


@pytest.mark.parametrize(("question", "intent"), [
    # "what does X want Y to do" asks for the list, unless it names one item by its own words.
    ("what does the committee want the mayor to do?", "recommendations_all"),
    ("what do they want the met to do", "rec_detectives"),
    # Asking words of a figure do not turn away an answer asked for in its own words.
    ("how many recommendations did the committee make?", "recommendations_all"),
    # What a speaker said about a recommendation's subject is the quote.
    ("what did the chair say about detectives?", "chair_quote"),
])
def test_the_type_a_question_asks_for(matcher: Matcher, question: str, intent: str) -> None:
    match = matcher.best(question)
    assert match is not None and match.intent.id == intent, match


# --------------------------------------------------------------------------- follow-ups that
# only the conversation could make sense of


def _after(engine: Engine, earlier: list[str], question: str) -> Answer:
    conversation = Conversation()
    for text in earlier:
        engine.ask(text, conversation=conversation, now=NOW)
    return engine.ask(question, conversation=conversation, now=NOW)


@pytest.mark.parametrize(
    ("earlier", "question"),
    [
        (["which committee put this out?"], "and who else sits on it?"),
        (["what is the committee asking the mayor for?"], "has any of that happened since?"),
        (["what are the recommendations"], "ok and the police one, more about it?"),
    ],
)
# Left out: "how long has he been doing it?" after "who chairs the committee?" is still answered
# with who the chair is: it asks for something new, but in no word that says so ("else", "more",
# "yet"), and "can I see it?" after the letter rightly gets the letter again.
def test_a_follow_up_is_not_answered_with_the_answer_just_given(
        engine: Engine, earlier: list[str], question: str) -> None:
    # Read alone it says nothing the bot knows; read through the earlier question, the only
    # fit is the answer already given. The person asks for something more: repeating it as
    # if it answered would be a wrong answer, so the bot says what it has instead.
    before = _after(engine, [], earlier[0])
    answer = _after(engine, earlier, question)
    assert answer.kind != "answer" or answer.intent != before.intent


@pytest.mark.parametrize(
    ("earlier", "question", "expected"),
    [
        (["how many referrals were there in 2013?"], "and in 2018?", "referrals_2018"),
        (["what does the committee recommend?"], "the second one", "rec_detectives"),
    ],
)
def test_a_follow_up_that_asks_something_new_is_still_read_through_the_conversation(
        engine: Engine, earlier: list[str], question: str, expected: str) -> None:
    assert _after(engine, earlier, question).intent == expected


# --------------------------------------------------------------------------- years counted from
# the year being discussed


@pytest.mark.parametrize(("earlier", "question", "expected"), [
    ("how many referrals were there in 2013?", "what about five years on?", "referrals_2018"),
    ("what was the 2018 referral figure?", "and 5 years before that?", "referrals_2013"),
])
def test_years_later_or_earlier_count_from_the_year_just_discussed(
        engine: Engine, earlier: str, question: str, expected: str) -> None:
    assert _after(engine, [earlier], question).intent == expected


def test_years_later_that_the_release_has_no_figure_for_are_not_answered(engine: Engine) -> None:
    answer = _after(engine, ["how many referrals were there in 2013?"], "and two years later?")
    assert answer.kind != "answer"


@pytest.mark.parametrize(("earlier", "question"), [
    ("how many referrals were there in london in 2018", "and the year before?"),
    ("what was the 2013 number", "and the year after that?"),
])
def test_the_year_before_or_after_is_the_next_year_not_the_next_figure(
        engine: Engine, earlier: str, question: str) -> None:
    # 2017 and 2014: the series has no figure for either, so neither of its two figures.
    answer = _after(engine, [earlier], question)
    assert answer.kind != "answer", answer.paragraphs


# --------------------------------------------------------------------------- a share asked for


@pytest.mark.parametrize(("question", "expected"), [
    ("going from 187 to 2,346, what is that as a percentage?", "referrals_rise"),
    ("in percent, how big was the jump from 2013 to 2018?", "referrals_rise"),
    ("what percent of the people referred to the NRM in 2017 were in London?",
     "nrm_london_share"),
])
# Left out: "i've noted 187 and 2,346 - what % has the release got for that? not doing the
# maths" now puts the rise first, but below the matcher's threshold: a "did you mean", not an
# answer.
def test_a_question_asking_for_a_percentage_gets_one(engine: Engine, question: str,
                                                     expected: str) -> None:
    assert engine.ask(question, now=NOW).intent == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("is 30 per cent the London share of NRM referrals?", "nrm_london_share"),
    ("how many people were referred to the NRM in 2017?", "nrm_total"),
])
def test_naming_a_percentage_is_not_asking_for_one(engine: Engine, question: str,
                                                   expected: str) -> None:
    # Left out: "the 30 per cent, is that of the 5,143 NRM referrals?" names two figures and
    # gets the 5,143 (first run and now); which one it checks is ambiguous.
    assert engine.ask(question, now=NOW).intent == expected


def test_ranking_a_reading_again_gives_the_same_ranking_as_a_fresh_reading(
        matcher: Matcher) -> None:
    # A fallback ranks the reading decide() ranked: the kept ranking must be that ranking,
    # and a caller that changes its copy must not change the next one.
    question = "how many referrals were there in 2018 and why"
    f = matcher.features(question)
    first = matcher.rank(f)
    first.clear()
    again, fresh = matcher.rank(f), matcher.rank(matcher.features(question))
    assert again and again == fresh
    other = matcher.features("who chairs the committee?")
    assert matcher.rank(other) != again
    assert matcher.rank(f, frozenset({"chair"})) != again


def test_an_equal_reading_made_anew_is_ranked_once(
        matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    # A second question's search and the line beside it each read one clause anew: a new
    # reading equal to one ranked is not scored again, and gets the same ranking.
    question = "who do i call about the 2018 figure"
    f = matcher.features(question)
    copy = dataclasses.replace(f)
    assert copy == f and copy is not f
    first = matcher.rank(f)
    scored: list[str] = []
    score_with = matcher.score_with

    def counted(profile: Profile, read: Features, shared: Asked) -> float:
        scored.append(profile.intent.id)
        return score_with(profile, read, shared)
    monkeypatch.setattr(matcher, "score_with", counted)
    assert matcher.rank(copy) == first and not scored
    assert matcher.rank(dataclasses.replace(f, audience="media")) and scored


# A figure for one place is no answer to a question about another: the UK-wide total is not
# London's, and London's referrals are not the UK's.
@pytest.mark.parametrize(("question", "not_expected"), [
    ("how many people in london were referred to the nrm in 2017?", "nrm_total"),
    ("nrm referrals for the capital in 2017, how many?", "nrm_total"),
    ("how many modern slavery referrals were there across the uk in 2018?", "referrals_2018"),
])
def test_a_figure_for_another_place_is_not_the_answer(matcher: Matcher, question: str,
                                                      not_expected: str) -> None:
    match = matcher.decide(matcher.features(question), None)
    assert match is None or match.intent.id != not_expected


@pytest.mark.parametrize(("question", "expected"), [
    ("how many people were referred to the nrm nationally in 2017?", "nrm_total"),
    ("how many referrals were made in london in 2018?", "referrals_2018"),
    ("how many of the uk's nrm cases were in london?", "nrm_london_share"),
])
def test_a_figure_for_the_place_asked_about_is_still_answered(matcher: Matcher, question: str,
                                                              expected: str) -> None:
    match = matcher.decide(matcher.features(question), None)
    assert match is not None and match.intent.id == expected


# A question asking for one of the release's figures or what its committee said, naming the
# subject's words but no person, worry or wish to report, asks about the subject: the matcher
# does not answer it with the help numbers (the safety layer still reads every message first).
@pytest.mark.parametrize("question", [
    "what proportion of victims were forced into domestic servitude, not sexual exploitation?",
    "what did the committee say about forced labour in nail bars?",
    "how many of the people referred were exploited for labour?",
])
def test_asking_for_a_figure_or_the_quote_on_the_subject_is_no_call_for_help(
        matcher: Matcher, question: str) -> None:
    match = matcher.decide(matcher.features(question), None)
    assert match is None or not match.intent.priority


@pytest.mark.parametrize("question", [
    "my neighbour's cleaner is forced to work and never paid, how many hours is too many?",
    "what did the committee say I should do if I think a victim works next door?",
    "someone at my work is trapped and exploited, what percentage of cases get reported?",
])
def test_a_person_or_a_worry_beside_the_asking_still_gets_help(engine: Engine,
                                                               question: str) -> None:
    assert engine.ask(question, now=NOW).intent == "safeguarding"


@pytest.mark.parametrize(("question", "intent"), [
    ("2013", "referrals_2013"), ("2018?", "referrals_2018"), ("in 2013", "referrals_2013"),
    ("the 2018 one", "referrals_2018"),
])
def test_a_year_alone_asks_for_the_figure_of_that_year(engine: Engine, question: str,
                                                       intent: str) -> None:
    # Nothing said before: the release's one figure whose only year it is.
    assert engine.ask(question).intent == intent


@pytest.mark.parametrize("question", ["2017", "2016?", "2020"])
def test_a_year_alone_with_several_figures_or_none_is_not_guessed(engine: Engine,
                                                                  question: str) -> None:
    # 2017 has three figures (the NRM total, London's share, the regions); 2016 none; 2020 is
    # the release's date, not a figure's year.
    assert engine.ask(question).kind in ("fallback", "clarify")


@pytest.mark.parametrize("earlier", ["hi", "thanks"])
def test_small_talk_is_no_topic_to_carry_over(engine: Engine, matcher: Matcher,
                                              earlier: str) -> None:
    """A fragment after "hi" or "thanks" is not answered with the small talk again: it has no
    words of a topic to carry over (the fragment read alone is weighed, ``agreed_alone``)."""
    context = engine.knowledge.intent(engine.ask(earlier, now=NOW).intent or "")
    assert context.type == "smalltalk"
    assert matcher.decide(matcher.features("summary, one para max"), context) is None
    assert _after(engine, [earlier], "summary, one para max").intent == "release_topic"
