"""Provides cards for any release: intents written from a release's structured knowledge.

A release with hand-written intents (any intent in ``intents/*.yaml`` naming it) is answered by
those. Every other release gets its cards from ``intents/types.yaml``: one per figure (or, for a
percentage over a span of years, a ``change`` card), all its figures, their sources, each
recommendation and all of them, the quote and its speaker, its contacts by audience, its facts
(title, date, publisher, committee, summary, letter) and accessible formats, each only when the
release has what the card needs. The words of the cards come from the release (what a figure
counts, a recommendation's title, the speaker's name, the title's words), never from code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from bot.ingest.clauses import clause_words
from bot.models import Figure, Intent, Lexicon, QuestionType, Quote, Release, Strict

TYPES_FILE = "types.yaml"
EACH = "each"  # a slot of one card per item (figure, recommendation)
FIELD = re.compile(r"\{([a-z_]+)\}")
WORD = re.compile(r"[a-z0-9]+")


class CardSpec(Strict):
    """How to write one kind of card: its label, examples, keywords and answer templates."""

    needs: list[str] = Field(default=[], description="Release fields that must be present and "
                             "not empty; 'contact:ID' for one contact.")
    family: str = ""
    label: str = ""
    examples: list[str] = []
    keywords: dict[str, float] = {}
    words: dict[str, float] = Field(default={}, description="Weights for the words of fields.")
    units: dict[str, dict[str, float]] = Field(default={}, description="Keywords of a figure "
                                               "of this unit, over `keywords` (0 drops one).")
    requires: list[list[str]] = []
    answer: list[str] = []
    item: str = Field("", description="An answer line written once per figure.")
    route: Literal["", "media", "out_of_hours", "non_media", "all", "interview"] = ""
    audience: Literal["any", "media", "public"] = "any"
    context_figures: bool = False


class TypeSpec(Strict):
    """A question type's generic slots; ``each`` stands for one slot per item."""

    slots: dict[str, CardSpec]


class Types(Strict):
    """The question types and how their cards are written (``intents/types.yaml``)."""

    subject_weight: float = 1.0
    types: dict[QuestionType, TypeSpec] = {}


def load_types(intents_dir: Path) -> Types:
    """The question types, or none (no cards are written) when the folder has no types file."""
    from bot.yamlfiles import read_yaml, validate

    path = intents_dir / TYPES_FILE
    if not path.exists():
        return Types()
    result: Types = validate(Types, read_yaml(path) or {}, path)
    return result


def generic_vocabulary(types: Types) -> frozenset[str]:
    """The names every release shares: question types and their generic slots."""
    slots = {s for t in types.types.values() for s in t.slots if s not in ("", EACH)}
    return frozenset(set(types.types) | slots)


def question_concepts(types: Types) -> frozenset[str]:
    """The concepts the question types are told apart by (their cards' keywords, the keywords
    of a figure's unit, and required concepts): what a question asks ("how many", "how much",
    "what's the budget": a sum of money), never which release it is about."""
    specs = [spec for t in types.types.values() for spec in t.slots.values()]
    return frozenset({k for spec in specs for k in spec.keywords}
                     | {k for spec in specs for unit in spec.units.values() for k in unit}
                     | {c for spec in specs for group in spec.requires for c in group})


# --------------------------------------------------------------------------- words


