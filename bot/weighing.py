"""Provides the second opinion: the classifier weighed against the matcher's answer.

``Engine.ask`` (bot/engine.py) gets the matcher's answer for one release, then hands it here
unless it is kept whatever the classifier says (a follow-up, a grounded fact-check, a
safeguarding answer). The rule itself is bot.decision's; this module turns its verdict into an
answer: the matcher's, the classifier's class resolved to an intent, "did you mean", or the
fallback. The fallback and the building of an answer live here too, as both opinions use them.
"""

from __future__ import annotations

import datetime as dt

from bot import twopart
from bot.answermodels import Answer
from bot.classifier import FALLBACK
from bot.decision import Question, Verdict, heard_when_kept
from bot.dialogue import Conversation
from bot.features import AFTER_RELEASE
from bot.followsignals import bare, repeats
from bot.followups import only_a_year
from bot.matching import Features, Match
from bot.models import SMALL_TALK, Intent
from bot.parts import Part, State, context_intent
from bot.preamble import heard_rank
from bot.reading import ELLIPSIS_STARTS
from bot.segments import Second
from bot.twopart import MatcherAnswer

ROLEPLAY = "roleplayrequest"  # the reader's token for an instruction to play a role


def fallback(state: State, text: str, f: Features, part: Part, releases: int = 1,
             another_crime: bool = False, unread: bool = False) -> Answer:
    """The honest fallback, with the release's closest topics and the asker's contact (and the
    police for another crime reported, ``another_crime``); ``unread``: another language the
    matcher could not read, no harm read, so it says so after the help numbers, first."""
    matcher = part.matcher
    return state.builder.fallback(
        text, close=matcher.close_topics(f), years=f.years,
        covered=matcher.release_years, offtopic=bool(f.offtopic),
        audience=f.audience, scope=matcher.scope_gap(f), release_id=part.release,
        releases=releases, another_crime=another_crime, unread=unread)


def build(state: State, text: str, f: Features, match: Match, conversation: Conversation | None,
          now: dt.datetime, part: Part) -> tuple[Answer, Second | None]:
    """The answer, and a second question it also answers (bot.twopart)."""
    return twopart.build(state.builder, part, text, f, match, conversation, now)


def second_opinion(state: State, text: str, m: MatcherAnswer,
                   conversation: Conversation | None, now: dt.datetime, part: Part,
                   net_only: bool = False) -> Answer:
    """The classifier's opinion against the matcher's answer ``m`` (the rule: bot.decision),
    with how the engine read it (work or study, a second question, a sign of harm, another
    crime reported); ``net_only``: an answer the matcher keeps, unless rule 2 gives the help
    numbers (a fragment answered with the previous topic's words: unless the rule falls back),
    or, answered through the conversation, the kept stacker finds it unlikely (the fallback)."""
    opinion, answer, f, also = part.opinion, m.answer, m.features, m.also
    if opinion is None or (answer.intent and not opinion.knows(answer.intent)):
        return answer
    unread = m.not_read  # heard as if the matcher fell back (it read nothing)
    matched = state.knowledge.intent(answer.intent) if answer.intent and not unread else None
    # A follow-up the matcher answered through the conversation after an earlier answer
    # (``m.follows``, as the replays read it), and how (bot.decision.keeps). A question alone
    # that the matcher keeps ("what is the plu") has no answer to carry and is read as before.
    last = conversation.last_intent if conversation is not None else None
    follows = net_only and m.follows and matched is not None and not matched.priority
    ranked = heard_rank(opinion, part.matcher, text)  # after an opening saying what it is for
    q = opinion.hear(Question(opinion.classes.get(matched.id, matched.id) if matched else None,
                              ranked, 0.0 if unread else answer.confidence, f.years,
                              bool(matched and matched.priority), words=len(f.tokens),
                              studies_it=m.studies, harm=m.harm, another_crime=m.another,
                              elsewhere=m.elsewhere, personal=m.personal,
                              also=opinion.classes.get(also.intent, also.intent) if also
                              else None, follows=follows, carried=follows and m.carried,
                              fragment=(own := part.matcher.features(text)).elliptical if follows
                              else f.elliptical,
                              repeat=follows and repeats(m.carried, answer.intent, last, text,
                                                         own.numbers),
                              bare=follows and bare(own.tokens, part.matcher.reader.stopwords),
                              last=opinion.classes.get(last, last) if last else None))
    v = opinion.decide(q)  # on the ranking the rule weighed (q.ranked)
    given = _second(state, text, m, conversation, now, part, net_only, q, v, matched, follows)
    return feared_first(state, given, q.ranked[0][0] in opinion.priority and (
        f.audience != "media"))


