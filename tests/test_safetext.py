"""Tests for bot.safetext: what an operator sees of hostile text."""

from __future__ import annotations

import json

import pytest

from bot.safetext import printable

UNSAFE = ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9b", "\x9d", "\u061c", "\u200e",
          "\u200f", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
          "\u2066", "\u2067", "\u2068", "\u2069", "\r", "\n", "\t"]


@pytest.mark.parametrize("char", UNSAFE)
def test_each_control_or_bidi_character_becomes_a_visible_escape(char: str) -> None:
    shown = printable(f"a{char}b")
    assert char not in shown
    assert shown.startswith("a\\") and shown.endswith("b")


def test_osc_and_csi_sequences_are_shown_not_obeyed() -> None:
    assert printable("\x1b]0;title\x07\x1b[2J") == "\\x1b]0;title\\x07\\x1b[2J"
    assert printable("abc\u202edef") == "abc\\u202edef"


def test_ordinary_text_is_unchanged() -> None:
    text = "Referrals rose 1,155% — “quoted” £5 café 日本 emoji 🙂"
    assert printable(text) == text


def test_keep_newlines_for_multi_line_text() -> None:
    assert printable("one\n\ttwo\x1b", keep_newlines=True) == "one\n\ttwo\\x1b"


def test_json_mode_keeps_the_data() -> None:
    value = {"text": "x\x1b\x9b\u202ey\n"}
    dumped = json.dumps(value, ensure_ascii=False, indent=2)
    shown = printable(dumped, json=True)
    assert not any(c in shown for c in "\x1b\x9b\u202e")
    assert json.loads(shown) == value
