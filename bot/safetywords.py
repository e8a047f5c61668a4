"""Provides the safeguarding layer's vocabulary: ``SafetyVocabulary``, the words and patterns of
``intents/safety.yaml`` validated on load, and their compiled form (``CompiledVocabulary``), which
``bot.safety.assess`` reads. The vocabulary is general knowledge about exploitation and about how
people ask for help; how its parts combine is ``bot.safety``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

VOCABULARY_FILE = "safety.yaml"  # in the intents folder

# How many loaded vocabularies keep their compiled form (one per knowledge base in use).
KEEP_COMPILED = 8

# The validation context of knowledge read back from its cache (bot.knowledge), built from files
# that were checked in full: each pattern is not compiled again on its own at every start.
CHECKED = "checked"

Words = list[str]
Patterns = list[str]  # a regular expression's alternatives, joined by |


def _compile(patterns: Patterns) -> re.Pattern[str]:
    return re.compile("|".join(patterns))


class SafetyVocabulary(BaseModel):
    """The words and patterns the safeguarding layer reads (``intents/safety.yaml``); each
    field's comment in that file says what it is for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    signs: dict[str, Words] = Field(min_length=1)
    weak_signs: Words = []
    phrase_signs: dict[str, Patterns] = {}
    others: Words = Field(min_length=1)
    askers: Words = Field(min_length=1)
    people_in_general: Words = []
    person_concepts: Words = []
    figure_concepts: Words = []
    one_person: Words = []
    urgent: Words = Field(min_length=1)
    subject: Words = Field(min_length=1)
    suspect: Patterns = Field(min_length=1)
    unease: Patterns = Field(min_length=1)
    victim: Patterns = Field(min_length=1)
    witness: Patterns = Field(min_length=1)
    witnessing: Patterns = []
    accounts: Words = []
    seen_in_concepts: Words = []
    says: Patterns = []
    ask: Patterns = Field(min_length=1)
    contact: Patterns = Field(min_length=1)
    report_it: Patterns = []
    helpline: Patterns = Field(min_length=1)
    help_concepts: Words = []
    line_concepts: Words = []
    line_words: Words = []
    report_concepts: Words = []
    harm_concepts: Words = []
    worry_concepts: Words = []
    misspelt: str = ""
    other_languages: Words = []
    other_language_requests: Words = []
    other_language_figures: Patterns = []
    jest: Patterns = []
    not_signs: Patterns = []
    line_about: Patterns = []
    line_choice: Patterns = []
    property_crimes: Patterns = []
    complaints: Patterns = []
    roles: Patterns = []
    groups: Words = []
    for_work: Words = []
    work_concepts: Words = []
    on_the_subject: Words = []
    not_work: Patterns = Field(min_length=1)
    distress: Patterns = []
    distress_symbols: Words = []
    plea: Patterns = []
    distress_words: Words = []

    @field_validator("*", mode="after")
    @classmethod
    def _no_empty_entries(cls, value: object) -> object:
        lists = value.values() if isinstance(value, dict) else [value]
        for items in lists:
            if isinstance(items, list):
                if not items:
                    raise ValueError("an empty list: give at least one entry or leave it out")
                blank = next((n for n, x in enumerate(items) if not x.strip()), None)
                if blank is not None:
                    raise ValueError(f"entry {blank} is empty")
        return value

    @field_validator("phrase_signs", "suspect", "unease", "victim", "witness", "witnessing",
                     "says", "ask", "contact", "report_it", "helpline", "not_work", "distress",
                     "plea", "other_language_figures", "jest", "not_signs", "line_about",
                     "line_choice", "property_crimes", "complaints", "roles", mode="after")
    @classmethod
    def _patterns_compile(cls, value: Patterns | dict[str, Patterns],
                          info: ValidationInfo) -> object:
        if isinstance(info.context, dict) and info.context.get(CHECKED):
            return value  # read back from the knowledge cache: checked when it was built
        groups = value.items() if isinstance(value, dict) else [("", value)]
        for name, patterns in groups:
            for n, pattern in enumerate(patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    where = f"{name}.{n}" if name else str(n)
                    raise ValueError(f"entry {where} is not a regular expression ({exc}): "
                                     f"{pattern}") from None
        return value

    @model_validator(mode="after")
    def _signs_are_named(self) -> SafetyVocabulary:
        for field in ("weak_signs", "phrase_signs"):
            unknown = [s for s in getattr(self, field) if s not in self.signs]
            if unknown:
                raise ValueError(f"{field}: {unknown[0]!r} is not one of the signs "
                                 f"({', '.join(self.signs)})")
        return self

    def compiled(self) -> CompiledVocabulary:
        """The vocabulary as sets and compiled patterns, built once per loaded vocabulary (kept
        outside the model, so that two loads of the same file stay equal)."""
        kept = _COMPILED.get(id(self))
        if kept is None or kept[0] is not self:
            kept = (self, CompiledVocabulary.of(self))
            _COMPILED[id(self)] = kept
            while len(_COMPILED) > KEEP_COMPILED:  # reloads and tests load many; keep the last
                del _COMPILED[next(iter(_COMPILED))]
        return kept[1]


@dataclass(frozen=True)
class CompiledVocabulary:
    """What ``assess`` reads: word sets and compiled patterns."""

    signs: dict[str, frozenset[str]]
    sign_words: frozenset[str]
    weak: frozenset[str]
    phrase_signs: dict[str, re.Pattern[str]]
    others: frozenset[str]
    person: frozenset[str]
    someone: frozenset[str]
    one_person: frozenset[str]
    person_concepts: frozenset[str]
    figure_concepts: frozenset[str]
    urgent: frozenset[str]
    subject: frozenset[str]
    suspect: re.Pattern[str]
    unease: re.Pattern[str]
    victim: re.Pattern[str]
    witness: re.Pattern[str]
    witnessing: re.Pattern[str] | None
    # The asker having seen the subject itself ("I've seen trafficking"), not an account of it.
    witnessed: re.Pattern[str] | None
    seen_in: frozenset[str]
    accounts: frozenset[str]
    says: re.Pattern[str] | None
    ask: re.Pattern[str]
    contact: re.Pattern[str]
    report_it: re.Pattern[str] | None
    helpline: re.Pattern[str]
    help_concepts: frozenset[str]
    line_concepts: frozenset[str]
    line_words: frozenset[str]
    report_concepts: frozenset[str]
    harm_concepts: frozenset[str]
    worry_concepts: frozenset[str]
    misspelt: str
    other_languages: re.Pattern[str] | None  # any of the cues, anywhere: one scan, not one each
    # The cues that ask for help (not a sign named), and the words asking for a count, in those
    # languages: a count asked for with no request is the subject's figure, not a call for help.
    other_language_requests: re.Pattern[str] | None
    other_language_figures: re.Pattern[str] | None
    jest: re.Pattern[str] | None
    not_signs: re.Pattern[str] | None
    line_about: re.Pattern[str] | None
    line_choice: re.Pattern[str] | None
    property_crimes: re.Pattern[str] | None
    complaints: re.Pattern[str] | None
    roles: re.Pattern[str] | None
    groups: frozenset[str]
    for_work: frozenset[str]
    work_concepts: frozenset[str]
    on_the_subject: frozenset[str]
    not_work: re.Pattern[str]
    distress: re.Pattern[str] | None
    distress_symbols: tuple[str, ...]
    plea: re.Pattern[str] | None
    distress_words: frozenset[str]
    # Unions ``assess`` reads every message with, made once: a particular other person's words
    # (``others & someone``), with one person's (``one_person``), and with the subject's.
    other_someone: frozenset[str] = frozenset()
    particular: frozenset[str] = frozenset()
    subject_or_particular: frozenset[str] = frozenset()

    @classmethod
    def of(cls, v: SafetyVocabulary) -> CompiledVocabulary:
        signs = {name: frozenset(words) for name, words in v.signs.items()}
        person = frozenset(v.others) | frozenset(v.askers)
        other_someone = frozenset(v.others) & (person - frozenset(v.people_in_general))
        particular = frozenset(v.one_person) | other_someone
        return cls(
            signs=signs, sign_words=frozenset().union(*signs.values()),
            weak=frozenset(v.weak_signs),
            phrase_signs={name: _compile(p) for name, p in v.phrase_signs.items()},
            others=frozenset(v.others), person=person,
            someone=person - frozenset(v.people_in_general),
            one_person=frozenset(v.one_person), person_concepts=frozenset(v.person_concepts),
            figure_concepts=frozenset(v.figure_concepts),
            urgent=frozenset(v.urgent),
            subject=frozenset(v.subject), suspect=_compile(v.suspect),
            unease=_compile(v.unease), victim=_compile(v.victim),
            witness=_compile(v.witness), witnessed=_witnessed(v),
            witnessing=_compile(v.witnessing) if v.witnessing else None,
            seen_in=frozenset(v.seen_in_concepts), accounts=frozenset(v.accounts),
            says=_compile(v.says) if v.says else None,
            ask=_compile(v.ask), contact=_compile(v.contact),
            report_it=_compile(v.report_it) if v.report_it else None,
            helpline=_compile(v.helpline), help_concepts=frozenset(v.help_concepts),
            line_concepts=frozenset(v.line_concepts),
            line_words=frozenset(v.line_words),
            report_concepts=frozenset(v.report_concepts),
            harm_concepts=frozenset(v.harm_concepts),
            worry_concepts=frozenset(v.worry_concepts),
            misspelt=v.misspelt,
            other_languages=_cues(v.other_languages + v.other_language_requests),
            other_language_requests=_cues(v.other_language_requests),
            other_language_figures=_maybe(v.other_language_figures),
            jest=_maybe(v.jest), not_signs=_maybe(v.not_signs), line_about=_maybe(v.line_about),
            line_choice=_maybe(v.line_choice), property_crimes=_maybe(v.property_crimes),
            complaints=_maybe(v.complaints),
            roles=_maybe(v.roles),
            groups=frozenset(v.groups),
            for_work=frozenset(v.for_work), work_concepts=frozenset(v.work_concepts),
            on_the_subject=frozenset(v.on_the_subject), not_work=_compile(v.not_work),
            distress=_compile(v.distress) if v.distress else None,
            distress_symbols=tuple(v.distress_symbols),
            plea=_compile(v.plea) if v.plea else None,
            distress_words=frozenset(v.distress_words), other_someone=other_someone,
            particular=particular, subject_or_particular=frozenset(v.subject) | particular)


def _cues(words: Words) -> re.Pattern[str] | None:
    """Words found anywhere in the text (some scripts do not separate words), as one scan."""
    return re.compile("|".join(map(re.escape, words))) if words else None


def _maybe(patterns: Patterns) -> re.Pattern[str] | None:
    return _compile(patterns) if patterns else None


def _witnessed(v: SafetyVocabulary) -> re.Pattern[str] | None:
    """The asker's witnessing with the subject as what was seen, a few words on at most and
    none of them an account of it ("I think I've seen modern slavery", not "I've seen the
    slavery figures" nor "I saw the report on trafficking")."""
    if not v.witnessing:
        return None
    account = "|".join(v.accounts) or "(?!)"
    gap = rf"(?:(?!(?:{account})\b)\w+ ){{0,3}}?"
    return re.compile(rf"(?:{'|'.join(v.witnessing)}) {gap}(?:{'|'.join(v.subject)})\w*\b"
                      rf"(?! (?:{account})\b)")


# The compiled form of each vocabulary in use, by identity; the vocabulary is kept with it, so an
# identity is never reused while its entry lives.
_COMPILED: dict[int, tuple[SafetyVocabulary, CompiledVocabulary]] = {}
