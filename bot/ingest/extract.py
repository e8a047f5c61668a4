"""Provides the parts of a release found in its normalised text, each with its sentence.

Everything here reads; nothing is invented. A part the text does not have stays empty and is
listed in ``Found.missing`` for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from bot.ingest import phones
from bot.ingest import prose as running_text
from bot.ingest.text import blocks, is_sentence, sentences

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") ((?:19|20)\d\d)\b")
FURNITURE = re.compile(r"^(?:skip to|home$|menu$|search$|share|print|back to|.*\blogo\b)", re.I)
NOTES_HEAD = re.compile(r"^notes? (?:to|for) editors:?$", re.I)
NUMBERED = re.compile(r"^(?:\[(\d{1,2})\]|(\d{1,2})[.)])\s+(.+)$")
BULLET = re.compile(r"^(?:[•*-]|\d{1,2}[.)]|\([a-z0-9]\))\s+(.+)$")
REC_INTRO = re.compile(r"recommend|calls? on|urges?\b", re.I)
COMMITTEE = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:&|and|of|for|the)\s+)*)+Committee)\b")
HONORIFIC = r"(?: (?:AM|MP|MBE|OBE|CBE))?"
NAME = re.compile(r"^(?:(?:Dr|Cllr|Sir|Dame|Lord|Baroness) )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3}"
                  + HONORIFIC + "$")
ROLE_WORDS = re.compile(r"\b(?:Chair|Chairman|Chairwoman|Member|Committee|Deputy|Mayor|"
                        r"Leader|Spokesperson|Assembly|Director|Commissioner)\b")
OPEN_QUOTE, CLOSE_QUOTE = "“\"", "”\""


@dataclass
class Found:
    """What ingesting found, as plain data for the draft, and what an editor should look at."""

    title: str = ""
    date: dt.date | None = None
    category: str = ""
    committee: str = ""
    chair: str = ""
    summary_sentence: str = ""
    letter_sentence: str = ""
    recommendations_intro: str = ""
    recommendations_complete: bool = False
    quotes: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    accessibility: dict[str, Any] | None = None
    body: list[str] = field(default_factory=list)  # blocks of the release proper, for figures
    prose_recommendations: int = 0  # how many recommendations were read from running text
    missing: list[str] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    m = DATE.search(text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    except ValueError:
        return None


def headline(lines: list[str], found: Found) -> int:
    """Title, category and date from the head of the page; returns where the body starts."""
    for n, line in enumerate(lines[:15]):
        if line.lower().startswith("created on"):
            rest = line[len("created on"):].strip(" :")
            found.date = parse_date(rest or (lines[n + 1] if n + 1 < len(lines) else ""))
            start = n + (1 if rest else 2)
            head = [x for x in lines[:n] if not FURNITURE.search(x) and len(x.split()) > 1]
            if head:
                found.title = head[0]
                found.category = head[-1] if len(head) > 1 and len(head[-1].split()) <= 4 \
                    else ""
            return start
    start = 0
    for n, line in enumerate(lines[:8]):
        if FURNITURE.search(line):
            start = n + 1
            continue
        day = parse_date(line)
        if day and len(line.split()) <= 5:
            found.date = day
            start = n + 1
            continue
        if not found.title and not re.search(r"[.:”]$", line) and 2 < len(line.split()) <= 16:
            found.title = line
            start = n + 1
            continue
        break
    return start


def speaker_and_role(attribution: str) -> tuple[str, str] | None:
    """'Chair of the X Committee, Name AM, said:' or 'Name AM, Chair of …, said:'."""
    text = re.sub(r",?\s*(?:said|says|added|commented)[:,.]?$", "", attribution.strip())
    parts = [p.strip() for p in text.split(",") if p.strip()]
    names = [p for p in parts if NAME.match(p) and not ROLE_WORDS.search(p)]
    if not names:
        return None
    role = ", ".join(p for p in parts if p != names[0])
    return names[0], role


def quotes(lines: list[str], found: Found) -> set[int]:
    """Quotes introduced by a 'said:' line and running over paragraphs until one closes."""
    used: set[int] = set()
    for n, line in enumerate(lines):
        if not re.search(r"\b(?:said|says|added|commented):$", line):
            continue
        who = speaker_and_role(line)
        paragraphs: list[str] = []
        k = n + 1
        while k < len(lines) and lines[k][:1] in OPEN_QUOTE:
            paragraphs.append(lines[k][1:].rstrip(CLOSE_QUOTE).strip())
            used.add(k)
            if lines[k][-1:] in CLOSE_QUOTE:
                break
            k += 1
        if who is None or not paragraphs:
            found.missing.append(f"a quote introduced by {line!r} has no speaker or no quoted "
                                 "paragraphs I could read")
            continue
        used.add(n)
        speaker, role = who
        found.quotes.append({"speaker": speaker, "role": role, "paragraphs": paragraphs})
        if not found.chair and re.match(r"(?:the )?chair", role, re.I):
            found.chair = speaker
    return used | inline_quotes(lines, found, used)


# “…,” said Name, Role.  /  “…,” Name, Role, said.  (the closing paragraph of an inline quote)
INLINE = re.compile(r"^[“\"](?P<q>.+?)[,.]?[”\"],? (?:(?:said|says|added) (?P<a>.+?)|"
                    r"(?P<b>.+?),? (?:said|says|added))\.$")


def inline_quotes(lines: list[str], found: Found, used: set[int]) -> set[int]:
    """Quotes attributed after the words, over paragraphs: earlier ones open with “ and do not
    close; the last closes and names the speaker."""
    taken: set[int] = set()
    for n, line in enumerate(lines):
        m = INLINE.match(line)
        if n in used or m is None:
            continue
        who = speaker_and_role(m.group("a") or m.group("b"))
        if who is None:
            continue
        start = n
        while (start > 0 and start - 1 not in used | taken and lines[start - 1][:1] in OPEN_QUOTE
               and lines[start - 1][-1:] not in CLOSE_QUOTE):
            start -= 1
        paragraphs = [lines[k][1:].strip() for k in range(start, n)] + [m.group("q")]
        taken |= set(range(start, n + 1))
        found.quotes.append({"speaker": who[0], "role": who[1], "paragraphs": paragraphs})
        if not found.chair and re.match(r"(?:the )?chair", who[1], re.I):
            found.chair = who[0]
    return taken


def recommendations(lines: list[str], found: Found) -> set[int]:
    """Bulleted or numbered lists after 'recommends', 'recommendations include', 'calls on'."""
    used: set[int] = set()
    for n, line in enumerate(lines):
        if not (line.endswith(":") and REC_INTRO.search(line)) or found.recommendations:
            continue
        intro_to = re.search(r"calls? on (the [A-Z][\w ]*?|[A-Z][\w ]*?) to\b", line)
        k = n + 1
        while k < len(lines) and (m := BULLET.match(lines[k])):
            sentence = m.group(1).strip()
            said = re.match(r"(.+?) (?:should|must) (.+?)\.?$", sentence)
            if said:
                addressee, action = said.group(1), said.group(2)
                addressee = re.sub(r"^The\b", "the", addressee)
            else:
                addressee = intro_to.group(1) if intro_to else ""
                action = sentence.rstrip(".")
            found.recommendations.append({
                "id": f"rec_{len(found.recommendations) + 1}",
                "title": _title(action), "addressee": addressee, "action": action,
                "sentence": sentence})
            used.add(k)
            k += 1
        if found.recommendations:
            found.recommendations_intro = line
            found.recommendations_complete = not re.search(r"includ|among|number of", line, re.I)
            used.add(n)
    return used


def _title(action: str) -> str:
    words = action.split()
    short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return short[:1].upper() + short[1:]


def notes(lines: list[str], found: Found) -> tuple[int, int]:
    """The numbered notes to editors; returns the range of lines they take."""
    head = next((n for n, line in enumerate(lines) if NOTES_HEAD.match(line)), None)
    if head is None:
        return len(lines), len(lines)
    k = head + 1
    while k < len(lines) and (m := NUMBERED.match(lines[k])):
        found.notes.append({"number": int(m.group(1) or m.group(2)), "text": m.group(3)})
        k += 1
    return head, k


CONTACT_KINDS = (
    ("out_of_hours", re.compile(r"out[ -]of[ -]hours", re.I), "Out-of-hours media enquiries"),
    ("non_media", re.compile(r"non[ -]media|public|general enquiries", re.I),
     "Non-media enquiries"),
    ("media", re.compile(r"media|press|journalist", re.I), "Media enquiries"),
)
AUDIENCE = {"media": "media", "out_of_hours": "out_of_hours", "non_media": "public"}


def contacts(lines: list[str], found: Found) -> set[int]:
    """The contacts block: each sentence with a phone number and a media, out-of-hours or
    public cue. Numbers are checked; a wrong one is kept as printed and flagged."""
    used: set[int] = set()
    for n, line in enumerate(lines):
        for sentence in sentences(line):
            numbers = phones.find(sentence)
            kind = next(((k, label) for k, cue, label in CONTACT_KINDS if cue.search(sentence)),
                        None)
            if not numbers or kind is None:
                continue
            used.add(n)
            cid, label = kind
            ids = [c["id"] for c in found.contacts]
            contact_id = cid if cid not in ids else f"{cid}_{ids.count(cid) + 1}"
            phone = numbers[0]
            ask = re.search(r"\b(ask for (?:the )?(.+?))[.,]?$", sentence)
            named = re.search(r"(?:contact|call|to) (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
                              r",? on\b", sentence)
            name = (ask.group(2) if ask else named.group(1) if named else
                    "the press office" if cid != "non_media" else "the enquiries line")
            contact: dict[str, Any] = {
                "id": contact_id, "label": label, "name": name,
                "phone": phone.national if phone.valid else phone.printed,
                "instruction": ask.group(1) if ask else "", "audience": AUDIENCE[cid],
                "sentence": sentence}
            if not phone.valid:
                contact["phone_valid"] = False
                found.missing.append(f"the {label.lower()} number {phone.printed!r} is not a "
                                     "valid UK number; kept as printed and never offered as "
                                     "tappable: check it with the press office")
            found.contacts.append(contact)
    return used


def accessibility(lines: list[str], found: Found) -> None:
    for line in lines:
        for sentence in sentences(line):
            m = re.search(r"get back to you (?:with)?in (\d+) working days", sentence)
            if m:
                route = "the online form, saying which format you need" if any(
                    "online form" in x for x in lines) else "the press office"
                found.accessibility = {"route": route, "response_days": int(m.group(1)),
                                       "sentence": sentence}
                return


def extract(text: str) -> Found:
    """Read every part of the release that the text has."""
    found = Found()
    lines = blocks(text)
    start = headline(lines, found)
    notes_from, notes_to = notes(lines, found)
    used = quotes(lines, found) | recommendations(lines, found) | contacts(lines, found)
    used |= set(range(notes_from, notes_to))
    accessibility(lines, found)
    stop = next((n for n, line in enumerate(lines) if n >= start and
                 re.match(r"need a document .* accessible format", line, re.I)), len(lines))
    found.body = [line for n, line in enumerate(lines[start:stop], start) if n not in used]
    in_prose = running_text.find(found.body, len(found.recommendations) + 1)
    found.recommendations += in_prose
    found.prose_recommendations = len(in_prose)
    prose = [s for b in found.body for s in sentences(b) if is_sentence(s)]
    found.summary_sentence = prose[0] if prose else ""
    found.letter_sentence = next((s for s in prose if re.search(r"\bwrote to\b|\bletter\b", s)),
                                 "")
    for candidate in [*prose, *(q for x in found.quotes for q in x["paragraphs"]),
                      *(n["text"] for n in found.notes)]:
        m = COMMITTEE.search(candidate)
        if m:
            name = re.sub(r"^.*\b(?:London Assembly|of the) ", "", m.group(1))
            found.committee = re.sub(r"^The ", "", name)
            break
    if not found.chair:
        for s in [*prose, *(n["text"] for n in found.notes)]:
            m = re.search(r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3}" + HONORIFIC +
                          r"), (?:the )?Chair(?:man|woman)? of the", s)
            if m:
                found.chair = m.group(1)
                break
    for part, value in (("headline", found.title), ("date", found.date),
                        ("committee", found.committee), ("quote", found.quotes),
                        ("notes to editors", found.notes)):
        if not value:
            found.missing.append(f"no {part} found")
    return found
