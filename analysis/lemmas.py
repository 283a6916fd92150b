"""Lookup lemmas for a whole doc at once.

spaCy's lemmatizer in lookup mode sets each token's lemma through a Token object, one Python call
per token: a fifth of the analysis of a 70,000-word treaty. This component reads the same table
(lemma_lookup, from spacy-lookups-data) and gives the same lemma to every token, but looks each
word form up once per process and writes a doc's lemmas in one array. It keeps the table as the
plain dictionary the data file holds: spaCy's Table hashes its 41,582 keys on loading, which took
longer than reading the file. It takes spaCy's place under spaCy's name, "lemmatizer".
"""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language


def register() -> None:
    if not Language.has_factory("treaty_lemmatizer"):
        Language.factory("treaty_lemmatizer", assigns=["token.lemma"],
                         default_config={"mode": "lookup", "overwrite": False})(make_lemmatizer)


def make_lemmatizer(nlp, name: str, mode: str, overwrite: bool) -> "DocLemmatizer":
    return DocLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


class DocLemmatizer(EnglishLemmatizer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lemma_of: dict[int, int] = {}      # word form id -> lemma id
        self._forms: dict[str, str] | None = None

    def initialize(self, get_examples=None, *, nlp=None, lookups=None):
        from spacy.util import load_language_data, registry

        if lookups is None and self.mode == "lookup" and self.vocab.lang in registry.lookups:
            data = registry.lookups.get(self.vocab.lang)
            if "lemma_lookup" in data:
                self._forms = load_language_data(data["lemma_lookup"])
                self._validated = True
                return
        super().initialize(get_examples, nlp=nlp, lookups=lookups)   # spaCy's checks and errors

    def __call__(self, doc):
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        table = self._forms if self._forms is not None else self.lookups.get_table("lemma_lookup", {})
        strings, lemma_of = self.vocab.strings, self._lemma_of
        lemmas = []
        for form, lemma in doc.to_array([ORTH, LEMMA]).tolist():
            if lemma and not self.overwrite:
                lemmas.append(lemma)
                continue
            found = lemma_of.get(form)
            if found is None:
                text = strings[form]
                found = lemma_of[form] = strings.add(table.get(text, text))
            lemmas.append(found)
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc
