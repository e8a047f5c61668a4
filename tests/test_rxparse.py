"""The pattern reader (``bot.rxparse``) gives the structure ``bot.lexneeds`` reads, and says
when it does not know a pattern rather than misreading it."""

from __future__ import annotations

import re

import pytest

from bot import rxparse
from bot.lexneeds import needed_words


def test_literals_edges_and_groups() -> None:
    assert rxparse.parse(r"\bab\b") == [("AT", "AT_BOUNDARY"), ("LITERAL", 97),
                                        ("LITERAL", 98), ("AT", "AT_BOUNDARY")]
    assert rxparse.parse("(?:a|bc)") == [("SUBPATTERN", (None, 0, 0, [("BRANCH", (None, [
        [("LITERAL", 97)], [("LITERAL", 98), ("LITERAL", 99)]]))]))]
    assert rxparse.parse("(a)")[0] == ("SUBPATTERN", (1, 0, 0, [("LITERAL", 97)]))
    assert rxparse.parse("a|b") == [("BRANCH", (None, [[("LITERAL", 97)], [("LITERAL", 98)]]))]


def test_repeats_classes_and_lookarounds() -> None:
    assert rxparse.parse("a?")[0] == ("MAX_REPEAT", (0, 1, [("LITERAL", 97)]))
    assert rxparse.parse("a+?")[0] == ("MIN_REPEAT", (1, rxparse.MAXREPEAT, [("LITERAL", 97)]))
    assert rxparse.parse("a{2,3}")[0] == ("MAX_REPEAT", (2, 3, [("LITERAL", 97)]))
    assert rxparse.parse("a{,3}")[0] == ("MAX_REPEAT", (0, 3, [("LITERAL", 97)]))
    assert rxparse.parse("a{2,}")[0] == ("MAX_REPEAT", (2, rxparse.MAXREPEAT, [("LITERAL", 97)]))
    assert rxparse.parse("a{x}") == [("LITERAL", 97), ("LITERAL", 123), ("LITERAL", 120),
                                     ("LITERAL", 125)]  # no count: literal braces, as in re
    assert rxparse.parse("[^a-c\\w]") == [("IN", [("NEGATE", None), ("RANGE", (97, 99)),
                                                 ("CATEGORY", "CATEGORY_WORD")])]
    assert rxparse.parse("[]a-]") == [("IN", [("LITERAL", 93), ("LITERAL", 97),
                                             ("LITERAL", 45)])]
    assert rxparse.parse("(?<!x )y")[0] == ("ASSERT_NOT", (-1, [("LITERAL", 120),
                                                               ("LITERAL", 32)]))
    assert rxparse.parse("(?=x)")[0] == ("ASSERT", (1, [("LITERAL", 120)]))
    assert rxparse.parse(r"\.\u00e9\n")[1:] == [("LITERAL", 0xE9), ("LITERAL", 10)]


@pytest.mark.parametrize("pattern", ["(?i)help", "(?#note)a", "(?P=x)", "(?(1)a|b)", r"\N{DASH}",
                                     "a**", "(a", "[a", "a)"])
def test_what_it_does_not_know_it_says(pattern: str) -> None:
    with pytest.raises(rxparse.Unknown):
        rxparse.parse(pattern)


def test_a_pattern_not_known_needs_nothing() -> None:
    # A reader that gave up silently would let the index skip a pattern that matches.
    assert needed_words(re.compile(r"(?#any)\bhelp me\b")) == []
    assert needed_words(re.compile(r"\bhelp me\b", re.VERBOSE)) == []
    assert needed_words(re.compile(r"\bhelp me\b")) == [frozenset({"help"})]