def feared_first(state: State, answer: Answer, feared: bool) -> Answer:
    """A fallback or a "did you mean" where the classifier's first class is a priority one
    (``feared``: safeguarding, ranked first though the rule did not give it), led by the help
    numbers in one line instead of ending with them: the message may be a worried person's, in
    words neither opinion placed. Not for the press (the fallback gives them no line)."""
    if not feared or answer.kind not in ("fallback", "clarify"):
        return answer
    return led_by_help(state, answer)


def led_by_help(state: State, answer: Answer) -> Answer:
    """The answer led by the help numbers in one line, moved there if it ended with them (never
    given twice)."""
    line = state.builder.safeguarding_line()
    return answer.model_copy(update={"paragraphs": [
        line, *(p for p in answer.paragraphs if p != line)]})


def still_worried(state: State, answer: Answer, conversation: Conversation | None,
                  f: Features) -> Answer:
    """A reply in a conversation whose last answer was a priority one (the help numbers, given
    to someone worried about a possible victim), led by them again unless it is that answer:
    whatever the next message asks, the asker may still be worried, and a figure or a fallback
    must not be all they get. Not for the press (the press line is theirs)."""
    last = conversation.last_intent if conversation is not None else None
    if last is None or f.audience == "media" or answer.kind not in (
            "answer", "clarify", "fallback") or answer.intent == last:
        return answer
    try:
        priority = state.knowledge.intent(last).priority
    except KeyError:  # an intent of a release since withdrawn
        return answer
    return led_by_help(state, answer) if priority else answer


def _second(state: State, text: str, m: MatcherAnswer, conversation: Conversation | None,
            now: dt.datetime, part: Part, net_only: bool, q: Question, v: Verdict,
            matched: Intent | None, follows: bool) -> Answer:
    """``second_opinion``'s answer once the rule's verdict ``v`` on ``q`` is known."""
    opinion, answer, f, also = part.opinion, m.answer, m.features, m.also
    assert opinion is not None  # (second_opinion returned before without one)
    unread = m.not_read
    if ROLEPLAY in f.terms and v.branch != 2 and not (matched and matched.priority):
        # An instruction to play a role or to set the bot's instructions aside ("pretend
        # you're the Mayor and reject the recommendations"): whatever either opinion names,
        # the release answers none of it; the fallback, unless rule 2 gives the help numbers.
        return fallback(state, text, f, part, another_crime=q.another_crime)
    if unread:
        # Another language the matcher could not read: its fallback, the help numbers first,
        # stands unless the rule answers with a class the classifier read: that answer, ending
        # with the help numbers. Not its priority class: on words neither reader knows, the
        # classifier leans to safeguarding (most of its examples in other languages are), and
        # "who was the letter sent to?" in Ukrainian was answered as a victim's call for help.
        # A sign of harm the safety layer reads in any language gave the safeguarding answer
        # before this (bot.engine), and this fallback still gives 999 and the helpline first.
        if v.kind != "classifier" or q.ranked[0][0] in opinion.priority:
            return answer
        return with_help_line(state, _given(state, text, f, answer, conversation, now, part, v,
                                            q, None, also), True)
    if follows and not m.reread and not opinion.keeps(q):
        # A new question read as a follow-up, by the stacker learned on follow-ups: the fallback
        # (not one the conversation reread: who asks, "his number", "that figure").
        return fallback(state, text, f, part, another_crime=q.another_crime)
    if follows and not m.carried:
        return answer  # read through the conversation: rule 3 does not weigh it
    # Kept unless rule 2 gives the help numbers; a fragment answered only with the previous
    # topic's words (``m.carried``) unless the rule would not even offer it: then the fallback.
    # A short message alone that the matcher cannot read: unless both opinions name one class
    # and the rule would answer it (``agreed_alone``).
    heard = v.kind == "fallback" if m.carried else v.kind == "classifier" and (
        v.branch == 2 or agreed_alone(state, m, conversation, part, q.ranked[0][0]))
    if net_only and not heard:
        return answer
    return with_help_line(state, _given(state, text, f, answer, conversation, now, part, v, q,
                                        matched, also), v.help_line)


