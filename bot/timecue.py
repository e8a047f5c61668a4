"""Provides the reading of a time cue in a question: does it ask for the out-of-hours line, or
only say when the person is asking?

"What's the weekend number?" and "who do I ring at night?" ask for the out-of-hours line;
"press office number? it's Saturday" and "need a response tonight" ask for the press office and
say, in passing, when. The second kind is still a press-office question (the clock, and the cue,
only choose which line leads in its answer), so only the first kind may choose the question.
The reading is by position, in words any release shares: a cue asks for the line when it
follows a condition ("what if it's after 6"), is one of the lexicon's names for the hours
themselves ("out of hours", "after 6pm", not said of a thing that is no line: "a bank holiday
piece"), sits next to a word for a line or a call
("weekend number", "ring at night"), or stands alone ("and at night?"); it only says when
when it is a word for "now" ("tonight"), follows "it's" or "I know", is followed by one ("is
night now"), or stands apart from any
line word ("Sunday night, deadline tomorrow, who do I ring", "the Sunday Times").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.models import Intent

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
                        "mobile", "reach", "dial", "email", "media", "desk", "team", "service",
                        "cover", "duty", "rota", "comms"})

# "at night", "over the weekend": a time said as when something happens; in a message that
# asks for a line by a word of calling one, it is when the line is wanted.
AT_TIME = frozenset({"at", "on", "over", "through", "across"})
CALLING = frozenset({"number", "numbers", "line", "lines", "phone", "call", "ring", "contact",
                     "reach", "dial"})
# "bank holiday and I need ...": the time, then the asker's own clause, says when it is.
SUBJECTS = frozenset({"i", "we", "im", "ive"})
# "the out-of-hours one": a line, named by the word that stands for it.
ONE = frozenset({"one", "ones", "1"})  # "one" is read as the number 1


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
    if word != CUE and n + 1 < len(tokens) and tokens[n + 1] in NOW_WORDS:
        return False  # "is night now", "weekend now": when it is, as "it's night" says
    if tuple(tokens[n + 1:n + 2]) == ("and",) and tokens[n + 2:n + 3] and tokens[n + 2] in SUBJECTS:
        return False  # "bank holiday and I need someone": when it is, then what is asked
    if (_said_at(tokens, n) and CALLING & set(tokens)
            and not _describes(tokens, n, is_cue, is_stopword)):
        return True  # "a press number that works at the weekend", "who do I ring ... at night"
    if word == CUE:
        # "out of hours", "after 6pm" named as such: the line, unless "it's ...", or unless it
        # says what another thing is ("a bank holiday piece", "an out-of-hours story").
        return not _describes(tokens, n, is_cue, is_stopword)
    near = (_neighbour(tokens, n, -1, is_cue, is_stopword),
            _neighbour(tokens, n, 1, is_cue, is_stopword))
    # "and at night?", "what about the weekend?": a time and nothing else asks about that time
    # (after a contact question, its line); there is no other question it could be said beside.
    return near == ("", "") or any(t in LINE_WORDS for t in near)


def _said_at(tokens: Sequence[str], n: int) -> bool:
    """Whether the cue at ``n`` follows a preposition of time, past a determiner ("at night",
    "over the weekend", "on saturdays")."""
    m = n - 1
    while m >= 0 and tokens[m] in ("the", "a"):
        m -= 1
    return m >= 0 and tokens[m] in AT_TIME


def _describes(tokens: Sequence[str], n: int, is_cue: Callable[[str], bool],
               is_stopword: Callable[[str], bool]) -> bool:
    """Whether the cue at ``n`` is said of the word right after it, a thing that is no line
    ("bank holiday piece", "weekend edition"): it says what that thing is, not which line."""
    if n + 1 >= len(tokens):
        return False
    after = tokens[n + 1]
    return not (after in LINE_WORDS | ONE or is_stopword(after) or is_cue(after))


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


OUT_OF_HOURS_ROUTE = "out_of_hours"  # the route of the line for when the office is closed


def line_asked(intents: Iterable[Intent], intent: Intent, asks: bool) -> Intent:
    """The line a question asks for, of a routed contacts intent: where a time cue asks for
    the out-of-hours line (``asks``), the member of its routed lines (same family, audience and
    release) whose route is the out-of-hours one ("who's the out-of-hours press officer? I'm a
    reporter"), not the daytime line the asker's words otherwise point at; else ``intent``."""
    if not asks or not intent.route or intent.route == OUT_OF_HOURS_ROUTE or not intent.family:
        return intent
    return routed_sibling(intents, intent, OUT_OF_HOURS_ROUTE) or intent


def routed_sibling(intents: Iterable[Intent], intent: Intent, route: str) -> Intent | None:
    """The one line of ``intent``'s routed lines (same family, audience and release) whose
    route is ``route``; None when there is not exactly one."""
    found = [i for i in intents if i.route == route and i.family == intent.family
             and i.audience == intent.audience and i.release == intent.release]
    return found[0] if len(found) == 1 else None
