"""Provides the reading of a time cue in a question: does it ask for the out-of-hours line, or
only say when the person is asking?

"What's the weekend number?" and "who do I ring at night?" ask for the out-of-hours line;
"press office number? it's Saturday" and "need a response tonight" ask for the press office and
say, in passing, when. The second kind is still a press-office question (the clock, and the cue,
only choose which line leads in its answer), so only the first kind may choose the question.
The reading is by position, in words any release shares: a cue asks for the line when it
follows a condition ("what if it's after 6"), is one of the lexicon's names for the hours
themselves ("out of hours", "after 6pm"), sits next to a word for a line or a call
("weekend number", "ring at night"), or stands alone ("and at night?"); it only says when
when it is a word for "now" ("tonight"), follows "it's" or "I know", or stands apart from any
line word ("Sunday night, deadline tomorrow, who do I ring", "the Sunday Times").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# The cue's own concept in the lexicon, and the token its phrases ("out of hours") become.
CUE = "outofhours"
# Words for the present moment: "tonight" is when the person asks, never which line they want.
NOW_WORDS = frozenset({"tonight", "today", "now", "currently", "rn"})
# "it's Saturday", "I know it's late", "this evening": a statement of when it is.
STATEMENT = frozenset({"it", "its", "know", "this", "realise", "realize", "sorry", "gone"})
# "what if it's after 6", "when it's the weekend": a condition asks about that time ("if"
# anywhere before the cue, "if I need a comment late tonight"; the others just before it).
CONDITION = frozenset({"if", "when", "whenever", "during", "outside"})
IF = "if"
# Words for a line or for calling one, next to which a cue names the line.
LINE_WORDS = frozenset({"number", "numbers", "line", "lines", "phone", "contact", "contacts",
                        "call", "ring", "pressoffice", "press", "officer", "enquiries", "who",
                        "mobile", "reach", "dial", "email", "media"})


def asks_for_out_of_hours(tokens: Sequence[str], is_cue: Callable[[str], bool],
                          is_stopword: Callable[[str], bool]) -> bool:
    """Whether any time cue in the question asks for the out-of-hours line (not only says
    when the question is asked). ``tokens``: the question as read, phrases already joined."""
    return any(_asks(tokens, n, is_cue, is_stopword)
               for n, t in enumerate(tokens) if is_cue(t))


def _asks(tokens: Sequence[str], n: int, is_cue: Callable[[str], bool],
          is_stopword: Callable[[str], bool]) -> bool:
    word = tokens[n]
    before = set(tokens[max(0, n - 3):n])
    if before & CONDITION or IF in tokens[:n]:
        return True
    if word in NOW_WORDS or before & STATEMENT:
        return False
    if word == CUE:
        return True  # "out of hours", "after 6pm" named as such: the line, unless "it's ..."
    near = (_neighbour(tokens, n, -1, is_cue, is_stopword),
            _neighbour(tokens, n, 1, is_cue, is_stopword))
    # "and at night?", "what about the weekend?": a time and nothing else asks about that time
    # (after a contact question, its line); there is no other question it could be said beside.
    return near == ("", "") or any(t in LINE_WORDS for t in near)


def _neighbour(tokens: Sequence[str], n: int, step: int, is_cue: Callable[[str], bool],
               is_stopword: Callable[[str], bool]) -> str:
    """The nearest word on one side that is neither a small word nor another cue ("ring at
    night": "ring"; "Sunday night, deadline": "deadline")."""
    n += step
    while 0 <= n < len(tokens):
        t = tokens[n]
        if t in LINE_WORDS:
            return t  # "who", "call": small words, but the ones that matter here
        if not (is_stopword(t) or is_cue(t)):
            return t
        n += step
    return ""
