"""Tests for bot.reading: what the reader finds in a question, and the matcher rules built on it."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from bot import readmemo
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.models import GENERAL_TYPES, Lexicon
from bot.names import bodies, sources
from bot.parts import release_knowledge
from bot.reading import RELATIVE_YEAR, Reader
from bot.render import to_text
from tests.release_factory import POTHOLES, Spec, with_releases

NOW = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Monday morning


@pytest.fixture(scope="module")
def reader(engine: Engine) -> Reader:
    return engine.matcher.reader


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(("question", "audience"), [
    ("I'm a reporter, who do I call?", "media"),
    ("I write for my university newspaper, who is the press contact?", "media"),
    ("can i ring the press office? i'm just a curious resident", "public"),
    ("I'm not a journalist, who do I contact?", "public"),
    ("who do I contact?", ""),
])
def test_who_is_asking(reader: Reader, question: str, audience: str) -> None:
    assert reader.features(question).audience == audience


def test_a_phrase_holding_a_typos_word_fires_in_its_natural_form(engine: Engine) -> None:
    """Typos are corrected word by word before phrases are joined; a phrase written with a
    word a typo rewrites (German "wen kann ich", beside the typo wen -> when) is looked for as
    the typos leave it, and the typo still corrects that word elsewhere."""
    small = Lexicon(typos={"wen": "when", "pls": "please", "rec": "recommendation"},
                    phrases={"wen kann ich": "who can i", "pre rec": "interview",
                             "please help": "help"})
    typed = Reader(engine.knowledge.model_copy(update={"lexicon": small}))
    assert typed.normalise("Wen kann ich anrufen?") == "who can i anrufen"
    assert typed.normalise("a pre-rec or a pre rec?") == "a interview or a interview"
    assert typed.normalise("wen is it") == "when is it"
    assert typed.normalise("pls help") == "help"  # a phrase in corrected words still fires


def test_the_lexicons_phrases_in_other_languages_fire_as_written(reader: Reader) -> None:
    assert "who can i call" in reader.normalise("Wen kann ich anrufen?")
    assert reader.normalise("sin sueldo desde enero") == "unpaid desde enero"
    assert reader.normalise("a pre-rec?") == "a interview"


@pytest.mark.parametrize(("question", "fragment"), [
    ("for my podcast notes: what did the committee ask the mayor to do?", False),
    ("in your release, who is quoted and what does he want?", False),
    ("for our church newsletter, when was the release published?", False),
    ("for 2013?", True), ("in london?", True), ("for the uk as a whole?", True),
    ("and what did the chair say about the detectives?", True)])
def test_an_opening_for_or_in_frames_a_whole_question(reader: Reader, question: str,
                                                      fragment: bool) -> None:
    # "for ..." and "in ..." open a fragment ("for 2013?") only when it is short; "and ..."
    # opens one however long.
    assert reader.features(question).elliptical == fragment


def test_politeness_is_not_a_question(reader: Reader) -> None:
    f = reader.features("Dear Sir/Madam, could you kindly tell me the source of the figures? "
                        "Many thanks. Yours faithfully")
    assert "thanks" not in f.terms  # "Many thanks" must not make it a thank-you
    assert "source" in f.terms


def test_regex_patterns_read_exploitation_signs(reader: Reader) -> None:
    f = reader.features("the family won't let her go out or call home")
    assert "danger" in f.terms
    f = reader.features("a lad sleeps in the van and the gaffer takes all his wages")
    assert "danger" in f.terms


def test_word_senses_follow_their_company(reader: Reader) -> None:
    assert "contact" in reader.features("press office number").terms
    assert "stats" in reader.features("the 2018 number").terms
    # "wrote" names an author beside "who", but the letter when the letter is named.
    assert "publisher" in reader.features("who wrote this?").terms
    assert "letter" in reader.features("who wrote the letter?").terms


def test_a_comment_asked_for_by_phone_is_the_press_offices(reader: Reader) -> None:
    # Whom to call or ring for a comment, with no person named, asks for the press office's
    # line, not an interview; a comment of the chair's, or with no call, is what was said.
    assert {"media", "contact"} <= reader.terms(["who", "do", "i", "ring", "for", "comment"])
    assert "interview" not in reader.terms(["who", "do", "i", "call", "for", "a", "comment"])
    assert "quote" in reader.terms(["what", "was", "the", "chair's", "comment"])
    assert "quote" in reader.terms(["any", "comment", "from", "the", "committee"])


def test_a_named_figure_names_its_series(reader: Reader) -> None:
    assert {"nrm", "stats"} <= reader.features("is 5143 uk-wide?").terms
    assert "met" in reader.features("is 2,346 right?").terms
    # Small numbers are not taken as figures: "5.30" is a time, not 30 per cent.
    assert "nrm" not in reader.features("can we do 5.30").terms


def test_a_phone_number_typed_names_no_figure(reader: Reader) -> None:
    assert reader.features("whose number is 020 7983 4100").numbers == ()
    assert reader.features("call 020 7983 4067 about the 2,346").numbers == (2346.0,)


def test_years_spans_and_relative_years(reader: Reader) -> None:
    assert reader.features("referrals 2013-18").years == (2013, 2018)
    assert "@span" in reader.features("the 2013 and 2018 figures").terms
    assert reader.features("how many last year?").years == (RELATIVE_YEAR,)
    # "the Home Office 2018 annual report" names a source, not a year asked about.
    assert reader.features("what does the home office 2018 annual report say").years == ()


def test_typos_are_only_corrected_towards_the_bots_words(reader: Reader) -> None:
    assert "referrals" in reader.features("how many refferals").tokens
    assert "stabbing" not in reader.features("subbing now, quick").tokens  # not off-topic
    assert "office" in reader.features("the mayor's office").tokens  # an English word stays


def test_a_typo_is_corrected_to_a_release_word_by_that_releases_reader_only(
        engine: Engine) -> None:
    # The lexicon's words' corrections are shared between readers; a release's own are not.
    knowledge = with_releases(engine.knowledge, POTHOLES)
    potholes = Reader(release_knowledge(knowledge, POTHOLES.id))
    slavery = Reader(release_knowledge(knowledge, knowledge.releases[0].id))
    for first, second in ((potholes, slavery), (slavery, potholes)):
        first.tokens("how many pothles are there"), second.tokens("how many pothles are there")
    assert "potholes" in potholes.tokens("how many pothles are there")
    assert "potholes" not in slavery.tokens("how many pothles are there")
    assert "referrals" in potholes.tokens("how many refferals")
    assert "referrals" in slavery.tokens("how many refferals")


# --------------------------------------------------------------------------- matching rules


def ask(engine: Engine, question: str) -> tuple[str | None, str]:
    answer = engine.ask(question, now=NOW)
    return answer.intent, to_text(answer)


def test_a_series_asked_for_a_year_it_lacks_falls_back_precisely(engine: Engine) -> None:
    intent, text = ask(engine, "what was the nrm total for 2018")
    assert intent is None
    assert "no figures for 2018" in text and "2017" in text
    assert "5,143" not in text


def test_long_messages_with_strong_signs_get_safeguarding(engine: Engine) -> None:
    intent, text = ask(engine, (
        "My cousin came over from abroad and is working at my uncle's restaurant for no pay, "
        "he says it's to pay back the money for his flight. I'm worried about him"))
    assert intent == "safeguarding"
    assert "08000 121 700" in text and "020 7983 4067" not in text


def test_a_question_about_other_people_thinking_is_not_safeguarding(engine: Engine) -> None:
    intent, _ = ask(engine, "What does Boris Johnson think about modern slavery?")
    assert intent != "safeguarding"


def test_a_resident_asking_for_the_press_office_gets_the_public_line(engine: Engine) -> None:
    _, text = ask(engine, "Can I phone the press office? I'm just a local resident")
    assert "020 7983 4100" in text
    assert "020 7983 4067" not in text and "020 7983 4000" not in text


def test_where_from_asks_for_the_source_of_the_figure_named(engine: Engine) -> None:
    intent, text = ask(engine, "where's the 1,155% from?")
    assert intent == "figure_sources"
    assert "Met data" in text


def test_a_wrong_number_is_flagged_and_never_repeated(engine: Engine) -> None:
    _, text = ask(engine, "did referrals rise by 1500%?")
    assert "does not give the number in your question" in text
    assert "1500" not in text and "1,500" not in text
    assert "1,155%" in text


def test_foreign_origin_of_the_asker_is_not_off_topic(engine: Engine) -> None:
    intent, _ = ask(engine, "is possible to make interview with mister Desai for our newspaper "
                            "in Spain")
    assert intent == "interview_request"
    intent, _ = ask(engine, "human trafficking stats in the us")
    assert intent is None  # but figures for another country are


# --------------------------------------------------------------------------- this session's rules


@pytest.mark.parametrize(("question", "audience"), [
    ("We are a community group in Southwark, we are not members of the press. Which number?",
     "public"),
    ("I heard about this on a Radio 4 programme, I'm a retired schoolteacher", "public"),
    ("journo here, who handles media for the committee?", "media"),
])
def test_who_is_asking_in_more_words(reader: Reader, question: str, audience: str) -> None:
    assert reader.features(question).audience == audience


@pytest.mark.parametrize(("question", "audience"), [
    # Saying one is not the press, or not working as it.
    ("media studies student, I'm not working as a journalist - who do I contact?", "public"),
    ("it's a history podcast, not journalism really. who can I talk to?", "public"),
    # A stringer reports for the press; a documentary is made by it.
    ("stringer for a news agency, who do i call?", "media"),
    ("we're making a documentary on this, who do we call?", "media"),
])
def test_who_is_asking_by_role(reader: Reader, question: str, audience: str) -> None:
    assert reader.features(question).audience == audience


def test_a_person_beside_a_sign_of_harm_is_a_possible_victim(reader: Reader) -> None:
    assert {"neighbour", "danger"} <= reader.features("she is made to work without pay").terms
    assert "victim" in reader.features("they took my passport and i ran away").terms
    # Without harm a pronoun means nothing, and a student of the subject is not a victim.
    assert not {"neighbour", "victim"} & reader.features("what did she say").terms
    assert "victim" not in reader.features(
        "i am a student writing about labour exploitation").terms


@pytest.mark.parametrize(("question", "place"), [
    ("how many referrals in Newham?", "borough"),
    ("how many referrals were there in Tower Hamlets", "borough"),
    ("is it worse in london than scotland", "ukplace"),
    ("how does london compare to paris", "otherplace"),
])
def test_places_are_read(reader: Reader, question: str, place: str) -> None:
    assert place in reader.features(question).offtopic


@pytest.mark.parametrize(("question", "intent"), [
    ("How many referrals were there in Newham specifically?", None),
    ("How many referrals were there in Manchester in 2018?", None),
    ("how does london compare to paris", None),
    ("is it worse in london than scotland or wales?", "regional_comparison"),
    ("How many of the referrals were children?", None),
    ("referrals broken down by nationality", None),
    ("When is the next Police and Crime Committee meeting?", None),
    ("did arsenal win last night", None),
    ("what's the national figure", "nrm_total"),
    # A time said in passing leaves a press-office request one (it leads with the out-of-hours
    # line); asking for the line after 6 is asking for the out-of-hours line.
    ("press contact, it's after 6", "contact_media"),
    ("press contact for after 6?", "contact_out_of_hours"),
    ("what is the main point, in plain words?", "release_topic"),
    ("what did they ask the Mayor to do?", "recommendations_all"),
    ("Hello there, what can this bot do?", "help"),
    ("Hi, I'm a reporter at the Standard, who's the press officer on this?", "contact_media"),
])
def test_what_these_questions_mean(engine: Engine, question: str, intent: str | None) -> None:
    assert engine.ask(question, now=NOW).intent == intent


# What the release says or is about, in everyday words: a word of emphasis between, "it" for
# the release, "this" said alone, or the link just named.
@pytest.mark.parametrize("question", [
    "hi just seen this on twitter, what is it actually saying",
    "ok so what does this press release actually say",
    "what is it all about then",
    "Someone shared you in our residents WhatsApp group. What is this and why should we care?",
    "someone forwarded me this link, what is it",
])
def test_what_the_release_is_about_in_everyday_words(engine: Engine, question: str) -> None:
    assert engine.matcher_answer(question, now=NOW).answer.intent == "release_topic", question


# Not where "it" or "this" is something else the message names.
@pytest.mark.parametrize("question", [
    "what's it called",
    "what is this bot",
    "5143 what is this number pls",
    "I heard this release talks about changing the visa. What does it say?",
    "the 1,155 per cent figure, what is it",
    "there is a strange smell in my flat, what is this",
])
def test_it_or_this_naming_something_else_is_not_the_releases_gist(
        reader: Reader, question: str) -> None:
    assert "topic" not in reader.features(question).terms, question


# The Assembly set beside another body, or whether the Mayor must heed it, asks what the
# Assembly is and does; the body it is set beside is no other subject asked about.
@pytest.mark.parametrize("question", [
    "is the London Assembly the same as my council?",
    "what is the london assembly anyway, is it like the council?",
    "Is the London Assembly the council?",
    "Isn't the Assembly just the Mayor's office under another name?",
    "Does the mayor have to listen to them?",
    "can the Assembly make the Mayor do anything?",
])
def test_the_assembly_beside_another_body_asks_its_role(reader: Reader, question: str) -> None:
    f = reader.features(question)
    assert {"role", "assembly"} <= f.terms and not f.offtopic, question


@pytest.mark.parametrize("question", [
    "who do I call, is it the council?",
    "is the council doing anything about slavery?",
    "is the assembly just asking for more detectives?",
])
def test_another_body_named_alone_is_still_another_subject(reader: Reader, question: str) -> None:
    assert "role" not in reader.features(question).terms, question


# How long the answer may be, in sentences, is no question of its own; citing the release
# for one's work ("for my bibliography", "Harvard referencing") says who asks.
@pytest.mark.parametrize(("question", "intent"), [
    ("need a quote, 2 sentences max", "chair_quote"),
    ("Could you give me a two-sentence summary?", "release_topic"),
    ("Summarise the press release in a couple of sentences", "release_topic"),
    ("When was it published? doing harvard referencing", "release_date"),
    ("I need the exact title for my bibliography. What is it called?", "release_title"),
])
def test_length_and_citing_words_leave_the_question(engine: Engine, question: str,
                                                    intent: str) -> None:
    f = engine.matcher.features(question)
    assert not set(f.unknown) & {"sentences", "sentence", "referencing", "bibliography"}
    match = engine.matcher.decide(f)
    assert match is not None and match.intent.id == intent, question


# Which committee wrote to the Mayor asks which committee, not for the letter.
@pytest.mark.parametrize("question", [
    "what committee wrote to the mayor",
    "which cttee wrote to the mayor",
    "Which committee of the Assembly wrote the letter to the Mayor?",
])
def test_which_committee_wrote_asks_the_committee(engine: Engine, question: str) -> None:
    f = engine.matcher.features(question)
    assert "letter" not in f.terms, question
    match = engine.matcher.decide(f)
    assert match is not None and match.intent.id == "release_committee", question


# --------------------------------------------------------------------------- a release's own words

# A release about a subject the lexicon lists as off-topic (for the modern slavery release).
TRAFFIC = Spec("2023-05-02-traffic", "traffic", "Cut traffic on the Tube's station roads",
               dt.date(2023, 5, 2), "Transport Committee", "Ann Lee AM", ((2022, 5120),))


def _release_reader(engine: Engine, spec: Spec) -> Reader:
    knowledge = with_releases(engine.knowledge, spec)
    return Reader(knowledge.model_copy(update={
        "releases": [knowledge.release(spec.id)],
        "intents": [i for i in knowledge.intents
                    if i.type in GENERAL_TYPES or i.release == spec.id]}))


def test_an_off_topic_word_a_release_uses_is_its_topic(engine: Engine, reader: Reader) -> None:
    question = "how much traffic was there in 2022?"
    assert "traffic" in reader.features(question).offtopic
    assert _release_reader(engine, TRAFFIC).features(question).offtopic == ()


def test_the_tube_is_the_underground(engine: Engine, reader: Reader) -> None:
    assert "underground" in reader.features("how many tube stations are step-free?").terms
    # Off-topic for a release that never speaks of it; not for one that speaks of the Tube or
    # of the Underground.
    assert "tube" in reader.features("tube stations").offtopic
    assert _release_reader(engine, TRAFFIC).features("underground stations").offtopic == ()


def test_a_questions_topic_words_are_its_releases(engine: Engine, reader: Reader) -> None:
    question = "who do I call about traffic on station roads?"
    assert _release_reader(engine, TRAFFIC).features(question).topics == {
        "traffic", "station", "roads"}
    assert reader.features(question).topics == frozenset()


# --------------------------------------------------------------------------- after the release


@pytest.mark.parametrize("question", [
    "did the home secretary ever change the domestic workers visa after this came out?",
    "has the mayor done anything about these recommendations since?",
    "in the end, did the government change the visa rules?",
    "has the number of referrals gone up again since then?",
    "is the mayor going to implement what the committee asked for?",
])
def test_what_happened_after_the_release_is_not_in_it(engine: Engine, question: str) -> None:
    # The release cannot say what happened after it was published: an answer from it, as if
    # it said, would be a wrong answer; the honest reply is that it does not say.
    answer = engine.ask(question, now=NOW)
    assert answer.kind != "answer", (question, answer.intent)


@pytest.mark.parametrize(("question", "expected"), [
    ("how much have referrals gone up since 2013?", "referrals_rise"),
    ("what does the committee want changed about the domestic workers visa?", "rec_visa"),
    ("what has the committee asked the mayor to do?", "recommendations_all"),
    ("I haven't read it yet, what is the release about?", "release_topic"),
    ("how much have referrals gone up since the 2013 figure?", "referrals_rise"),
])
def test_a_change_the_release_itself_reports_is_still_answered(
        engine: Engine, question: str, expected: str) -> None:
    assert engine.ask(question, now=NOW).intent == expected


# "Why did it go up?" asks for causes, however the rise is worded; "better reporting" is how
# much is reported, not a wish to report anyone.
@pytest.mark.parametrize("question", [
    "why did the number of referrals go up so much?",
    "why have referrals risen since 2013?",
    "why did london's figure rise like that",
])
def test_asking_why_it_rose_asks_for_causes(reader: Reader, question: str) -> None:
    assert "causeq" in reader.features(question).offtopic


@pytest.mark.parametrize("question", [
    "is the rise just better reporting rather than more trafficking?",
    "could more reporting of slavery explain the jump?",
])
def test_better_reporting_is_no_wish_to_report(engine: Engine, question: str) -> None:
    match = engine.matcher.decide(engine.matcher.features(question), None)
    assert match is None or not match.intent.priority


@pytest.mark.parametrize("question", [
    "i want to report slavery at the car wash near me",
    "how do i report trafficking i have seen at a farm",
])
def test_reporting_slavery_still_gets_help(engine: Engine, question: str) -> None:
    assert engine.ask(question, now=NOW).intent == "safeguarding"


# --------------------------------------------------------------------------- a figure checked


@pytest.mark.parametrize(("question", "years"), [
    # A release figure stated with a year the release has no figure for checks that figure,
    # whether the year is before the first figure or between two; however the figure is written.
    ("Were there really 187 referrals in 2012?", (2013,)),
    ("was it one hundred and eighty seven referrals back in 2011", (2013,)),
    ("2346 referrals in 2009 - correct?", (2018,)),
    ("is it true 5,143 people went to the NRM in 2010?", (2017,)),
    ("did thirty per cent of NRM cases come from London in 2012?", (2017,)),
    ("was the 1155% rise in 2012?", (2013, 2018)),
    # Asked about a year, with a figure only as the point it is compared with, or with no
    # figure stated, or after the release was published: the year is what is asked about.
    ("what about 2012, before the 187?", (2012,)),
    ("is the 2011 figure higher than 2,346", (2011,)),
    ("how many referrals were there in 2012?", (2012,)),
    ("were there still 2,346 referrals in 2023?", (2023,)),
])
def test_a_figure_stated_with_a_year_it_is_not_for_is_checked(reader: Reader, question: str,
                                                              years: tuple[int, ...]) -> None:
    assert reader.features(question).years == years



@pytest.mark.parametrize(("question", "concept"), [
    ("is there a statement from the Home Office on this?", "otheropinion"),
    ("any reaction from the mayor yet?", "otheropinion"),
    ("could we get the chair on the line this afternoon?", "interview"),
])
def test_whose_words_and_whom_to_speak_to(reader: Reader, question: str, concept: str) -> None:
    """Another's comment said either way round is another's opinion; getting a named person
    on the phone or a show is speaking to them."""
    assert concept in reader.features(question).terms


def test_a_comment_with_no_one_else_named_is_still_the_quote(reader: Reader) -> None:
    assert "otheropinion" not in reader.features("any comment from the chair?").terms


@pytest.mark.parametrize(("question", "asks_the_bot"), [
    ("Could you recommend some books on trafficking for a reading list?", True),
    ("can u recommend a shorthand course", True),
    ("recommend a good documentary about trafficking", True),
    ("what would you recommend i read about it", True),
    ("did the committee recommend a new strategy?", False),
    ("what did they recommend the mayor does?", False),
    ("can you list the recommendations?", False),
])
def test_recommend_asked_of_the_bot_asks_for_a_suggestion(reader: Reader, question: str,
                                                          asks_the_bot: bool) -> None:
    """"Can you recommend a book?" asks the bot for one; what the committee recommends, even
    "a new strategy", is its recommendations."""
    terms = reader.features(question).terms
    assert ("suggestrequest" in terms, "recommend" in terms) == (asks_the_bot, not asks_the_bot)


# --------------------------------------------------------------------------- people quoted


def test_the_lexicon_names_nobody_the_release_quotes(engine: Engine) -> None:
    """A new release needs no name written in the lexicon: the reader reads its people's names
    from the release (bot.names)."""
    lex = engine.knowledge.lexicon
    written = " ".join([*lex.patterns, *lex.phrases, *lex.typos,
                        *(w for words in lex.concepts.values() for w in words)]).lower()
    release = engine.knowledge.release()
    for name in (release.chair, *(q.speaker for q in release.quotes)):
        for word in name.split()[:-1]:  # not the post-nominal "AM"
            assert not re.search(rf"\b{word.lower()}\b", written), word


def test_the_lexicon_names_neither_the_releases_committee_nor_the_bodies_it_names(
        engine: Engine) -> None:
    """The committee, the bodies the recommendations name and the sources' names are read
    from the release (bot.names), in every form a question writes them, never written in the
    lexicon."""
    lex = engine.knowledge.lexicon
    written = " | ".join([*lex.patterns, *lex.phrases, *lex.phrases.values(), *lex.typos,
                          *(" ".join(words) for words in lex.concepts.values())]).lower()
    release = engine.knowledge.release()
    names = [release.committee, *(n for kinds in (bodies(release, engine.knowledge.intents),
                                                  sources(release, lambda text: [text]))
                                  for _, found in kinds for n in found)]
    for name in names:
        words = name.lower().replace("&", "and").split()
        forms = {" ".join(words[n:]) for n in range(len(words) - 1)}  # with its tails
        forms |= {f.replace(" and ", " & ") for f in forms} | {
            f.replace(" and ", " ") for f in forms}
        initials = "".join(w[0] for w in name.split() if w[0].isupper()).lower()
        forms |= {initials} if len(initials) > 2 else set()  # "PCC"
        # The country's general knowledge, not the release's (docs/engine.md).
        for form in forms - {"home secretary", "home office", "home office’s",
                             "metropolitan police"}:
            assert not re.search(rf"\b{re.escape(form)}\b", written), form


@pytest.mark.parametrize("question", ["who is desai?", "what did Mr Desai say", "unmesh?"])
def test_a_name_the_release_quotes_is_read_as_the_chair(reader: Reader, question: str) -> None:
    assert "chair" in reader.features(question).terms


def test_another_releases_reader_reads_its_own_chairs_name(engine: Engine) -> None:
    potholes = _release_reader(engine, POTHOLES)  # quotes Jane Roe AM
    assert "chair" in potholes.features("who is roe?").terms
    assert "chair" in potholes.features("what did jane roe say").terms
    assert "chair" not in potholes.features("who is desai?").terms
    # "Jane" is an everyday word: alone, it is the person only where a pattern says so.
    assert "chair" not in potholes.features("jane austen novels").terms
    assert "interview" in potholes.features("can I get jane on the phone").terms


# Its one recommendation asks the Mayor to task a board and to lobby a minister.
SCHOOLS = Spec("2024-05-01-schools", "schools", "More school places in London",
               dt.date(2024, 5, 1), "Education Panel", "Lee Moe AM", ((2021, 1210), (2023, 1480)),
               body="School Places Board", lobbied="Secretary of State for Education")


def test_whom_a_recommendation_asks_to_lobby_is_read_from_the_release(
        engine: Engine, reader: Reader) -> None:
    """The Home Secretary ("lobby the Home Secretary") and another release's "Secretary of State
    for Education" are read as ``lobby`` with no lexicon entry naming either: the verb that
    governs each in its recommendation, a keyword of its intent, says what is asked of it."""
    lex = engine.knowledge.lexicon
    assert "homesecretary" not in {w for words in lex.concepts.values() for w in words}
    written = " | ".join([*lex.patterns, *lex.phrases, *lex.phrases.values(), *lex.typos,
                          *(" ".join(words) for words in lex.concepts.values())]).lower()
    assert "secretary of state" not in written
    assert "lobby" in reader.features("why is the home secretary mentioned").terms
    assert "visa" not in reader.features("why is the home secretary mentioned").terms
    schools = _release_reader(engine, SCHOOLS)
    asked = schools.features("what about the secretary of state for education?").terms
    assert "lobby" in asked and "strategy" not in asked  # not its intent's strongest keyword
    assert "lobby" not in schools.features("what about the school places board?").terms
    assert "lobby" not in reader.features("what about the secretary of state for education?").terms


def test_a_text_naming_someone_is_kept_out_of_the_shared_memo(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # Memories of this test's own, with room: the process's memo for this lexicon is full once
    # earlier tests have read enough questions (tests/test_devset.py reads thousands), and a
    # full memo remembers a text apart (``readmemo.recent_for``), not in the memo.
    monkeypatch.setattr(readmemo, "_MEMOS", {})
    monkeypatch.setattr(readmemo, "_RECENT", {})
    reader = Reader(engine.knowledge)
    reader.normalise("can we have desai on tonight?")
    reader.normalise("can we have the chair on tonight?")
    assert "can we have the chair on tonight?" in reader._memo
    assert "can we have desai on tonight?" not in reader._memo
    # ... so another release's reader, for whom "desai" is nobody, reads it its own way; the
    # name a pattern matched is kept after its words (it still says who, and which release).
    potholes = _release_reader(engine, POTHOLES)
    assert potholes.normalise("can we have desai on tonight?") == "can we have desai on tonight"
    assert reader.normalise("can we have desai on tonight?") == "can we interview desai tonight"


# The answers to questions naming this release's chair, as they were with the name written in
# the lexicon (and one better: "what does Mr Desai think" was read as another's opinion).
NAME_QUESTIONS = [
    ("what did unmesh desai say", "chair_quote"), ("what did desai say", "chair_quote"),
    ("what did unmesh say", "chair_quote"), ("who is unmesh desai", "chair_who"),
    ("who is desai", "chair_who"), ("who is mr desai", "chair_who"),
    ("can i get desai on the phone", "interview_request"),
    ("can i get unmesh desai on the phone", "interview_request"),
    ("can I get Mr Desai on the phone", "interview_request"),
    ("can we have desai on the show", "interview_request"),
    ("is desai an assembly member", "chair_who"), ("what is desai's job title", "chair_who"),
    ("did desai really say that", "chair_quote"),
    ("what does desai think about it", "chair_quote"),
    ("what does mr desai think", "chair_quote"),
    ("can i interview unmesh desai", "interview_request"),
    ("is mister desai available", "interview_request"), ("desai quote", "chair_quote"),
    ("Desai?", "chair_who"), ("who is unmesh", "chair_who"),
    ("is unmesh desai an AM", "chair_who"),
]


@pytest.mark.parametrize(("question", "intent"), NAME_QUESTIONS)
def test_questions_naming_the_chair_are_answered_as_before(engine: Engine, question: str,
                                                           intent: str) -> None:
    assert ask(engine, question)[0] == intent


@pytest.mark.parametrize(("question", "audience"), [
    # "normal", "ordinary" or "regular" says who asks beside a word for people ...
    ("what's the number for normal people?", "public"),
    ("who do i call about this as an ordinary londoner", "public"),
    # ... not alone: a line, a worry, plain words.
    ("and the normal daytime one?", ""),
    ("is it normal that my agency keeps my wages?", ""),
    ("what does 1155% mean in normal words", ""),
])
def test_normal_is_an_asker_only_beside_people(reader: Reader, question: str,
                                               audience: str) -> None:
    assert reader.features(question).audience == audience


def test_the_normal_daytime_line_after_the_night_one_is_the_press_office(
        engine: Engine) -> None:
    """"and the normal daytime one?" after the out-of-hours press line: the daytime press line,
    not the public's (no one said they are the public)."""
    conversation = Conversation()
    engine.ask("whats the out of hours press number", conversation=conversation, now=NOW)
    answer = engine.ask("and the normal daytime one?", conversation=conversation, now=NOW)
    assert answer.intent == "contact_media" and "020 7983 4067" in to_text(answer)


