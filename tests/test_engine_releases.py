"""Tests for bot/engine.py with several releases loaded: a question goes to the release it
names, one that fits several equally asks which, and opening a release sets the conversation's.
Follow-ups staying on the conversation's release, and the modern slavery answers unchanged
beside the others, are in test_parts.py.

The modern slavery release is the real one; the others are invented (tests/release_factory.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.errors import KnowledgeError
from bot.render import to_text
from tests.conftest import SLAVERY, KnowledgeCopy
from tests.release_factory import ALLOTMENTS, LIBRARIES, POTHOLES, with_releases, write


@pytest.mark.parametrize(("question", "intent", "release"), [
    ("how many potholes in 2018", "potholes_2018", POTHOLES.id),
    ("what did jane roe say", "potholes_quote", POTHOLES.id),
    ("how much did referrals rise", "referrals_rise", SLAVERY),
    ("what did unmesh desai say", "chair_quote", SLAVERY),
    ("who is sam poe", "allotments_chair", ALLOTMENTS.id),
    ("is 3,770 right?", "allotments_2018", ALLOTMENTS.id),
])
def test_a_question_goes_to_the_release_it_names(many: Engine, question: str, intent: str,
                                                 release: str) -> None:
    answer = many.ask(question)
    assert (answer.intent, answer.release) == (intent, release)
    title = many.knowledge.release(release).title
    assert title in to_text(answer)  # every answer names its release


# Another release's chair by name, as this release's is asked for: each question with the
# name is answered as the same question with "the chair" (Jane Roe AM; the invented release's
# intents and the lexicon name nobody: names are read from the releases, bot/names.py).
NAMED = [
    ("what did jane roe say", "what did the chair say", "potholes_quote"),
    ("what did ms roe say?", "what did the chair say?", "potholes_quote"),
    ("who is roe", "who is the chair", "potholes_chair"),
    ("can I get jane on the phone", "can I get the chair on the phone", "potholes_interview"),
    ("can we have roe on the show tonight", "can we have the chair on the show tonight",
     "potholes_interview"),
]


@pytest.mark.parametrize(("named", "unnamed", "intent"), NAMED)
def test_another_releases_chair_by_name_is_the_chair(many: Engine, named: str, unnamed: str,
                                                     intent: str) -> None:
    answers = [many.ask(q, conversation=Conversation(release=POTHOLES.id))
               for q in (named, unnamed)]
    assert [(a.intent, a.release) for a in answers] == [(intent, POTHOLES.id)] * 2
    assert to_text(answers[0]) == to_text(answers[1])
    # With no conversation, the name alone says which release is meant.
    assert many.ask(named, conversation=Conversation()).intent == intent


# A release's contacts by name (bot.names), the same wording for each release: its media
# contact's (Aoife Nolan; Ciara Mensah) as the press office, its public line's (Public Liaison
# Unit, PLU; Highways Enquiry Desk, HED) as non-media enquiries. The lexicon names none of them.
CONTACTS = [
    ("can i get {first} on the phone", "contact_media"),
    ("is {surname} the press officer?", "contact_media"),
    ("who is {first} {surname}", "contact_media"),
    ("{first} {surname} number", "contact_media"),
    ("can I speak to ms {surname}", "contact_media"),
    ("is {First} around", "contact_media"),
    ("{public} number", "contact_public"),
    ("number for the {public}", "contact_public"),
    ("what is the {initials}", "contact_public"),
]
OWN = {"first": "aoife", "First": "Aoife", "surname": "nolan", "public": "public liaison unit",
       "initials": "plu"}
THEIRS = {"first": "ciara", "First": "Ciara", "surname": "mensah",
          "public": "highways enquiry desk", "initials": "hed"}


@pytest.mark.parametrize(("wording", "intent"), CONTACTS)
def test_this_releases_contacts_by_name_are_answered_as_before(engine: Engine, many: Engine,
                                                               wording: str, intent: str) -> None:
    question = wording.format(**OWN)
    assert (engine.ask(question).intent, engine.ask(question).release) == (intent, SLAVERY)
    beside = many.ask(question, conversation=Conversation(release=SLAVERY))
    assert (beside.intent, beside.release) == (intent, SLAVERY)


@pytest.mark.parametrize(("wording", "intent"), CONTACTS)
def test_another_releases_contacts_by_name_get_the_same_answers(many: Engine, wording: str,
                                                                intent: str) -> None:
    question = wording.format(**THEIRS)
    answer = many.ask(question, conversation=Conversation(release=POTHOLES.id))
    assert (answer.intent, answer.release) == (f"potholes_{intent}", POTHOLES.id)
    if "{initials}" not in wording:  # with no conversation, the name alone says which release
        alone = many.ask(question, conversation=Conversation())
        assert (alone.intent, alone.release) == (f"potholes_{intent}", POTHOLES.id)


# The bodies a release's recommendations name (bot.names): this release's (the London Modern
# Slavery Partnership Board, the Specialist Crimes and Vulnerabilities Unit) and the invented
# one's (the Carriageway Renewal and Repair Board), each asked for by its full name, its tail,
# without its part joined by "and", or its initials, gets the recommendation that names it.
BODIES = [
    ("what does the partnership board do", "rec_strategy", "what does the repair board do"),
    ("tell me about the London Modern Slavery Partnership Board", "rec_strategy",
     "tell me about the Carriageway Renewal and Repair Board"),
    ("what is the specialist crimes unit", "rec_detectives",
     "what is the carriageway renewal board"),
    ("what is the scvu", "rec_detectives", "what is the crrb"),
]


@pytest.mark.parametrize(("own", "intent", "theirs"), BODIES)
def test_a_body_a_recommendation_names_gets_that_recommendation(
        engine: Engine, many: Engine, own: str, intent: str, theirs: str) -> None:
    assert (engine.ask(own).intent, engine.ask(own).release) == (intent, SLAVERY)
    beside = many.ask(own, conversation=Conversation(release=SLAVERY))
    assert (beside.intent, beside.release) == (intent, SLAVERY)
    answer = many.ask(theirs, conversation=Conversation(release=POTHOLES.id))
    assert (answer.intent, answer.release) == ("potholes_rec", POTHOLES.id)


# A release's committee by name (bot.names), the same wording for each release: this one's
# (the Police & Crime Committee, PCC) and the invented one's (the Budget & Performance
# Committee, BPC), written with "and", "&" or neither, get its committee or its chair. The
# lexicon names neither committee; a word of the name the lexicon reads ("police", "budget") is
# read as the name only ("is the budget committee part of the assembly?" was an unknown topic).
COMMITTEES = [
    ("what is the {committee}", "release_committee", "committee"),
    ("which committee is the {committee}", "release_committee", "committee"),
    ("is the {committee} part of the assembly", "release_committee", "committee"),
    ("{committee}", "release_committee", "committee"),
    ("who chairs the {committee}", "chair_who", "chair"),
    ("who is the chair of the {initials}", "chair_who", "chair"),
    ("is the {initials} a committee", "release_committee", "committee"),
]
OWN_COMMITTEE = [("police and crime committee", "pcc"), ("Police & Crime Committee", "PCC"),
                 ("police crime committee", "pcc")]
THEIR_COMMITTEE = [("budget and performance committee", "bpc"),
                   ("Budget & Performance Committee", "BPC"),
                   ("budget performance committee", "bpc")]


@pytest.mark.parametrize(("wording", "own", "theirs"), COMMITTEES)
@pytest.mark.parametrize("form", range(len(OWN_COMMITTEE)))
def test_a_committee_by_name_gets_the_same_answers_in_each_release(
        engine: Engine, many: Engine, wording: str, own: str, theirs: str, form: int) -> None:
    (committee, initials), (their, their_initials) = OWN_COMMITTEE[form], THEIR_COMMITTEE[form]
    question = wording.format(committee=committee, initials=initials)
    assert (engine.ask(question).intent, engine.ask(question).release) == (own, SLAVERY)
    beside = many.ask(question, conversation=Conversation(release=SLAVERY))
    assert (beside.intent, beside.release) == (own, SLAVERY)
    question = wording.format(committee=their, initials=their_initials)
    answer = many.ask(question, conversation=Conversation(release=ALLOTMENTS.id))
    assert (answer.intent, answer.release) == (f"allotments_{theirs}", ALLOTMENTS.id)


@pytest.mark.parametrize("question", ["who is the chair", "the 2018 figure",
                                      "what did the chair say"])
def test_a_question_fitting_several_asks_which_newest_first(many: Engine, question: str) -> None:
    conversation = Conversation()
    answer = many.ask(question, conversation=conversation)
    assert answer.kind == "clarify" and answer.intent is None and not answer.figures
    assert [s.release for s in answer.suggestions] == [ALLOTMENTS.id, POTHOLES.id, SLAVERY]
    assert all(many.knowledge.intent(s.intent).release == s.release for s in answer.suggestions)
    assert conversation.pending == question and conversation.release == ""
    # The choice answers the waiting question from that release.
    chosen = many.ask(conversation.pending, conversation=conversation, release=POTHOLES.id)
    assert chosen.release == POTHOLES.id and chosen.kind == "answer"
    assert conversation.release == POTHOLES.id and conversation.pending == ""


def test_small_talk_and_safeguarding_need_no_release(many: Engine) -> None:
    for question in ("hi", "thanks"):
        answer = many.ask(question)
        assert answer.kind == "answer" and answer.release == ""
    help_ = many.ask("I think my neighbour is being kept as a slave")
    assert help_.kind == "safeguarding"


def test_contacts_are_the_releases_own(many: Engine) -> None:
    conversation = Conversation()
    many.ask("how many allotments in 2018", conversation=conversation)
    answer = many.ask("I'm a journalist, what is the press office number?",
                      conversation=conversation)
    assert answer.release == ALLOTMENTS.id
    phones = {c.phone for c in answer.contacts}
    assert ALLOTMENTS.phone in phones or "Grow more allotments" in to_text(answer)


def test_opening_a_release_sets_the_conversation(many: Engine) -> None:
    conversation = Conversation()
    overview = many.open_release(POTHOLES.id, conversation=conversation)
    assert overview.release == POTHOLES.id and "Fix London's potholes" in to_text(overview)
    assert many.ask("who is the chair", conversation=conversation).release == POTHOLES.id
    with pytest.raises(KeyError):
        many.open_release("no-such-release", conversation=conversation)


def test_with_one_release_answers_name_it_and_nothing_is_asked(engine: Engine) -> None:
    answer = engine.ask("who is the chair")
    assert answer.kind == "answer" and answer.release == SLAVERY



def test_reload_picks_up_a_new_release_folder(kb_copy: KnowledgeCopy,
                                              make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(knowledge_dir=kb_copy.knowledge, intents_dir=kb_copy.intents)
    write(kb_copy.knowledge, kb_copy.intents, engine.knowledge, POTHOLES)
    assert engine.ask("how many potholes in 2018").release != POTHOLES.id  # not loaded yet
    engine.reload()
    answer = engine.ask("how many potholes in 2018")
    assert (answer.intent, answer.release) == ("potholes_2018", POTHOLES.id)
    assert "4,410" in to_text(answer)


def test_a_broken_new_release_folder_keeps_the_old_knowledge(
        kb_copy: KnowledgeCopy, make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(knowledge_dir=kb_copy.knowledge, intents_dir=kb_copy.intents)
    before = engine.knowledge
    write(kb_copy.knowledge, kb_copy.intents, before, ALLOTMENTS)
    text = kb_copy.knowledge / "releases" / ALLOTMENTS.id / "release.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("3,770", "3,707"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not found verbatim"):
        engine.reload()
    assert engine.knowledge is before
    assert engine.ask("how much did referrals rise").intent == "referrals_rise"


def test_an_unanswered_question_naming_no_release_names_none(many: Engine) -> None:
    answer = many.ask("asdf qwerty zzkx")
    assert answer.kind == "fallback" and answer.release == ""
    text = to_text(answer)
    assert "from the 3 releases I know" in text
    assert "It covers modern slavery" not in text
    named = many.ask("how many potholes in 2031")  # about one release: it is named
    assert named.kind == "fallback" and named.release == POTHOLES.id
    assert "Fix London's potholes" in to_text(named)


def test_which_release_probes_write_no_answer(many: Engine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Trying the question against each release only needs which intent would answer there:
    # no answer text is written until the person has chosen.
    built: list[str] = []
    builder = type(many._state.builder)
    original = builder.build
    original_fallback = builder.fallback

    def counting(self: object, question: str, intent: object, *args: object,
                 **kwargs: object) -> object:
        built.append(question)
        return original(self, question, intent, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builder, "build", counting)
    answer = many.ask("who is the chair", conversation=Conversation())
    assert answer.kind == "clarify" and len(answer.suggestions) == 3
    assert built == []
    # Nor is a fallback's (its closest topics) for a question no release answers, but for the
    # answer given: the first release's, reworded as about none of them (not one per release
    # tried, nor for the reading that only showed it was not a call for help).
    fallbacks: list[str] = []
    monkeypatch.setattr(type(many._state.builder), "fallback",
                        lambda self, question, **kw: fallbacks.append(question) or
                        original_fallback(self, question, **kw))
    many.ask("which plumber fixes boilers", conversation=Conversation())
    assert len(fallbacks) <= 2


@pytest.fixture(scope="module")
def national(engine: Engine) -> Engine:
    """The real release beside one whose figures are the UK's (tests/release_factory.py)."""
    both = Engine(engine.settings)
    both.use_knowledge(with_releases(engine.knowledge, LIBRARIES))
    return both


@pytest.mark.parametrize("question", ["what's the national figure?", "what is the uk total?"])
def test_a_national_figure_is_each_releases_own_figure_for_the_country(
        national: Engine, question: str) -> None:
    own = national.ask(question, conversation=Conversation(release=SLAVERY))
    assert (own.intent, own.release) == ("nrm_total", SLAVERY)
    theirs = national.ask(question, conversation=Conversation(release=LIBRARIES.id))
    assert theirs.release == LIBRARIES.id
    assert theirs.intent in {f"libraries_{year}" for year, _ in LIBRARIES.figures}


@pytest.mark.parametrize(("release", "after", "within"), [
    (SLAVERY, "have referrals gone up since 2019?", "have referrals gone up since 2013?"),
    (LIBRARIES.id, "have libraries gone down since 2022?", "have libraries gone down since 2019?"),
])
def test_a_change_since_a_releases_last_figures_is_after_it_in_each_release(
        national: Engine, release: str, after: str, within: str) -> None:
    late = national.ask(after, conversation=Conversation(release=release))
    assert (late.intent, late.release) == (None, release)
    assert national.ask(within, conversation=Conversation(release=release)).intent is not None
