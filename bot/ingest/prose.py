"""Provides recommendations a release writes as prose, not as a list: "The committee recommends
that the Mayor ...", "It also calls on TfL to ...", "We are urging the Government to ...", "The
report's recommendations include ... and ...".

A sentence is a recommendation only when the committee, its report, letter or the Assembly (or
"it"/"we" standing for them, outside quotes) makes it with a recommending verb (recommend, call
on, call for, urge), or when it lists "recommendations". A "should" in a quote or in evidence
the committee heard is not one: people quoted and witnesses are not the committee.
"""

from __future__ import annotations

import re
from typing import Any

from bot.ingest.text import sentences

# Who makes a recommendation: the committee, its report or letter, the Assembly; "it" or "we"
# (in the release's own voice, since quotes are never read here). An opening clause ("In its
# report, ...") may come first.
MAKER = (r"(?:(?:the|its|this|their|our) (?:[\w&’'-]+ ){0,6}?(?:committee|report|assembly|panel|"
         r"letter|review|investigation)(?:’s|'s)?|it|we)")
VERB = (r"(?P<verb>recommend(?:s|ed)?|(?:is |are |has |have )?call(?:s|ed|ing)? (?P<on>on|for)|"
        r"(?:is |are |has |have )?urg(?:es|ed|ing))")
MADE = re.compile(rf"^(?:[^,]{{1,60}}, )?{MAKER} (?:(?:also|further|now|therefore) )?{VERB}\b"
                  r" (?P<rest>.+?)\.?$", re.IGNORECASE)
LISTED = re.compile(r"^(?P<lead>.*?\brecommendations?(?: [\w’'-]+){0,3}? (?:include|includes|"
                    r"included|are|were):?) (?P<items>.+?)\.?$", re.IGNORECASE)
CALL_FOR_INPUT = re.compile(r"(?:\w+ )?(?:evidence|views|submissions|responses|comments|"
                            r"applications|nominations|ideas)\b", re.IGNORECASE)
# A named addressee: "the Mayor", "Transport for London", "TfL", "the Government".
ADDRESSEE = re.compile(r"^((?:the )?[A-Z][\w&’'-]*(?: (?:[A-Z][\w&’'-]*|of|for|and|&)){0,5}"
                       r"(?<![ ]of)(?<![ ]for)(?<![ ]and))\b")


def _addressed(text: str) -> tuple[str, str]:
    """(addressee, action) of 'the Mayor publishes ...' / 'TfL to review ...'."""
    m = ADDRESSEE.match(text)
    if m is None:
        return "", _action(text)
    rest = text[m.end():].strip()
    rest = re.sub(r"^to ", "", rest)
    return re.sub(r"^The\b", "the", m.group(1)), _action(rest)


def _items(text: str) -> list[str]:
    """'A, B and C' -> [A, B, C]; 'A and B' -> [A, B]."""
    parts = [p.strip() for p in re.split(r";\s*(?:and\s+)?|,\s*(?:and\s+)?", text) if p.strip()]
    if parts and " and " in parts[-1]:
        parts[-1:] = parts[-1].rsplit(" and ", 1)
    return [re.sub(r"^that ", "", p.strip()) for p in parts if p.strip()]


def recommendation(sentence: str) -> list[tuple[str, str]]:
    """The (addressee, action) pairs a sentence recommends; none for any other sentence."""
    if sentence.endswith(":"):
        return []  # a list's introduction: its items are read as a list
    listed = LISTED.match(sentence)
    if listed:
        return [_addressed(item) for item in _items(listed.group("items"))]
    made = MADE.match(sentence)
    if made is None:
        return []
    rest = made.group("rest")
    if made.group("verb").lower().startswith("recommend"):
        clauses = re.split(r",? and that ", re.sub(r"^that ", "", rest))
        return [_addressed(c) for c in clauses]
    to = re.match(r"(.+?) to (.+)$", rest)
    if made.group("on") and made.group("on").lower() == "for":
        # A call for evidence or views asks the public for something; it recommends nothing.
        if CALL_FOR_INPUT.match(rest):
            return []
        if to is None or len(to.group(1).split()) > 6:
            return [("", _action(rest))]  # "calls for a review of fares"
    # "calls on X to ...", "urges X to ...": no "to", no recommendation ("urges caution").
    if to is None or len(to.group(1).split()) > 8:
        return []
    return [(re.sub(r"^The\b", "the", to.group(1)), _action(to.group(2)))]


def _action(text: str) -> str:
    """The recommendation without the reason given after it (", after hearing from ...")."""
    return re.split(r",\s(?:after|following|because|as|which|so that|since)\b", text)[0]


def find(body: list[str], first_id: int) -> list[dict[str, Any]]:
    """Recommendations in the release's own prose (its body, not its quotes), numbered on."""
    out: list[dict[str, Any]] = []
    for block in body:
        for sentence in sentences(block):
            for addressee, action in recommendation(sentence):
                words = action.split()
                title = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
                out.append({"id": f"rec_{first_id + len(out)}",
                            "title": title[:1].upper() + title[1:], "addressee": addressee,
                            "action": action, "sentence": sentence})
    return out
