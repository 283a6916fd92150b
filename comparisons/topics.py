"""Which subject of the clause library an article deals with: price floors, stockpiles, R&D, ...

The library is the model: each topic is the direction its clauses' words point in (titles,
summaries, bodies and definitions, as TF-IDF vectors over the library), and an article belongs to
the topics its own words point to, with the cosine as the confidence. Nothing is trained or
downloaded; a clause added to the library teaches its topic new words at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from drafting.library import Clause, ClauseLibrary

from .units import Unit
from .vocabulary import Vectors, centroid, cosine, terms

# topics that are parts of a document rather than subjects of a provision
_NOT_SUBJECTS = {"preamble", "annex", "action-plan"}
TOPIC_NAMES = {
    "price-floors": "Price floors", "stockpiles": "Stockpiles", "research": "Research and development",
    "investment": "Investment and screening", "trade": "Trade measures", "geology": "Geological information",
    "supply-disruptions": "Supply disruptions", "standards": "Standards", "projects": "Priority projects",
    "transparency": "Market transparency", "cooperation": "Technical cooperation",
    "labour": "Labour rights", "environment": "Environment", "circular-economy": "Circular economy",
    "institutions": "Institutions and consultations", "general": "Objectives, scope and definitions",
    "final": "Final provisions",
}
MIN_CONFIDENCE = 0.2       # below this an article is about none of the library's subjects
RUNNER_UP = 0.75           # a second topic counts when it scores at least this share of the first
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    confidence: float


def clause_text(clause: Clause) -> str:
    """The words of a clause as written: its Jinja reduced to the quoted words inside it
    ({{ obligation('establish') }} gives 'establish')."""
    def words_in(match: re.Match) -> str:
        return " ".join(a or b for a, b in _QUOTED.findall(match.group(0)))
    body = _JINJA.sub(words_in, clause.body)
    definitions = " ".join(f"{term} {text}" for term, text in clause.defines.items())
    return " ".join([clause.title] * 3 + [clause.summary, body, _JINJA.sub(words_in, definitions)])


def topic_name(topic: str) -> str:
    return TOPIC_NAMES.get(topic, topic.replace("-", " ").capitalize())


class TopicModel:
    def __init__(self, clauses: list[Clause]):
        self.clauses = [c for c in clauses if c.topic not in _NOT_SUBJECTS]
        clause_terms = [terms(clause_text(c)) for c in self.clauses]
        self.vectors = Vectors(clause_terms)
        self.clause_vectors = {c.id: self.vectors.vector(t) for c, t in zip(self.clauses, clause_terms)}
        by_topic: dict[str, list] = {}
        for clause in self.clauses:
            by_topic.setdefault(clause.topic, []).append(self.clause_vectors[clause.id])
        order = list(TOPIC_NAMES)   # the subjects of trade first, the institutions and final provisions last
        ranked = sorted(by_topic, key=lambda t: (order.index(t) if t in order else len(order), t))
        self.topic_vectors = {topic: centroid(by_topic[topic]) for topic in ranked}

    @classmethod
    def from_library(cls, library: ClauseLibrary) -> "TopicModel":
        return cls(library.all())

    @cached_property
    def topics(self) -> list[str]:
        return list(self.topic_vectors)

    def scores(self, text: str) -> list[tuple[str, float]]:
        vector = self.vectors.vector(terms(text))
        ranked = [(topic, cosine(vector, v)) for topic, v in self.topic_vectors.items()]
        return sorted(ranked, key=lambda item: (-item[1], item[0]))

    def classify(self, text: str) -> list[Topic]:
        """The topics `text` deals with, surest first; empty when it deals with none of them."""
        ranked = self.scores(text)
        if not ranked or ranked[0][1] < MIN_CONFIDENCE:
            return []
        best = ranked[0][1]
        return [Topic(topic, topic_name(topic), round(score, 3)) for topic, score in ranked[:2]
                if score >= MIN_CONFIDENCE and score >= RUNNER_UP * best]

    def nearest_clause(self, text: str) -> tuple[str, float]:
        vector = self.vectors.vector(terms(text))
        return max(((cid, cosine(vector, v)) for cid, v in self.clause_vectors.items()),
                   key=lambda item: (item[1], item[0]))

    def of_unit(self, unit: Unit) -> list[Topic]:
        # the heading names the subject; counted twice it outweighs a stray word of the body
        return self.classify(f"{unit.heading} {unit.heading} {unit.body}")
