"""Critical minerals named in the text ("lithium", "rare earth elements", "PGMs").

Annotations: doc.spans["minerals"], label MINERAL, id_ the canonical name (patterns/minerals.yaml).
"""
from __future__ import annotations

from .pipeline import load_spacy, patterns

load_spacy()   # before the first `from spacy ...`: spaCy without its command line

from spacy.language import Language  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402


KEY = "minerals"


@Language.factory("treaty_minerals")
def make_minerals(nlp: Language, name: str) -> "Minerals":
    return Minerals(nlp)


class Minerals:
    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.lower = self.exact = None      # built on first use: a comparison never needs them

    def _build(self) -> None:
        # lower case, except acronyms ("PGMs"), which must not match ordinary words
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for canonical, names in patterns("minerals")["minerals"].items():
            for name in names:
                matcher = self.exact if name[:2].isupper() else self.lower
                matcher.add(canonical, [self.nlp.make_doc(name)])

    def __call__(self, doc: Doc) -> Doc:
        if self.lower is None:
            self._build()
        found = [Span(doc, start, end, label="MINERAL", span_id=doc.vocab.strings[key])
                 for matcher in (self.lower, self.exact) for key, start, end in matcher(doc)]
        doc.spans[KEY] = sorted(filter_spans(found), key=lambda span: span.start)
        return doc
