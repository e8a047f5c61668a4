"""Provides the Engine: the one entry point that turns a question into an Answer.

Both the command line and the Telegram adapter call ``Engine.ask``; neither builds answers
itself. ``reload`` swaps in a new knowledge base only when it loads cleanly, so a bad edit never
replaces a working one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot import knowledge as kb
from bot.answers import AnswerBuilder
from bot.classifier import FALLBACK, Classifier
from bot.config import Settings
from bot.decision import Opinion, Question, Thresholds
from bot.dialogue import Conversation
from bot.matching import Features, Match, Matcher
from bot.models import Answer, Intent
from bot.reading import MAX_QUESTION_CHARS
from bot.routing import OfficeHours
from bot.safety import assess
from bot.segments import reread, second_question

EMPTY = "Please type a question about the release, for example “how much did referrals rise?”."
TOO_LONG = ("That message is too long for me ({n:,} characters). Please ask one short question, "
            "under {limit:,} characters.")


@dataclass(frozen=True)
class _State:
    knowledge: kb.Knowledge
    matcher: Matcher
    builder: AnswerBuilder
    opinion: Opinion | None = None  # the classifier's second opinion; None without a model


MODEL_FILE = "classifier.json.gz"  # in the intents folder, written by `pressbot train`
DECISION_FILE = "decision.json"


def _id(match: Match | None) -> str | None:
    return match.intent.id if match else None


def load_opinion(intents_dir: Path, intents: list[Intent]) -> Opinion | None:
    """The stored classifier and thresholds, or None when there is no model (matcher only)."""
    model, decision = intents_dir / MODEL_FILE, intents_dir / DECISION_FILE
    if not model.exists():
        return None
    thresholds = Thresholds.load(decision) if decision.exists() else Thresholds()
    return Opinion(Classifier.load(model), thresholds, intents)


class Engine:
    """Matching, answering and routing over one knowledge base."""

    def __init__(self, settings: Settings, hours: OfficeHours | None = None) -> None:
        self.settings = settings
        self.hours = hours or OfficeHours.from_settings(settings)
        self._state = self._load()

    @classmethod
    def from_settings(cls, settings: Settings) -> Engine:
        return cls(settings)

    def _load(self) -> _State:
        s = self.settings
        knowledge = kb.load(s.knowledge_dir, s.intents_dir, s.cache_path)
        return _State(knowledge, Matcher(knowledge), AnswerBuilder(knowledge, self.hours),
                      load_opinion(s.intents_dir, list(knowledge.intents)))

    def use_model(self, classifier: Classifier | None, thresholds: Thresholds) -> None:
        """Answer with another model (cross-validation's), or with the matcher alone (None)."""
        intents = list(self._state.knowledge.intents)
        self.use_opinion(Opinion(classifier, thresholds, intents) if classifier else None)

    def use_opinion(self, opinion: Opinion | None) -> None:
        state = self._state
        self._state = _State(state.knowledge, state.matcher, state.builder, opinion)

    def reload(self) -> None:
        """Re-read the files; on any error keep serving the old knowledge and raise."""
        new = self._load()
        self._state = new  # a single assignment: readers see the old or the new, never a mix

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
        """Answer a known intent directly (commands, buttons, deep links)."""
        state = self._state
        intent = state.knowledge.intent(intent_id)
        answer = state.builder.build(intent.label, intent, 1.0, now=now or self.now(),
                                     context_figures=conversation.last_figures
                                     if conversation else None)
        if conversation is not None:
            conversation.remember(answer.intent, answer.figures)
        return answer

    def ask(self, question: str, *, conversation: Conversation | None = None,
            now: dt.datetime | None = None) -> Answer:
        """Answer a free-text question, using and updating the conversation if given."""
        state = self._state
        # Lone surrogates (undecodable bytes from argv or a socket) would break any encoder.
        question = question.encode("utf-8", errors="replace").decode("utf-8")
        text = question.strip()
        if not text or not any(c.isalnum() for c in text):
            return state.builder.invalid(question, EMPTY)
        if len(text) > MAX_QUESTION_CHARS:
            return state.builder.invalid(
                question, TOO_LONG.format(n=len(text), limit=MAX_QUESTION_CHARS))
        answer, f, leans = self._matcher_answer(text, conversation, now)
        # A question that names one of the release's figures by its value, answered with that
        # figure, is grounded in the structured reading (a fact-check, say): that reading is
        # the independent check, so the classifier does not overrule it.
        grounded = any(fig.id in answer.figures for r in state.knowledge.releases
                       for fig in r.figures if fig.value in f.numbers)
        if not leans and not grounded:  # a follow-up is the matcher's alone (``_matcher_answer``)
            answer = self._second_opinion(text, f, answer, conversation, now)
        if conversation is not None:
            conversation.remember(answer.intent, answer.figures)
        return answer

    def matcher_answer(self, question: str, *, conversation: Conversation | None = None,
                       now: dt.datetime | None = None) -> tuple[Answer, bool]:
        """The matcher's answer alone, and whether it leans on the conversation (the first
        opinion of ``ask``; bot.crossval replays it to choose the decision thresholds)."""
        answer, _, leans = self._matcher_answer(question.strip(), conversation, now)
        return answer, leans

    def _matcher_answer(self, text: str, conversation: Conversation | None,
                        now: dt.datetime | None) -> tuple[Answer, Features, bool]:
        state = self._state
        context = self._context_intent(conversation)
        f = raw = state.matcher.features(text)
        if conversation is not None:  # who is asking, and what "that figure" is, said earlier
            f = conversation.follow(f, state.matcher.reader, state.builder.figure_values)
        if assess(text, f).urgent:  # safety first: 999 and the helpline before anything else
            # Never second-guessed: the classifier may not demote a safeguarding answer.
            return state.builder.safeguarding(text, now=now or self.now()), f, True
        match = state.matcher.decide(f, context)
        # A follow-up read through the earlier question, or one that needs an earlier question
        # it does not have ("and in 2018?" on its own), is decided by the matcher alone: the
        # classifier sees one message, never the conversation.
        # So is a question the conversation reread (who is asking, "his number", "that figure").
        leans = (context is not None and _id(match) != _id(state.matcher.decide(f, None))) or (
            f.elliptical and match is None) or f != raw or (
            conversation is not None and conversation.refers_back(f))
        match = reread(state.matcher, text, f, match)  # a letter's one question, say
        if match is None and f.foreign:
            # A message in another language that nothing matched may be a victim's, written in
            # their own words: the help numbers first (a question about figures loses little).
            match = state.matcher.urgent_match(f)
        if match is None:
            answer = self._fallback(text, f)
        elif context is not None and context.priority and match.intent.family == "contacts":
            # After a safeguarding answer, "who do I call?" still means the helpline.
            answer = state.builder.build(text, context, match.confidence, now=now or self.now())
        elif self._too_close(match.intent, match.score, match.alternatives):
            runner_up = (match.alternatives[0][0], min(1.0, match.alternatives[0][1]))
            answer = state.builder.clarify(text, [(match.intent, match.confidence), runner_up])
        else:
            answer = self._build(text, f, match, conversation, now)
        return answer, f, leans

    def _fallback(self, text: str, f: Features) -> Answer:
        state = self._state
        return state.builder.fallback(
            text, close=state.matcher.close_topics(f), years=f.years,
            covered=state.matcher.release_years, offtopic=bool(f.offtopic),
            audience=f.audience, scope=state.matcher.scope_gap(f))

    def _build(self, text: str, f: Features, match: Match, conversation: Conversation | None,
               now: dt.datetime | None) -> Answer:
        state = self._state
        named = [fig.id for r in state.knowledge.releases for fig in r.figures
                 if fig.value in f.numbers]
        context_figures = named or (conversation.last_figures if conversation else None)
        first, second = match, second_question(state.matcher, text, f, match)
        if second is not None and first.intent.context_figures:
            # "where is the 2018 figure from, and what is it?": the figure, then its source
            first, second = second, first
        answer = state.builder.build(
            text, first.intent, first.confidence, audience=f.audience,
            after_hours=f.after_hours, now=now or self.now(),
            context_figures=context_figures, asked_numbers=f.numbers)
        if second is not None:  # "who is Desai and what did he say?": answer both
            answer = state.builder.combine(answer, state.builder.build(
                text, second.intent, second.confidence, audience=f.audience,
                after_hours=f.after_hours, now=now or self.now(),
                context_figures=context_figures or answer.figures or None,
                asked_numbers=f.numbers))
        return answer

    def _second_opinion(self, text: str, f: Features, answer: Answer,
                        conversation: Conversation | None, now: dt.datetime | None) -> Answer:
        """The classifier's opinion against the matcher's answer (the rule: bot.decision)."""
        state, opinion = self._state, self.opinion
        if opinion is None or (answer.intent and not opinion.knows(answer.intent)):
            return answer
        matched = state.knowledge.intent(answer.intent) if answer.intent else None
        ranked = opinion.rank(text)
        v = opinion.decide(Question(opinion.classes.get(matched.id, matched.id) if matched
                                    else None, ranked, answer.confidence, f.years,
                                    bool(matched and matched.priority)))
        if v.kind == "matcher" or (v.kind == "fallback" and answer.intent is None):
            return answer  # the matcher's own fallback or "did you mean" says more
        if v.kind == "fallback":
            return self._fallback(text, f)
        top, p = ranked[0]
        if v.kind == "classifier":
            return self._build(text, f, Match(self._resolve(top, f), round(p, 3), f, p),
                               conversation, now)
        options = [(matched, answer.confidence)] if matched and "matcher" in v.offer else []
        if "classifier" in v.offer and top != FALLBACK:
            guess = self._resolve(top, f)
            if guess not in [i for i, _ in options]:
                options.append((guess, round(p, 3)))
        return state.builder.clarify(text, options) if options else self._fallback(text, f)

    def _resolve(self, label: str, f: Features) -> Intent:
        """The intent for a classifier's class: of a class of several (the media lines), the
        one the matcher scores highest for the question."""
        members = self.opinion.members[label] if self.opinion else [label]
        if len(members) == 1:
            return self.knowledge.intent(members[0])
        scores = {i.id: s for i, s in self.matcher.rank(f)}
        return self.knowledge.intent(min(members, key=lambda m: (-scores.get(m, 0.0), m)))

    def _context_intent(self, conversation: Conversation | None) -> Intent | None:
        if conversation is None or conversation.last_intent is None:
            return None
        try:
            return self._state.knowledge.intent(conversation.last_intent)
        except KeyError:  # the intent was removed by a reload
            return None

    def _too_close(self, best: Intent, score: float,
                   others: tuple[tuple[Intent, float], ...]) -> bool:
        """Ask rather than guess when a different kind of answer scores almost as well."""
        if not others or best.priority:
            return False
        other, other_score = others[0]
        if other.family == "smalltalk":
            return False  # "..., thank you" asks nothing more
        if best.context_figures or other.context_figures:
            return False  # a figure's answer names its source, and a source answer its figure
        if self.matcher.covers(best, other) or self.matcher.covers(other, best):
            return False  # "the referral numbers": the overview states the 2013 figure too
        close = score - other_score < self.matcher.ambiguity_margin
        return close and other_score >= self.matcher.threshold and other.family != best.family
