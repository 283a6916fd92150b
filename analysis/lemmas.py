"""Lookup lemmas for a whole doc at once.

spaCy's lemmatizer in lookup mode sets each token's lemma through a Token object, one Python call
per token: a fifth of the analysis of a 70,000-word treaty. This component reads the same table
(lemma_lookup, from spacy-lookups-data, loaded by spaCy's own `initialize`) and gives the same
lemma to every token, but looks each word form up once per process and writes a doc's lemmas in
one array. It takes spaCy's place under spaCy's name, "lemmatizer", in the pipeline.
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

    def __call__(self, doc):
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        table = self.lookups.get_table("lemma_lookup", {})
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
