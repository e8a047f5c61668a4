"""Provides rendering of an Answer to plain text, JSON and Telegram HTML.

This is the only module that escapes text. Every channel renders the same Answer object, so no
content is written twice: plain text for the terminal, a JSON object for scripts, and Telegram's
HTML subset (b, i, code, blockquote) for the bot.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

from bot.answermodels import Answer, Span

TELEGRAM_LIMIT = 4096


def _plain_span(span: Span) -> str:
    return span.text


def _html_span(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.style == "figure":
        return f"<b>{text}</b>"
    if span.style == "phone":
        return f"<code>{text}</code>"
    if span.style == "label":
        return f"<b>{text}</b>"
    if span.style == "note":
        return f"<i>{text}</i>"
    return text


def escape_html(text: str) -> str:
    """Escape adapter-side plain text (menus, notices) for Telegram HTML."""
    return html.escape(text, quote=False)


def citation_lines(answer: Answer) -> list[str]:
    return [f"Source: {c.sentence()}." for c in answer.citations]


def _suggestion_line(answer: Answer) -> str:
    if not answer.suggestions or answer.kind == "clarify":
        return ""
    return "You can also ask about: " + "; ".join(s.label for s in answer.suggestions) + "."


def to_text(answer: Answer, *, suggestions: bool = False) -> str:
    """Plain text, one blank line between paragraphs, citations last."""
    paras = ["".join(_plain_span(s) for s in p) for p in answer.paragraphs]
    paras += citation_lines(answer)
    if answer.kind == "clarify":
        paras += [f"  {n}. {s.label}" for n, s in enumerate(answer.suggestions, 1)]
    if suggestions and (line := _suggestion_line(answer)):
        paras.append(line)
    return "\n\n".join(p for p in paras if p)


def to_json(answer: Answer) -> dict[str, Any]:
    """The stable JSON shape of `pressbot ask --json`."""
    return {
        "question": answer.question,
        "text": to_text(answer),
        "intent": answer.intent,
        "confidence": round(answer.confidence, 3),
        "sources": [c.sentence() for c in answer.citations],
        "suggestions": [s.label for s in answer.suggestions],
        "kind": answer.kind,
        "contacts": [c.model_dump() for c in answer.contacts],
        "figures": answer.figures,
    }


def to_html(answer: Answer) -> str:
    """Telegram HTML: figures bold, phone numbers as tap-to-copy code, citations in italics."""
    paras: list[str] = []
    for p in answer.paragraphs:
        if p and all(s.style == "quote" for s in p):
            paras.append("<blockquote>" + "".join(html.escape(s.text, quote=False) for s in p)
                         + "</blockquote>")
        else:
            paras.append("".join(_html_span(s) if s.style != "quote"
                                 else f"<i>{html.escape(s.text, quote=False)}</i>" for s in p))
    paras += [f"<i>{html.escape(line, quote=False)}</i>" for line in citation_lines(answer)]
    return "\n\n".join(p for p in paras if p)


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split rendered HTML at paragraph boundaries so each part fits one Telegram message.

    Paragraphs never contain a blank line, so tags never span a split between paragraphs. A
    single paragraph longer than the limit is cut at a space outside any tag; tags still open
    there are closed at the end of the part and opened again at the start of the next.
    """
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        while len(para) > limit:
            if current:
                parts.append(current)
                current = ""
            head, para = _cut(para, limit)
            parts.append(head)
        candidate = f"{current}\n\n{para}" if current else para
        if len(candidate) > limit:
            parts.append(current)
            current = para
        else:
            current = candidate
    if current:
        parts.append(current)
    return [p for p in parts if p]


_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


def _open_tags(html_text: str) -> list[str]:
    stack: list[str] = []
    for m in _TAG.finditer(html_text):
        if not m.group(1):
            stack.append(m.group(2))
        elif stack and stack[-1] == m.group(2):
            stack.pop()
    return stack


def _outside_markup(para: str, pos: int) -> bool:
    """True when position pos is not inside a tag or an entity."""
    in_tag = para.rfind("<", 0, pos) > para.rfind(">", 0, pos)
    amp = para.rfind("&", 0, pos)
    in_entity = amp > para.rfind(";", 0, pos) and pos - amp < 10
    return not in_tag and not in_entity


def _cut(para: str, limit: int) -> tuple[str, str]:
    """Cut one over-long paragraph into a part that fits (tags balanced) and the rest."""
    spaces = [m.start() for m in re.finditer(" ", para[:limit]) if _outside_markup(para, m.start())]
    hard = (n for n in range(limit, 0, -1) if _outside_markup(para, n))
    for cut in itertools.chain(reversed(spaces), hard):
        stack = _open_tags(para[:cut])
        closing = "".join(f"</{t}>" for t in reversed(stack))
        if cut > 0 and cut + len(closing) <= limit:
            opening = "".join(f"<{t}>" for t in stack)
            return para[:cut] + closing, opening + para[cut:].lstrip(" ")
    return para[:limit], para[limit:]  # unreachable for Telegram's limit; keeps progress
