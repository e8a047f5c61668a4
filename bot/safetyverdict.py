"""Provides ``SafetyVerdict``: what the safeguarding layer read in a message, and what follows.

bot/safety.py's ``assess`` reads the message; this is its result, which the rest of the engine
reads: ``urgent`` (999 and the helpline first), and the readings that keep the help numbers from
a message that does not call for them (asked for work or study, another crime reported, the
helpline asked about) or that let a reply the engine is unsure of lead with them
(``open_request``). It is apart from the reading, which is long, so that what a verdict means
can be read in one place, and its readers (the matcher step, the conversation) see only that.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.safetywords import SafetyVocabulary


@dataclass(frozen=True)
class SafetyVerdict:
    """Whether to answer with the safeguarding numbers first, and why."""

    urgent: bool
    signs: tuple[str, ...] = ()  # which signs of harm: held, forced, unpaid, documents, danger
    asks_help: bool = False
    for_work: bool = False
    on_subject: bool = False  # the asker works on the subject (a charity, a campaign)
    someone_at_risk: bool = False  # a particular victim: "my interviewee is a victim"
    probability: float | None = None
    # About the release's own topic ("unpaid carers", "bus driver safety"), with nobody said to
    # be at risk: any sign of harm it shows is part of the topic's name.
    on_topic: bool = False
    # Asking what the release, its report or the committee says ("does the report say why
    # victims are scared?"), with no request, worry or urgency and nobody said to be a victim:
    # any sign of harm it names is the content asked about.
    about_release: bool = False
    # Which ways of calling for help the message showed ("sign+asks", "unease+other", ...).
    because: tuple[str, ...] = ()
    # What the message reports or saw is another crime (``names_another``), with no sign of
    # harm and no word of the subject typed: its wish to report is not this subject's.
    another_crime: bool = False
    # The helpline asked about ("who runs the helpline? it's for my essay", "does the release
    # mention the helpline?"), not asked for: no word of its number or of reaching it, no
    # request, urgency, sign, suspicion or worry.
    line_asked_about: bool = False
    # A particular person, urgency, suspicion or unease (not a request to reach someone alone:
    # "reporter here, who do I ring?" asks for the work's own line): read as work or study, such
    # a message may still tell of someone's situation (bot.decision.heard, bot.decision.told).
    personal: bool = False
    # A sign of harm read as someone's situation (not a figure asked for about people in
    # general, not asked for work or by someone working on the subject), whether or not it
    # was enough by itself to call for help: with the classifier reading the message as a call
    # for help where the matcher has no answer, the help numbers (bot.decision, rule 2).
    harm: bool = False
    # The message's sign words read as naming no harm: a copy of a document kept or "safety" in
    # a job's name (intents/safety.yaml `not_signs`), a joke, or fiction being written with the
    # signs only named, with no call for help, no victim and no strong sign said as happening.
    no_harm: bool = False
    # Another trouble than this subject told of, with no harm: another crime reported, or a
    # customer's or a resident's complaint read as ``no_harm``. The classifier's lean to the help
    # numbers is not followed for it (bot.decision, rule 2): "the car wash scratched my car, who
    # do I complain to?". Not a joke, nor a copy of a document kept: either may stand beside a
    # situation the layer's words miss (under cross-validation a never-read safeguarding
    # question naming a copy of a document lost 999 and the helpline first when it was).
    elsewhere: bool = False

    def unasked(self, vocabulary: SafetyVocabulary) -> frozenset[str]:
        """The reader's concepts that are no call for help in this message: its reporting
        concepts where it reports another crime ("I want to report a burglary"), the helpline's
        where the helpline is asked about, not asked for; the reader's harm concepts where its
        sign words name no harm (``no_harm``: "my landlord kept a copy of my passport"); its
        reporting, harm and worry concepts where it is asked for work or studies or by someone
        working on the subject, with nobody at risk (``studies_it``: "how can our volunteers
        help victims?", "we did this in PSHE, why do people get trapped?"). The matcher's
        priority answer is read without them (bot.matcherstep)."""
        c = vocabulary.compiled()
        return (c.report_concepts if self.another_crime else frozenset()) | (
            c.help_concepts if self.line_asked_about else frozenset()) | (
            c.harm_concepts if self.no_harm else frozenset()) | (
            c.report_concepts | c.harm_concepts | c.worry_concepts if self.studies_it
            else frozenset())

    @property
    def open_request(self) -> bool:
        """A request for help or for someone to reach ("what number?", "who do I call?") that
        the layer placed nowhere else: not about what the release says, not another crime
        reported, not the helpline asked about, its sign words not read as naming no harm; and
        not asked for work or study, by someone working on the subject or about the release's
        own topic, unless it tells of a particular person, urgency, suspicion or unease
        (``personal``: what the message tells outweighs who asks, as for ``bot.decision.told``).
        Someone worried about a victim may ask so, as may a journalist or a resident: a reply
        the engine is not sure of leads with the help numbers for it (bot.weighing.help_first)."""
        return self.asks_help and not (
            self.about_release or self.another_crime or self.line_asked_about or self.no_harm
        ) and (self.personal or not (self.for_work or self.on_subject or self.on_topic))

    @property
    def studies_it(self) -> bool:
        """Asking about the subject for work or studies, or about the release's own topic, with
        no sign that anyone is harmed, or with signs but nothing personal (no particular person,
        request, urgency, suspicion or unease: "we did this in PSHE, why do people get trapped
        into slavery?"), or what the release says (where a sign of harm is what is asked
        about): such a message gets the answer it asks for, not the help numbers."""
        return not self.urgent and not self.someone_at_risk and (
            self.about_release or ((not self.signs or not (self.personal or self.asks_help))
                                   and (self.for_work or self.on_subject or self.on_topic)))
