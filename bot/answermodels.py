"""Provides the Answer model and its parts (spans, citations, contact cards, suggestions).

An ``Answer`` is the one structured object every channel renders: plain text, JSON and
Telegram HTML are all made from it (bot/render.py), so no channel builds an answer itself.
They live apart from bot/models.py's content models, which validate what editors write
(``Strict``): these are made by the engine from the validated knowledge, never read from a file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """A run of answer text with one style; the renderers decide how a style looks."""

    model_config = ConfigDict(frozen=True)

    text: str
    style: Literal["plain", "figure", "phone", "quote", "label", "note"] = "plain"


class Citation(BaseModel):
    """Where a stated figure comes from: the primary source and the release."""

    model_config = ConfigDict(frozen=True)

    source: str = ""
    release_title: str = ""
    release_date: dt.date | None = None
    publisher: str

    def sentence(self) -> str:
        name = f" “{self.release_title}”" if self.release_title else " (untitled)"
        if self.release_date is None:
            release = f"an undated {self.publisher} release{name}"
        else:
            date = f"{self.release_date.day} {self.release_date:%B %Y}"
            release = f"the {self.publisher} release{name} of {date}"
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
    phone_valid: bool = True
    standing: bool = False


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
    # Empty lists by factory: pydantic deep-copies a default list for every Answer made (a
    # question makes several, and "which release?" one per release it reads the question for).
    citations: list[Citation] = Field(default_factory=list)
    contacts: list[ContactCard] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list,
                               description="Ids of figures stated, for follow-ups.")
    release: str = Field(default="", description="The release answered from, or ''.")