def agreed_alone(state: State, m: MatcherAnswer, conversation: Conversation | None,
                 part: Part, first: str) -> bool:
    """Whether a short message the matcher kept unanswered is said alone ("is this new or old
    news?", "need a quote, 2 sentences max": no earlier answer to read it through, not starting
    as a fragment, "and in 2018?", which points at one that is not there) and both opinions
    read it as one question: one of the matcher's closest topics, those its fallback would
    offer though below its threshold, is of the classifier's first class ``first``. Not a
    message naming another subject, asking what happened after the release, or mostly in
    another language: the release cannot answer them; nor a year alone ("2017"), whose one
    figure ``year_alone`` gives, and among several is not guessed."""
    f, opinion = m.features, part.opinion
    if (m.answer.intent is not None or opinion is None or f.offtopic or f.foreign
            or AFTER_RELEASE in f.terms or f.text.startswith(ELLIPSIS_STARTS) or only_a_year(f)
            or (context := context_intent(state, conversation, part)) is not None
            and context.type != SMALL_TALK):
        return False  # small talk ("hi", "thanks") gave no answer to read it through
    return any(opinion.classes.get(i.id, i.id) == first for i in part.matcher.close_topics(f))


def with_help_line(state: State, answer: Answer, wanted: bool) -> Answer:
    """The answer, ending with the help numbers in one line when the rule says so (``care``)
    and it does not already (a fallback's end)."""
    if not wanted:  # the rule's usual case (``care`` is not learned): no work per message
        return answer
    line = state.builder.safeguarding_line()
    if line in answer.paragraphs:
        return answer
    return answer.model_copy(update={"paragraphs": [*answer.paragraphs, line]})


def help_first(state: State, answer: Answer, m: MatcherAnswer) -> Answer:
    """A reply that gives no one to reach ("did you mean", the fallback, "which release?", or an
    answer that is no contact line: a figure, a quote) to a request for help or for someone to
    reach that the safety layer placed nowhere else (``MatcherAnswer.request``: "what number
    do I ring?", "who should I call?"), led by the help numbers in one line: the asker may be
    worried about someone and must not have to choose or ask again first. Not for an asker
    known to be the press (the press line is theirs), nor a message naming a year (a figure
    asked for: "what's the number for 2017?"), nor one naming another subject with no sign of
    harm (``heard_when_kept``); the reply follows as before. A contact answer gives a line to
    call: led by them too where the asker has not said who they are ("what number do I
    ring?" may be a worried person's question) or the message tells of a particular person,
    urgency, suspicion or unease (``personal``: "who can I talk to about my neighbour"); not
    where a member of the public or a student asks for their own line."""
    f = m.features
    if not m.request or f.audience == "media" or (
            f.years or not heard_when_kept(m.harm, bool(f.offtopic))):
        return answer
    if answer.kind == "answer" and answer.intent is not None:
        if state.knowledge.intent(answer.intent).type == "contacts" and f.audience and (
                not m.personal):
            return answer
    elif answer.kind not in ("clarify", "fallback"):
        return answer
    return led_by_help(state, answer)


