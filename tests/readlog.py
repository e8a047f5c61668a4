"""Provides ``texts_read``: the texts a matcher reads from now on, for tests that a step reads
a message, or a piece of it, fewer times; and ``intents_scored``: the intents every matcher
scores from now on, for tests that a ranking scores fewer candidates."""

from __future__ import annotations

from typing import Any

import pytest

from bot.features import Features
from bot.matching import Matcher
from bot.profiles import Profile


def texts_read(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that ``matcher.features`` appends each text it is asked to read to."""
    texts: list[str] = []
    features = matcher.features

    def noted(text: str) -> Features:
        texts.append(text)
        return features(text)
    monkeypatch.setattr(matcher, "features", noted)
    return texts


def intents_scored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that ``Matcher.score_with`` (of every matcher) appends each intent it scores to."""
    scored: list[str] = []
    score_with = Matcher.score_with

    def counting(self: Matcher, profile: Profile, *args: Any) -> float:
        scored.append(profile.intent.id)
        return score_with(self, profile, *args)

    monkeypatch.setattr(Matcher, "score_with", counting)
    return scored
