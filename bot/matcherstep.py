"""Provides the engine's matcher step: one release's answer to a question, and how it was read.

``Engine.ask`` reads a question once and asks two opinions; this is the first, the matcher's,
with the safety layer before it (999 and the helpline are never second-guessed). It returns a
``MatcherAnswer`` (bot/twopart.py): the answer, the reading, and what the decision rule needs
to know (``leans``: a follow-up or a reread question, which the rule does not weigh; what the
safety layer found). It is apart from bot/engine.py, which keeps the engine's state and chooses
the release, so the step can be read whole; ``Engine.matcher_answer`` hands the same result to
cross-validation's replays.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import replace

from bot import figurelist, twopart, weighing
from bot.answermodels import Answer
from bot.contactcheck import unknown_person
from bot.dialogue import Conversation
from bot.features import Features
from bot.followlines import audience_after_line, audience_alone, line_at_time
from bot.matching import Match
from bot.parts import LINES, Part, State, context_intent, subject, title, too_close, whose_line
from bot.safety import assess, verdict_key
from bot.safetyverdict import SafetyVerdict
from bot.segments import Second, reread
from bot.translated import known_asker, read_in_part
from bot.twopart import MatcherAnswer

# The safety layer's verdicts on one text, by the parts of a reading it reads (verdict_key).
Verdicts = dict[tuple[object, ...], SafetyVerdict]

# The reader's concepts of the bodies a release speaks for (the Assembly, a committee, the Mayor);
# with the topics its figures are of (the police that recorded them), a complaint naming one may
# be theirs to hear.
BODIES = frozenset({"assembly", "committee", "mayor"})
OWN = re.compile(r"\b(?:my|our)\b")  # a trouble of the asker's own: "my carer", "our landlord"


def own_complaint(safety: SafetyVerdict, f: Features, text: str,
                  topics: Collection[str] = ()) -> bool:
    """A complaint about a trouble of the asker's own, told with no harm (the safety layer's
    ``elsewhere`` from a complaint, not another crime: "my grandad's carer is always late, who
    can I complain to?", "neighbours playing music till 3am, who do I complain to?"): the asker's
    own ("my", "our") or a particular person (the reader's ``neighbour``: a landlord, a cleaner)
    and none of the bodies the release speaks of (``BODIES``, or ``topics``: its figures'). No
    line of the release is for it; the fallback says so and still gives the asker's line."""
    return safety.elsewhere and not safety.another_crime and not f.terms & BODIES and (
        not f.terms.intersection(topics)) and (
        "neighbour" in f.terms or OWN.search(text.lower()) is not None)


def _id(match: Match | None) -> str | None:
    return match.intent.id if match else None


def run(state: State, text: str, conversation: Conversation | None, now: dt.datetime | None,
        part: Part, clock: Callable[[], dt.datetime], probe: bool = False,
        verdicts: Verdicts | None = None, written: bool = True) -> MatcherAnswer:
    """The matcher's answer from one release, and how it was read (``MatcherAnswer``).
    ``now``: the time asked at, else ``clock()``'s; ``probe``: only its kind, intent and
    release are wanted (``Engine._options``), so an unanswered question's fallback is not
    written out; ``verdicts``: the safety layer's verdicts on the readings of this same text
    so far (``Engine._options``); not ``written``: the answer's kind, intent and release are
    wanted, as for a probe, but the question is read with the conversation as for an answer
    (``Engine.ask``, before it knows which release answers)."""
    matcher = part.matcher
    context = context_intent(state, conversation, part)
    f = raw = matcher.features(text)
    if conversation is not None:  # who is asking, and what "that figure" is, said earlier
        f = conversation.follow(f, matcher.reader, part.values, part.release,
                                about=context.type if context else "",
                                line=context.audience if context else "",
                                own=context.slot if context else "")
    key = verdict_key(f)  # safety first: 999 and the helpline before anything else
    safety = (verdicts or {}).get(key) or assess(text, f, state.knowledge.safety)
    if verdicts is not None:
        verdicts[key] = safety
    if conversation is not None and not probe:  # read with what was said before
        safety = conversation.safety(text, f, safety, matcher.reader, state.knowledge.safety,
                                     subject(state.knowledge, conversation, part.release),
                                     title(state.knowledge, conversation, part.release))
    if safety.urgent:
        # Never second-guessed: the classifier may not demote a safeguarding answer.
        return MatcherAnswer(state.builder.safeguarding(text, now=now or clock()), f,
                             True, False, None)
    # The figures just given, which "the difference between those two" is between.
    given = conversation.given(part.release) if conversation is not None else []
    # Its runners-up matter only when close (``too_close``), which the ranking cut to what
    # decides the intent scores (``Matcher.decide``); in a conversation in full, as always.
    match = matcher.decide(f, context, full=context is not None, given=given)
    # "and five years on?", "30% of what though?", "london or the whole uk?": a year counted
    # from the one just discussed, or an item of the answer just given (bot.followups), is read
    # only through the conversation, as a reread question is: never a new question read as one.
    counted = match is not None and (match.through or bool(
        context is not None and f.year_offset and not f.years))
    # A follow-up read through the earlier question, or one that needs one it does not have
    # ("and in 2018?" alone), is the matcher's alone: the classifier sees one message. So is
    # a question the conversation reread and the matcher answers (who is asking, "his
    # number", "that figure"), and a fragment read in a conversation ("and who by?"): the
    # classifier's reading of the fragment alone is not the question asked. A whole question
    # the matcher reads as with no conversation ("write 300 words using these") is weighed.
    leans = (context is not None and _id(match) != _id(matcher.decide(f, None, full=False))) or (
        f.elliptical and (match is None or context is not None)) or (
        f != raw and match is not None)
    match = reread(matcher, text, f, match, context)  # a letter's one question, say
    match = figurelist.listed(matcher, f, match)  # several figures named: the list
    if match is not None and match.intent.priority and (
            unasked := safety.unasked(state.knowledge.safety)):
        # "I want to report a burglary", "who runs the helpline?": the reader's reporting or
        # helpline concepts call for no help here, so the priority answer is read without them.
        match = matcher.decide(replace(f, terms=f.terms - unasked), context,
                               full=context is not None)
    if match is not None and match.intent.type == "contacts" and own_complaint(
            safety, f, text, part.matcher.topic_years):
        match = None  # the asker's own trouble complained of: no line of the release's
    if not safety.harm and (line := whose_line(state.knowledge, part.release, text)) and (
            match is None or not match.intent.priority):
        # "whose number is 020 7983 4100?": the line it is (bot.contactcheck says so first),
        # as this asker is given it; a number the release does not give, the asker's lines.
        # Not with a sign of harm: the rule hears that (rule 2), as without a number.
        line = weighing.theirs(line, f, part)
        match = Match(intent=line, confidence=0.9, features=f, score=0.9)
    elif match is None and not safety.harm and f.terms & LINES and state.builder.known and (
            unknown_person(text, state.knowledge.release(part.release), state.builder.known)):
        # "can I speak to Sarah Jones at City Hall?": someone the release does not name, asked
        # for (bot.contactcheck says so), then the asker's lines
        line = state.knowledge.card("contacts", "all", part.release)
        if line is not None:
            line = weighing.theirs(line, f, part)
            match = Match(intent=line, confidence=0.6, features=f, score=0.6)
    also: Second | None = None
    if match is None and (alone := audience_alone(matcher.knowledge, f)) is not None:
        # The whole message names only who asks ("press", "member of the public").
        match = Match(intent=alone, confidence=0.6, features=f, score=0.6)
    elif match is None and (whose := audience_after_line(matcher.knowledge, f, context)
                            or line_at_time(matcher.knowledge, f, context)) is not None:
        # After the lines, "I'm a freelance photographer" or "it's Saturday, anyone there?":
        # that asker's line, or that time's, read through the conversation (the matcher's).
        match, leans = Match(intent=whose, confidence=0.6, features=f, score=0.6), True
    match, unread = read_in_part(matcher, text, f, match)  # not answered on a part read
    if match is not None and safety.another_crime and match.intent.type == "contacts":
        # Another crime reported ("I saw a man shoplifting, what number do I ring?"): no line
        # of the release's; the fallback tells them to contact the police.
        match = None
    if unread and safety.harm:
        # Not read, a sign of harm: the help numbers (the rule: weighing.second_opinion).
        match = matcher.urgent_match(f)
    if match is None and (probe or not written):  # as the fallback says: no release
        answer = Answer(question=text, kind="fallback", intent=None, confidence=0.0,
                        paragraphs=[])
    elif not unread and (match is None or not match.intent.priority) and (
            split := twopart.after_release(state.builder, part, text, f, now or clock())):
        answer = split  # a part about after the release, beside one the release answers
    elif match is None:  # not read (another language, no harm): the help numbers first
        answer = weighing.fallback(state, text, known_asker(f, conversation, unread), part,
                                   another_crime=safety.another_crime, unread=unread)
    elif context is not None and context.priority and match.intent.type == "contacts":
        # After a safeguarding answer, "who do I call?" still means the helpline.
        answer = state.builder.build(text, context, match.confidence, now=now or clock())
    elif too_close(match.intent, match.score, match.alternatives, matcher) and (
            (mine := weighing.theirs(match.intent, f, part))
            != (other := weighing.theirs(match.alternatives[0][0], f, part))):
        # Offered as this asker is given them: never the media line to the public.
        runner_up = (other, min(1.0, match.alternatives[0][1]))
        answer = state.builder.clarify(text, [(mine, match.confidence), runner_up],
                                       audience=f.audience)
        answer = answer.model_copy(update={"release": match.intent.release})
    elif probe or not written:  # the intent that would answer, not its text
        answer = twopart.probe(part, text, f, match)
    else:
        answer, also = weighing.build(state, text, f, match, conversation, now or clock(),
                                      part)
    return MatcherAnswer(answer, f, leans, safety.studies_it, also, safety.harm,
                         safety.another_crime, safety.personal, bool(match and match.carried
                         and answer.kind == "answer"), unread and answer.kind in (
                             "safeguarding", "fallback"), reread=f != raw or counted,
                         follows=leans and bool(conversation and conversation.last_intent),
                         request=safety.open_request, elsewhere=safety.elsewhere)
