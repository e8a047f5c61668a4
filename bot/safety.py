"""Provides the safeguarding layer: whether a message may be about someone in danger, asked first.

``assess(text, features, vocabulary)`` runs before any other reading of a question and errs towards
help: a message that shows a sign of harm (danger, being held, forced or unpaid work, taken
documents) with a person, a request for help or urgency; that asks for help or to report about a
suspicion of slavery, a victim or the subject seen ("who do I call if I've seen trafficking?");
that asks for the helpline; or that says any of this in another language gets 999 and the helpline
first. Someone asking about the subject for their work or studies is not reporting a victim and
gets the answer they asked for (``SafetyVerdict.studies_it``); so is someone asking about the
release's own topic, where a sign word only names that topic ("unpaid carers", "bus driver safety":
beside the words the release names its topic by) and nobody is said to be at risk, or asking what
the release or its report says ("does the report say why victims are scared?"). Reporting or
having seen another crime ("I want to report a burglary, who do I call?"), with no sign of harm and
no word of the subject, is not a request to report this subject (``names_another``). The signs are
general knowledge about exploitation and about how people ask for help, not phrases of any one
question; they are data, in ``intents/safety.yaml`` (validated by ``SafetyVocabulary`` on load),
and this module holds only how they combine. A learned probability, when one is given, can only
add to the signs. The verdict it returns, and what each of its readings means: bot/safetyverdict.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.lexneeds import text_words
from bot.quickcheck import found, found_in
from bot.safetyverdict import SafetyVerdict
from bot.safetywords import CompiledVocabulary, SafetyVocabulary

if TYPE_CHECKING:
    from bot.reading import Features

# A learned probability this high is a sign by itself.
PROBABILITY = 0.5
# The ways of calling for help that are a request to report, or a witness's or a suspicion's:
# where what is reported or seen is named as another subject, with no sign of harm and no word of
# the subject, they are not this subject ("I want to report a burglary, who do I call?").
REPORTING = frozenset({"asks+suspect", "reports", "asks+witness", "unease+other"})


def _topic_signs(f: Features, c: CompiledVocabulary) -> frozenset[str]:
    """The sign words that only name the release's topic: each time the message uses one, it
    stands beside a word of the topic that is neither a sign, a person nor the safeguarding
    subject ("unpaid carers", "bus driver safety", not "forced to work" or "unpaid work")."""
    topic = f.topics - c.sign_words - c.subject - c.person
    beside: dict[str, bool] = {}
    for n, t in enumerate(f.tokens):
        if t in c.sign_words:
            near = set(f.tokens[max(0, n - 1):n]) | set(f.tokens[n + 1:n + 2])
            beside[t] = beside.get(t, True) and bool(near & topic)
    return frozenset(t for t, named in beside.items() if named)


def distress_call(text: str, vocabulary: SafetyVocabulary) -> bool:
    """Whether the message is a call for help and nothing else: a distress call by name ("SOS",
    "mayday", the SOS emoji) or a plea ("help me", "please help"), with no word but those of
    pleading, urgency and the people calling ("please help urgent", "somebody help me"); or it
    holds a distress symbol (the SOS emoji), which names nothing else, wherever it is."""
    lowered = text.lower()
    plain = " ".join(re.findall(r"\w+", lowered))
    return _distress(lowered, plain, text_words(plain), vocabulary.compiled())


def _distress(lowered: str, plain: str, words: set[str], c: CompiledVocabulary) -> bool:
    """``distress_call`` of a message in lower case, its words joined (``plain``; the set of
    them, ``words``), as ``assess`` has them already."""
    if any(symbol in lowered for symbol in c.distress_symbols):
        return True
    called = bool(c.distress and found(c.distress, lowered)) or bool(
        c.plea and found_in(c.plea, plain, words))
    return called and words <= c.distress_words


def names_another(text: str, f: Features, vocabulary: SafetyVocabulary) -> bool:
    """Whether what the message reports or says was seen is named, in the next few words, by a
    word of a subject the release does not cover (the reader's off-topic words: other crimes,
    "how do I report a burglary?", "I've seen someone shoplifting"). Reporting "it" is not read
    so, wherever an off-topic word stands: it also points at what a victim tells of (two
    safeguarding questions of the sets lost the layer's help numbers when it was)."""
    if not f.offtopic:
        return False
    plain = " ".join(re.findall(r"\w+", text.lower()))
    return any(set(plain[verb.end():].split()[:3]) & set(f.offtopic)
               for verb in re.finditer(rf"(?:{vocabulary.compiled().witness.pattern})|"
                                       rf"\breport\w*\b", plain))


def _counts_in_other_language(lowered: str, c: CompiledVocabulary) -> bool:
    """A count asked for in another language ("how many work without pay?" in Russian) with no
    request for help in it: its sign words are what is counted, not someone's situation."""
    return bool(c.other_language_figures and c.other_language_figures.search(lowered)) and not (
        c.other_language_requests and c.other_language_requests.search(lowered))


def verdict_key(f: Features) -> tuple[object, ...]:
    """The parts of a reading ``assess`` reads: readings of one text alike in them get the same
    verdict (the engine shares it between the releases' readers of one question)."""
    return f.text, f.tokens, f.terms, f.topics, f.offtopic


def assess(text: str, f: Features, vocabulary: SafetyVocabulary,
           probability: float | None = None) -> SafetyVerdict:
    """Read a message (its text and what the reader found in it) for signs that someone may
    need help now, with the knowledge's safeguarding vocabulary; ``probability`` is a learned
    model's, if there is one."""
    c = vocabulary.compiled()
    lowered = text.lower()
    plain = " ".join(re.findall(r"\w+", lowered))
    seen = text_words(plain)  # its words, found once for every pattern's check

    def has(pattern: re.Pattern[str] | None) -> bool:
        """Whether the pattern matches in ``plain`` (``found_in``: the same as a search)."""
        return pattern is not None and found_in(pattern, plain, seen)

    words = set(f.tokens) | f.terms
    tokens = set(f.tokens)  # signs are read in words, not in the reader's broad concepts
    named_no_harm = False
    # The message without the phrases that name no harm ("a copy of my passport was taken"),
    # in which phrase signs are read; the same search as the loop's, made only if one matched.
    unsigned = plain
    if c.not_signs and has(c.not_signs):  # "kept a copy of my passport": names no harm there
        # Named no harm even with no sign word in the phrase ("keep a photocopy of my
        # passport"): the reader's harm concept comes from the document's word after it.
        named_no_harm = True
        for phrase in c.not_signs.finditer(plain):
            tokens -= set(phrase.group().split()) & c.sign_words
        unsigned = c.not_signs.sub(" ", plain)
    victims = [plain[:m.start()].split()[-1:] for m in c.victim.finditer(plain)
               ] if has(c.victim) else []
    at_risk = bool(victims)
    # Each victim named only as a group of people in general ("people being exploited").
    in_general = at_risk and all(before and before[0] in c.groups for before in victims)
    suspect = has(c.suspect)
    unease = has(c.unease)
    subject = bool(words & c.subject)
    # "An emergency number for the press office": the press office's line, as the reader read it.
    press_line = bool(f.terms & c.line_concepts) and not f.terms & c.help_concepts
    helpline = has(c.helpline) and not press_line
    # (Hundreds of cues looked for anywhere: most texts are told quickly they hold none.)
    other_language = bool(c.other_languages and found(c.other_languages, lowered)) and not (
        _counts_in_other_language(lowered, c))
    now = bool(words & c.urgent)
    # Nobody is said to be at risk, in the words typed (the reader reads "carers" and
    # "drivers" as people a witness names): a sign beside the topic's words is its name.
    nobody = not (at_risk or suspect or unease or helpline or other_language or now
                  or not tokens.isdisjoint(c.subject_or_particular))
    topical = _topic_signs(f, c) if nobody else frozenset()
    tokens -= topical
    sign_words = tokens & c.sign_words
    unsigned_words = seen if unsigned is plain else text_words(unsigned)
    phrased = {name for name, cue in c.phrase_signs.items()
               if found_in(cue, unsigned, unsigned_words)}
    sign_words |= phrased
    signs = tuple(name for name, cue in c.signs.items() if tokens & cue
                  or (name in c.phrase_signs and name in sign_words))
    strong = [s for s in signs if s not in c.weak]  # held, forced, unpaid, documents
    # The reader's text corrects typos ("hw do i reprt"), but also rewrites phrases, so it is
    # read only for a "report" that the message misspelt.
    read = f.text if c.misspelt and c.misspelt in f.text and c.misspelt not in plain else ""
    asks_plain = has(c.ask)
    asks = bool(c.ask.search(read)) or asks_plain
    # More than "who do I call?": to report, to tell, to be helped. (Where no contact is
    # named, the plain text without them is the plain text, searched just above.)
    reports = bool(c.ask.search(c.contact.sub(" ", read))) or (
        bool(c.ask.search(c.contact.sub(" ", plain))) if has(c.contact) else asks_plain)
    # "how do I report it?": reporting, its object only a pronoun, is reporting what this bot is
    # about, whatever the conversation was on ("report on", an article's figures: not this).
    reports_it = has(c.report_it)
    person = bool(words & c.person)
    other = bool(words & c.others)
    roles = has(c.roles)
    for_work = bool((tokens | (f.terms & c.work_concepts)) & c.for_work
                    or roles) and not has(c.not_work)
    on_subject = bool(words & c.on_the_subject)
    learned = probability is not None and probability >= PROBABILITY
    someone = bool(words & c.someone)
    # A particular other person, in the message's words or the reader's concepts of people
    # ("the figures' source" is no person).
    someone_else = not (tokens | (f.terms & c.person_concepts)).isdisjoint(c.other_someone)
    distress = _distress(lowered, plain, seen, c)
    # The helpline asked about ("how many calls did the helpline get?", "who runs the helpline?
    # it's for my essay", "does the report mention a helpline?"), not asked for: no line or call,
    # request, urgency, sign, suspicion or worry, from someone asking for work or studies, for a
    # figure or for what the release says.
    line_asked_about = bool(helpline or f.terms & c.help_concepts) and not (
        signs or asks or now or suspect or unease or at_risk or other_language or distress
        or seen & c.line_words) and bool(
        for_work or on_subject or f.terms & c.figure_concepts
        or has(c.says) or has(c.line_about))
    # Another crime named (the reader's off-topic words: "my bike got nicked"), with no sign of
    # harm, no word of the subject typed and nobody said to be a victim, suspected or worried
    # about: its report, or "999 or 101", is about that crime.
    elsewhere = bool(f.offtopic) and not (signs or seen & c.subject or at_risk
                                          or suspect or unease)
    helpline = helpline and not line_asked_about and not (
        elsewhere and has(c.line_choice))
    asked_for_help = learned or helpline or other_language or distress
    # A figure asked for ("how many people were forced to work?") with no particular person,
    # no request, no urgency, no suspicion or unease and no one but people in general said to
    # be a victim: the subject's count.
    tells = (now or suspect or unease or helpline or other_language or someone_else
             or bool(tokens & c.one_person))
    personal = asks or tells
    counting = bool(f.terms & c.figure_concepts) and not (
        personal or (at_risk and someone and not in_general))
    # What the release, its report or the committee says, asked for with none of that and
    # nobody said to be a victim ("does the report say why victims are scared?"): the signs it
    # names are the content asked about, as a figure's are its count.
    reading_it = bool(signs and has(c.says)) and not (personal or at_risk)
    # The asker saw the subject itself ("I think I've seen trafficking"), not in the news.
    witnessed = has(c.witnessed) and not f.terms & c.seen_in
    # Each way a message calls for the help numbers, by name (``SafetyVerdict.because``).
    harm = [("sign+asks", asks), ("sign+now", now), ("sign+suspect", suspect),
            ("sign+unease", unease and person), ("strong+someone", bool(strong) and someone),
            ("sign+person", person and (subject or len(sign_words) >= 2)),
            # Two kinds of strong sign, one said as what is happening ("not paid for months,
            # can't leave"): someone's situation, even in words with no person in them.
            ("two_strong", len(strong) >= 2 and bool(phrased - c.weak))
            ] if signs and not (counting or reading_it) else []
    # Without a sign of harm, asking to reach someone about the subject is a victim's or a
    # witness's request unless the asker works on the subject (a charity, the Assembly).
    need = [] if on_subject else [
        ("asks+suspect", asks and (suspect or at_risk or (unease and other)
                                   or (has(c.witness) and other))),
        ("reports", reports and (subject or reports_it)), ("asks+now", asks and now and other),
        # A witness of the subject asking whom to call ("what number if I've seen slavery?").
        ("asks+witness", asks and witnessed),
        ("suspect+subject", suspect and subject),
        # Unease about a particular person ("they" may be the figures: "are they wrong?"); from
        # someone who also studies the subject, unease about one person ("it's for uni, but
        # I'm worried about the woman who cleans next door"), not people in general.
        ("unease+other", unease and someone_else
         and (not for_work or bool(tokens & c.one_person))),
        ("help_concept", bool(f.terms & c.help_concepts) and not line_asked_about)]
    # The subject's words as typed: the reader's phrases read "I want to report" as reporting
    # a victim, which would make every report this subject's.
    another = not signs and not seen & c.subject and names_another(text, f,
                                                                                 vocabulary)
    # A crime against property told of ("someone broke into my car and took the sat nav, who do
    # I report it to?"), with no sign of harm, no word of the subject typed and nobody said to be
    # a victim, suspected, worried about or named: what is reported is that crime, even where
    # "it" points at it or an unnamed "someone" did it (`property_crimes`).
    another = another or (has(c.property_crimes) and not (
        signs or seen & c.subject or at_risk or suspect or unease
        or tokens & c.one_person))
    # Another crime named elsewhere in the message ("my bike got nicked, who do I report it
    # to?"), nobody named: its report is not this subject's, for the layer. Not marked as
    # another crime reported (``another_crime``), which also bars the classifier's help numbers
    # (rule 2): marked so, a never-read safeguarding question the classifier was sure of lost
    # them under cross-validation.
    crime_named = elsewhere and not (someone_else or tokens & c.one_person)
    if another or crime_named:
        need = [(name, fired) for name, fired in need if name not in REPORTING]
    because = [name for name, fired in harm + need if fired]
    flagged = bool(because)
    # "Someone in danger right now", or "she is trapped, what number?", is never research;
    # "I'm writing an essay on forced labour, who do I contact?" is. A strong sign said as what
    # is happening ("they aren't being paid", "took her papers"), not only named as a subject
    # ("forced labour", "servitude"), tells of someone's situation, whatever the asker studies.
    # So is a strong sign said as happening to someone named or present ("I'm doing a project on
    # it, but my colleague isn't allowed to go home"), asked or not: a worker or a student who
    # tells of a colleague's or a flatmate's situation tells of a person at risk now.
    # A strong sign the asker was told of or saw ("a man I interviewed told me ...") is said as
    # happening too.
    happening = bool(phrased - c.weak) or bool(strong and has(c.witness))
    # One person in particular: typed ("she", "my friend"), or one the reader's person concepts
    # name where no group of people in general is typed ("my colleague", not "how many workers").
    particular = not tokens.isdisjoint(c.particular) or (
        someone_else and not tokens & c.groups)
    specific = now or at_risk or (asks and bool(words & c.one_person or happening)) or (
        happening and particular)
    # Wanting to report what one suspects is never research either.
    if flagged and for_work and not ((signs and specific) or (suspect and reports)
                                     or "unease+other" in because):
        flagged, because = False, []
    # Said in jest ("basically modern slavery right 😂"), with nothing urgent, no victim named,
    # no plea and no strong sign said as what is happening ("he keeps my passport 😂" is not a
    # joke to the layer): a comparison, not a call for help.
    jest = bool(c.jest and c.jest.search(lowered)) and not (
        now or at_risk or distress or phrased - c.weak)
    if jest:
        flagged, because = False, []
    fiction = roles and for_work
    # A complaint about a service ("the car wash scratched my car, who do I complain to?"), with
    # no sign, no word of the subject and nobody at risk, suspected or worried about: the
    # workplace it names is no sign of harm (the reader reads "car wash" as one).
    complaint = has(c.complaints) and not (
        signs or seen & c.subject or at_risk or suspect or unease)
    no_harm = (named_no_harm or jest or complaint or (fiction and bool(signs))) and not (
        flagged or asked_for_help or at_risk or phrased - c.weak)
    # Asking about the release's topic ("who do I call about the carers report?"), not to
    # report or tell anyone: the answer it asks for, even where the matcher reads a person.
    on_topic = nobody and bool(f.topics - c.sign_words - c.subject) and not reports
    because += [name for name, fired in (("learned", learned), ("helpline", helpline),
                                         ("other_language", other_language),
                                         ("distress", distress)) if fired]
    return SafetyVerdict(urgent=flagged or asked_for_help, signs=signs, asks_help=asks,
                         because=tuple(because), another_crime=another,
                         line_asked_about=line_asked_about, personal=tells,
                         for_work=for_work, on_subject=on_subject, someone_at_risk=at_risk,
                         probability=probability, on_topic=on_topic, about_release=reading_it,
                         no_harm=no_harm, elsewhere=another or (complaint and no_harm),
                         harm=bool(signs) and not (counting or reading_it or for_work
                                                   or on_subject or jest))
