"""Provides ``parse``: the structure of a regular expression, as far as ``bot.lexneeds`` reads it.

A small reader of Python's pattern syntax (``re``'s own parser is private to it), giving a list
of items ``(name, value)`` with the names ``re`` uses: ``LITERAL`` (a character's code), ``AT``
(a zero-width edge: ``AT_BOUNDARY``, ``AT_BEGINNING``, ...), ``IN`` (a character class: a list of
``LITERAL``, ``RANGE``, ``NEGATE`` and ``CATEGORY`` items), ``ANY``, ``SUBPATTERN`` (``(group,
add_flags, del_flags, items)``), ``BRANCH`` (``(None, [items, ...])``), ``MAX_REPEAT`` /
``MIN_REPEAT`` / ``POSSESSIVE_REPEAT`` (``(low, high, items)``), ``ASSERT`` / ``ASSERT_NOT``
(``(direction, items)``), ``ATOMIC_GROUP`` (items) and ``GROUPREF``. What it does not know
(inline flags, conditionals, comments, named back-references, verbose patterns) raises
``Unknown``: its reader then knows nothing of the pattern, and the pattern is always tried.
"""

from __future__ import annotations

import re
from typing import Any

Item = tuple[str, Any]
MAXREPEAT = 1 << 32  # stands for an unbounded repeat ("*", "+", "{2,}")
# Escapes that stand for one character.
_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "0": "\0"}
_CLASSES = {"d": "CATEGORY_DIGIT", "D": "CATEGORY_NOT_DIGIT", "w": "CATEGORY_WORD",
            "W": "CATEGORY_NOT_WORD", "s": "CATEGORY_SPACE", "S": "CATEGORY_NOT_SPACE"}
_EDGES = {"b": "AT_BOUNDARY", "B": "AT_NON_BOUNDARY", "A": "AT_BEGINNING_STRING",
          "Z": "AT_END_STRING"}
_HEX = {"x": 2, "u": 4, "U": 8}
_COUNT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class Unknown(ValueError):
    """A pattern this reader does not know how to read."""


def parse(source: str, flags: int = 0) -> list[Item]:
    """The items of a pattern (a ``BRANCH`` item alone when it has top-level alternatives)."""
    if flags & re.VERBOSE:
        raise Unknown("verbose pattern")
    reader = _Reader(source)
    items = reader.alternatives()
    if reader.at < len(source):
        raise Unknown(f"unbalanced ')' at {reader.at}")
    return items


