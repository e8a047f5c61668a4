"""Provides the pydantic models for releases, figures, intents and answers (no Telegram here).

Everything an editor writes in ``knowledge/`` and ``intents/`` is validated by these models
with ``extra="forbid"``, so a misspelt field is an error rather than silently ignored. The
``Answer`` model at the bottom is the one structured object every channel renders.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- knowledge


class Source(Strict):
    """A primary source that the release cites for its figures."""

    id: str
    name: str
    short: str = Field(description="How an answer names it, e.g. 'Met data'.")
    publisher: str
    sentence: str


class Period(Strict):
    """A year or a span of years that a figure covers."""

    start: int = Field(ge=1900, le=2100)
    end: int = Field(ge=1900, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    def label(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


class Figure(Strict):
    """One number stated in the release, with what it counts and where it comes from."""

    id: str
    value: float
    as_written: str = Field(description="The value exactly as the release writes it.")
    display: str = Field(description="How answers show it, e.g. '1,155%'.")
    qualifier: str = Field("", description="'more than', 'almost' … as the release says.")
    unit: Literal["people", "referrals", "percent", "times"]
    topics: list[str] = Field(default=[], description="Lexicon concepts that name this series.")
    counts: str
    place: str
    period: Period
    source: str
    sentence: str

    @model_validator(mode="after")
    def _value_in_sentence(self) -> Figure:
        if self.as_written not in self.sentence:
            raise ValueError(f"as_written {self.as_written!r} does not occur in its sentence")
        for field in ("as_written", "display"):
            digits = re.sub(r"[^\d.]", "", getattr(self, field))
            if digits and float(digits) != self.value:
                raise ValueError(f"value {self.value:g} does not match {field} "
                                 f"{getattr(self, field)!r}")
        return self


class Derived(Strict):
    """A figure calculated from stored figures; only the recipe is stored, never the result."""

    id: str
    op: Literal["difference", "ratio", "share"]
    of: list[str] = Field(min_length=2, max_length=2)
    label: str


class Recommendation(Strict):
    """One of the letter's recommendations, as the release lists it."""

    id: str
    title: str
    addressee: str
    action: str
    sentence: str


class Quote(Strict):
    """The chair's quote, verbatim."""

    speaker: str
    role: str
    paragraphs: list[str] = Field(min_length=1)


class Note(Strict):
    """One numbered note to editors."""

    number: int
    text: str


class Contact(Strict):
    """A phone line the release publishes, and who it is for."""

    id: Literal["media", "out_of_hours", "non_media"]
    label: str
    name: str
    phone: str
    instruction: str = ""
    audience: Literal["media", "public"]
    sentence: str

    @field_validator("phone")
    @classmethod
    def _uk_number(cls, v: str) -> str:
        if not re.fullmatch(r"0\d{2,4}( \d{3,4}){1,2}", v):
            raise ValueError("must be a UK number written like '020 7983 4067'")
        return v


class Accessibility(Strict):
    """How to ask for a document in an accessible format."""

    route: str
    response_days: int
    sentence: str


class Release(Strict):
    """One press release and everything the bot knows about it."""

    id: str
    title: str
    publisher: str
    committee: str
    chair: str
    category: str
    date: dt.date
    url: str = ""
    summary: str
    summary_sentence: str
    letter: str
    letter_sentence: str
    text_file: str = "release.txt"
    recommendations_complete: bool = False
    recommendations_intro: str
    sources: list[Source]
    figures: list[Figure]
    derived: list[Derived] = []
    recommendations: list[Recommendation]
    quote: Quote
    notes: list[Note]
    contacts: list[Contact]
    accessibility: Accessibility
    # Filled by the loader from ``text_file``; not written by editors.
    text: str = ""


class ExternalContact(Strict):
    """A number that is not in any release (safeguarding), with where it comes from."""

    id: str
    label: str
    phone: str
    when: str
    provenance: str


class Safeguarding(Strict):
    """Help for someone worried about a possible victim; never a press office."""

    contacts: list[ExternalContact]
    note: str


