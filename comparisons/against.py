"""A draft read against the reference texts: which of its provisions each reference has, in which
words, and what each reference has that the draft lacks.

A draft and a reference are not two versions of one text: their articles come in another order,
under other numbers, written by other hands. Articles are therefore paired by subject, not by
position: the cosine of their content-word vectors (TF-IDF over the articles of both texts), one
reference article to one draft article, surest pairs first. Each reference then gives a
comparison in the shape every writer knows: the draft's text in the draft's order, each paired
article diffed against its counterpart, the draft's articles without one inserted, and the
reference's articles without one deleted before the closing. Accepting every change gives the
draft; rejecting every change gives the reference's text, its paired articles in the draft's order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from drafting.model import Document

from .align import Pair
from .compare import ADDED, DELETED, Comparison, Step, UnitChange, change_of
from .diff import Differ
from .references import Reference
from .topics import Topic, TopicModel
from .units import Unit, units_of
from .vocabulary import Vectors, cosine, terms

PAIR_THRESHOLD = 0.25      # below this two articles are about different things
_BODY = ("article", "annex")


@dataclass
class Text:
    """One side of the reading: the draft or a reference, as units with their topics."""

    name: str                         # "draft" or the reference's name
    title: str
    document: Document
    units: list[Unit]
    topics: dict[int, list[Topic]]    # unit index -> topics, surest first
    reference: Reference | None = None

    @property
    def articles(self) -> list[Unit]:
        return [u for u in self.units if u.kind in _BODY and u.lines]


@dataclass
class Counterpart:
    draft: Unit
    reference: Unit | None
    similarity: float                 # of the closest reference article, paired or not
    closest: Unit | None = None       # the closest article, when it went to a surer pair


@dataclass
class Reading:
    """The draft against one reference."""

    text: Text
    counterparts: list[Counterpart]   # one per draft article, in the draft's order
    missing: list[Unit]               # reference articles no draft article corresponds to
    comparison: Comparison

    @property
    def paired(self) -> list[Counterpart]:
        return [c for c in self.counterparts if c.reference is not None]


@dataclass
class Against:
    draft: Text
    readings: list[Reading]
    topic_ids: list[str] = field(default_factory=list)

    def coverage(self) -> dict[str, dict[str, list[Unit]]]:
        """topic -> text name -> the articles of that text dealing with it."""
        texts = [self.draft] + [r.text for r in self.readings]
        matrix = {topic: {t.name: [] for t in texts} for topic in self.topic_ids}
        for text in texts:
            for unit in text.articles:
                for topic in text.topics.get(unit.index, []):
                    matrix[topic.id][text.name].append(unit)
        return matrix


def text_of(name: str, title: str, document: Document, model: TopicModel,
            reference: Reference | None = None) -> Text:
    units = units_of(document)
    topics = {u.index: model.of_unit(u) for u in units if u.kind in _BODY and u.lines}
    return Text(name, title, document, units, topics, reference)


def read_against(draft: Document, draft_source: str, references: list[tuple[Reference, Document]],
                 model: TopicModel) -> Against:
    draft_text = text_of("draft", draft.title or draft_source, draft, model)
    readings = [_reading(draft_text, text_of(ref.name, ref.title, document, model, ref), draft_source)
                for ref, document in references]
    return Against(draft_text, readings, model.topics)


def _similarities(draft: Text, reference: Text) -> dict[tuple[int, int], float]:
    """Cosine of every draft article with every reference article (a few hundred pairs)."""
    words = {("d", u.index): terms(f"{u.heading} {u.heading} {u.body}") for u in draft.articles}
    words.update({("r", u.index): terms(f"{u.heading} {u.heading} {u.body}") for u in reference.articles})
    vectors = Vectors(list(words.values()))
    weighted = {key: vectors.vector(t) for key, t in words.items()}
    return {(a.index, b.index): cosine(weighted["d", a.index], weighted["r", b.index])
            for a in draft.articles for b in reference.articles}


def _reading(draft: Text, reference: Text, draft_source: str) -> Reading:
    similarity = _similarities(draft, reference)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for (i, j), score in sorted(similarity.items(), key=lambda item: (-item[1], item[0])):
        if score < PAIR_THRESHOLD:
            break
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    by_index = {u.index: u for u in reference.units}
    counterparts = []
    for unit in draft.articles:
        scores = [(s, j) for (i, j), s in similarity.items() if i == unit.index]
        best, closest = max(scores, default=(0.0, None), key=lambda item: (item[0], -(item[1] or 0)))
        if unit.index in pairs:
            j = pairs[unit.index]
            counterparts.append(Counterpart(unit, by_index[j], round(similarity[unit.index, j], 3)))
        else:
            near = by_index[closest] if closest is not None and best >= PAIR_THRESHOLD else None
            counterparts.append(Counterpart(unit, None, round(best, 3), near))
    missing = [u for u in reference.articles if u.index not in taken]
    comparison = _comparison(draft, reference, pairs, missing, draft_source)
    return Reading(reference, counterparts, missing, comparison)


def _comparison(draft: Text, reference: Text, pairs: dict[int, int], missing: list[Unit],
                draft_source: str) -> Comparison:
    differ = Differ()
    by_index = {u.index: u for u in reference.units}
    fixed = {kind: next((u for u in reference.units if u.kind == kind), None) for kind in ("front", "closing")}
    steps: list[Step] = []
    changes: list[UnitChange] = []

    def add(mode: str, change: UnitChange) -> None:
        steps.append(Step(mode, change))
        changes.append(change)

    for unit in draft.units:
        if unit.kind == "closing":
            for lacking in missing:    # what the reference has and the draft lacks, before the end
                add("delete", change_of(Pair(lacking, None, 0.0, ""), differ))
        counterpart = fixed.get(unit.kind) if unit.kind in fixed else by_index.get(pairs.get(unit.index, -1))
        if counterpart is not None and counterpart.lines:
            add("diff", change_of(Pair(counterpart, unit, 0.0, "subject"), differ))
        elif unit.lines:
            add("insert", change_of(Pair(None, unit, 0.0, ""), differ))
    if not any(u.kind == "closing" for u in draft.units):
        for lacking in missing:
            add("delete", change_of(Pair(lacking, None, 0.0, ""), differ))
    notes = [note for note in reference.document.notes]
    notes.append(f"Articles are paired by subject, not by number: each article of the draft is "
                 f"redlined against the {reference.title} provision closest to it. Articles marked "
                 f"{ADDED} have no counterpart there; articles marked {DELETED} are {reference.title} "
                 f"provisions the draft lacks.")
    return Comparison(reference.document, draft.document, changes, steps,
                      old_source=f"ref:{reference.name}", new_source=draft_source, notes=notes)
