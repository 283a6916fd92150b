"""The register of a document: is it a binding agreement or a non-binding instrument?

The kind of instrument says it: an Agreement, Convention, Treaty or Protocol binds; a Memorandum
of Understanding, Arrangement, Joint Statement, Declaration or Action Plan does not. The first
such word of the title decides ("Action Plan for a Plurilateral Agreement" is an action plan);
a draft's own metadata (its template's instrument) decides before the title; where neither
says, the vocabulary does: "Parties" bind, "Participants" take part.
"""
from __future__ import annotations

import re
from collections import Counter

from drafting.model import Document

from .pipeline import BINDING, NON_BINDING

# longest first, so "Framework Agreement" is found before "Framework"
_KINDS = [
    ("framework agreement", BINDING), ("memorandum of understanding", NON_BINDING),
    ("memorandum of cooperation", NON_BINDING), ("joint statement", NON_BINDING),
    ("joint declaration", NON_BINDING), ("action plan", NON_BINDING), ("letter of intent", NON_BINDING),
    ("agreement", BINDING), ("convention", BINDING), ("treaty", BINDING), ("protocol", BINDING),
    ("covenant", BINDING), ("memorandum", NON_BINDING), ("arrangement", NON_BINDING),
    ("statement", NON_BINDING), ("declaration", NON_BINDING), ("communique", NON_BINDING),
    ("communiqué", NON_BINDING), ("framework", NON_BINDING), ("roadmap", NON_BINDING),
    ("understanding", NON_BINDING),
]
_TITLE = re.compile(r"\b(" + "|".join(re.escape(k) for k, _ in _KINDS) + r")\b", re.IGNORECASE)
_INSTRUMENTS = {"agreement": BINDING, "treaty": BINDING, "convention": BINDING, "protocol": BINDING,
                "mou": NON_BINDING, "memorandum": NON_BINDING, "action-plan": NON_BINDING,
                "arrangement": NON_BINDING, "joint-statement": NON_BINDING}
# the words for the parties, each opening with its letters (a leading \b makes Python's re try
# every position of the text); "Party" counts "Contracting Party" too
_PARTY_WORDS = {"Contracting Party": re.compile(r"Contracting Part(?:y|ies)\b"), "Party": re.compile(r"Part(?:y|ies)\b"),
                "Participant": re.compile(r"Participants?\b"), "Signatory": re.compile(r"Signator(?:y|ies)\b"),
                "Side": re.compile(r"Sides?\b")}


def party_words(document: Document) -> Counter:
    """How often the text calls its parties by each generic word ("Party", "Participant"...),
    singular and plural together, "Contracting Party" apart from "Party"."""
    from .located import texts

    text = "\n\n".join(texts(document))
    counts = Counter({word: len(pattern.findall(text)) for word, pattern in _PARTY_WORDS.items()})
    counts["Party"] -= counts["Contracting Party"]
    return counts


def register_of(document: Document) -> str:
    return describe(document)[0]


def describe(document: Document) -> tuple[str, str]:
    """(register, why): why is what decided, for the explanation of a finding."""
    instrument = (document.metadata.get("instrument") or "").lower()
    if instrument in _INSTRUMENTS:
        return _INSTRUMENTS[instrument], f"the document is {_a(instrument.replace('-', ' '))}"
    for text in (document.title, document.subtitle, document.metadata.get("type", "")):
        match = _TITLE.search(text or "")
        if match:
            word = match.group(1).lower()
            return dict(_KINDS)[word], f"the title names {_a(word)}"
    counts = party_words(document)
    if counts["Participant"] > counts["Party"] + counts["Contracting Party"]:
        return NON_BINDING, "the text speaks of Participants"
    return BINDING, "the text speaks of Parties"


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word