class _Reader:
    """One pass over a pattern's text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0
        self.groups = 0

    def peek(self, text: str) -> bool:
        return self.source.startswith(text, self.at)

    def alternatives(self) -> list[Item]:
        """A sequence, or a ``BRANCH`` of sequences split by ``|``, up to ``)`` or the end."""
        branches = [self.sequence()]
        while self.peek("|"):
            self.at += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else [("BRANCH", (None, branches))]

    def sequence(self) -> list[Item]:
        items: list[Item] = []
        while self.at < len(self.source) and not self.peek("|") and not self.peek(")"):
            atom = self.atom()
            items.append(self.repeated(atom) if atom[0] != "AT" else atom)
        return items

    def repeated(self, atom: Item) -> Item:
        """The atom with any quantifier after it."""
        c = self.source[self.at:self.at + 1]
        if c in ("?", "*", "+"):
            low, high = {"?": (0, 1), "*": (0, MAXREPEAT), "+": (1, MAXREPEAT)}[c]
            self.at += 1
        elif c == "{" and (m := _COUNT.match(self.source, self.at)) and (m[1] or m[3]):
            low = int(m[1] or 0)
            high = MAXREPEAT if m[2] and not m[3] else int(m[3] if m[2] else m[1])
            self.at = m.end()
        else:
            return atom
        kind = "MAX_REPEAT"
        if self.peek("?"):
            kind, self.at = "MIN_REPEAT", self.at + 1
        elif self.peek("+"):
            kind, self.at = "POSSESSIVE_REPEAT", self.at + 1
        if self.peek("?") or self.peek("*") or self.peek("+"):
            raise Unknown("multiple repeat")
        return (kind, (low, high, [atom]))

    def atom(self) -> Item:
        c = self.source[self.at]
        self.at += 1
        if c == "\\":
            return self.escape(in_class=False)
        if c == "(":
            return self.group()
        if c == "[":
            return ("IN", self.char_class())
        if c == ".":
            return ("ANY", None)
        if c == "^":
            return ("AT", "AT_BEGINNING")
        if c == "$":
            return ("AT", "AT_END")
        if c in "*+?":
            raise Unknown(f"nothing to repeat at {self.at - 1}")
        return ("LITERAL", ord(c))

    def escape(self, in_class: bool) -> Item:
        if self.at >= len(self.source):
            raise Unknown("trailing backslash")
        c = self.source[self.at]
        self.at += 1
        if c in _CLASSES:
            category = ("CATEGORY", _CLASSES[c])
            return category if in_class else ("IN", [category])
        if c in _EDGES and not in_class:
            return ("AT", _EDGES[c])
        if c in _CHARS:
            return ("LITERAL", ord(_CHARS[c]))
        if c in _HEX:
            digits = self.source[self.at:self.at + _HEX[c]]
            if len(digits) != _HEX[c] or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise Unknown("bad escape")
            self.at += _HEX[c]
            return ("LITERAL", int(digits, 16))
        if c.isdigit():
            if in_class:
                raise Unknown("octal escape")
            return ("GROUPREF", int(c))
        if c.isalnum():
            raise Unknown(f"escape \\{c}")  # \N{...}, \Z-like letters not known here
        return ("LITERAL", ord(c))

    def char_class(self) -> list[Item]:
        items: list[Item] = []
        if self.peek("^"):
            items.append(("NEGATE", None))
            self.at += 1
        first = True
        while True:
            if self.at >= len(self.source):
                raise Unknown("unterminated character set")
            c = self.source[self.at]
            if c == "]" and not first:
                self.at += 1
                return items
            first = False
            self.at += 1
            start = self.escape(in_class=True) if c == "\\" else ("LITERAL", ord(c))
            if (start[0] == "LITERAL" and self.peek("-")
                    and not self.source.startswith("-]", self.at)):
                self.at += 1
                e = self.source[self.at]
                self.at += 1
                end = self.escape(in_class=True) if e == "\\" else ("LITERAL", ord(e))
                if end[0] != "LITERAL" or end[1] < start[1]:
                    raise Unknown("bad character range")
                items.append(("RANGE", (start[1], end[1])))
            else:
                items.append(start)

    def group(self) -> Item:
        kind: str | None = None
        name: int | None = None
        if self.peek("?"):
            for prefix, what in (("?:", "group"), ("?=", "ASSERT"), ("?!", "ASSERT_NOT"),
                                 ("?<=", "ASSERT"), ("?<!", "ASSERT_NOT"),
                                 ("?>", "ATOMIC_GROUP")):
                if self.peek(prefix):
                    self.at += len(prefix)
                    kind = what
                    direction = -1 if prefix.startswith("?<") else 1
                    break
            else:
                m = re.compile(r"\?P<(\w+)>").match(self.source, self.at)
                if m is None:
                    raise Unknown(f"group at {self.at}")  # flags, conditionals, comments
                self.at = m.end()
                self.groups += 1
                name = self.groups
        else:
            self.groups += 1
            name = self.groups
        items = self.alternatives()
        if not self.peek(")"):
            raise Unknown("missing )")
        self.at += 1
        if kind in ("ASSERT", "ASSERT_NOT"):
            return (kind, (direction, items))
        if kind == "ATOMIC_GROUP":
            return (kind, items)
        return ("SUBPATTERN", (name, 0, 0, items))
