"""Provides the words of a question that say who is asking, not what is asked about.

"I drive a night bus, how many rented homes had serious damp?" asks about damp homes; "a
community paper in Southwark" or "a student from Poland" is where the asker is, not a place
asked about. ``bot.reading`` leaves such words out of what makes a question off-topic.
"""

from __future__ import annotations

from collections.abc import Callable

# Words before a place that make it where the asker is, not what they ask about.
SELF_DESCRIBED = frozenset({"paper", "newspaper", "station", "radio", "school", "college",
                            "group", "charity", "church", "mosque", "association", "council",
                            "university", "uni", "based", "live", "living", "lives", "work",
                            "office", "desk", "resident", "near", "reporter", "journalist",
                            "correspondent", "freelancer", "writer", "producer",
                            "calling", "ringing", "phoning", "writing", "councillor",
                            "caseworker", "officer", "teacher", "volunteer", "mp"})
# A question after a clause about the asker: its first word, and the words that start the
# question itself.
ASKER_STARTS = frozenset({"i", "im", "we", "my", "our"})
QUESTION_WORDS = frozenset({"how", "howmany", "howmuch", "what", "whats", "who", "when", "where",
                            "which", "why"})
# Openings in which askers say what they are: "I am a nurse", "I work for a charity", "as a
# teacher", "we are a tenants' group". ("I am worried" says how, not what: it needs the article.)
SELF_OPENINGS = frozenset({("i", "am", "a"), ("i", "am", "an"), ("we", "are", "a"),
                           ("we", "are", "an"), ("i", "work", "for"), ("i", "work", "at"),
                           ("i", "work", "as"), ("i", "work", "in"), ("we", "work", "with"),
                           ("as", "a"), ("as", "an")})


def about_asker(tokens: list[str], on_subject: Callable[[list[str]], bool]) -> frozenset[str]:
    """The words of a first-person clause before the question ("I drive a night bus, how
    many ...", "I'm a council officer ..., how many referrals ..."): they say who asks,
    not what about, when the question itself names the release's subject."""
    if not tokens or tokens[0] not in ASKER_STARTS:
        return frozenset()
    n = next((n for n, t in enumerate(tokens) if t in QUESTION_WORDS), 0)
    if not n or not on_subject(tokens[n:]):
        return frozenset()
    return frozenset(tokens[:n])


def describes_self(tokens: list[str]) -> bool:
    """The message opens by saying what the asker is, before its question: "I am a nurse, who
    do I call?", "as a teacher ...", "caseworker for an MP here, who ...". Read with no word of
    the press, such an asker is not a journalist: they get the public's line (WRITING.md)."""
    n = next((n for n, t in enumerate(tokens) if t in QUESTION_WORDS), len(tokens))
    clause = tokens[:n]
    if tuple(clause[:3]) in SELF_OPENINGS or tuple(clause[:2]) in SELF_OPENINGS:
        return True
    # "caseworker for an MP here, who ...": a role, then "here" (not "I have a question here").
    return bool(clause) and clause[0] not in ASKER_STARTS and "here" in clause[1:7]


def introduction(tokens: list[str] | tuple[str, ...]) -> int:
    """How many of a message's first words only say who is asking ("journalist here: who chairs
    the committee ...", "I am a nurse, who do I call?"): the words before its first question
    word, when they describe the asker (``describes_self``); 0 when there are none."""
    tokens = list(tokens)
    n = next((n for n, t in enumerate(tokens) if t in QUESTION_WORDS), 0)
    return n if n and describes_self(tokens) else 0


def places_asked(tokens: list[str]) -> list[str]:
    """The words that may name a place asked about: not "from Poland" in "I am a student
    from Poland" or "Southwark" in "a paper in Southwark", which say who is asking."""
    if "from" not in tokens and SELF_DESCRIBED.isdisjoint(tokens):
        return list(tokens)  # nothing says who asks (most questions): every word may
    out = []
    for n, t in enumerate(tokens):  # (the six words before it, and of them the last three)
        if n and tokens[n - 1] == "from" and not _SELF.isdisjoint(tokens[max(0, n - 6):n]):
            continue
        if not SELF_DESCRIBED.isdisjoint(tokens[max(0, n - 3):n]):
            continue  # "a community paper in Southwark", "I live in Hackney"
        out.append(t)
    return out


_SELF = frozenset({"i", "im", "we"})  # who says where they are from