@pytest.mark.parametrize(("question", "contact"), [
    ("is there someone I can write to about this?", True),
    ("who should we email about the recommendations?", True),
    ("who did they write to?", False),  # whom the committee wrote to: its letter
])
def test_whom_the_asker_may_write_to_is_a_contact(reader: Reader, question: str,
                                                  contact: bool) -> None:
    terms = reader.features(question).terms
    assert ("contact" in terms) is contact and ("letter" in terms) is not contact


@pytest.mark.parametrize(("question", "term"), [
    ("whens it from", "date"),
    ("what year is this from?", "date"),
    ("who is it from", "publisher"),
    ("is this from the GLA?", "publisher"),
])
def test_when_it_is_from_is_its_date_and_who_its_publisher(reader: Reader, question: str,
                                                           term: str) -> None:
    terms = reader.features(question).terms
    assert term in terms and not {"date", "publisher"} - {term} <= terms


@pytest.mark.parametrize(("question", "date"), [
    ("how do i find out more", False),  # to learn, not a release that came out
    ("when did it come out", True),
    ("is it out yet", True),
])
def test_finding_out_is_no_date(reader: Reader, question: str, date: bool) -> None:
    assert ("date" in reader.features(question).terms) is date


@pytest.mark.parametrize("question", ["did the old bill collect these numbers?",
                                      "were bobbies involved in the figures",
                                      "are these the feds' stats",
                                      "do the rozzers have enough staff"])
