"""Provides the safeguarding layer: whether a message may be about someone in danger, asked first.

``assess(text, features)`` runs before any other reading of a question and errs towards help:
a message that shows a sign of harm (danger, being held, forced or unpaid work, taken documents)
with a person, a request for help or urgency; that asks for help or to report about a suspicion
of slavery or a victim; that asks for the helpline; or that says any of this in another language
gets 999 and the helpline first. Someone asking about the subject for their work or studies is
not reporting a victim and gets the answer they asked for (``SafetyVerdict.studies_it``). The
signs are general knowledge about exploitation and about how people ask for help, not phrases of
any one question; the reader's lexicon supplies some of their words in other languages, and
``OTHER_LANGUAGES`` more. A learned probability, when one is given, can only add to the signs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading import Features

# Signs of harm, as the reader's canonical words (its broad "danger" concept is not used: it
# also covers "exploitation" in a question about figures).
HELD = frozenset({"trapped", "locked", "lock", "locks", "captive", "hostage", "prisoner",
                  "isolated", "held", "confined", "imprisoned", "escape", "escaped", "kept"})
FORCED = frozenset({"forced", "enslaved", "servitude", "bonded", "owe", "owes", "debt",
                    "selling", "sold", "deported", "deportation", "deport"})
UNPAID = frozenset({"unpaid", "underpaid"})
DOCUMENTS = frozenset({"confiscated"})
DANGER = frozenset({"danger", "dangerous", "hurt", "harm", "harmed", "beaten", "beating",
                    "threatened", "threatening", "threats", "threat", "screaming", "screams",
                    "abused", "abuse", "injured", "injuries", "bruises", "bruised", "bruising",
                    "terrified", "frightened", "scared", "afraid", "hungry", "starving",
                    "malnourished", "livesatwork", "exhausted", "groomed", "grooming",
                    "controlled", "controlling", "punched", "kicked", "slapped", "dragged",
                    "grabbed", "shoved", "pushed", "bundled", "exploited", "safety", "shouts",
                    "shouting", "shouted", "yelling", "yells", "begging"})
SIGNS = {"held": HELD, "forced": FORCED, "unpaid": UNPAID, "documents": DOCUMENTS,
         "danger": DANGER}
# Signs said in a phrase: made to do something, never let out or never speaking, living where
# one works.
_PHRASE_SIGNS = {
    "forced": re.compile(r"\b(?:made|make|makes|making) (?:me|him|her|them|us|you) to\b|"
                         r"\b(?:being|been|was|were|is|are|am|get|gets|got) made to\b|"
                         r"\b(?:forced|forces|forcing) (?:\w+ )?to\b"),
    "unpaid": re.compile(r"\b(?:not|never|no|isn t|isnt|hasn t|hasnt|haven t|havent|don t|dont|"
                         r"doesn t|doesnt|without|nothing) (?:been |being |get |getting |got |"
                         r"any |for )?(?:paid|pay|wages|money|salary)\b|"
                         r"\b(?:take|takes|took|taken|keep|keeps|kept) (?:\w+ ){0,2}(?:money|"
                         r"wages|pay|earnings|bank cards?)\b|\b(?:money|wages|pay) (?:is |are |"
                         r"gets |get )?(?:taken|kept)\b|\bpays? (?:her|him|them|me|us) nothing\b"),
    "documents": re.compile(r"\b(?:take|takes|took|taken|keep|keeps|kept|hold|holds|holding|"
                            r"has|have|had|got|stole|stolen) (?:\w+ ){0,2}(?:ids?|documents|papers|"
                            r"passports?|visa)\b"),
    "held": re.compile(r"\bnever (?:\w+ ){0,2}(?:speak|speaks|talk|talks|leave|leaves|go out|"
                       r"goes out|come out|comes out|allowed out|go home|goes home)\b|"
                       r"\b(?:not|never|isn t|isnt) (?:\w+ )?allowed (?:out|to leave|to go)\b"),
    "danger": re.compile(r"\b(?:sleep|sleeps|sleeping|slept|live|lives|living|stay|stays|"
                         r"staying|kept) (?:upstairs|on site|onsite|in|at|on|above|behind|under) "
                         r"(?:the |a |their |his |"
                         r"her )?(?:back of (?:the |a )?)?(?:\w+ )?(?:shop|restaurant|takeaway|"
                         r"kitchen|storeroom|garage|basement|warehouse|car wash|carwash|salon|"
                         r"site|farm|factory|shed|van|caravan|container|cellar|loft|premises|"
                         r"workplace|bar|portakabin|portacabin|back)s?\b|"
                         r"\basked (?:me|us) for (?:food|help|money)\b|\bgoing country\b|"
                         r"\b(?:sleep|sleeps|sleeping|live|lives|living) (?:upstairs|on site)\b"),
}
# A person other than the asker, who may be harmed (the reader's "neighbour" concept covers the
# people and workplaces a witness names).
OTHERS = frozenset({"someone", "somebody", "neighbour", "he", "she", "him", "her", "they",
                    "them", "his", "their", "guy", "bloke", "lady", "people", "interviewee",
                    "source", "friend", "cousin"})
PERSON = OTHERS | {"i", "me", "my", "we", "us", "our", "im"}
# One person in particular, not people in general ("domestic workers are trapped").
SOMEONE = PERSON - {"they", "them", "their", "people"}
# Now, not in general.
URGENT = frozenset({"now", "tonight", "urgent", "urgently", "emergency", "immediately", "asap",
                    "currently"})
# The subject itself.
SUBJECT = frozenset({"slavery", "trafficking", "trafficked", "victim", "exploitation",
                     "exploited", "exploiting", "enslaved"})
# Suspecting slavery, or asking whether something is it.
_SUSPECT = re.compile(
    r"\b(?:i|we|they|she|he) (?:\w+ )?(?:suspect|suspects)\b|\bsuspicious\b|"
    r"\bsuspect(?:ed)? (?:modern slavery|slavery|trafficking|exploitation|abuse)\b|"
    r"\b(?:is|could|might|would|can) (?:it|this|that|she|he|they)(?: be| is| are)? "
    r"(?:a )?(?:trafficking|slavery|modern slavery|exploitation|victim|victims|trafficked)\b|"
    r"\b(?:signs|spot|recognise|recognize)\b|"
    r"\bhappening (?:on|in|at|near|to|where) (?:my|our|me|i|we)\b|"
    r"\b(?:possible|potential|likely) (?:exploitation|trafficking)\b(?! (?:victims|cases))|"
    r"\b(?:know|tell) if (?:someone|somebody|a person|my|he|she|they|a|an|this|it)\b|"
    r"\b(?:a|my|our) concerns?\b")
# Unease about what one has seen.
_UNEASE = re.compile(
    r"\b(?:worried|worry|worrying|concerned|dodgy|fishy|bothering|uneasy)\b|"
    r"\bsomething(?: s| is| feels| seems| looks)? (?:off|wrong|not right)\b|"
    r"\b(?:feels|felt|seems|looks) (?:wrong|off|not right|weird|strange)\b|"
    r"\b(?:doesn t|doesnt|does not|don t|dont) (?:feel|seem|look) right\b|"
    r"\b(?:it|this|that|its|thats)(?: s| is)? not right\b(?! surely)")
# Saying that a particular person is a victim.
_VICTIM = re.compile(r"\b(?:is|s|was|are|being|been) (?:a )?(?:victim|trafficked|enslaved|"
                     r"exploited)\b|\b(?:a|my|our|this|the) (?:possible |suspected |potential )?"
                     r"(?:\w+ )?victim\b")
# Having seen or been told something.
_WITNESS = re.compile(r"\b(?:noticed|notice|saw|seen|see|spotted|observed|told me|heard)\b")
# Asking for help or for someone to tell: "what number", "who do I call", "what should I do".
_ASK = re.compile("|".join([
    r"\b(?:what|which|wat|whats|wots)(?: s| is)?(?: the)? (?:number|no|phone|line)\b"
    r"(?! of\b)(?! for (?:the )?(?:press|media|journalists))",
    r"\bwho (?:do|should|can|could|would|shall|must|to) (?:i |we |you |u |they |he |she )?"
    r"(?:call|ring|phone|tell|contact|report|speak|talk|go|turn|notify|inform|dial|text|get)",
    r"\bwho (?:can|could) help\b(?! (?:me |us )?(?:understand|find|with the|read))|"
    r"\breport (?:it |this |them )?to (?:who|whom)\b",
    r"\b(?:what|wat|wot) (?:do|should|can|could|shall|must) (?:i|we) (?:do|tell|say)\b",
    r"\b(?:what|wat|wot) (?:should|can|could|must) (?:she|he|they) do\b",
    r"\b(?:right|best) (?:thing to do|route|way|procedure|person|people)\b|"
    r"\bwhat(?: s| is) the procedure\b|\bwhat now\b",
    r"\bhow (?:do|can|should|could|would) (?:i|we|you|u|someone|one|she|he|they) "
    r"(?:report(?! on\b)|get help|help|alert|tell|contact)",
    r"\bwhere (?:do|can|should|could) (?:i|we|u|you|someone|people|she|he|they) "
    r"(?:report|go|turn|get help|call)",
    r"\b(?:help me|help us|help her|help him|help them|help my|please help|pls help|plz help|"
    r"need help|save me|get me out|sos)\b(?! (?:me |us )?(?:understand|understanding|with the|"
    r"with my|with this|with some|find|finding|to find|to understand|interpret|explain|read))",
    r"\b(?:call|ring|phone|dial) (?:the police|police|999|someone)\b",
    r"\b(?:should|can|could|do|must) (?:i|we|u) (?:tell|call|ring|contact|report|inform) "
    r"(?:someone|somebody|anyone|the police|police)\b",
    r"\b(?:i|we|you|u|someone) (?:want to |need to |would like to |d like to |can |could |"
    r"should |do |must |to )?report\b(?! on\b)|\b(?:how|where|who) to report\b(?! on\b)",
    r"\breport(?:ing)? (?:modern slavery|slavery|trafficking|exploitation|a victim|abuse|where|"
    r"it|this)\b(?! (?:story|stories|article|piece|figures|stats))",
    r"\bnumber (?:to|i can|we can|for) (?:call|ring|report|contact)\b|\bnumber (?:pls|please)\b|"
    r"\bwho deals with\b|\bwhat to do\b|\bsomething (?:\w+ ){0,3}report\b|\bworth reporting\b|"
    r"\bany advice\b|\bwho to (?:tell|call|contact)\b|\bsomewhere (?:to|i can|we can|else)\b",
]))
# Asking only whom to contact or which number: a journalist's or a resident's question too.
_CONTACT = re.compile(
    r"\bwho (?:do|should|can|could|would|shall|must|to) (?:i |we |you |u |they |he |she )?"
    r"(?:call|ring|phone|contact|speak|talk|get|dial|text)\w*|"
    r"\b(?:what|which|wat|whats|wots)(?: s| is)?(?: the)? (?:number|no|phone|line)\b")
_HELPLINE = re.compile(r"\b(?:help ?line|hot ?line|999|emergency number)\b")
# Help, a taken passport, no pay, not let out, "what do I do", in languages the bot does not
# otherwise read: general knowledge of how victims in London write, found anywhere in the text
# (some scripts do not separate words).
OTHER_LANGUAGES = (
    "pasaport", "pașaport", "paszport", "passaporte", "pasaporte", "паспорт", "جواز", "护照",
    "護照", "hộ chiếu", "pasą", "pasas", "dowody", "dowód", "documentos",
    "ajutor", "ajuta", "pomoc", "pomocy", "ajuda", "ayuda", "aiuto", "hilfe", "ndihm", "pagalb",
    "помощ", "помог", "допомо", "ساعد", "مساعدة", "救命", "帮帮", "giúp", "tulong", "yardım",
    "aidez", "au secours",
    "nu mă plătește", "nu ma plateste", "nie dostaję", "nie dostaje", "não recebo",
    "nao recebo", "no me pagan", "不给工资", "没有工资", "không trả", "плащат", "لا يدفع",
    "atlyginim", "взимат му парите", "sans salaire", "sem salário", "sin sueldo", "borxh",
    "dług", "detyroj", "me obligan", "obrigam",
    "не може да си тръгне", "nu am voie", "không được ra", "不让我出去", "no me deja salir",
    "no la deja salir", "no lo deja salir", "لا يسمح لي", "nie mogę wyjść", "não me deixa",
    "deixam sair", "deixa ela sair", "não deixa", "nao deixa", "ne peux pas partir",
    "te dale", "të dalë",
    "ce pot face", "ce să fac", "co mam zrobić", "zadzwoni", "qué hago", "que hago",
    "o que faço", "o que posso fazer", "qué puedo hacer", "que puedo hacer", "怎么办",
    "какво да", "ماذا أفعل", "làm gì", "kur kreiptis", "a quién llamo", "si mund",
    "cine mă poate", "cine ma poate", "cfare te bej", "çfarë të bëj", "denunciar",
    "raportoj", "trafikim", "الإبلاغ", "عبودية", "para onde ligo", "qui appeler", "escravatura",
    "peut jamais sortir", "peut pas sortir", "exploitée", "exploité", "ameaça",
)
# Asking for one's work or studies: the subject, not a person (unless urgency says otherwise).
FOR_WORK = frozenset({"essay", "dissertation", "thesis", "homework", "coursework", "assignment",
                      "research", "researching", "researcher", "article", "story", "lesson",
                      "lessons", "presentation", "podcast", "studying", "module", "seminar",
                      "lecture", "journalist", "pshe", "exam", "revision", "epq", "press",
                      "feature", "interview", "pressoffice", "project", "readers", "comment",
                      "quote", "statement", "deadline", "broadcast"})
# Working on the subject: asking to reach someone is not asking for help.
ON_THE_SUBJECT = frozenset({"charity", "charities", "campaigner", "campaign", "ngo", "ngos",
                            "organisation", "organization", "committee", "assembly",
                            "recommendations", "partnership"})
# "not for a story", "asking personally": the asker sets their work aside.
_NOT_WORK = re.compile(r"\b(?:not|isn t|isnt|nothing to do with) (?:for |about |as |asking )?"
                       r"(?:for )?(?:a |an |my |work|the )?(?:story|article|work|journalist|"
                       r"research|piece|press office)|\bpersonal(?:ly)?\b|\boff the record\b")
# A learned probability this high is a sign by itself.
PROBABILITY = 0.5


@dataclass(frozen=True)
class SafetyVerdict:
    """Whether to answer with the safeguarding numbers first, and why."""

    urgent: bool
    signs: tuple[str, ...] = ()  # which signs of harm: held, forced, unpaid, documents, danger
    asks_help: bool = False
    for_work: bool = False
    on_subject: bool = False  # the asker works on the subject (a charity, a campaign)
    someone_at_risk: bool = False  # a particular victim: "my interviewee is a victim"
    probability: float | None = None

    @property
    def studies_it(self) -> bool:
        """Asking about the subject for work or studies, with no sign that anyone is harmed:
        such a message gets the answer it asks for, not the help numbers."""
        return (not self.urgent and not self.signs and not self.someone_at_risk
                and (self.for_work or self.on_subject))


def assess(text: str, f: Features, probability: float | None = None) -> SafetyVerdict:
    """Read a message (its text and what the reader found in it) for signs that someone may
    need help now; ``probability`` is a learned model's, if there is one."""
    plain = " ".join(re.findall(r"\w+", text.lower()))
    words = set(f.tokens) | f.terms
    tokens = set(f.tokens)  # signs are read in words, not in the reader's broad concepts
    sign_words = tokens & frozenset().union(*SIGNS.values())
    sign_words |= {name for name, cue in _PHRASE_SIGNS.items() if cue.search(plain)}
    signs = tuple(name for name, cue in SIGNS.items() if tokens & cue
                  or (name in _PHRASE_SIGNS and name in sign_words))
    strong = [s for s in signs if s != "danger"]  # held, forced, unpaid, documents
    # The reader's text corrects typos ("hw do i reprt"), but also rewrites phrases, so it is
    # read only for a "report" that the message misspelt.
    read = f.text if "report" in f.text and "report" not in plain else ""
    asks = bool(_ASK.search(read) or _ASK.search(plain))
    # More than "who do I call?": to report, to tell, to be helped.
    reports = bool(_ASK.search(_CONTACT.sub(" ", read)) or _ASK.search(_CONTACT.sub(" ", plain)))
    at_risk = bool(_VICTIM.search(plain))
    person = bool(words & PERSON)
    other = bool(words & OTHERS)
    now = bool(words & URGENT)
    suspect = bool(_SUSPECT.search(plain))
    unease = bool(_UNEASE.search(plain))
    subject = bool(words & SUBJECT)
    lowered = text.lower()
    helpline = bool(_HELPLINE.search(plain))
    other_language = any(cue in lowered for cue in OTHER_LANGUAGES)
    for_work = bool((tokens | (f.terms & {"journalist"})) & FOR_WORK) and not _NOT_WORK.search(
        plain)
    on_subject = bool(words & ON_THE_SUBJECT)
    learned = probability is not None and probability >= PROBABILITY
    someone = bool(words & SOMEONE)
    asked_for_help = learned or helpline or other_language
    flagged = bool(
        signs and (asks or now or suspect or (unease and person) or (strong and someone)
                   or (person and (subject or len(sign_words) >= 2))))
    # Without a sign of harm, asking to reach someone about the subject is a victim's or a
    # witness's request unless the asker works on the subject (a charity, the Assembly).
    flagged = flagged or (not on_subject and bool(
        (asks and (suspect or at_risk or (unease and other) or (_WITNESS.search(plain) and other)))
        or (reports and subject) or (asks and now and other) or (suspect and subject)
        or (unease and other and not for_work)
        or "helpline" in f.terms))
    # "Someone in danger right now", or "she is trapped, what number?", is never research;
    # "I'm writing an essay on forced labour, who do I contact?" is.
    specific = now or at_risk or (
        asks and bool(words & {"she", "he", "her", "him", "woman", "man"}))
    if flagged and for_work and not (signs and specific):
        flagged = False
    return SafetyVerdict(urgent=flagged or asked_for_help, signs=signs, asks_help=asks,
                         for_work=for_work, on_subject=on_subject, someone_at_risk=at_risk,
                         probability=probability)
