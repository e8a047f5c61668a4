"""Provides the bank of questions the release does not answer (``intents/outside.yaml``): example
questions in general wording, of the "none" question type, that the classifier learns its
``fallback`` class from besides the labelled sets' fallback questions.

The bank is training data for the classifier only: the matcher never reads it, and it names no
intent. It is validated on load like the other intent files: a bad edit is refused with the
file, the field and the reason (an empty line, the same question twice, a question
that is also an intent's example, which would teach the classifier both answers at once).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.errors import KnowledgeError
from bot.models import Intent
from bot.yamlfiles import read_yaml, validate

OUTSIDE_FILE = "outside.yaml"  # in the intents folder


def same_question(text: str) -> str:
    """A question as compared for duplicates: case, punctuation and spacing ignored (a line of
    symbols alone, "😂😂😂", as typed)."""
    return " ".join(re.findall(r"\w+", text.casefold())) or text.strip()


def _a_question(text: str) -> str:
    if not text.strip():
        raise ValueError("an empty line")
    return text


class OutsideBank(BaseModel):
    """The file's content: the question type ("none": the release does not answer these) and
    the example questions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["none"]
    examples: list[Annotated[str, AfterValidator(_a_question)]] = Field(min_length=1)


def load_outside(intents_dir: Path, intents: list[Intent]) -> list[str]:
    """The bank's questions ([] when the file is absent), checked against the intents'
    examples; KnowledgeError names the file, the field and the reason."""
    path = intents_dir / OUTSIDE_FILE
    if not path.is_file():
        return []
    bank: OutsideBank = validate(OutsideBank, read_yaml(path), path)
    answered = {same_question(e): i.id for i in intents for e in i.examples}
    seen: dict[str, int] = {}
    for n, text in enumerate(bank.examples):
        key = same_question(text)
        if key in seen:
            raise KnowledgeError(f"{path}: examples.{n}: {text!r} repeats examples.{seen[key]}; "
                                 "keep one")
        seen[key] = n
        owner = answered.get(key)
        if owner is not None:
            raise KnowledgeError(f"{path}: examples.{n}: {text!r} is also an example of the "
                                 f"intent {owner!r}, which answers it; remove one")
    return list(bank.examples)
