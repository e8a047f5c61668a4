"""Provides the engine's per-release parts: each release's matcher and the classifier's opinion
over its intents, the state they live in, loading the stored opinion, which releases a question
may go to, and the matcher's "ask rather than guess" test.

``bot.engine`` holds these in one ``State`` and swaps it whole on a reload; nothing here keeps
state of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot import knowledge as kb
from bot.answermodels import Answer
from bot.answers import AnswerBuilder
from bot.classifier import Classifier
from bot.contactcheck import Known, asked_whose, unknown_person
from bot.dialogue import Conversation
from bot.features import AFTER_RELEASE
from bot.matching import Features, Matcher
from bot.models import GENERAL_TYPES, Intent
from bot.opinion import Opinion
from bot.reading import Reader
from bot.releases import ReleaseChooser
from bot.thresholds import Thresholds

MODEL_FILE = "classifier.json.gz"  # in the intents folder, written by `pressbot train`
DECISION_FILE = "decision.json"


@dataclass(frozen=True)
class Part:
    """One release's matcher (its intents and the general ones) and the classifier's opinion
    over them (None without a model, or when the model has no labels for the release)."""

    release: str
    matcher: Matcher
    opinion: Opinion | None
    values: dict[str, float] = field(init=False)  # its figures' values, for "that figure"

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", {
            f.id: f.value for r in self.matcher.knowledge.releases for f in r.figures})


@dataclass(frozen=True)
class State:
    knowledge: kb.Knowledge
    matcher: Matcher  # the first release's (with one release loaded, the only one)
    builder: AnswerBuilder
    opinion: Opinion | None = None  # the classifier's second opinion; None without a model
    chooser: ReleaseChooser | None = None  # None with one release: nothing to choose
    parts: dict[str, Part] = field(default_factory=dict)  # built when first asked about
    # The releases' ids in load order, and as a set: looked up on every question.
    ids: tuple[str, ...] = field(init=False)
    id_set: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", tuple(r.id for r in self.knowledge.releases))
        object.__setattr__(self, "id_set", frozenset(self.ids))


def release_knowledge(knowledge: kb.Knowledge, release_id: str) -> kb.Knowledge:
    """The knowledge as one release's matcher sees it: that release and the general intents,
    so that loading other releases never changes how its own questions are read."""
    if len(knowledge.releases) == 1:
        return knowledge
    return knowledge.model_copy(update={
        "releases": [knowledge.release(release_id)],
        "intents": [i for i in knowledge.intents
                    if i.type in GENERAL_TYPES or i.release == release_id]})


def load_opinion(intents_dir: Path, intents: list[Intent],
                 cache: Path | None = None) -> Opinion | None:
    """The stored classifier and thresholds, or None when there is no model (matcher only).
    ``cache``: where the model's parsed form is kept between starts (bot.parsedcache)."""
    model, decision = intents_dir / MODEL_FILE, intents_dir / DECISION_FILE
    if not model.exists():
        return None
    thresholds = Thresholds.load(decision) if decision.exists() else Thresholds()
    return Opinion(Classifier.load(model, cache), thresholds, intents)


def opinion_for(state: State, release_id: str) -> Opinion | None:
    """The classifier's opinion over one release's intents, when it knows any of them."""
    opinion = state.opinion
    if opinion is None or len(state.knowledge.releases) == 1:
        return opinion
    intents = release_knowledge(state.knowledge, release_id).intents
    if not any(opinion.knows(i.id) for i in intents if i.type not in GENERAL_TYPES):
        return None  # a model trained before this release: the matcher alone
    return Opinion(opinion.classifier, opinion.thresholds, intents)


def release_candidates(state: State, text: str, conversation: Conversation | None,
                       release: str) -> list[str]:
    """The releases the question may be about, newest first: one, or several that fit
    equally. The conversation's release stands unless the question names another."""
    if release in state.id_set:
        return [release]
    if state.chooser is None:
        return list(state.ids)
    read = state.chooser.reader.features(text)
    choice = state.chooser.choose(read)
    current = conversation.release if conversation is not None else ""
    if current in state.id_set and not state.chooser.switches(read, current, choice):
        return [current]
    return list(choice.releases)