def test_everyday_words_for_the_police_are_the_police(reader: Reader, question: str) -> None:
    assert "met" in reader.features(question).terms


def test_a_name_the_bot_does_not_know_is_no_term_and_no_word_unread(reader: Reader) -> None:
    """"Sian Berry" is someone named (bot.textfacts.unknown_names); a release's own contact
    written as a name ("Aoife Nolan") is still read as the line it is."""
    f = reader.features("Is Sian Berry the chair?")
    assert not f.unknown and not {"sian", "berry"} & f.terms and "chair" in f.terms
    f = reader.features("Hi, Tamsin Achterberg here. Direct line for Aoife Nolan?")
    assert "pressoffice" in f.terms and not {"tamsin", "achterberg"} & f.terms


@pytest.mark.parametrize("question", ["is modern slavery going up in london??",
                                      "my MP says modern slavery has exploded in London",
                                      "have the numbers shot up?",
                                      "is trafficking on the rise in the capital"])
def test_everyday_words_for_a_rise_are_the_rise(reader: Reader, question: str) -> None:
    assert "rise" in reader.features(question).terms


def test_dialect_words_are_read_as_their_plain_words(reader: Reader) -> None:
    f = reader.features("av they said owt about gettin more coppers on it?")
    assert not f.unknown and {"anything", "getting"} <= f.terms


