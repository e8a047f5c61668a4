"""Provides the one helper that makes text safe to show an operator: ``printable``.

Questions come from anyone on Telegram and end up in reports, admin replies, error messages and
logs. A terminal obeys control characters (ESC starts colour changes, cursor moves and OSC
sequences that set the window title or write hyperlinks; BEL rings), and bidirectional controls
such as U+202E reorder what the reader sees. ``printable`` replaces each such character with a
visible escape (``\\x1b``, ``\\u202e``), so an operator sees exactly what was typed and the
terminal does nothing it was not asked to do.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls; the bidi embeddings, overrides and isolates, the implicit
# direction marks (LRM, RLM, ALM); and the Unicode line and paragraph separators, which some
# terminals and log viewers treat as line breaks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _python_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str, *, keep_newlines: bool = False, json: bool = False) -> str:
    """``text`` with every control and bidi character replaced by a visible escape.

    ``keep_newlines`` leaves line feeds and tabs alone (for multi-line text such as a
    traceback). ``json`` writes the escapes as ``\\uXXXX``, which is valid inside a JSON string:
    apply it to the output of ``json.dumps`` and the data stays the same while the terminal
    shows escapes (``json.dumps`` itself escapes C0 but not C1 or bidi characters).
    """
    pattern = _UNSAFE_KEEP_LINES if keep_newlines or json else _UNSAFE
    return pattern.sub(_json_escape if json else _python_escape, text)
