"""Parties: who a provision binds or benefits.

Two kinds of mention: a party by name ("the United States", "Mexico", "the EU"; label PARTY, id_
the party's code from patterns/parties.yaml), and the generic words of the instrument ("each
Party", "the other Party", "the requesting Party", "the Participants"; label PARTY_REF, id_ the
words in normal form, e.g. "each Party").

Annotations: doc.spans["parties"].
"""
from __future__ import annotations

import functools

from .pipeline import load_spacy, patterns

load_spacy()   # before the first `from spacy ...`: spaCy without its command line

from spacy.language import Language  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402


KEY = "parties"
NAMED, GENERIC = "PARTY", "PARTY_REF"


def gazetteer() -> dict[str, list[str]]:
    """{code: [formal name, other names...]}"""
    return {str(code): list(names) for code, names in patterns("parties")["names"].items() if names}


@Language.factory("treaty_parties")
def make_parties(nlp: Language, name: str) -> "Parties":
    return Parties(nlp)


class Parties:
    def __init__(self, nlp: Language):
        data = patterns("parties")
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        for code, names in gazetteer().items():
            self.names.add(code, [nlp.make_doc(name) for name in names])
        self.needs_article = {tuple(name.split()) for name in data["needs-article"]}
        # "the Mexican Party", "the U.S. side": a party designated by an adjective (label PARTY)
        for code, adjectives in data.get("adjectives", {}).items():
            self.names.add(str(code), [nlp.make_doc(f"{adjective} {word}") for adjective in adjectives
                                       for word in data["designations"]])
        self.words = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.words.add("PARTY_WORD", [nlp.make_doc(word) for word in data["party-words"]])
        self.modifiers = set(data["quantifiers"]) | set(data["roles"])
        self.roles = set(data["roles"]) | {"another"}
        self.singular = {"Parties": "Party", "Participants": "Participant", "Member States": "Member State",
                         "Contracting Parties": "Contracting Party", "Signatories": "Signatory", "Sides": "Side"}

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for key, start, end in self.names(doc):
            span = Span(doc, start, end, label=NAMED, span_id=doc.vocab.strings[key])
            before = doc[start - 1] if start else None
            if tuple(t.text for t in span) in self.needs_article and (before is None or before.lower_ != "the"):
                continue           # "the Union", not "Union" alone
            if before is not None and before.is_title and before.lower_ not in ("the", "and", "of") and not before.is_sent_start:
                continue           # part of a longer name: "African Union", "New Mexico"
            found.append(span)
        for _, start, end in self.words(doc):
            span = self._generic(doc, start, end)
            if span is not None:
                found.append(span)
        doc.spans[KEY] = sorted(filter_spans(found), key=lambda span: span.start)
        return doc

    def _generic(self, doc: Doc, start: int, end: int) -> Span | None:
        """'the requesting Party', 'each Party', 'a Party that receives': the id keeps what tells
        which party is meant (its role, the verb of a relative clause on it) and drops the
        quantifier ('each Party', 'the Parties' and 'a Party' are all the parties)."""
        if start >= 2 and doc[start - 1].text in ("-", "\u2011") and doc[start - 2].lower_ == "non":
            return None            # a non-Party is a third State
        first = start
        while first > 0 and doc[first - 1].lower_ in self.modifiers | {"the", "a", "an"}:
            first -= 1
            if doc[first].lower_ in ("the", "a", "an"):
                break
        roles = [t.lower_ for t in doc[first:start] if t.lower_ in self.roles]
        roles = ["other" if r == "another" else r for r in roles]
        word = doc[start:end].text
        word = self.singular.get(word, word)
        relative = ""
        if end + 1 < len(doc) and doc[end].lower_ in ("that", "which", "who") and doc[end + 1].is_lower \
                and doc[end + 1].is_alpha and doc[end + 1].lower_ not in ("the", "a", "an", "it", "its", "is", "are"):
            relative = f" that {doc[end + 1].lower_}"
            end += 2
        return Span(doc, first, end, label=GENERIC, span_id=" ".join(roles + [word]) + relative)


# words that end an adjectival run after a party's name: "the EU shall adopt rules" names the EU
_NOT_ADJECTIVES = {"shall", "may", "will", "should", "must", "can", "could", "would", "is", "are", "was", "were",
                   "be", "been", "has", "have", "had", "does", "do", "did", "not", "to", "that", "which", "who",
                   "whose", "the", "a", "an", "its", "their", "his", "her", "of", "in", "on", "for", "with", "by",
                   "at", "from", "as", "under", "into", "also", "hereby", "jointly"}


@functools.cache
def _things() -> frozenset[str]:
    """Nouns that a party's name qualifies as an adjective ("EU rules", "U.S. dollars"), less the
    words that designate the party itself ("the EU side", "the Georgian Government")."""
    data = patterns("parties")
    designations = {word.lower() for word in data["designations"]} | {"government"}
    return frozenset(word for word in data["modified-nouns"] if word.lower() not in designations)


def attributive(span: Span) -> bool:
    """A party's name used as an adjective of a thing: "EU rules", "EU statistical standards",
    "EU and international rules". It names no party that the provision binds or benefits."""
    if span.label_ != NAMED:
        return False
    doc, things = span.doc, _things()
    for k in range(span.end, min(span.end + 3, len(doc))):
        token = doc[k]
        if token.lower_ in things:
            return True
        if not (token.is_lower and token.is_alpha) or token.lower_ in _NOT_ADJECTIVES:
            return False
    return False
