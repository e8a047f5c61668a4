"""Provides the Engine: the one entry point that turns a question into an Answer.

Both the command line and the Telegram adapter call ``Engine.ask``; neither builds answers
itself. With several releases loaded, ``bot.releases`` decides which one a question is about
(or the conversation's), and the question is matched against that release's intents and the
general ones only; one that fits several equally gets "which release?". ``reload`` swaps in
a new knowledge base only when it loads cleanly, so a bad edit never replaces a working one.
Each release's matcher and opinion, and which releases a question may go to: ``bot.parts``;
the matcher's answer from one release, the safety layer first: ``bot.matcherstep``.
"""

from __future__ import annotations

import datetime as dt

from bot import knowledge as kb
from bot import matcherstep, parsedcache, weighing
from bot.answermodels import Answer
from bot.answers import AnswerBuilder
from bot.cards import load_types, question_concepts
from bot.classifier import Classifier
from bot.config import Settings
from bot.decision import heard_when_kept
from bot.dialogue import Conversation
from bot.matching import Matcher
from bot.models import Release
from bot.opinion import Opinion
from bot.parts import (
    Part,
    State,
    grounded,
    knows,
    load_opinion,
    opinion_for,
    release_candidates,
    release_knowledge,
)
from bot.reading import MAX_QUESTION_CHARS, Reader
from bot.releases import ReleaseChooser, names_only, newest_first
from bot.routing import OfficeHours
from bot.safety import distress_call
from bot.thresholds import Thresholds
from bot.twopart import MatcherAnswer

EMPTY = "Please type a question about the release, for example “{example}”."
EMPTY_PLAIN = "Please type a question about the release."
TOO_LONG = ("That message is too long for me ({n:,} characters). Please ask one short question, "
            "under {limit:,} characters.")