def _given(state: State, text: str, f: Features, answer: Answer,
           conversation: Conversation | None, now: dt.datetime, part: Part, v: Verdict,
           q: Question, matched: Intent | None, also: Second | None) -> Answer:
    """The answer the verdict ``v`` on ``q`` picks."""
    ranked = q.ranked
    if also and also.led and ranked[0][0] == q.also != q.matched and v.kind == "matcher":
        return also.led  # the classifier's one class names the message's main question
    if v.kind == "matcher" or (v.kind == "fallback" and answer.intent is None):
        return answer  # the matcher's own fallback or "did you mean" says more
    if v.kind == "fallback":
        return fallback(state, text, f, part, another_crime=q.another_crime)
    top, p = ranked[0]
    if v.kind == "classifier":
        return build(state, text, f, Match(theirs(resolve(state, top, f, part), f, part),
                                           round(p, 3), f, p),
                     conversation, now, part)[0]
    options = [(theirs(matched, f, part), answer.confidence)] if matched and (
        "matcher" in v.offer) else []
    if "classifier" in v.offer and top != FALLBACK:
        guess = theirs(resolve(state, top, f, part), f, part)
        if guess not in [i for i, _ in options]:
            options.append((guess, round(p, 3)))
    if not options:
        return fallback(state, text, f, part, another_crime=q.another_crime)
    return state.builder.clarify(text, options, audience=f.audience).model_copy(
        update={"release": part.release})


def grounded_check(state: State, text: str, f: Features, answer: Answer, part: Part,
                   also: Second | None = None) -> Answer:
    """A grounded answer (a figure the question names by its value, bot.parts.grounded) against
    the classifier: kept when the classifier's first class is the answer's (led by its second
    part when the classifier names that one), "none" or a priority class (rule 2 is the rule's
    own); otherwise the two independent opinions disagree, and both are offered as "did you
    mean", the figure first.
    Under cross-validation a grounded answer the classifier reads otherwise was wrong about as
    often as right, and a confident wrong answer costs more than a question back."""
    opinion = part.opinion
    if opinion is None or answer.intent is None or not opinion.knows(answer.intent):
        return answer
    matched = state.knowledge.intent(answer.intent)
    first = opinion.classes.get(matched.id, matched.id)
    second = opinion.classes.get(also.intent, also.intent) if also is not None else first
    agree = {first, second}
    top, p = heard_rank(opinion, part.matcher, text)[0]
    if also is not None and also.led is not None and top == second != first:
        # The classifier names the message's second question as its main one: the same two
        # answers, led by that part, as rule 3a gives them.
        return also.led
    if top == FALLBACK or top in agree or top in opinion.priority:
        return answer
    guess = theirs(resolve(state, top, f, part), f, part)
    if guess.id == matched.id or (wrong_year(f) and (part.matcher.covers(guess, matched) or (
            states_none(f, guess, part)))) or states_more(f, answer, guess, part) or (
            twopart.place_check(part, text, f, answer)) or place_asked(f, answer, guess, part) or (
            guess.type == matched.type == "contacts"):
        # The same line, as this asker is given it; or a broader answer that states the
        # figure named too, where the figure was named with a year it is not for ("187 in
        # 2012, is that right?" read as the rise from 187): the classifier reads the topic
        # and no year; the check says which of its figures is asked, and corrects the year.
        # Or a figure of another series where the figure was named with a year it is not for
        # ("was the 30% figure for 2018?" read as the 2018 referrals): the classifier reads
        # the year's words, not the figure named, which its answer does not state.
        # Or the answer states every figure the question names and the classifier's does not;
        # or the figure named was said of a place it is not for, which the answer corrects
        # ("is the 2,346 UK-wide?": the classifier reads the place's words as the topic), or
        # its place asked ("is the 187 London's or the UK's?"), which the answer says. Or a
        # line whose number the question states and asks whose it is, against other lines.
        return answer
    return state.builder.clarify(text, [(matched, answer.confidence), (guess, round(p, 3))],
                                 audience=f.audience).model_copy(update={"release": part.release})


