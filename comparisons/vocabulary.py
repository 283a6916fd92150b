"""Content words as weighted vectors: how texts written independently are found to say the same.

Versions of one text share long runs of words, and alignment finds them by word trigrams. A draft
and an agreement written by other hands share only their subject: "stockpile", "release",
"disruption". Here a text becomes a bag of word stems without the function words and the
vocabulary every treaty article uses ("Party", "shall", "Agreement"), weighted by TF-IDF over a
collection of texts, and two texts are as similar as the cosine of their vectors.
"""
from __future__ import annotations

import math
import re
from collections import Counter

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# function words, and the words every provision of every treaty uses: they say nothing of subject
STOPWORDS = frozenset("""
a about above after again against all also an and any are as at be because been before being
below between both but by can could did do does doing down during each either few for from further
had has have having he her here hers him his how i if in into is it its itself just may me might
more most must my neither no nor not now of off on once only or other others our out over own per
same she should so some such than that the their theirs them then there these they this those
through to too under until up upon very was we were what when where whether which while who whom
why will with within without would you your
shall party parties participant participants agreement memorandum arrangement article articles
paragraph paragraphs subparagraph annex provision provisions present accordance pursuant respective
including include includes included relevant appropriate measure measures purpose purposes
hereinafter referred thereof therein
""".split())
_SUFFIXES = ("ational", "ations", "ation", "ities", "ility", "ments", "ment", "ings", "ing",
             "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def stem(word: str) -> str:
    """A light suffix-stripping stem: 'stockpiles', 'stockpiling' and 'stockpile' meet at 'stockpil'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 5 else word


def terms(text: str) -> list[str]:
    """The content-word stems of `text`, in order."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


class Vectors:
    """TF-IDF weights learnt from a collection of texts (IDF smoothed, TF sub-linear)."""

    def __init__(self, collection: list[list[str]]):
        documents = len(collection)
        frequency = Counter(term for text in collection for term in set(text))
        self.idf = {term: math.log((1 + documents) / (1 + count)) + 1 for term, count in frequency.items()}
        self.default_idf = math.log(1 + documents) + 1   # a term no text of the collection has

    def vector(self, text_terms: list[str]) -> dict[str, float]:
        counts = Counter(text_terms)
        weights = {t: (1 + math.log(n)) * self.idf.get(t, self.default_idf) for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def centroid(vectors: list[dict[str, float]]) -> dict[str, float]:
    """The normalised sum of unit vectors: the direction a group of texts shares."""
    total: Counter = Counter()
    for vector in vectors:
        total.update(vector)
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}
