"""Provides the Engine: the one entry point that turns a question into an Answer.

Both the command line and the Telegram adapter call ``Engine.ask``; neither builds answers
itself. ``reload`` swaps in a new knowledge base only when it loads cleanly, so a bad edit never
replaces a working one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot import knowledge as kb
from bot.answers import AnswerBuilder
from bot.config import Settings
from bot.dialogue import Conversation
from bot.matching import Matcher
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
        return _State(knowledge, Matcher(knowledge), AnswerBuilder(knowledge, self.hours))

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
        context = self._context_intent(conversation)
        f = state.matcher.features(text)
        if conversation is not None:  # who is asking, and what "that figure" is, said earlier
            f = conversation.follow(f, state.matcher.reader, state.builder.figure_values)
        if assess(text, f).urgent:  # safety first: 999 and the helpline before anything else
            answer = state.builder.safeguarding(text, now=now or self.now())
            if conversation is not None:
                conversation.remember(answer.intent, answer.figures)
            return answer
        match = state.matcher.decide(f, context)
        match = reread(state.matcher, text, f, match)  # a letter's one question, say
        if match is None and f.foreign:
            # A message in another language that nothing matched may be a victim's, written in
            # their own words: the help numbers first (a question about figures loses little).
            match = state.matcher.urgent_match(f)
        if match is None:
            answer = state.builder.fallback(
                text, close=state.matcher.close_topics(f), years=f.years,
                covered=state.matcher.release_years, offtopic=bool(f.offtopic),
                audience=f.audience, scope=state.matcher.scope_gap(f))
        elif context is not None and context.priority and match.intent.family == "contacts":
            # After a safeguarding answer, "who do I call?" still means the helpline.
            answer = state.builder.build(text, context, match.confidence, now=now or self.now())
        elif self._too_close(match.intent, match.score, match.alternatives):
            runner_up = (match.alternatives[0][0], min(1.0, match.alternatives[0][1]))
            answer = state.builder.clarify(text, [(match.intent, match.confidence), runner_up])
        else:
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
        if conversation is not None:
            conversation.remember(answer.intent, answer.figures)
        return answer

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
