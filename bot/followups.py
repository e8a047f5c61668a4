"""Provides the readings of a short follow-up that names another item of what was just said.

"The second one" after a list is that item of the list, and "why the visa thing?" the item its
own words read best; "out of how many?" or "and the total?" after a share is the whole it is a
share of (the release's own recipe for the share, a derived figure with op "share", says which
figure that is); "and before that?" after a figure is the figure of the same series (an intent
``family``) for the nearest earlier year, and "how does that compare to 2013?" the series'
change between the two years. Each is read from the structured knowledge (items, derived
figures, families and years), never from intent names, so a new release needs no code; and each
gives nothing when the release has no such item, rather than a guess. A year said alone, with no
conversation, is that year's one figure (``year_alone``). Small talk that goes on to a fragment
("thanks, and in 2013?") is read as the fragment (``after_small_talk``). The short messages
about the phone lines (who is asking, a bare "number", the other line) are read in
bot/followlines.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from bot.asker import QUESTION_WORDS
from bot.knowledge import Knowledge
from bot.models import SMALL_TALK, Intent
from bot.reading import ELLIPSIS_STARTS, FRAMING_STARTS, Features

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "fifth": 5, "5th": 5, "last": -1, "final": -1}
# "out of how many?", "out of what total?", "what was that out of?"
OUT_OF = ("out", "of")
COUNT_WORD = "howmany"  # the reader's concept for "how many", "number of", ...
TOTAL = "total"
SHARE = "share"  # the reader's concept of a share ("per cent of", "proportion")
# The words that may stand beside "total" said alone ("and the total?", "what was the total?").
TOTAL_ALONE = frozenset({TOTAL, "and", "the", "what", "whats", "was", "is", "s", "overall",
                         "number", "figure", "then"})
# "and before that?", "the earlier figure", "what was it to start with?": the series' earlier
# year. (Words for later are not read: "after that" asks what happened since the release.)
BACK = frozenset({"before", "earlier", "previous", "previously", "prior", "original",
                  "originally", "start", "starting", "started", "baseline", "older"})
FIGURE = "figure"  # the question type of one figure
# The words that may stand beside a year said alone ("in 2018", "for 2013", "the 2018 one":
# "one" is read as the number 1).
YEAR_ALONE = frozenset({"in", "for", "year", "the", "one", "1"})


# "all three pls", "is that all of them?", "both": every item of the list just given.
ALL = frozenset({"all", "every", "both"})
ALL_OF = ALL | frozenset({"of", "them", "those", "these", "the", "please", "pls", "plz", "is",
                          "that", "it", "are", "give", "me", "show", "list", "one", "ones",
                          "and", "ok", "so"})


def all_items(f: Features, context: Intent) -> Intent | None:
    """'all three pls' or 'is that all of them?' after a list answer asks for the whole list
    (its number, if said, the list's length): that answer, which gives every item."""
    said = {t for t in f.tokens if t.isdigit()}  # "three" is read as "3"
    words = set(f.tokens) - said - ({"both"} if len(context.items) != 2 else set())
    if (not context.items or not f.elliptical or f.years or not words & ALL or words - ALL_OF
            or ({int(t) for t in said} | set(f.numbers)) - {len(context.items)}):
        return None
    return context


def ordinal_item(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'the second one' after a list answer means the second item of that list; 'all three'
    the whole list (``all_items``)."""
    if not context.items:
        return None
    if all_items(f, context):
        return context
    for word in f.tokens:
        n = ORDINALS.get(word)
        if n is not None and n <= len(context.items):
            return knowledge.intent(context.items[n - 1 if n > 0 else n])
    return None


def item_named(f: Features, context: Intent, ranked: Sequence[tuple[Intent, float]]
               ) -> Intent | None:
    """'why the visa thing?' or 'the met one?' after a list answer: the item of that list the
    fragment's own words read best (its first reading, even below the matcher's threshold: the
    list says which items there are to pick from)."""
    if not context.items or not f.elliptical or not ranked:
        return None
    first = ranked[0][0]
    return first if first.id in context.items and first.release == context.release else None


def whole_of(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'out of how many?' or 'and the total?' after a share: the one intent about the figure it
    is a share of; '30% of what?', naming the share's own value, asks the same."""
    tokens = f.tokens
    out_of = any(tokens[n:n + 2] == OUT_OF for n in range(len(tokens) - 1))
    # "and the total?", "what was the total?": the total alone, a short follow-up.
    total = f.elliptical and TOTAL in tokens and not set(tokens) - TOTAL_ALONE
    # "30% of what though": the share just given, named by its value, of what (the reader
    # reads "% of" as the concept of a share).
    own = {fig.value for r in knowledge.releases if r.id == context.release
           for fig in r.figures if fig.id == context.slot}
    of_what = (f.elliptical and "what" in tokens and SHARE in f.terms and bool(f.numbers)
               and set(f.numbers) <= own)
    if of_what:
        total = True
    elif f.years or f.numbers or not total and not out_of or not total and not (
            COUNT_WORD in f.terms or TOTAL in tokens or tokens[-2:] == OUT_OF):
        return None
    wholes = {d.of[1] for r in knowledge.releases for d in r.derived
              if d.op == "share" and d.of[0] == context.slot}
    found = [i for i in knowledge.intents if i.type == context.type and i.slot in wholes
             and i.release == context.release]
    return found[0] if len(found) == 1 else None


# "the start and end figures", "before and after": both ends of a change, not its first year.
BOTH_ENDS = frozenset({"end", "ending", "after", "latest", "both"})


def earlier_of(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'and before that?' after a figure (or a change between years): the one figure of the
    same series for the nearest year before the one discussed (the first year of a change).
    Not when it also asks for the later end ("the start and end figures")."""
    words = set(f.tokens)
    if f.years or f.year_offset or not f.elliptical or not words & BACK or words & BOTH_ENDS:
        return None
    if not context.family or not context.years:
        return None
    series = [i for i in knowledge.intents if i.family == context.family and i.type == FIGURE
              and len(i.years) == 1 and i.release == context.release]
    if len(context.years) > 1:
        target = min(context.years)
    else:
        before = [i.years[0] for i in series if i.years[0] < context.years[0]]
        if not before:
            return None
        target = max(before)
    found = [i for i in series if i.years[0] == target]
    return found[0] if len(found) == 1 else None


RISE = "rise"  # the reader's concept of a change ("go up", "climb", "drop")
REACHED = "to"  # "what did it go up to?": the value the change reached


def later_of(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'and what did it go up to?' after one year's figure: a change asked for by the value it
    reached (a word of change, then "to" last), naming no year, is the one figure of the same
    series for the nearest year after the one discussed; after a change between years, the
    figure it ends at."""
    if (f.years or f.year_offset or f.numbers or not f.elliptical or RISE not in f.terms
            or f.tokens[-1:] != (REACHED,) or context.type not in (FIGURE, CHANGE)
            or not context.family or not context.years):
        return None
    series = [i for i in knowledge.intents if i.family == context.family and i.type == FIGURE
              and len(i.years) == 1 and i.release == context.release]
    if context.type == CHANGE:
        target = max(context.years)
    else:
        after = [i.years[0] for i in series if i.years[0] > max(context.years)]
        target = min(after, default=0)
    found = [i for i in series if i.years[0] == target]
    return found[0] if len(found) == 1 else None


def series_step(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """The series' figure a year before or after the one discussed, as the fragment asks
    (``earlier_of``, ``later_of``)."""
    return earlier_of(knowledge, f, context) or later_of(knowledge, f, context)


# "can you shorten it?", "put that more simply", "say it again": the words of a request for the
# last answer again, in another form (the reader's terms). "Say" is read as a quote, so only
# with "again" ("what did he say?" asks for the quote).
RESTATING = frozenset({"shorten", "shorter", "short", "simply", "simpler", "simple", "plain",
                       "again", "repeat", "rephrase", "reword", "briefly", "put", "make"})
AGAIN, QUOTE = "again", "quote"
# "can I see it?", "can I read it?", "where can I download it?": the thing just given, pointed
# at ("it", "that"), to read (the reader's terms of reading it, and "where").
READING = frozenset({"see", "read", "download", "view", "link", "copy", "where"})
SEEN = frozenset({"it", "that", "this", "them"})
# "what was the number again?", "how much was it again?": a figure asked for again.
FIGURE_ASKED = frozenset({"stats", "howmuch", "howmany", "@figure"})


def restated(f: Features, context: Intent) -> Intent | None:
    """A fragment that asks only for the last answer in another form ("can u shorten it?",
    "could you put that more simply") is that answer: it names nothing else to answer; so is one
    that asks to see or read what it points at ("can I see it?", "where can I download it?").
    After a figure (or a change), one that asks for the figure again, naming only what that
    figure is about ("what was the number again?", "the percentage again?" after a percentage),
    is it."""
    said_again = {QUOTE} if AGAIN in f.terms else set()
    if said_again and context.type in (FIGURE, CHANGE):
        said_again |= FIGURE_ASKED | {t for t, w in context.keywords.items() if w > 0}
    if set(f.tokens) & SEEN and f.terms & READING - {"where"}:  # "can I see it?": what was given
        said_again |= READING
    if (not f.elliptical or f.years or f.numbers or not f.terms
            or f.terms - RESTATING - said_again or context.type == SMALL_TALK or context.priority):
        return None
    return context


# "how does that compare to 2013?", "and the difference?": a figure set beside another year's.
COMPARING = frozenset({"compare", "compared", "compares", "comparison", "versus", "vs",
                       "difference", "differ", "change", "changed"})
CHANGE = "change"  # the question type of a change between years


# "is that up or down?", "has it gone up?", "a rise or a fall?": which way the figure went (the
# reader's concepts of a change, and "up"), asked yes or no or as a choice.
DIRECTION = frozenset({RISE, "down", "fall", "drop", "lower", "less", "higher", "increase",
                       "decrease"})
ASKING = frozenset({"is", "was", "are", "were", "has", "have", "had", "did", "does", "do"})


def direction_asked(f: Features) -> bool:
    """Whether a fragment asks which way the figure went ("is that up or down?", "did it go
    up?"), not what it went up to ("what did it go up to?": ``later_of``)."""
    tokens = [t for t in f.tokens if t not in LEADS]
    return (f.elliptical and bool(f.terms & DIRECTION or "up" in tokens)
            and not f.terms - DIRECTION - {"@year"}  # nothing else named ("the mayor")
            and (tokens[:1] != [] and tokens[0] in ASKING or "or" in tokens)
            and tokens[-1:] != [REACHED])


# "by how much?": how big the difference or change just spoken of is.
BY_HOW_MUCH = ["by", "howmuch"]
RATIO = "ratio"  # the reader's concept of "how many times", which a comparison states


def by_how_much(f: Features) -> bool:
    """Whether the message is only "by how much?" ("and by how much?", "so by how much")."""
    return [t for t in f.tokens if t not in LEADS] == BY_HOW_MUCH


def change_with(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'how does that compare to 2013?' after one year's figure: the one change of the same
    series (an intent ``family``) between that year and the year named; with no year named,
    'how does that compare to before?' or 'is that up or down?', the one change that ends in
    the year discussed. After a change, 'the start and end figures' are the change's own (it
    states both)."""
    words = set(f.tokens)
    if context.type == CHANGE and f.elliptical and words & BACK and words & BOTH_ENDS:
        return context  # "what were the start and end figures?": the change states both
    direction = direction_asked(f) or by_how_much(f)
    if (context.type != FIGURE or not context.family or len(context.years) != 1 or f.numbers
            or f.year_offset or not (words & COMPARING or direction) or len(f.years) > 1):
        return None
    year = context.years[0]
    if f.years and f.years[0] == year or not f.years and not (words & BACK or direction):
        return None
    changes = [i for i in knowledge.intents if i.family == context.family and i.type == CHANGE
               and i.release == context.release and year in i.years]
    found = [i for i in changes if (set(i.years) == {year, f.years[0]} if f.years
                                    else max(i.years) == year)]
    return found[0] if len(found) == 1 else None


# "is that people or cases?", "was it just london?": a yes/no question about what was just
# given, opened by a verb of being and a word pointing at it.
BEING = frozenset({"is", "was", "are", "were"})
POINTERS = frozenset({"that", "it", "this", "those", "these"})
LEADS = frozenset({"ok", "okay", "so", "and", "but"})
# Words that only narrow or date what is pointed at ("only", "this year's"), not a new topic.
QUALIFIERS = frozenset({"only", "@year", "year"})
# Longer than this, "is that ..." goes on to a question of its own ("is that because ...").
SAME_MAX_TOKENS = 6


def at_year_of(ranked: list[tuple[Intent, float]], f: Features, context: Intent,
               places: frozenset[str]) -> list[tuple[Intent, float]]:
    """The ranking of a fragment read with the last topic's words, or none when the fragment
    narrows the last figure to another place, naming no year ("and nationally?" after London's
    2013 figure), and the best fit is a figure of other years: it asks for that place in the
    same year, and another year's figure there is no answer."""
    if (not ranked or f.years or not f.terms & places or len(context.years) != 1
            or not ranked[0][0].years or context.years[0] in ranked[0][0].years):
        return ranked
    return []


# "what year was that for?", "which year is that?": the year of what was just given.
WHICH = frozenset({"what", "which"})
YEAR_WORDS = frozenset({"year", "years"})
YEAR_OF = WHICH | YEAR_WORDS | BEING | POINTERS | LEADS | frozenset({"for", "from", "the", "s"})


def year_of(f: Features, context: Intent) -> Intent | None:
    """'what year was that for?', 'which year is it?' after a figure (or a change): which year
    the figure just given is for, which its answer states, so that answer is the reply. Only
    the words of that question (no year or number named, nothing else asked about)."""
    words = set(f.tokens)
    if (context.type not in (FIGURE, CHANGE) or not f.elliptical or f.years or f.numbers
            or not words & WHICH or not words & YEAR_WORDS or words - YEAR_OF):
        return None
    return context


def same_figure(f: Features, context: Intent) -> Intent | None:
    """'is that people or cases?', 'is that london only?', 'is that this year's?' after a figure
    (or a change): a yes/no question about the figure just given that names only what that
    figure is about (its own concepts, or a choice of which one of them it is, "X or Y"), so
    its answer, which states the figure's unit, place and year, is the reply. Not a comparison
    ("is that more than other regions?"), a source ("is that Met data or Home Office?") or
    another figure's subject ("is that just london?" after a national total). The choice may be
    said alone ("people or cases?", "across london or uk?"). "What year was that for?" asks
    the figure's year, which it states too (``year_of``)."""
    if year_of(f, context) or by_how_much(f) and (context.type == CHANGE or context.type == FIGURE
                                                  and context.keywords.get(RATIO, 0) > 0):
        return context  # "by how much?" after a change or a comparison: it says how much
    tokens = list(f.tokens)
    while tokens and tokens[0] in LEADS:
        tokens = tokens[1:]
    # "people or cases?", "across london or uk?": the choice alone, with no verb or question word.
    choice = "or" in tokens and f.elliptical and not set(tokens) & (BEING | POINTERS
                                                                    | QUESTION_WORDS)
    if (context.type not in (FIGURE, CHANGE) or len(tokens) > SAME_MAX_TOKENS or f.numbers
            or not choice and (tokens[:1] and tokens[0] not in BEING
                               or set(tokens[1:2]) - POINTERS or len(tokens) < 3)
            or set(tokens) & COMPARING or "than" in tokens):
        return None
    if any(y > 0 for y in f.years):  # a year named: another year's figure, read elsewhere
        return None
    own = {t for t, w in context.keywords.items() if w > 0}
    named = set(f.terms) - QUALIFIERS
    if "or" in tokens:  # which of two it is: one of them must be what the figure is about
        return context if named & own and not named & {"source"} else None
    return context if f.terms and named <= own else None


def only_a_year(f: Features) -> bool:
    """Whether a message names only a year ("2017", "in 2018?"): the years' figures, of which
    ``year_alone`` picks one when the year has only one, and never a guess among several."""
    return (bool(f.years) and f.elliptical and not f.terms - {"@year"}
            and not set(f.tokens) - {str(y) for y in f.years} - YEAR_ALONE)


def year_alone(knowledge: Knowledge, f: Features) -> Intent | None:
    """A message that names only a year ("2013?", "in 2018"), with nothing said before, asks for
    the release's figure for that year: the one figure whose only year it is, if one is. Not
    "and in 2018?" or "what about 2013": they point at an earlier question that is not there,
    so they are not guessed."""
    if len(f.years) != 1 or not only_a_year(f):
        return None
    only = [i for i in knowledge.intents if i.type == FIGURE and tuple(i.years) == f.years]
    return only[0] if len(only) == 1 else None


# Words that open a message before what it says ("ok thanks, and in 2013?").
OPENERS = frozenset({"ok", "okay", "oh", "ah", "right", "cool", "so", "well", "yes", "yeah"})
# The openings of a fragment that never frame a whole question (``ELLIPSIS_STARTS`` less
# ``FRAMING_STARTS``): "and ...", "what about ...".
GOES_ON = tuple(s for s in ELLIPSIS_STARTS if s not in FRAMING_STARTS)


def after_small_talk(f: Features, chatter: Intent,
                     terms_of: Callable[[Iterable[str]], set[str]]) -> bool:
    """Whether a message the matcher reads as small talk (``chatter``: "thanks", "great") goes
    on, after its small-talk words, to a fragment or a question: "thanks, and in 2013?", "great
    - how do I arrange that?", which the conversation then reads as that fragment; not "thanks,
    that's all" or "thank you, I'll ring them tonight"."""
    if chatter.type != SMALL_TALK:
        return False
    own = set(chatter.keywords)
    tokens = list(f.tokens)
    n, said = 0, False
    while n < len(tokens):
        if own >= terms_of([tokens[n]]) != set():
            said = True
        elif tokens[n] not in OPENERS:
            break
        n += 1
    rest = " ".join(tokens[n:])
    # Only after small talk said: "what can you do?" and "ok, who runs this bot?" ask about
    # the bot, no topic of the conversation's ("ok" opens anything).
    if not said or not rest:
        return False
    if rest.startswith("for "):
        # "thanks for that": what the thanks is for, no fragment "for ..." ("thank you for
        # your help, bye"); a question may still follow it ("thanks for that, and in 2013?").
        return any(tokens[k] in QUESTION_WORDS or " ".join(tokens[k:]).startswith(GOES_ON)
                   for k in range(n + 2, len(tokens)))
    return rest.startswith(ELLIPSIS_STARTS) or tokens[n] in QUESTION_WORDS