# --------------------------------------------------------------------------- intents


# The question types every press release shares. An intent is one type with one slot (which
# figure, recommendation, audience or fact), answered from one release's structured knowledge;
# code names types and slots, never intent ids. Types that belong to no release come first.
GENERAL_TYPES = ("smalltalk", "safeguarding")
QuestionType = Literal[
    "smalltalk", "safeguarding", "figure", "figures", "change", "figure_source", "recommendation",
    "quote", "speaker", "contacts", "accessible_formats", "release_fact"]


class Intent(Strict):
    """A kind of question, the words that signal it, and how to answer it."""

    id: str
    label: str
    type: QuestionType
    slot: str = Field("", description="Which one: a figure, recommendation, audience or field.")
    family: str = ""
    release: str = ""
    priority: int = 0
    years: list[int] = []
    audience: Literal["any", "media", "public"] = "any"
    route: Literal["", "media", "out_of_hours", "non_media", "all", "interview"] = ""
    examples: list[str] = Field(min_length=1)
    keywords: dict[str, float] = {}
    requires: list[list[str]] = []
    answer: list[str] = []
    excludes: list[str] = []
    trigger: float = Field(0.0, description="Matched keyword weight that makes the intent sure.")
    items: list[str] = Field(default=[], description="Intents for 'the first/second one'.")
    followups: list[str] = []
    context_figures: bool = False


class Sense(Strict):
    """An ambiguous word: it means `then` when any `when` concept is present, else `otherwise`
    (an empty `otherwise`: the word means nothing by itself, like a pronoun)."""

    when: list[str]
    then: str
    otherwise: str
    last: bool = Field(False, description="Only the question's last word takes `then`.")
    unless: list[str] = Field(default=[], description="Concepts that keep `otherwise`.")


class Lexicon(Strict):
    """Normalisation data: typos, synonyms mapped to concepts, and off-topic vocabulary."""

    typos: dict[str, str] = {}
    senses: dict[str, Sense] = {}
    patterns: dict[str, str] = Field(default={}, description="Regular expression -> words.")
    relative_years: list[str] = []
    phrases: dict[str, str] = {}
    concepts: dict[str, list[str]] = {}
    offtopic: list[str] = []
    stopwords: list[str] = []
    common: list[str] = []


# --------------------------------------------------------------------------- answers


class Span(BaseModel):
    """A run of answer text with one style; the renderers decide how a style looks."""

    model_config = ConfigDict(frozen=True)

    text: str
    style: Literal["plain", "figure", "phone", "quote", "label", "note"] = "plain"


class Citation(BaseModel):
    """Where a stated figure comes from: the primary source and the release."""

    model_config = ConfigDict(frozen=True)

    source: str = ""
    release_title: str
    release_date: dt.date
    publisher: str

    def sentence(self) -> str:
        date = f"{self.release_date.day} {self.release_date:%B %Y}"
        release = f"the {self.publisher} release “{self.release_title}” of {date}"
        return f"{self.source}, cited in {release}" if self.source else release


class ContactCard(BaseModel):
    """A phone contact an answer recommends, ready for a contact card."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    name: str
    phone: str
    international: str = ""
    organisation: str
    instruction: str = ""


class Suggestion(BaseModel):
    """A related topic or a 'did you mean' choice."""

    model_config = ConfigDict(frozen=True)

    intent: str
    label: str
    release: str = Field(default="", description="Which release (for 'which release?').")


AnswerKind = Literal["answer", "fallback", "clarify", "safeguarding", "invalid"]


class Answer(BaseModel):
    """The one structured answer that plain text, JSON and Telegram HTML are rendered from."""

    question: str
    kind: AnswerKind
    intent: str | None
    confidence: float = Field(ge=0.0, le=1.0)
    paragraphs: list[list[Span]]
    citations: list[Citation] = []
    contacts: list[ContactCard] = []
    suggestions: list[Suggestion] = []
    figures: list[str] = Field(default=[], description="Ids of figures stated, for follow-ups.")
    release: str = Field(default="", description="The release answered from, or ''.")