def terms(text: str, lexicon: Lexicon) -> list[str]:
    """The lexicon's reading of a field's words, lightly: phrases and typos joined, words
    mapped to their concepts, stopwords and numbers dropped (keywords are concepts)."""
    text = text.lower()
    for phrase, words in sorted(lexicon.phrases.items(), key=lambda p: -len(p[0])):
        text = re.sub(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", f" {words} ", text)
    concepts: dict[str, list[str]] = {}
    for concept, members in lexicon.concepts.items():
        for w in members:
            concepts.setdefault(w.lower(), []).append(concept)
    stop = set(lexicon.stopwords)
    out: list[str] = []
    for w in WORD.findall(text):
        w = lexicon.typos.get(w, w)
        if w in stop or w.isdigit():
            continue
        out += [c for c in concepts.get(w, [w]) if c not in out]
    return out


def with_plurals(keywords: dict[str, float], lexicon: Lexicon) -> dict[str, float]:
    """The keywords with the other number of each plain word ("bus" and "buses", "libraries"
    and "library"): a release's words are printed in one number and asked about in either.
    Concepts and the lexicon's own words are left alone: it reads them itself."""
    known = set(lexicon.concepts) | {w for ws in lexicon.concepts.values() for w in ws}
    out = dict(keywords)
    for word, weight in keywords.items():
        if not word.isalpha() or len(word) < 3 or word in known or word.endswith(("ed", "ing")):
            continue  # a verb's form has no plural
        for other in _other_number(word):
            if other not in known:
                out.setdefault(other, weight)
    return out


def _other_number(word: str) -> list[str]:
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith(("ses", "xes", "ches", "shes")):
        return [word[:-2]]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return [word[:-1]]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    return [word + "s"]


def subject(release: Release, lexicon: Lexicon) -> str:
    """The title's words without stopwords: how a question names the release (a release
    printed without a headline is named by its summary's words instead)."""
    stop = set(lexicon.stopwords)
    words = release.title or release.summary
    return " ".join(w for w in WORD.findall(words.lower()) if w not in stop)


# --------------------------------------------------------------------------- filling templates


# What an empty field leaves behind in a list of fields: ", , 2023", "£310: , London",
# "gap, ." (runs of commas, then a comma at the start, after a colon or before a stop).
EMPTY_ITEMS = (re.compile(r",(?:\s*,)+"), re.compile(r"^\s*,|(?<=:)\s*,|,\s*(?=[.:;]|$)"))


def fill(template: str, values: dict[str, str]) -> str:
    """Fill the fields this module knows; leave the answer's own placeholders alone. A field
    the release leaves empty leaves no empty item behind."""
    filled = FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    runs, ends = EMPTY_ITEMS
    return " ".join(ends.sub("", runs.sub(",", filled)).split())


def fills(template: str, values: dict[str, str]) -> bool:
    """Whether every field the template names that the release could lack has a value: an
    example for a figure with no year or no place is not written as "... in" with nothing."""
    return all(values.get(m.group(1), "x") for m in FIELD.finditer(template)
               if m.group(1) != "subject")


def capitalised(line: str) -> str:
    return line[:1].upper() + line[1:] if line[:1].isalpha() else line


def figure_values(release: Release, f: Figure) -> dict[str, str]:
    # The figures its sentence states, in the order it states them.
    same = [g for g in release.figures if g.sentence == f.sentence]
    same.sort(key=lambda g: f.sentence.find(g.as_written))
    period = f.period.label() if f.period else ""
    own = clause_words(f.sentence, [g.as_written for g in same], same.index(f))
    return {"counts": f.counts, "counts_cap": capitalised(f.counts),
            "place": unless_said(f.place, f.counts),
            # The words around the figure: it is reachable by them even when the release
            # words what it counts loosely, or gives no year. Only its own clause's, when the
            # sentence states other figures: their words would lead to it.
            "said": own,
            # Those words again when the sentence states several figures: its own clause names
            # it as surely as what it counts.
            "clause": own if len(same) > 1 else "",
            # A figure the release gives no year for has none in its questions either.
            "period": unless_said(period, f.counts),
            # A span printed in figures ("2025-26") is asked about as printed.
            "year": (f.period.printed or str(f.period.end)) if f.period else "",
            "start": str(f.period.start) if f.period else "",
            "end": str(f.period.end) if f.period else "", "unit": f.unit,
            "qualifier": f"{f.qualifier} " if f.qualifier else "",
            "figure": f"{{fig:{f.id}}}", "sentence": f"{{sentence:{f.id}}}"}


def unless_said(value: str, counts: str) -> str:
    """``value``, unless what the figure counts already says it: the release's own words
    ("who answered the survey in 2024") then carry it, and an answer never reads
    "in 2024, 2024"."""
    if value and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", counts, re.I):
        return ""
    return value


def release_values(release: Release, lexicon: Lexicon) -> dict[str, str]:
    values = {"subject": subject(release, lexicon)}
    for name in ("committee", "publisher"):
        value = getattr(release, name, None)
        if isinstance(value, str) and value:
            values[name] = value
    quote: Any = getattr(release, "quote", None)  # optional in newer schemas
    if quote is not None and quote.speaker:
        values |= quote_values(quote, 1)
    return values


def quote_values(quote: Quote, n: int) -> dict[str, str]:
    """The fields of the release's ``n``-th quote (from 1): who said it, in what role, the
    initials of the organisations the role names, and the answer's placeholder for it."""
    return {"speaker": quote.speaker, "role": quote.role, "role_initials": initials(quote.role),
            "quoted": f"{{quote:{n}}}"}


# A name: capitalised words, joined by "for", "of", "and" or "&" ("Transport for London").
NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:for|of|and|&)\s+)?[A-Z][\w’'-]*)+")


def initials(text: str) -> str:
    """The initials of each name in a text, as people write them ("Transport for London" is
    "tfl"): a question may name an organisation by them."""
    return " ".join("".join(w[0] for w in m.group(0).split() if w[0].isalpha()).lower()
                    for m in NAME.finditer(text))


def has(release: Release, needs: list[str]) -> bool:
    return all(_has(release, need) for need in needs)


def _has(release: Release, need: str) -> bool:
    if need.startswith("contact:"):
        return any(c.id == need.split(":", 1)[1] for c in getattr(release, "contacts", []) or [])
    value: object = getattr(release, need, None)
    return bool(value)


def is_change(f: Figure) -> bool:
    """A percentage over a span of years: the change between its ends (a financial year
    such as "2024-25" is one period, not a span)."""
    return (f.unit == "percent" and f.period is not None and f.period.start < f.period.end
            and not (f.period.printed and f.period.end == f.period.start + 1))  # "2024-25"


# --------------------------------------------------------------------------- writing cards


class _Writer:
    def __init__(self, release: Release, types: Types, lexicon: Lexicon) -> None:
        self.release, self.types, self.lexicon = release, types, lexicon
        self.base = release_values(release, lexicon)
        self.subject_terms = terms(self.base["subject"], lexicon)

    def card(self, type_: str, slot: str, spec: CardSpec, values: dict[str, str],
             answer: list[str] | None = None, items: list[str] | None = None) -> Intent | None:
        values = self.base | values
        needed = {m.group(1) for t in (spec.label, *spec.examples, *spec.answer)
                  for m in FIELD.finditer(t)}
        if any(n in ("speaker", "role", "committee") and n not in values for n in needed):
            return None  # a template names a field the release does not have
        keywords: dict[str, float] = {t: self.types.subject_weight for t in self.subject_terms}
        for name, weight in spec.words.items():
            for t in terms(values.get(name, ""), self.lexicon):
                keywords[t] = max(keywords.get(t, 0.0), weight)
        keywords = with_plurals(keywords, self.lexicon) | spec.keywords \
            | spec.units.get(values.get("unit", ""), {})
        keywords = {k: w for k, w in keywords.items() if w}
        data: dict[str, Any] = {
            "id": f"{self.release.id}.{type_}" + (f".{slot}" if slot else ""),
            "label": capitalised(fill(spec.label, values)), "type": type_, "slot": slot,
            # Families are a release's own: the classifier merges routed lines of one family
            # (bot.decision), which must never join the lines of two releases.
            "family": f"{self.release.id}.{spec.family}" if spec.family else "",
            "release": self.release.id,
            "examples": [fill(e, values) for e in spec.examples if fills(e, values)]
            or [fill(e, values) for e in spec.examples],
            "keywords": keywords, "requires": spec.requires,
            "answer": answer if answer is not None
            else [capitalised(fill(a, values)) for a in spec.answer],
            "route": spec.route, "audience": spec.audience,
            "context_figures": spec.context_figures, "items": items or [],
        }
        return Intent.model_validate(data)

    def cards(self) -> list[Intent]:
        out: list[Intent | None] = []
        figures = list(getattr(self.release, "figures", []) or [])
        recs = list(getattr(self.release, "recommendations", []) or [])
        for type_, spec_of in self.types.types.items():
            for slot, spec in spec_of.slots.items():
                if not spec.examples or not has(self.release, spec.needs):
                    continue
                if slot == EACH and type_ in ("figure", "change"):
                    for f in figures:
                        if is_change(f) == (type_ == "change"):
                            out.append(self.card(type_, f.id, spec, figure_values(self.release,
                                                                                 f)))
                elif slot == EACH and type_ in ("quote", "speaker"):
                    # The first quote has the type's own card (slot ""): one card for each other.
                    quotes = list(getattr(self.release, "quotes", []) or [])
                    for n, q in enumerate(quotes[1:], 2):
                        out.append(self.card(type_, str(n), spec, quote_values(q, n)))
                elif slot == EACH and type_ == "recommendation":
                    for r in recs:
                        out.append(self.card(type_, r.id, spec, {"rec_title": r.title,
                                                                 "rec": f"{{rec:{r.id}}}"}))
                elif spec.item:
                    lines = [capitalised(fill(spec.item, figure_values(self.release, f)))
                             for f in figures]
                    out.append(self.card(type_, slot, spec, {}, answer=lines))
                elif type_ == "recommendation" and slot == "all":
                    ids = [f"{self.release.id}.recommendation.{r.id}" for r in recs]
                    out.append(self.card(type_, slot, spec, {}, items=ids))
                elif slot != EACH:
                    out.append(self.card(type_, slot, spec, {}))
        return [c for c in out if c is not None]


def written_by_hand(release: Release, intents: list[Intent]) -> bool:
    return any(i.release == release.id for i in intents)


def generate(releases: list[Release], intents: list[Intent], types: Types,
             lexicon: Lexicon) -> list[Intent]:
    """The cards of every release that has no hand-written intents."""
    return [card for r in releases if not written_by_hand(r, intents)
            for card in _Writer(r, types, lexicon).cards()]