def grounded(answer: Answer, f: Features, matcher: Matcher, text: str = "") -> bool:
    """Whether the structured reading decides the answer, so the classifier does not overrule it
    (bot.engine; bot.crossval replays it the same way): the answer gives a figure the question
    names by its value (a fact-check such as "2,346 referrals in 2017?"), or the question asks
    what happened after the release ("has the mayor done anything since?"), which no release
    can say, and the matcher declined it, or ``text`` asks whose a number it states is and the
    answer is that line's (``whose_line``), or asks for a person the release does not name
    and the answer gives lines. The classifier reads only its topic's words."""
    if answer.intent is None and AFTER_RELEASE in f.terms:
        return True
    if text and answer.intent is not None and (
            line := whose_line(matcher.knowledge, answer.release, text)) is not None and (
            answer.intent in (line.id, (matcher.knowledge.public_line(line.id) or line).id)):
        return True
    if text and answer.intent is not None and f.terms & LINES and unknown_person(
            text, matcher.knowledge.release(answer.release), knows(matcher.reader)) and (
            matcher.knowledge.intent(answer.intent).type == "contacts"):
        return True  # the contacts answer; another still has the figure check below
    return bool(f.numbers) and any(  # no number stated: no figure named by its value
        fig.id in answer.figures for r in matcher.knowledge.releases
        for fig in r.figures if fig.value in f.numbers)


LINES = frozenset({"contact", "media", "pressoffice"})  # the reader's words of a line


def whose_line(knowledge: kb.Knowledge, release_id: str, text: str) -> Intent | None:
    """The line whose number a question states and asks whose or what it is
    (``contactcheck.asked_whose``: "whose number is 020 7983 4100?", "who answers on 4067?"):
    that line's intent, or all the contacts for a number the release does not give."""
    release = knowledge.release(release_id)
    said = asked_whose(text, release, knowledge.safeguarding.contacts)
    if not said:
        return None
    return knowledge.card("contacts", said[0].audience if said[0] is not None else "all",
                          release.id)


def knows(reader: Reader) -> Known:
    """Whether the reader reads two capitalised words ("City Hall", "Tower Hamlets", "Evening
    Standard", "Aoife Nolan") as something it knows, a word of its own or a stopword: a name
    that is none of these may be a person the release does not name
    (``contactcheck.unknown_person``)."""
    def known(words: str) -> bool:
        tokens = reader.tokens(words)
        return len(tokens) != 2 or not all(t.isalpha() for t in tokens) or any(
            t in reader.vocab or t in reader.stopwords for t in tokens) or not (
            reader.terms(tokens) <= set(tokens))
    return known


def context_intent(state: State, conversation: Conversation | None,
                   part: Part) -> Intent | None:
    if conversation is None or conversation.last_intent is None:
        return None
    try:
        intent = state.knowledge.intent(conversation.last_intent)
    except KeyError:  # the intent was removed by a reload
        return None
    # What was said about another release is no context for this one.
    return intent if intent.release in ("", part.release) or len(
        state.knowledge.releases) == 1 else None


def too_close(best: Intent, score: float, others: tuple[tuple[Intent, float], ...],
              matcher: Matcher) -> bool:
    """Ask rather than guess when a different kind of answer scores almost as well."""
    if not others or best.priority:
        return False
    other, other_score = others[0]
    if other.type == "smalltalk":
        return False  # "..., thank you" asks nothing more
    if best.context_figures or other.context_figures:
        return False  # a figure's answer names its source, and a source answer its figure
    if matcher.covers(best, other) or matcher.covers(other, best):
        return False  # "the referral numbers": the overview states the 2013 figure too
    close = score - other_score < matcher.ambiguity_margin
    return close and other_score >= matcher.threshold and other.family != best.family


def subject(knowledge: kb.Knowledge, conversation: Conversation, release_id: str) -> str:
    """What the conversation's last figures count, and the release's title: what a follow-up's
    "one of them" or "it" is about ("" when the last answers gave no figure)."""
    figures = conversation.figures_of(release_id)
    if not figures:
        return ""
    try:
        release = knowledge.release(release_id)
    except KeyError:
        return ""
    counts = [fig.counts for fig in release.figures if fig.id in figures and fig.counts]
    return " ".join([*counts, release.title]) if counts else ""


def title(knowledge: kb.Knowledge, conversation: Conversation, release_id: str) -> str:
    """The title of the release being discussed, once the conversation has had an answer: what
    a follow-up's "it" is about when the last answer gave no figure ("" before any answer)."""
    if conversation.last_intent is None:
        return ""
    try:
        return knowledge.release(release_id).title
    except KeyError:
        return ""