# How many of the releases a question fits equally are tried for "which release?".
MAX_CHOICES = 8
# How many of them (newest first) are read for it: reading one builds its matcher.
MAX_PROBED = 24
class Engine:
    """Matching, answering and routing over one knowledge base."""

    def __init__(self, settings: Settings, hours: OfficeHours | None = None) -> None:
        self.settings = settings
        self.hours = hours or OfficeHours.from_settings(settings)
        self._state = self._load()

    @classmethod
    def from_settings(cls, settings: Settings) -> Engine:
        return cls(settings)

    def _load(self) -> State:
        s = self.settings
        knowledge = kb.load(s.knowledge_dir, s.intents_dir, s.cache_path)
        # The parsed model, the normalised texts and the patterns' needs are kept beside the
        # knowledge cache.
        beside = s.cache_path.with_name
        parsed = beside(s.cache_path.stem + "-classifier.db")
        save = parsedcache.seed_normalised(knowledge.lexicon, knowledge.content_hash,
                                           beside(s.cache_path.stem + "-normalised.db"))
        save_needs = parsedcache.seed_needs(knowledge.content_hash,
                                            beside(s.cache_path.stem + "-needs.db"))
        state = self._state_for(knowledge, load_opinion(s.intents_dir, list(knowledge.intents),
                                                        parsed))
        save()
        save_needs(lambda: state.matcher.reader.patterns)  # compiled only to be stored
        return state

    def _state_for(self, knowledge: kb.Knowledge, opinion: Opinion | None) -> State:
        first = knowledge.releases[0].id
        matcher = Matcher(release_knowledge(knowledge, first))
        chooser = ReleaseChooser(knowledge, Reader(names_only(knowledge)), question_concepts(
            load_types(self.settings.intents_dir))) if len(knowledge.releases) > 1 else None
        builder = AnswerBuilder(knowledge, self.hours, knows(matcher.reader))
        state = State(knowledge, matcher, builder, opinion, chooser)
        state.parts[first] = Part(first, matcher, opinion_for(state, first))
        return state

    def use_knowledge(self, knowledge: kb.Knowledge) -> None:
        """Serve this (already validated) knowledge, keeping the current opinion."""
        self._state = self._state_for(knowledge, self._state.opinion)

    def _part(self, release_id: str) -> Part:
        """One release's matcher, built the first time the release is asked about."""
        state = self._state
        part = state.parts.get(release_id)
        if part is None:
            part = Part(release_id, Matcher(release_knowledge(state.knowledge, release_id)),
                         opinion_for(state, release_id))
            state.parts[release_id] = part  # a race builds it twice; either copy is right
        return part

    def use_model(self, classifier: Classifier | None, thresholds: Thresholds) -> None:
        """Answer with another model (cross-validation's), or with the matcher alone (None)."""
        intents = list(self._state.knowledge.intents)
        self.use_opinion(Opinion(classifier, thresholds, intents) if classifier else None)

    def use_opinion(self, opinion: Opinion | None) -> None:
        state = self._state
        new = State(state.knowledge, state.matcher, state.builder, opinion, state.chooser)
        for rid, part in state.parts.items():
            new.parts[rid] = Part(rid, part.matcher, opinion_for(new, rid))
        self._state = new

    def reload(self) -> None:
        """Re-read the files; on any error keep serving the old knowledge and raise."""
        self._state = self._load()  # one assignment: readers see the old or the new, not a mix

    @property
    def knowledge(self) -> kb.Knowledge:
        return self._state.knowledge

    @property
    def matcher(self) -> Matcher:
        return self._state.matcher

    @property
    def opinion(self) -> Opinion | None:
        """The classifier's second opinion, or None (no model file: the matcher alone)."""
        return self._state.opinion

    def intent_ids(self) -> set[str]:
        return {i.id for i in self._state.knowledge.intents}

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.hours.tz)

    def answer_intent(self, intent_id: str, *, conversation: Conversation | None = None,
                      now: dt.datetime | None = None) -> Answer:
        """Answer a known intent directly (commands, buttons, deep links), routed for the asker."""
        state = self._state
        intent = state.knowledge.intent(intent_id)
        answer = state.builder.build(intent.label, intent, 1.0, now=now or self.now(),
                                     audience=conversation.audience if conversation else "",
                                     context_figures=conversation.figures_of(intent.release)
                                     if conversation else None)
        self._remember(conversation, answer)
        return answer

    def answer_card(self, type_: str, slot: str = "", *,
                    conversation: Conversation | None = None) -> Answer | None:
        """Answer a question type and slot (a command, a quick button) from the release being
        discussed; with several releases and none chosen yet, ask which (None: no release has
        such a card)."""
        knowledge = self._state.knowledge
        current = conversation.release if conversation is not None else ""
        ids = [current] if current in {r.id for r in knowledge.releases} else [
            r.id for r in newest_first(knowledge.releases)]
        found = [(r, card) for r in ids if (card := knowledge.card(type_, slot, r))]
        if not found:
            return None
        if len(found) > 1 and any(c.release for _, c in found):
            options = [(knowledge.release(r), c.id) for r, c in found[:MAX_CHOICES]]
            if conversation is not None:
                conversation.pending, conversation.pending_card = "", (type_, slot)
            return self._state.builder.which_release(found[0][1].label, options)
        return self.answer_intent(found[0][1].id, conversation=conversation)

    def choose_release(self, release_id: str, *,
                       conversation: Conversation) -> Answer:
        """The answer to "which release?": the waiting question or command answered from that
        release, or its overview when nothing is waiting (KeyError: no such release)."""
        self._state.knowledge.release(release_id)
        question, card = conversation.pending, conversation.pending_card
        conversation.release = release_id
        if question:
            return self.ask(question, conversation=conversation, release=release_id)
        if card[0]:
            answer = self.answer_card(*card, conversation=conversation)
            if answer is not None:
                return answer
        return self.open_release(release_id, conversation=conversation)

    def open_release(self, release_id: str, *,
                     conversation: Conversation | None = None) -> Answer:
        """A release's overview, and the conversation now about it (KeyError: no such id)."""
        state = self._state
        answer = state.builder.overview(state.knowledge.release(release_id) if release_id
                                        else state.knowledge.releases[0])
        if conversation is not None:
            conversation.release = answer.release
            conversation.pending, conversation.pending_card = "", ("", "")
        return answer

    def ask(self, question: str, *, conversation: Conversation | None = None,
            now: dt.datetime | None = None, release: str = "") -> Answer:
        """Answer a free-text question, using and updating the conversation if given.
        ``release``: answer from this release (the answer to "which release?")."""
        state = self._state
        # Lone surrogates (undecodable bytes from argv or a socket) would break any encoder.
        question = question.encode("utf-8", errors="replace").decode("utf-8")
        text = question.strip()
        if not text or (not any(c.isalnum() for c in text) and not distress_call(
                text, state.knowledge.safety)):  # the SOS emoji alone is a call for help
            example = state.knowledge.example(
                release or (conversation.release if conversation is not None else ""))
            return state.builder.invalid(
                question, EMPTY.format(example=example) if example else EMPTY_PLAIN)
        if len(text) > MAX_QUESTION_CHARS:
            return state.builder.invalid(
                question, TOO_LONG.format(n=len(text), limit=MAX_QUESTION_CHARS))
        candidates = release_candidates(self._state, text, conversation, release)
        part = self._part(candidates[0])
        several = len(candidates) > 1  # then this answer's kind is all that is kept of it
        m = matcherstep.run(self._state, text, conversation, now, part, self.now,
                            written=not several)
        if several and m.answer.kind == "safeguarding":
            m = matcherstep.run(self._state, text, conversation, now, part, self.now)
        elif several:
            # It fits several releases equally: ask which, when it is about one of them ("who
            # is the chair?"), not when only small talk answers it ("thanks").
            options = self._options(text, conversation, now, candidates)
            if len(options) > 1:
                asked = weighing.help_first(state, state.builder.which_release(text, options), m)
                if conversation is not None:
                    conversation.pending, conversation.pending_card = text, ("", "")
                    conversation.turns += 1
                    conversation.heard(text)
                return asked
            part = self._part(options[0][0].id) if options else part
            m = matcherstep.run(self._state, text, conversation, now, part, self.now)
        answer, f = m.answer, m.features
        # A question that names one of the release's figures by its value, answered with that
        # figure, is grounded in the structured reading (a fact-check, say), the independent
        # check: the classifier does not overrule it (``grounded``); where it names another
        # answer, both are offered (``weighing.grounded_check``). A follow-up is the matcher's.
        if not m.leans and not grounded(answer, f, part.matcher, "" if m.harm else text):
            answer = weighing.second_opinion(self._state, text, m, conversation,
                                              now or self.now(), part)
        elif not m.leans and answer.kind != "safeguarding":
            answer = weighing.grounded_check(self._state, text, f, answer, part, m.also)
        elif (answer.intent is None and heard_when_kept(m.harm, bool(f.offtopic))) or (
                answer.kind == "answer"):
            # Kept for the matcher (a fragment, a follow-up): unanswered, heard for rule 2 alone
            # unless it names another subject; answered, the fallback where the kept stacker
            # finds it unlikely (or, with the previous topic's words alone, the rule's).
            answer = weighing.second_opinion(self._state, text, m, conversation,
                                              now or self.now(), part, net_only=True)
        current = conversation.release if conversation is not None else ""
        if answer.kind == "fallback" and current and candidates != [current] and (
                current in state.parts or current in {r.id for r in state.knowledge.releases}):
            # Its words named another release, which cannot answer it either: the person was
            # most likely still on the conversation's release, so it says what it can there.
            return self.ask(question, conversation=conversation, now=now, release=current)
        if answer.kind == "fallback" and len(candidates) == 1:
            # Unanswered, but about this release: the question log's report says which.
            answer = answer.model_copy(update={"release": candidates[0]})
        elif answer.kind == "fallback":  # about none of them in particular: say so
            answer = weighing.fallback(self._state, text, f, part, releases=len(candidates),
                                       another_crime=m.another, unread=m.not_read)
        answer = weighing.help_first(state, answer, m)  # unsure, asked for help: numbers first
        answer = weighing.still_worried(state, answer, conversation, f)
        self._remember(conversation, answer, said=text)
        return answer

    @staticmethod
    def _remember(conversation: Conversation | None, answer: Answer, said: str = "") -> None:
        if conversation is None:
            return
        conversation.remember(answer.intent, answer.figures, answer.release)
        conversation.heard(said)
        conversation.pending, conversation.pending_card = "", ("", "")
        if answer.release:
            conversation.release = answer.release

    def _options(self, text: str, conversation: Conversation | None, now: dt.datetime | None,
                 candidates: list[str]) -> list[tuple[Release, str]]:
        """Of releases that fit equally, those whose own intents answer the question (newest
        first, at most ``MAX_CHOICES``), each with the intent that would answer there."""
        state = self._state
        options: list[tuple[Release, str]] = []
        verdicts: matcherstep.Verdicts = {}  # most releases' readers read the text alike
        for rid in candidates[:MAX_PROBED]:
            probe = Conversation(audience=conversation.audience) if conversation else None
            answer, *_ = matcherstep.run(self._state, text, probe, now, self._part(rid),
                                         self.now, probe=True, verdicts=verdicts)
            if answer.release == rid:
                options.append((state.knowledge.release(rid), answer.intent or ""))
            if len(options) == MAX_CHOICES:
                break
        return options

    def matcher_answer(self, question: str, *, conversation: Conversation | None = None,
                       now: dt.datetime | None = None) -> MatcherAnswer:
        """What ``ask`` hands the decision rule (bot.crossval replays it to learn it): the matcher's
        answer and how it was read (``MatcherAnswer``); ``leans``: rule 3 does not weigh it (it
        leans on the conversation, ``follows``, or is grounded in a figure named by its value)."""
        text = question.strip()
        part = self._part(release_candidates(self._state, text, conversation, "")[0])
        m = matcherstep.run(self._state, text, conversation, now, part, self.now)
        return m._replace(leans=m.leans or grounded(m.answer, m.features, part.matcher,
                                                   "" if m.harm else text))
