"""The register of each instrument: who the signatories are called and how commitments are worded.

A binding agreement binds "Parties" who "shall"; a non-binding action plan records what
"Participants" "will" do; a memorandum of understanding records what "Participants" "intend to"
do and creates no obligations. The same clause renders in all three through this table.
"""
from __future__ import annotations

from dataclasses import dataclass

AMBITIONS = ("binding", "best-efforts", "hortatory")


@dataclass(frozen=True)
class Instrument:
    kind: str
    name: str           # "Agreement"
    party: str          # "Party"
    parties: str        # "Parties"
    binding: bool
    article_word: str   # what a numbered unit of the body is called
    # wording by ambition: (plural subject, singular subject); "{verb}" is the bare infinitive
    obligation: dict
    prohibition: dict

    def words(self) -> dict:
        """Names a clause body may use."""
        return {
            "Party": self.party,
            "Parties": self.parties,
            "the_parties": f"the {self.parties}",
            "The_parties": f"The {self.parties}",
            "each_party": f"each {self.party}",
            "Each_party": f"Each {self.party}",
            "instrument": self.name,
            "this_instrument": f"this {self.name}",
            "This_instrument": f"This {self.name}",
            "binding": self.binding,
            "instrument_kind": self.kind,
        }


INSTRUMENTS = {
    "agreement": Instrument(
        kind="agreement", name="Agreement", party="Party", parties="Parties", binding=True,
        article_word="Article",
        obligation={
            "binding": ("shall {verb}", "shall {verb}"),
            "best-efforts": ("shall endeavor to {verb}", "shall endeavor to {verb}"),
            "hortatory": ("should {verb}", "should {verb}"),
        },
        prohibition={
            "binding": ("shall not {verb}", "shall not {verb}"),
            "best-efforts": ("shall endeavor not to {verb}", "shall endeavor not to {verb}"),
            "hortatory": ("should not {verb}", "should not {verb}"),
        },
    ),
    "action-plan": Instrument(
        kind="action-plan", name="Action Plan", party="Participant", parties="Participants",
        binding=False, article_word="Section",
        obligation={
            "binding": ("will {verb}", "will {verb}"),
            "best-efforts": ("will endeavor to {verb}", "will endeavor to {verb}"),
            "hortatory": ("should {verb}", "should {verb}"),
        },
        prohibition={
            "binding": ("will not {verb}", "will not {verb}"),
            "best-efforts": ("will endeavor not to {verb}", "will endeavor not to {verb}"),
            "hortatory": ("should not {verb}", "should not {verb}"),
        },
    ),
    "mou": Instrument(
        kind="mou", name="Memorandum", party="Participant", parties="Participants", binding=False,
        article_word="Section",
        obligation={
            "binding": ("intend to {verb}", "intends to {verb}"),
            "best-efforts": ("intend to endeavor to {verb}", "intends to endeavor to {verb}"),
            "hortatory": ("are encouraged to {verb}", "is encouraged to {verb}"),
        },
        prohibition={
            "binding": ("do not intend to {verb}", "does not intend to {verb}"),
            "best-efforts": ("intend to endeavor not to {verb}", "intends to endeavor not to {verb}"),
            "hortatory": ("are encouraged not to {verb}", "is encouraged not to {verb}"),
        },
    ),
}


def obligation(instrument: Instrument, ambition: str, verb: str, each: bool = False) -> str:
    return instrument.obligation[ambition][1 if each else 0].format(verb=verb)


def prohibition(instrument: Instrument, ambition: str, verb: str, each: bool = False) -> str:
    return instrument.prohibition[ambition][1 if each else 0].format(verb=verb)
