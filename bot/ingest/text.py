"""Provides the text side of ingesting: decoding, HTML to text, normalising and sentences.

The normalised text is what is written as release.txt, so every sentence extracted from it is
verbatim in the file the loader checks against.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from bot.errors import PressbotError


class UnusableInput(PressbotError):
    """The input cannot be a release: empty, binary, or without a single sentence."""


# Elements whose text is never the release: page furniture around it on a saved web page.
SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "button", "svg", "template", "iframe", "select"}
# A class or id with one of these words marks furniture too (cookie banners, menus, sharing).
SKIP_MARKS = re.compile(r"cookie|consent|banner|menu|navigation|breadcrumb|share|social|"
                        r"newsletter|skip", re.I)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
              "ul", "ol", "table", "tr", "blockquote", "br", "hr", "li", "dd", "dt", "time",
              "figure", "figcaption"}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
             "source", "track", "wbr"}


class _PageText(HTMLParser):
    """Collects a page's readable text, one block per line, list items as bullets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main: list[str] | None = None  # the text inside <main>, when the page has one
        self.in_main = 0
        self.skipping: list[str] = []  # the open elements being skipped, innermost last
        self.lists: list[int] = []  # per open list: 0 for <ul>, else the next <ol> number
        self.sup: list[str] | None = None  # the text of an open <sup>

    def _out(self, text: str) -> None:
        self.parts.append(text)
        if self.in_main:
            assert self.main is not None
            self.main.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if not self.skipping and tag in BLOCK_TAGS:
                self._out("\n")
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role", "aria-label"))
        if self.skipping or tag in SKIP_TAGS or SKIP_MARKS.search(marks):
            self.skipping.append(tag)
            return
        if tag == "sup":
            self.sup = []
            return
        if tag == "main":
            self.in_main += 1
            self.main = self.main if self.main is not None else []
        if tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else 0)
        if tag in BLOCK_TAGS:
            self._out("\n\n" if tag != "li" else "\n")
        if tag == "li":
            # Numbered as the page shows them: notes to editors are an <ol> on the website.
            number = self.lists[-1] if self.lists else 0
            self._out(f"  {number}. " if number else "  • ")
            if number:
                self.lists[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                # Close up to the matching element: browsers forgive unclosed children too.
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag == "sup" and self.sup is not None:
            # A note marker <sup>2</sup> (or <sup>2,3</sup>) is written [2] as in a plain-text
            # release; without it "61,000<sup>1</sup>" would read as 61,0001.
            text, self.sup = "".join(self.sup), None
            numbers = re.fullmatch(r"\s*\[?(\d{1,2}(?:\s*,\s*\d{1,2})*)\]?\s*", text)
            self._out("".join(f"[{n.strip()}]" for n in numbers.group(1).split(","))
                      if numbers else text)
            return
        if tag == "main" and self.in_main:
            self.in_main -= 1
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in BLOCK_TAGS:
            self._out("\n\n" if tag != "li" else "\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.sup is not None:
            self.sup.append(data)
        else:
            self._out(re.sub(r"\s+", " ", data))


def looks_like_html(raw: str, name: str = "") -> bool:
    head = raw.lstrip()[:1000].lower()
    return name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html",
                                                                        "<html")) \
        or "<body" in head


def html_to_text(page: str) -> str:
    """The readable text of a saved web page (its <main> when it has one)."""
    parser = _PageText()
    parser.feed(page)
    parser.close()
    return "".join(parser.main if parser.main else parser.parts)


def decode(data: bytes, name: str) -> str:
    """Bytes to text, refusing what is not text at all."""
    if b"\x00" in data[:8192]:
        raise UnusableInput(f"{name}: is a binary file, not a press release")
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise UnusableInput(f"{name}: is not UTF-8 text (save it as UTF-8)")
    return text


def normalise(text: str) -> str:
    """NFC, plain line ends, no trailing spaces, at most one blank line between blocks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", line).rstrip() for line in text.split("\n")]
    lines = ["  " + line.strip() if line.strip().startswith("•") else line for line in lines]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return out + "\n" if out else ""


def blocks(text: str) -> list[str]:
    """Paragraphs and list items: each non-empty line, stripped (a line is one block)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


# A sentence ends at . ! or ? (with any closing quote and note markers like [2], ² or (2) after it),
# before a space and a capital, an opening quote or a digit.
_END = re.compile(r"(?<=[.!?])[”’\"]?(?:\[\d+\]|\(\d{1,2}\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*"
                  r"(?=\s+[A-Z“‘\"(£\d])")
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|No|e\.g|i\.e|etc|approx|Cllr)\.$")


def sentences(block: str) -> list[str]:
    """Split one block into sentences, keeping each exactly as written."""
    block = block.lstrip("•*- ").strip()
    block = re.sub(r"^(?:\d{1,2}[.)]|\(\w\))\s+", "", block)
    out: list[str] = []
    start = 0
    for m in _END.finditer(block):
        piece = block[start:m.end()]
        if _ABBREVIATIONS.search(block[start:m.start()]):
            continue
        out.append(piece.strip())
        start = m.end()
    rest = block[start:].strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


def is_sentence(text: str) -> bool:
    """Prose rather than furniture: at least four words and a verb-like length."""
    return len(text.split()) >= 4 and bool(re.search(r"[a-z]", text))


def ends_cleanly(text: str) -> bool:
    """Whether the text's last block ends as a sentence or a line of a contacts block does."""
    last = blocks(text)[-1] if blocks(text) else ""
    return bool(re.search(r"[.!?:”’\")\]]$|\d$", last))
