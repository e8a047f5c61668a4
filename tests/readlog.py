"""Provides ``texts_read``: the texts a matcher reads from now on, for tests that a step reads
a message, or a piece of it, fewer times."""

from __future__ import annotations

import pytest

from bot.features import Features
from bot.matching import Matcher


def texts_read(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that ``matcher.features`` appends each text it is asked to read to."""
    texts: list[str] = []
    features = matcher.features

    def noted(text: str) -> Features:
        texts.append(text)
        return features(text)
    monkeypatch.setattr(matcher, "features", noted)
    return texts
