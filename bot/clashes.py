"""Provides the checks of whether an intent is the kind of answer a question asks for.

``bot.matching`` scores every intent against a question; these checks tell it when an intent,
however well its words fit, answers another type of question (a figure's for a list, the quote
for one that is not it), in another unit (a percentage for a sum of money), for another place
(London's figures for the UK), or with a gap nobody asked for. Each is a pure function of the
intent's profile (bot.profiles) and the question's reading (bot.reading).
"""

from __future__ import annotations

from bot.features import Features
from bot.profiles import FIGURE_ASKING, SHORTFALL, Profile

# Words that ask for every item of a list ("list the recommendations", "all of them"): they
# never name one item, even when an item's own words use them ("publish a costed list").
WHOLE = frozenset({"all", "list", "lists", "every", "everything"})
# Concepts that speak of a person at risk or of a worry about one (lexicon concepts).
PERSONAL = frozenset({"concern", "report", "victim", "neighbour", "helpline"})
# The lexicon concept of sums of money ("cost", "budget", "how much money"), and the concepts
# that ask for a share or a count instead ("how many people used the pilot that cost ...").
MONEY = "money"
PERCENT = "percent"  # a figure's unit, and the word "%" and "per cent" are read as
SHARE_ASKING = frozenset({PERCENT, "share"})
COUNT_ASKING = SHARE_ASKING | {"howmany"}
# "who can I speak to about the visa recommendation?": the asker wants someone to contact, and
# what follows is what the call is about. An answer of these types names nobody to contact.
CONTACT = "contact"
WHO = frozenset({"who", "someone", "somebody", "anyone", "anybody"})  # concept or word
ASKER = frozenset({"i", "we", "me", "us"})  # the asker wants it, not the Mayor ("who should
# the Mayor contact?" asks what the committee recommends)
NO_CONTACT_TYPES = frozenset({"figure", "figures", "change", "figure_source", "recommendation"})


def other_type(profile: Profile, f: Features, terms: frozenset[str],
               speakers: frozenset[str], list_asking: frozenset[str]) -> bool:
    """Whether the question asks for another type of answer than the intent's: a figure
    ("what share of buses ...?") of an intent that states none; the quote ("what did the
    chair say about ...?") of one that is not it; the list of recommendations ("what does
    the committee want TfL to do?", "list the recommendations") of one item, named by none
    of its own words, or of a figure. Unless the question also asks in the intent's own
    strongest words ("how many recommendations"). Someone to contact ("who can I speak to
    about the visa recommendation?") is no question for a figure, a source or a
    recommendation."""
    # (``isdisjoint`` where only whether they meet matters: no new set for every candidate.)
    if not terms.isdisjoint(profile.asking):
        return False
    figure_asked = not terms.isdisjoint(FIGURE_ASKING)
    if profile.intent.type in NO_CONTACT_TYPES and CONTACT in terms:
        # (The question's words as a set only for such a question: this is asked of every
        # candidate intent.)
        words = set(f.tokens)
        if (terms | words) & WHO and words & ASKER and not figure_asked:
            return True  # "who can we contact about the strategy recommendation?"
    if figure_asked and not profile.figure_like:
        return True
    if "quote" in terms and ("chair" in terms or set(f.tokens) & speakers) and not (
            profile.strong & {"quote", "chair"}):
        return True
    if profile.figure_like and not terms.isdisjoint(list_asking) and not figure_asked:
        return True  # "what do they want done for carers?" is no figure's question
    return profile.item_words is not None and not (terms - WHOLE) & profile.item_words


def asks_about_subject(f: Features, terms: frozenset[str], speakers: frozenset[str]) -> bool:
    """Whether the question asks for a figure ("what share were forced into labour?") or
    what the committee or its chair said ("what did the committee say about forced
    labour?"), with no word of a particular person, a worry or a wish to report: "victims"
    counted in a figure are the subject's, not someone at risk. The safety layer, which
    reads every message first, is what answers a person's need."""
    asks = bool(terms & FIGURE_ASKING) or "quote" in terms and bool(
        terms & {"chair", "committee"} or set(f.tokens) & speakers)
    return asks and not terms & (PERSONAL - {"victim"})


def unit_clash(profile: Profile, f: Features, terms: frozenset[str]) -> bool:
    """Whether the question asks for a unit none of the intent's figures is in: a sum of
    money ("how much will it cost?", "what's the budget?") of a percentage or a count, or
    a share ("what percentage ...?", "what % is that?") of a sum of money or a count. A
    percentage the question names ("the 30 per cent") is not asked for."""
    if not profile.units:
        return False
    if MONEY in terms and not terms & COUNT_ASKING:
        return MONEY not in profile.units
    if not terms & SHARE_ASKING or PERCENT in profile.units:
        return False
    named = any(t == PERCENT and n and f.tokens[n - 1].isdecimal()
                for n, t in enumerate(f.tokens))
    return not named


def place_clash(profile: Profile, terms: frozenset[str], places: frozenset[str]) -> bool:
    """Whether the question names a place the release has figures for, but none of the
    intent's own figures' places: London's referrals are no answer about the UK, nor the
    UK-wide total about London."""
    asked = terms & places
    return bool(profile.places and asked and not asked & profile.places)


def other_figure(profile: Profile, named: frozenset[float]) -> bool:
    """Whether the question names release figures by value (``named``) and the intent is a
    figure's answer that states none of them: another figure than the one asked about. An
    answer about whichever figure was asked (its source) states any."""
    return bool(named and profile.figure_values and not profile.intent.context_figures
                and profile.figure_values.isdisjoint(named))


def unasked_shortfall(profile: Profile, terms: frozenset[str]) -> bool:
    """Whether the intent's figure is a gap or shortfall (its own strong words say so:
    ``Profile.shortfall``) and the question does not ask for one: what a thing needs or costs
    is its cost."""
    return profile.shortfall and SHORTFALL not in terms
