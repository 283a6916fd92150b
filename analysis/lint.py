"""Drafting lint: the defects a treaty lawyer looks for in one document.

    undefined-term          a capitalised phrase used as a defined term, never defined
    unused-definition       a term defined and never used
    duplicate-definition    a term defined twice
    modality-in-definition  a definition that imposes an obligation ("'X' means ... and shall ...")
    dangling-reference      a cross-reference to an article, paragraph, subparagraph or annex that
                            is not there
    register-mismatch       memorandum language in a binding agreement ("intend to"), or treaty
                            language in a non-binding instrument ("shall")
    inconsistent-party-name a party called by two names ("the United States" and "the U.S."), or
                            "Participants" in an agreement of "Parties"

Each finding has its kind, its location (article and paragraph), its subject (the term, the
reference, the phrase) and one line of explanation.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from drafting.model import Article, Document

from .located import ANNEX, BODY, OPENING, PREAMBLE, TITLE, Location, Passage
from .pipeline import BINDING

KINDS = ("undefined-term", "unused-definition", "duplicate-definition", "modality-in-definition",
         "dangling-reference", "register-mismatch", "inconsistent-party-name")
_SUBJECT_WORDS = {"parties", "participants", "party", "participant", "they", "sides", "side",
                  "governments", "signatories", "both", "ministers", "leaders", "we", "each", "also",
                  "further", "hereby", "jointly", "fully", "strongly", "again", "furthermore", "firmly"}
# cues that carry treaty force: out of place in an instrument that creates no obligations
_BINDING_WORDS = {"shall", "must", "undertake", "undertakes", "obliged", "obligated", "required"}
# cues of a memorandum: out of place in a binding agreement ("it wishes to" is not one)
_MOU_WORDS = {"intend", "intends", "plan", "plans", "expect", "expects", "aspire", "aspires", "aim", "aims"}


@dataclass
class Finding:
    kind: str
    location: Location
    subject: str
    explanation: str

    def __str__(self) -> str:
        return f"{self.location}: {self.kind}: {self.explanation}"

    def as_json(self) -> dict:
        return {"kind": self.kind, "article": self.location.unit, "paragraph": self.location.top,
                "location": str(self.location), "subject": self.subject, "explanation": self.explanation}


def lint(document: Document) -> list[Finding]:
    from .located import analyse
    from .register import describe

    register, why = describe(document)
    found = analyse(document, register)
    checks = _Checks(document, found, register, why)
    references = checks.references()        # first: it learns whether the annexes are missing
    findings = checks.definitions() + references + checks.register_language() + checks.party_names()
    positions: dict[Location, int] = {}
    for n, passage in enumerate(found):
        positions.setdefault(passage.location, n)
    return sorted(findings, key=lambda f: (positions.get(f.location, 0), KINDS.index(f.kind), f.subject))


class _Checks:
    def __init__(self, document: Document, passages: list[Passage], register: str, why: str):
        self.document = document
        self.passages = passages
        self.register = register
        self.why = why
        self.annexes_left_out = False      # the text cites annexes it does not hold (an extract)

    # -- definitions -------------------------------------------------------------------------
    def definitions(self) -> list[Finding]:
        from .definitions import MEANS, Terms, capitalised_phrases, definitions, forms
        from .modality import CUES
        from .pipeline import nlp

        findings: list[Finding] = []
        defined: dict[str, list[tuple[Passage, object]]] = defaultdict(list)
        for passage in self.passages:
            for span in definitions(passage.doc):
                defined[_key(span.id_)].append((passage, span))
        # duplicates: the same term given a meaning twice ("Parties" named in the opening and
        # "Party" defined in the definitions is one term introduced twice, not a conflict)
        exact: dict[str, list] = defaultdict(list)
        for places in defined.values():
            for passage, span in places:
                exact[span.id_].append((passage, span))
        for key, places in exact.items():
            # a definition scoped to one provision ("For the purposes of Article 257, ...") may be
            # given again for another; so may a term restated in the same paragraph
            meaning = [(p, s) for p, s in places if s.label_ == MEANS and not _scoped(p, s)]
            for n, (passage, span) in enumerate(meaning[1:], 1):
                if passage is meaning[n - 1][0]:
                    continue
                first = meaning[0][0].location
                findings.append(Finding("duplicate-definition", passage.location, span.id_,
                                        f"\u201c{span.id_}\u201d is defined again (first defined in {first})"))
        terms = {places[0][1].id_ for places in defined.values()}
        uses: Counter = Counter()
        if terms:
            matcher = Terms(nlp(), terms)
            for passage in self.passages:
                if passage.part == TITLE:
                    continue
                for span in matcher.uses(passage.doc):
                    uses[_key(span.label_)] += 1
        for key, places in defined.items():
            passage, span = places[0]
            if uses[key] == 0 and passage.part not in (OPENING,):
                where = " in this text, which holds none of the annexes it cites" if self.annexes_left_out else ""
                findings.append(Finding("unused-definition", passage.location, span.id_,
                                        f"\u201c{span.id_}\u201d is defined but never used{where}"))
        # obligations hidden in a definition
        for places in defined.values():
            for passage, span in places:
                if span.label_ != MEANS:
                    continue
                sentence = span.sent
                for cue in passage.doc.spans[CUES]:
                    if cue.start < span.end or not (sentence.start <= cue.start < sentence.end):
                        continue
                    if cue.label_ in ("obligation", "prohibition", "best-efforts") and cue[0].lower_ in ("shall", "must", "no", "neither") \
                            and _imposes(passage.doc, span, cue):
                        findings.append(Finding("modality-in-definition", passage.location, _phrase(cue),
                                                f"the definition of \u201c{span.id_}\u201d imposes a duty "
                                                f"(\u201c{_phrase(cue)}\u201d); put obligations in an operative article"))
                        break
        findings += self._undefined(defined, capitalised_phrases, forms)
        return findings

    def _undefined(self, defined, capitalised_phrases, forms) -> list[Finding]:
        from .pipeline import patterns

        data = patterns("definitions")
        conventional = set(data["conventional"])
        from .parties import gazetteer
        places = set(data["places"]) | {word for names in gazetteer().values() for name in names
                                          for word in name.split() if word[:1].isupper() and word not in conventional}
        known = {form.lower() for places in defined.values() for form in forms(places[0][1].id_)}
        # a phrase that is a defined term or holds one ("Covered Mineral Exports"), word for word
        padded_terms = [f" {term} " for term in known]
        # Only a text that writes its defined terms with capitals ("Covered Mineral") makes a
        # capitalised phrase look like a term; elsewhere capitals mark names ("Black Sea").

        title_words = set((self.document.title + " " + self.document.subtitle).split())
        introduced: set[str] = set()
        candidates: list[tuple[Passage, object]] = []
        for passage in self.passages:
            if passage.part not in (BODY, ANNEX):
                continue
            for phrase in capitalised_phrases(passage.doc):
                candidates.append((passage, phrase))
                if _named_role(phrase):
                    introduced.add(_key(phrase.text))
        findings = []
        seen: set[str] = set()
        for passage, phrase in candidates:
            key = _key(phrase.text)
            words = [t.text for t in phrase if t.lower_ != "of"]
            if key in seen or key in introduced or all(w in conventional or w in title_words for w in words):
                continue
            if len(words) == 1 and phrase.doc[phrase.start - 1].lower_ not in _DETERMINERS:
                continue         # "in Brussels": a lone capitalised word is a name unless used like a term
            if any(w in places for w in words):
                continue         # "Horizon Europe": a programme or body named after a place
            padded = f" {phrase.text.lower()} "
            if any(term in padded for term in padded_terms):
                continue
            seen.add(key)
            findings.append(Finding("undefined-term", passage.location, phrase.text,
                                    f"\u201c{phrase.text}\u201d is capitalised as a defined term but is not defined"))
        # A text whose undefined capitalised phrases outnumber its defined terms writes names with
        # capitals ("Black Sea", "European Statistical System"), not terms: nothing to report.
        capitalised = sum(1 for places in defined.values() if _capitalised_term(places[0][1].id_))
        return findings if len(findings) <= max(3, capitalised) else []

    # -- references --------------------------------------------------------------------------
    def references(self) -> list[Finding]:
        from .references import targets, written

        index = _Index(self.document)
        findings = []
        seen = set()
        annexes: dict[str, tuple[Passage, str]] = {}      # annexes referred to in a text that has none
        for passage in self.passages:
            if passage.part in (TITLE, OPENING, PREAMBLE):
                continue              # recitals cite other instruments' articles
            for span, target in targets(passage.doc):
                if target.external:
                    continue
                problem = index.missing(target, passage)
                if problem is None:
                    continue
                subject = written(span.text, target)
                if not index.annexes and target.kind == "annex":
                    annexes.setdefault(target.annex, (passage, subject))
                    continue
                if (passage.location.unit, subject) in seen:
                    continue
                seen.add((passage.location.unit, subject))
                findings.append(Finding("dangling-reference", passage.location, subject,
                                        f"{subject} refers to {problem}"))
        self.annexes_left_out = len(annexes) > 3
        if self.annexes_left_out:
            # an extract without its annexes (the annexes of a long treaty are often published
            # apart): one finding, not one for every annex
            passage, subject = next(iter(annexes.values()))
            names = ", ".join(s for _, s in list(annexes.values())[:5])
            findings.append(Finding("dangling-reference", passage.location, subject,
                                    f"the text refers to {len(annexes)} annexes ({names}, ...) but holds none"))
        else:
            for passage, subject in annexes.values():
                findings.append(Finding("dangling-reference", passage.location, subject,
                                        f"{subject} refers to an annex that the document does not have"))
        return findings

    # -- register ----------------------------------------------------------------------------
    def register_language(self) -> list[Finding]:
        """The other register's words, once per expression per paragraph: in a binding agreement
        "intend(s) to" and "Participant(s)"; in a non-binding instrument "shall" and "Party/Parties"."""
        from .modality import SENTENCES
        from .parties import GENERIC, KEY

        findings = []
        binding = self.register == BINDING
        words = ("Participant", "Participants") if binding else ("Party", "Parties")
        where = "a binding agreement" if binding else "a non-binding instrument"
        for passage in self.passages:
            if passage.part not in (BODY, ANNEX):
                continue
            doc = passage.doc
            found: dict[str, str] = {}
            if binding:
                # "The Parties intend to", not "where the authorities intend to" nor "A Party that
                # intends to adopt a measure shall notify": the intention must be the sentence's force
                for sentence in doc.spans[SENTENCES]:
                    first = sentence.id_.split(" ")[0].lower()
                    if sentence.label_ == "intention" and first in ("intend", "intends"):
                        found.setdefault(f"{sentence.id_.split(' ')[0]} to", "memorandum language (an intention, not a commitment)")
            else:
                for token in doc:
                    if token.lower_ == "shall":
                        found.setdefault(token.text, "treaty language (a binding obligation)")
            for span in doc.spans[KEY]:
                if span.label_ == GENERIC and span[-1].text in words or (
                        span.label_ == GENERIC and " ".join(t.text for t in span if t.text[:1].isupper()) in words):
                    word = next(t.text for t in reversed(span) if t.text in words)
                    found.setdefault(word, f"the {'Participants of a memorandum' if binding else 'Parties of a treaty'}")
            for subject, what in found.items():
                findings.append(Finding("register-mismatch", passage.location, subject,
                                        f"\u201c{subject}\u201d is {what} in {where} ({self.why})"))
        return findings

    # -- parties -----------------------------------------------------------------------------
    def party_names(self) -> list[Finding]:
        """A party designated in the articles otherwise than by the name the opening gives it."""
        from .parties import KEY, NAMED

        preferred, accepted, governments = self._opening_names()
        findings = []
        for passage in self.passages:
            if passage.part not in (BODY, ANNEX):
                continue
            seen = set()
            for span in passage.doc.spans[KEY]:
                if span.label_ != NAMED or span.id_ not in preferred or not _used_as_name(span):
                    continue
                before = " ".join(t.lower_ for t in passage.doc[max(0, span.start - 3):span.start])
                name = span.text
                if before.endswith(("government of the", "government of")):
                    if span.id_ not in governments:
                        continue    # "the Government of the United Mexican States": its government
                    # the opening named the Party "the Government of Canada (“Canada”)": here its
                    # long name again, where the short one was set
                    first = span.start - (3 if before.endswith("of the") else 2)
                    name = passage.doc[first:span.end].text
                if name in accepted[span.id_] or name in seen:
                    continue
                seen.add(name)
                findings.append(Finding("inconsistent-party-name", passage.location, name,
                                        f"\u201c{name}\u201d: the opening calls this party "
                                        f"\u201c{preferred[span.id_]}\u201d"))
        return findings

    def _opening_names(self) -> tuple[dict[str, str], dict[str, set[str]], set[str]]:
        """({party code: the name the opening gives it}, {party code: the names the articles may
        use}, {codes of the parties the opening calls "the Government of X" and then by a short
        name}). Where the opening sets a short name in quotation marks ('the United Mexican States
        ("Mexico")'), only that; otherwise the name the opening uses and the party's usual short
        name ("the United States" for "the United States of America"), never an abbreviation."""
        from .definitions import KEY as DEFINED
        from .parties import KEY, NAMED, gazetteer

        table = gazetteer()
        named: dict[str, str] = {}
        short: dict[str, str] = {}
        governments: set[str] = set()
        for passage in self.passages:
            if passage.part != OPENING:
                continue
            doc = passage.doc
            inside = {i for span in doc.spans.get(DEFINED, []) for i in range(span.start, span.end)}
            for span in doc.spans[KEY]:
                if span.label_ != NAMED:
                    continue
                if span.start in inside:
                    short[span.id_] = span.text          # the short name in quotation marks
                else:
                    named.setdefault(span.id_, span.text)
                    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3):span.start])
                    if before.endswith(("government of the", "government of")):
                        governments.add(span.id_)
        preferred = {**named, **short}
        accepted = {code: {short[code]} if code in short else {named[code], *table.get(code, [])[:2]}
                    for code in preferred}
        return preferred, accepted, governments & set(short)


class _Index:
    """What a document holds that a reference may point at."""

    def __init__(self, document: Document):
        from .references import normal_number

        self.normal = normal_number
        self.articles: dict[str, Article] = {}
        self.sections: set[str] = set()
        for article in document.articles():
            if article.number:
                key = normal_number(article.number)
                if article.word.lower() == "section":
                    self.sections.add(key)
                self.articles.setdefault(key, article)
        self.annexes = {normal_number(a.number): a for a in document.annexes if a.number}
        self.units = {(d.kind.lower(), normal_number(d.number)) for d in document.divisions() if d.number}
        self.unit_kinds = {kind for kind, _ in self.units}
        self.has_articles = bool(self.articles)

    def missing(self, target, passage: Passage) -> str | None:
        """What is missing, in words; None when the target is there."""
        kind = target.kind
        if kind in ("chapter", "part", "section"):
            if kind == "section" and self.sections:
                return None if target.unit in self.sections else "a section that the document does not have"
            if kind not in self.unit_kinds:
                return None       # the text has no such divisions we could check against
            return None if (kind, target.unit) in self.units else f"a {kind} that the document does not have"
        if kind == "annex":
            return None if target.annex in self.annexes else "an annex that the document does not have"
        unit = passage.unit
        if target.annex:
            unit = self.annexes.get(target.annex)
            if unit is None:
                return "an annex that the document does not have"
        elif target.article:
            unit = self.articles.get(target.article)
            if unit is None:
                return "an article that the document does not have" if self.has_articles else None
        elif target.division:
            # "paragraph 2 of Section 3": where sections are the units, that section's paragraph;
            # a paragraph of a chapter or a part is not one we can find
            if target.division != "section" or not self.sections:
                return None
            unit = self.articles.get(target.unit) if target.unit in self.sections else None
            if unit is None:
                return "a section that the document does not have"
        if unit is None or not target.paragraph and not target.item:
            return None
        paragraphs = unit.paragraphs
        if target.paragraph:
            numbers = [p.number for p in paragraphs if p.number]
            if not numbers or len(set(numbers)) < len(numbers):
                return None       # unnumbered, or numbered twice: the structure is not reliable
            numbered = {p.number: p for p in paragraphs if p.number}
            paragraph = numbered.get(target.paragraph)
            if paragraph is None:
                return f"a paragraph that {_citation(unit)} does not have"
            if not target.item:
                return None
            return None if any(c.number == target.item for c in paragraph.walk()) else \
                f"a subparagraph that paragraph {target.paragraph} of {_citation(unit)} does not have"
        # a bare "subparagraph (b)": in the paragraph it stands in, or anywhere in the article;
        # an article whose items the text does not letter cannot be checked
        if not any(c.number[:1].isalpha() for top in paragraphs for c in top.walk() if c is not top):
            return None
        near = list(passage.parents[:1]) or ([passage.paragraph] if passage.paragraph else [])
        for top in near + paragraphs:
            if any(c.number == target.item for c in top.walk() if c is not top):
                return None
        return f"a subparagraph that {_citation(unit)} does not have"


def _citation(unit) -> str:
    return unit.citation if unit.number else (unit.heading or "this article")


def _phrase(cue) -> str:
    """The modal words of a cue, without the subject the pattern needed ('Parties plan to' -> 'plan to')."""
    words = [t.text for t in cue]
    while len(words) > 1 and words[0].lower() in _SUBJECT_WORDS:
        words.pop(0)
    return " ".join(words).replace(" ,", ",")


_DEFINING_VERBS = {"mean", "means", "include", "includes", "refer", "be", "cover", "comprise", "apply", "encompass"}


def _imposes(doc, term, cue) -> bool:
    """Whether a modal inside a definition imposes a duty: in the main clause, not in a relative
    clause of the definition ("rules that a person must adhere to"), and not a defining verb
    ("it shall also refer to")."""
    if any(t.lower_ in ("that", "which", "who", "whom", "whose") for t in doc[term.end:cue.start]):
        return False
    k = cue.end
    while k < len(doc) and doc[k].lower_ in ("also", "not", "only", "further"):
        k += 1
    if k < len(doc) and doc[k].lower_ in _DEFINING_VERBS:
        return False
    return _in_main_clause(doc, cue)


def _in_main_clause(doc, cue) -> bool:
    from .modality import main_clause

    sentence = doc[cue.start].sent
    return main_clause(sentence, cue)


_DETERMINERS = {"the", "a", "an", "each", "any", "every", "such", "that", "this", "these", "those", "no",
                "all", "its", "their", "other", "relevant", "respective"}
_PARTY_WORDS = {"Party", "Parties", "Participant", "Participants", "Agreement", "Memorandum"}


def _capitalised_term(term: str) -> bool:
    words = term.split()
    return term not in _PARTY_WORDS and all(w[:1].isupper() for w in words if w not in ("of", "and"))


_DESIGNATIONS = {"Party", "Side", "side", "Government", "Participant", "delegation", "Delegation"}
def _modified_nouns() -> set[str]:
    from .pipeline import patterns
    return set(patterns("parties")["modified-nouns"])


def _used_as_name(span) -> bool:
    """'the United States shall', not 'U.S. dollars' (an adjective) nor 'the Member States of the
    European Union' (a piece of a longer name). A capitalised word that opens sentences and never
    continues a name starts the next sentence: in "... in the U.S. The Committee shall", the
    period of "U.S." is also the full stop."""
    from .definitions import FUNCTION_WORDS

    doc = span.doc
    if span[-1].text in _DESIGNATIONS:
        return True            # "the Mexican Party"
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.is_title and after.is_alpha and after.lower_ not in FUNCTION_WORDS
                              or after.lower_ in _modified_nouns()):
        return False           # "the United States Geological Survey", "U.S. dollars"
    k = span.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return not (k >= 1 and doc[k].lower_ == "of" and doc[k - 1].is_title and doc[k - 1].lower_ != "government")


_SCOPE = re.compile(r"^\s*For the purposes? of (?!this (?:Agreement|Memorandum|Arrangement|Action Plan|Framework)\b)", re.I)


def _scoped(passage: Passage, span) -> bool:
    """'For the purposes of Article 257, ...', or a list under 'For the purposes of this
    Chapter:': a definition for part of the text only, which another part may define again."""
    texts = [span.sent.text] + [p.text for p in passage.parents]
    if passage.unit is not None and passage.unit.paragraphs:
        texts.append(passage.unit.paragraphs[0].text)
    return any(_SCOPE.match(text) for text in texts)


def _named_role(phrase) -> bool:
    """'shall act as Depositary', 'shall be the Secretariat': a role given by the text itself."""
    doc = phrase.doc
    before = [t.lower_ for t in doc[max(0, phrase.start - 3):phrase.start]]
    return before[-2:] in (["act", "as"], ["serve", "as"], ["be", "the"], ["is", "the"], ["as", "the"]) \
        or before[-3:] in (["act", "as", "the"], ["serve", "as", "the"])


def _key(term: str) -> str:
    from .terms import singular

    words = term.lower().split()
    return " ".join(words[:-1] + [singular(words[-1])]) if words else ""

