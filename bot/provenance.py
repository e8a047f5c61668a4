"""Provides the provenance checks: every sentence a release's data quotes is in its text, every
reference resolves, and intents' templates name only existing knowledge and type in no numbers
of their own. Each problem is one ``KnowledgeError`` naming the file, the field and the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.errors import KnowledgeError
from bot.models import GENERAL_TYPES, Intent, Release

PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([A-Za-z0-9_]+))?\}")
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
SIMPLE_FIELDS = {
    "recs", "quote", "chair", "title", "date", "publisher", "committee", "summary", "letter",
    "accessibility", "safeguarding", "help_line",
}


def squash(text: str) -> str:
    """Collapse all whitespace (including no-break spaces) so line wrapping never matters."""
    return " ".join(text.split())


def _quoted(release: Release) -> list[tuple[str, str]]:
    """(field, sentence) pairs that must occur verbatim in the release text."""
    # An empty (optional) field is trivially "found": only what is given is checked.
    pairs = [("summary_sentence", release.summary_sentence), ("letter_sentence",
             release.letter_sentence), ("recommendations_intro", release.recommendations_intro)]
    if release.accessibility is not None:
        pairs.append(("accessibility.sentence", release.accessibility.sentence))
    pairs += [(f"sources.{i}.sentence", s.sentence) for i, s in enumerate(release.sources)]
    pairs += [(f"figures.{i}.sentence", f.sentence) for i, f in enumerate(release.figures)]
    pairs += [(f"recommendations.{i}.sentence", r.sentence)
              for i, r in enumerate(release.recommendations)]
    for n, q in enumerate(release.quotes):
        pairs += [(f"quotes.{n}.paragraphs.{i}", p) for i, p in enumerate(q.paragraphs)]
        pairs.append((f"quotes.{n}.speaker", q.speaker))
    pairs += [(f"notes.{i}.text", n.text) for i, n in enumerate(release.notes)]
    # A standing line comes from configuration, not the release, so it is not in the text.
    own = [(i, c) for i, c in enumerate(release.contacts) if not c.standing]
    pairs += [(f"contacts.{i}.sentence", c.sentence) for i, c in own]
    pairs += [("title", release.title), ("publisher", release.publisher),
              ("chair", release.chair), ("committee", release.committee)]
    return pairs


def check_provenance(release: Release, path: Path) -> None:
    """Every quoted sentence must be in the release; every reference must resolve."""
    text = squash(release.text)
    for field, sentence in _quoted(release):
        if squash(sentence) not in text:
            raise KnowledgeError(f"{path}: {field}: not found verbatim in {release.text_file}: "
                                 f"{sentence[:80]!r}")
    for i, c in enumerate(release.contacts):
        # The number as normalised ('020 7983 4067') may be spaced differently from the
        # printed one ('0207 983 4067', '+44 (0)20 …'): its digits must be in its sentence.
        digits = re.sub(r"\D", "", c.phone).lstrip("0")
        if not c.standing and digits not in re.sub(r"\D", "", c.sentence):
            raise KnowledgeError(f"{path}: contacts.{i}.phone: not found verbatim in "
                                 f"{release.text_file} (not the number in its sentence): "
                                 f"{c.phone!r}")
    source_ids = {s.id for s in release.sources}
    figure_ids = [f.id for f in release.figures]
    for i, f in enumerate(release.figures):
        if f.source and f.source not in source_ids:
            raise KnowledgeError(f"{path}: figures.{i}.source: unknown source {f.source!r}")
    for i, d in enumerate(release.derived):
        for ref in d.of:
            if ref not in figure_ids:
                raise KnowledgeError(f"{path}: derived.{i}.of: unknown figure {ref!r}")
    ids = figure_ids + [d.id for d in release.derived] + [r.id for r in release.recommendations]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise KnowledgeError(f"{path}: ids: duplicated: {', '.join(sorted(dupes))}")


def check_intents(intents: list[Intent], releases: list[Release], where: dict[str, Path]) -> None:
    """Templates may only name existing knowledge, and may not type in numbers of their own."""
    ids = {i.id for i in intents}
    numbers_in_releases = {n for r in releases for n in NUMBER.findall(r.text)}
    for intent in intents:
        path = where[intent.id]
        release = next((r for r in releases if r.id == intent.release), releases[0])
        known = {f.id: f for f in release.figures}
        derived = {d.id for d in release.derived}
        recs = {r.id for r in release.recommendations}
        notes = {str(n.number) for n in release.notes}
        quotes = {str(n) for n in range(1, len(release.quotes) + 1)}  # {quote:N}, from 1
        if intent.type in GENERAL_TYPES and intent.release:
            raise KnowledgeError(f"{path}: {intent.id}.release: a {intent.type} intent belongs "
                                 "to no release")
        if intent.type not in GENERAL_TYPES and intent.release not in {r.id for r in releases}:
            raise KnowledgeError(f"{path}: {intent.id}.release: {intent.release!r} is not a "
                                 "loaded release")
        slots = {"figure": set(known), "change": set(known), "recommendation": recs | {"all"},
                 "contacts": {"media", "out_of_hours", "public", "all", "interview"}}
        if intent.type in slots and intent.slot not in slots[intent.type]:
            raise KnowledgeError(f"{path}: {intent.id}.slot: {intent.slot!r} is not a "
                                 f"{intent.type} of release {release.id}")
        for ref in intent.followups:
            if ref not in ids:
                raise KnowledgeError(f"{path}: {intent.id}.followups: unknown intent {ref!r}")
        for n, template in enumerate(intent.answer):
            field = f"{intent.id}.answer.{n}"
            for m in PLACEHOLDER.finditer(template):
                kind, arg = m.group(1), m.group(2)
                ok = ((kind == "fig" and arg in known) or (kind == "calc" and arg in derived)
                      or (kind == "rec" and arg in recs) or (kind == "note" and arg in notes)
                      or (kind == "sentence" and arg in known)
                      or (kind == "quote" and arg in quotes)
                      or (kind in SIMPLE_FIELDS and arg is None))
                if not ok:
                    raise KnowledgeError(f"{path}: {field}: unknown placeholder {m.group(0)}")
                if kind == "fig" and arg is not None and known[arg].qualifier:
                    before = template[: m.start()].rstrip().lower()
                    if not before.endswith(known[arg].qualifier):
                        raise KnowledgeError(
                            f"{path}: {field}: {m.group(0)} must follow its qualifier "
                            f"{known[arg].qualifier!r}, as the release says")
            literal = PLACEHOLDER.sub(" ", template)
            for number in NUMBER.findall(literal):
                if number not in numbers_in_releases:
                    raise KnowledgeError(f"{path}: {field}: the number {number} is not in the "
                                         "release; use a {fig:…} or {calc:…} placeholder")