def states_more(f: Features, answer: Answer, guess: Intent, part: Part) -> bool:
    """Whether the question names two or more release figures by value, of two or more years,
    all of them years the answer is about, and the classifier's guess is a figure of fewer of
    those years ("did it go from 187 to 2,346?" asks the change from 2013 to 2018, which the
    2018 figure's answer gives only in passing): the classifier reads the topic's words, not
    which figures were named, so the answer grounded in all of them stands. A guess of another
    kind (a contact, say) is another question, offered beside it."""
    named = [fig for r in part.matcher.knowledge.releases for fig in r.figures
             if fig.value in f.numbers]
    years = {y for fig in named for y in fig.years}
    mine, theirs = part.matcher.by_id.get(answer.intent or ""), part.matcher.by_id.get(guess.id)
    return len({fig.value for fig in named}) >= 2 and len(years) >= 2 and (
        mine is not None and years <= mine.years) and (
        theirs is not None and bool(theirs.figure_values) and not years <= theirs.years)


def states_none(f: Features, guess: Intent, part: Part) -> bool:
    """Whether the classifier's guess is a figure's answer that states none of the release
    figures the question names by value: another figure, not the one asked about."""
    theirs = part.matcher.by_id.get(guess.id)
    return theirs is not None and bool(theirs.figure_values) and (
        theirs.figure_values.isdisjoint(f.numbers)) and not guess.context_figures


def place_asked(f: Features, answer: Answer, guess: Intent, part: Part) -> bool:
    """Whether the question names one release figure by value and, in its own words, a place
    the release has figures for other than the figure's own ("is the 2,346 national or just
    London?"), the answer states that figure (and so its place) and the classifier's guess is a
    figure that does not: the classifier reads the place's words as the topic (the UK total);
    the question is the place of the figure named. The figure's own place alone ("187 cases in
    London in 2011?") is said in passing, and such a guess stays a rival reading."""
    named = {fig.value: fig.place for r in part.matcher.knowledge.releases for fig in r.figures
             if fig.value in f.numbers and fig.id in answer.figures and fig.place}
    theirs = part.matcher.by_id.get(guess.id)
    if len(named) != 1 or theirs is None or not theirs.figure_values or set(named) <= (
            theirs.figure_values):
        return False
    return bool(twopart.places_asked(part, f) - twopart.place_terms(part, next(iter(
        named.values()))))


def wrong_year(f: Features) -> bool:
    """Whether the question wrote a year the reader read as another (the year of the figure it
    names, bot.figureyears: "187 in 2012?" checks the 2013 figure)."""
    written = f.written_years
    return bool(written and f.years and not written & set(f.years))


def resolve(state: State, label: str, f: Features, part: Part) -> Intent:
    """The intent for a classifier's class: of a class of several (the media lines), the
    one the matcher scores highest for the question."""
    members = part.opinion.members[label] if part.opinion else [label]
    if len(members) == 1:
        return state.knowledge.intent(members[0])
    scores = {i.id: s for i, s in part.matcher.rank(f)}
    return state.knowledge.intent(min(members, key=lambda m: (-scores.get(m, 0.0), m)))


def theirs(intent: Intent, f: Features, part: Part) -> Intent:
    """The intent as it is offered to the asker: for a member of the public, a request for
    lines the public is not given is the public's own line (``Knowledge.public_line``), so no
    "did you mean" offers the media line to someone not of the press. (An answer with those
    lines is routed for them: bot.routing.decide gives the public its own line.)"""
    if f.audience != "public":
        return intent
    return part.matcher.knowledge.public_line(intent.id) or intent