@pytest.mark.parametrize(("question", "recommends"), [
    ("what exactly has the Police and Crime Committee asked for?", True),
    ("what have they asked for", True),
    ("I asked for the number yesterday", False),
])
def test_what_a_body_asks_for_or_does_is_what_it_recommends(reader: Reader, question: str,
                                                           recommends: bool) -> None:
    assert ("recommend" in reader.features(question).terms) == recommends


@pytest.mark.parametrize(("question", "audience"), [
    ("my nan saw on the news that slavery is up loads, is that true", ""),
    ("saw this on the news, how big was the jump in cases?", ""),
    ("heard about this on the radio, how many cases were there in 2018", ""),
    ("saw it on telly last night, what did the committee recommend", ""),
    ("I'm on the news desk, who do I call?", "media"),
])
def test_where_one_saw_it_says_nothing_of_who_asks(reader: Reader, question: str,
                                                   audience: str) -> None:
    f = reader.features(question)
    assert f.audience == audience and "interview" not in f.terms


@pytest.mark.parametrize(("question", "asks_to_write"), [
    ("i translate for a community site, what are the recommendations?", False),
    ("I write a personal blog. Who do I contact at the London Assembly?", False),
    ("can u translate the press release to polish", True),
])
def test_who_translates_or_writes_is_who_asks(reader: Reader, question: str,
                                              asks_to_write: bool) -> None:
    assert ("writerequest" in reader.features(question).terms) == asks_to_write
