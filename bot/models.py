"""Provides the pydantic models for releases, figures and intents (no Telegram here).

Everything an editor writes in ``knowledge/`` and ``intents/`` is validated by these models
with ``extra="forbid"``, so a misspelt field is an error rather than silently ignored. The
``Answer`` every channel renders is made, not written by editors: bot/answermodels.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- knowledge


class Source(Strict):
    """A primary source that the release cites for its figures."""

    id: str
    name: str
    short: str = Field(description="How an answer names it, e.g. 'Met data'.")
    publisher: str = ""
    sentence: str


class Period(Strict):
    """A year or a span of years that a figure covers."""

    start: int = Field(ge=1900, le=2100)
    end: int = Field(ge=1900, le=2100)
    printed: str = Field("", description="The span as the release prints it ('2025-26'), when "
                         "it prints it in figures; answers then write it so.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    def label(self) -> str:
        """The period as the release prints it: a financial year "2025-26" is never written
        as "2025–2026", a year the release may not print."""
        if self.printed:
            return self.printed
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


# How a number multiplies when the release writes it with a word ("£2.5 million").
SCALE_WORDS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
# The units most figures have; the set is open, these are the ones answers know by name.
COMMON_UNITS = ("count", "people", "percent", "money", "times")


def _scaled(text: str) -> float | None:
    """The number a text writes in digits, times any scale word after it; None without digits."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if m is None:
        return None
    number = float(m.group(0).replace(",", ""))
    word = re.match(r"\s*([a-z]+)", text[m.end():].lower())
    return number * SCALE_WORDS[word.group(1)] if word and word.group(1) in SCALE_WORDS \
        else number


class Figure(Strict):
    """One number stated in the release, with what it counts and where it comes from."""

    id: str
    value: float
    as_written: str = Field(description="The value exactly as the release writes it.")
    display: str = Field(description="How answers show it, e.g. '1,155%'.")
    qualifier: str = Field("", description="'more than', 'almost' … as the release says.")
    unit: str = Field(description="An open set; common: " + ", ".join(COMMON_UNITS) + ".")
    topics: list[str] = Field(default=[], description="Lexicon concepts that name this series.")
    counts: str = ""
    place: str = ""
    period: Period | None = Field(None, description="None when the sentence gives no year.")
    source: str = Field("", description="A source id, or empty when the release names none.")
    sentence: str

    @property
    def years(self) -> set[int]:
        """The first and last year the figure covers; empty when the release gives none."""
        return {self.period.start, self.period.end} if self.period else set()

    @model_validator(mode="after")
    def _value_in_sentence(self) -> Figure:
        if self.as_written not in self.sentence:
            raise ValueError(f"as_written {self.as_written!r} does not occur in its sentence")
        if self.period and self.period.printed not in self.sentence:
            raise ValueError(f"period.printed {self.period.printed!r} does not occur in its "
                             "sentence")
        for field in ("as_written", "display"):
            number = _scaled(getattr(self, field))
            if number is not None and not math.isclose(number, self.value):
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
    """One of the release's recommendations, as it lists them."""

    id: str
    title: str = ""
    addressee: str = Field("", description="Who it is addressed to, when the sentence says.")
    action: str = ""
    sentence: str


class Quote(Strict):
    """A quote from the release, verbatim; the first of a release's quotes is the chair's."""

    speaker: str
    role: str
    paragraphs: list[str] = Field(min_length=1)


class Note(Strict):
    """One numbered note to editors."""

    number: int
    text: str


ContactAudience = Literal["media", "out_of_hours", "public"]
# The routing names (bot/routing.py) of the line each audience is served by.
ROUTE_AUDIENCE: dict[str, ContactAudience] = {
    "media": "media", "out_of_hours": "out_of_hours", "non_media": "public"}


class Contact(Strict):
    """A phone line the release publishes (or a standing press-office line), and who it is for.

    ``phone_valid: false`` keeps a number the release prints wrongly exactly as printed: answers
    show it with a warning and never as a tappable or international number."""

    id: str
    label: str
    name: str
    phone: str
    instruction: str = ""
    audience: ContactAudience
    phone_valid: bool = True
    standing: bool = Field(False, description="From configuration, not from the release.")
    sentence: str = ""

    @model_validator(mode="after")
    def _checked(self) -> Contact:
        if self.phone_valid and not re.fullmatch(r"0\d{2,4}( \d{3,4}){1,2}", self.phone):
            raise ValueError("phone must be a UK number written like '020 7983 4067' "
                             "(or set phone_valid: false to keep it as printed)")
        if not self.standing and not self.sentence:
            raise ValueError("a contact from the release needs its sentence")
        return self


class Accessibility(Strict):
    """How to ask for a document in an accessible format."""

    route: str
    response_days: int
    sentence: str


class Release(Strict):
    """One press release and everything the bot knows about it; only its id is required, so
    a release without a headline, date, quote or recommendations still fits."""

    id: str
    title: str = ""
    publisher: str = "London Assembly"
    committee: str = ""
    chair: str = ""
    category: str = ""
    date: dt.date | None = None
    url: str = ""
    summary: str = ""
    summary_sentence: str = ""
    letter: str = ""
    letter_sentence: str = ""
    text_file: str = "release.txt"
    recommendations_complete: bool = False
    recommendations_intro: str = ""
    sources: list[Source] = []
    figures: list[Figure] = []
    derived: list[Derived] = []
    recommendations: list[Recommendation] = []
    quotes: list[Quote] = []
    notes: list[Note] = []
    contacts: list[Contact] = []
    accessibility: Accessibility | None = None
    # Filled by the loader from ``text_file``; not written by editors.
    text: str = ""

    @property
    def quote(self) -> Quote | None:
        """The release's first quote (the chair's, in a committee release), if any."""
        return self.quotes[0] if self.quotes else None

    def contact(self, audience: str) -> Contact | None:
        """The release's line for an audience (or routing name: 'non_media' is 'public')."""
        wanted = ROUTE_AUDIENCE.get(audience, audience)
        return next((c for c in self.contacts if c.audience == wanted), None)


class ExternalContact(Strict):
    """A number that is not in any release (safeguarding), with where it comes from."""

    id: str
    label: str
    phone: str
    when: str
    provenance: str


class OtherCrime(Strict):
    """Where to report a crime that is not the help's subject (a burglary, a fraud)."""

    lead: str = Field(min_length=1)
    contacts: list[ExternalContact] = Field(min_length=1)


class Safeguarding(Strict):
    """Help for someone worried about a possible victim; never a press office."""

    contacts: list[ExternalContact]
    note: str
    worry: str = Field("", description="The question that opens the help line in a fallback.")
    subject: list[str] = Field(default=[], description="Lexicon concepts that speak of the "
                               "exploitation this help is for; a question naming one is about "
                               "a release's subject.")
    other_crime: OtherCrime | None = Field(None, description="Said in the fallback to another "
                                           "crime reported, with no sign of harm.")


# --------------------------------------------------------------------------- intents


# The question types every press release shares. An intent is one type with one slot (which
# figure, recommendation, audience or fact), answered from one release's structured knowledge;
# code names types and slots, never intent ids. Types that belong to no release come first.
GENERAL_TYPES = ("smalltalk", "safeguarding")
SMALL_TALK = "smalltalk"  # greetings, thanks and help: no topic a follow-up is read through
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
    titles: list[str] = Field(default=[], description="Said before a surname ('Mr Desai').")
