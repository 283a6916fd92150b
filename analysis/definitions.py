"""Definitions and defined terms.

A definition is a quoted term that the text gives a meaning: "'Covered Mineral' means ...",
"'Party' or 'Parties' means ...", "the Critical Minerals Committee (the 'Committee')",
"hereinafter referred to as 'the Parties'". The component marks each defined term
(doc.spans["definitions"], label `means` or `inline`, id_ the term). Uses are found afterwards,
once every definition of the document is known: `Terms` matches each term and its plural or
singular wherever it occurs (capitalised terms by exact case, lower-case terms in any case).

`capitalised_phrases` finds the phrases that look like defined terms ("the Eligible Project"):
what lint checks against the definitions.
"""
from __future__ import annotations

import functools
from typing import Iterable

from .pipeline import load_spacy, patterns

load_spacy()   # before the first `from spacy ...`: spaCy without its command line

from spacy.language import Language  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

from .terms import forms, term_of

KEY = "definitions"
MEANS, INLINE = "means", "inline"


def _data():
    return patterns("definitions")


@Language.factory("treaty_definitions")
def make_definitions(nlp: Language, name: str) -> "Definitions":
    return Definitions()


class Definitions:
    def __init__(self):
        data = _data()
        self.open = set(data["quotes"]["open"])
        self.close = set(data["quotes"]["close"])
        self.defining = set(data["defining-words"])
        self.defining_after = set(data["defining-after"])
        self.inline = set(data["inline-words"])
        self.introducing = [tuple(words) for words in data["introducing"]]

    def __call__(self, doc: Doc) -> Doc:
        quoted = self._quoted(doc)
        found: list[Span] = []
        n = 0
        while n < len(quoted):
            # a run of quoted terms joined by "or", "and", ",": "'Party' or 'Parties' means"
            run = [quoted[n]]
            while n + 1 < len(quoted) and all(t.lower_ in (",", "or", "and", "and/or")
                                              for t in doc[run[-1][1] + 1:quoted[n + 1][0]]) \
                    and quoted[n + 1][0] - run[-1][1] <= 3:
                n += 1
                run.append(quoted[n])
            n += 1
            after = run[-1][1] + 1
            label = MEANS if self._defines(doc, after) else INLINE if self._inline(doc, run[0][0]) else None
            if label is None:
                continue
            for start, end in run:
                if end - start > 1 or doc[start + 1].is_alpha:
                    term = term_of(doc[start + 1:end].text)
                    found.append(Span(doc, start + 1, end, label=label, span_id=term))
        found += self._unquoted(doc)
        doc.spans[KEY] = sorted(found, key=lambda span: span.start)
        return doc

    def _unquoted(self, doc: Doc) -> list[Span]:
        """'hereinafter referred to as the GATT': a term introduced without quotation marks, written
        as a name (capitalised words or an acronym) up to the end of the clause."""
        from spacy.attrs import LOWER

        out = []
        if doc.vocab.strings.add("hereinafter") not in doc.to_array(LOWER):    # no Token made
            return out
        lowers = [t.lower_ for t in doc]
        for i, word in enumerate(lowers):
            if word != "hereinafter" or lowers[i + 1:i + 4] != ["referred", "to", "as"]:
                continue
            start = i + 4 + (i + 4 < len(doc) and lowers[i + 4] == "the")
            end = start
            while end < len(doc) and end - start < 8:
                if (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha:
                    end += 1
                elif lowers[end] in ("of", "on", "for", "and") and end > start and end + 1 < len(doc) \
                        and doc[end + 1].is_title:
                    end += 1           # "the Committee of Experts"
                else:
                    break
            if end > start and (end == len(doc) or doc[end].is_punct):
                out.append(Span(doc, start, end, label=INLINE, span_id=term_of(doc[start:end].text)))
        return out

    def _quoted(self, doc: Doc) -> list[tuple[int, int]]:
        """(index of the opening quote, index of the closing quote) for short quoted phrases."""
        out = []
        i = 0
        while i < len(doc):
            if doc[i].text in self.open and i + 1 < len(doc) and (doc[i + 1].is_alpha or doc[i + 1].text[:1].isalnum()):
                for j in range(i + 1, min(i + 12, len(doc))):
                    if doc[j].text in self.close and j > i + 1:
                        out.append((i, j))
                        i = j
                        break
                    if doc[j].text in (".", ";", ":", "(", ")") or doc[j].text in self.open:
                        break
            i += 1
        return out

    def _defines(self, doc: Doc, k: int) -> bool:
        if k >= len(doc) or doc[k].lower_ not in self.defining:
            return False
        word = doc[k].lower_
        if word in ("shall", "is", "are", "has", "have"):
            following = doc[k + 1].lower_ if k + 1 < len(doc) else ""
            if word == "shall":
                return following in ("mean", "include", "have", "refer", "be")
            return following in self.defining_after
        if word == "refers":
            return k + 1 < len(doc) and doc[k + 1].lower_ == "to"
        return True

    def _inline(self, doc: Doc, start: int) -> bool:
        """'(the "Committee")', '(hereinafter referred to as "X")', 'hereinafter "X"', and the
        second term of '(referred to individually as a "Participant" and collectively as "the
        Participants")'."""
        k = start - 1
        while k >= 0 and (doc[k].lower_ in self.inline or doc[k].text in self.close):
            if doc[k].text in self.close:         # an earlier quoted term in the same brackets
                k -= 1
                while k >= 0 and doc[k].text not in self.open and start - k < 16:
                    k -= 1
            k -= 1
        if k >= 0 and doc[k].text == "(" and k < start:
            return True
        words = tuple(t.lower_ for t in doc[max(0, start - 5):start])
        if words[-1:] in (("the",), ("a",), ("an",)):
            words = words[:-1]                    # 'hereinafter referred to as the "Committee"'
        return any(words[-len(phrase):] == phrase for phrase in self.introducing)


def definitions(doc: Doc) -> list[Span]:
    return list(doc.spans.get(KEY, []))


class Terms:
    """Uses of a document's defined terms, in any doc made by the same pipeline."""

    def __init__(self, nlp: Language, terms: Iterable[str]):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.terms = sorted(set(terms))
        for term in self.terms:
            # "Covered Mineral" is matched as written; "Financial service supplier", capitalised
            # only because it opens its definition, is a lower-case term
            words = term.split()
            capitalised = any(c.isupper() for c in term) and not (
                len(words) > 1 and all(w.islower() for w in words[1:]) and words[0][1:].islower())
            matcher = self.exact if capitalised else self.lower
            matcher.add(term, [nlp.make_doc(form) for form in forms(term)])

    def uses(self, doc: Doc) -> list[Span]:
        """Each use of a term (label: the term), the quoted term of a definition left out, and so
        the full name its inline definition abbreviates ("Steering Board (the “Board”)")."""
        defined = {(span.start, span.end) for span in doc.spans.get(KEY, [])}
        found = [Span(doc, start, end, label=doc.vocab.strings[key])
                 for matcher in (self.exact, self.lower) for key, start, end in matcher(doc)]
        inline = {span.start: span.id_.lower() for span in doc.spans.get(KEY, [])}
        return [span for span in filter_spans(found) if (span.start, span.end) not in defined
                and not _quoted(doc, span) and not (inline and _names_itself(doc, span, inline))]


@functools.cache
def _connectors() -> frozenset[str]:
    return frozenset(_data()["title-connectors"])


def _names_itself(doc: Doc, span: Span, inline: dict[int, str]) -> bool:
    """Whether the use stands in the full name that the inline definition right after it
    abbreviates to the same term: "Board" in "Steering Board (the “Board”)", "Committee" in
    "Committee on Mineral Security (the “Committee”)"."""
    connectors = _connectors()
    end = span.end
    while end < len(doc) and end - span.end < 12 and (doc[end].text in connectors or _capital_word(doc[end].text, doc[end].lower_)):
        end += 1
    if end >= len(doc) or doc[end].text != "(":
        return False
    for k in range(end + 1, min(end + 8, len(doc))):
        if k in inline:
            return inline[k] == span.label_.lower()
        if doc[k].text == ")":
            return False
    return False


def _quoted(doc: Doc, span: Span) -> bool:
    """A term in quotation marks is mentioned, not used ("the term 'Party'")."""
    quotes = set(_data()["quotes"]["open"]) | set(_data()["quotes"]["close"])
    return span.start > 0 and span.end < len(doc) and doc[span.start - 1].text in quotes and doc[span.end].text in quotes


def capitalised_phrases(doc: Doc) -> list[Span]:
    """Runs of capitalised words inside a sentence (joined by "of"), as a defined term is written:
    "the Eligible Project", "any Qualifying Investment". Not at the start of a sentence, not in
    quotation marks, not a name the pipeline knows (a party, a reference, a mineral, a date), and
    not a piece of the title of another instrument or institution ("OECD Guidelines for
    Multinational Enterprises on Responsible Business Conduct") or of the name of a Party's organ
    ("Committee on Foreign Investment in the United States")."""
    from .parties import KEY as PARTIES, NAMED

    data = _data()
    known = set()
    for key in (PARTIES, "references", "quantities", "minerals", KEY):
        for span in doc.spans.get(key, []):
            known.update(range(span.start, span.end))
    for span in doc.spans.get("quantities", []):
        # "fifteen Working Days": a period whose unit is capitalised as a defined term is written
        known.difference_update(k for k in range(span.start, span.end)
                                if doc[k].lower_ in _period_words() and doc[k].text[:1].isupper())
    parties = {i for span in doc.spans.get(PARTIES, []) if span.label_ == NAMED for i in range(span.start, span.end)}
    quotes = set(data["quotes"]["open"]) | set(data["quotes"]["close"])
    heads = set(data["title-heads"])
    bodies = set(data["bodies"])
    connectors = set(data["title-connectors"])
    names = heads | bodies
    # the words once, as plain strings: the runs below look at each token several times
    texts, starts = [], []
    for token in doc:
        texts.append(token.text)
        starts.append(token.is_sent_start)
    lowers = [text.lower() for text in texts]
    caps = [_capital_word(text, lower) for text, lower in zip(texts, lowers)]
    out = []
    for start, end in _runs(caps, lowers, texts, connectors | {"-"}, 0, len(texts)):
        words = [k for k in range(start, end) if caps[k]]
        if len(words) > 1 and any(_acronym(texts[k]) or texts[k] in heads and _names_head(caps, texts, k, end, names)
                                  for k in range(start, end)):
            continue                         # the name of another instrument or body
        if any(texts[k] in bodies for k in words) and not parties.isdisjoint(range(start, end)):
            continue                         # the name of a Party's organ
        if _abbreviated(texts, end, quotes):
            continue                         # "a Committee on Critical Minerals Trade (the “Committee”)"
        for begin, stop in _runs(caps, lowers, texts, {"of", "-"}, start, end):
            if any(k in known for k in range(begin, stop)) or starts[begin]:
                continue
            if texts[begin - 1] not in quotes and not (stop < len(texts) and texts[stop] in quotes) \
                    and not any(ord(c) > 127 for c in doc[begin:stop].text):   # "Servicio Geológico Mexicano"
                out.append(doc[begin:stop])
    return out


@functools.cache
def _period_words() -> frozenset[str]:
    """The units and their qualifiers in the quantity patterns ("days", "working")."""
    data = patterns("quantities")
    return frozenset(w.lower() for words in data["units"].values() for w in words) | frozenset(data["unit-qualifiers"])


def _abbreviated(texts: list[str], end: int, quotes: set[str]) -> bool:
    """Whether the words before `end` are a full name that an inline definition right after them
    abbreviates: "(the “Committee”)", "(“Committee”)", "(hereinafter referred to as the “Committee”)"."""
    if end >= len(texts) or texts[end] != "(":
        return False
    for k in range(end + 1, min(end + 8, len(texts))):
        if texts[k] in quotes:
            return True
        if texts[k] == ")":
            return False
    return False


def _names_head(caps: list[bool], texts: list[str], i: int, end: int, heads: set[str]) -> bool:
    """Whether a title word ("Review", "Convention") is the head of the name it stands in: last
    ("Trade Policy Review"), before "of"/"on" ("Convention on ..."), or before another head
    ("Investment Review Board"). Before any other word it only qualifies a term ("Review Period")."""
    return i + 1 >= end or not caps[i + 1] or texts[i + 1] in heads


# words that start a sentence with a capital but never belong to a term: "The Working Group"
FUNCTION_WORDS = {"the", "each", "any", "every", "such", "no", "all", "a", "an", "this", "that", "these",
                  "those", "in", "for", "on", "of", "by", "with", "where", "if", "when", "upon", "under",
                  "subject", "nothing", "neither", "either", "both", "its", "their", "it", "they", "as",
                  "at", "to", "from", "within", "after", "before", "unless", "notwithstanding"}


def _runs(caps: list[bool], lowers: list[str], texts: list[str], joiners: set[str],
          start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by the given lower-case words or hyphens."""
    runs = []
    i = start
    while i < end:
        if not caps[i]:
            i += 1
            continue
        stop = i + 1
        k = stop
        while k < end:
            if caps[k]:
                k += 1
                stop = k
            elif lowers[k] in joiners and texts[k] != "The":
                k += 1
            else:
                break
        runs.append((i, stop))
        i = max(stop, i + 1)
    return runs


def _acronym(text: str) -> bool:
    return text.isupper() and len(text) >= 2 and text.isalpha()


def _capital_word(text: str, lower: str) -> bool:
    """A capitalised word as spaCy's attributes see it (is_alpha, is_upper and lower_ are
    str.isalpha, str.isupper and str.lower of the token's text)."""
    return text.isalpha() and len(text) > 1 and text[0].isupper() and not text.isupper() \
        and lower not in FUNCTION_WORDS
