"""What the pipeline finds in a sentence, as plain data: the modality and its cue, the quantities,
the parties, the definitions. Plain data travels between processes (analysis.worker) and keeps the
material-change rules (analysis.flags) free of spaCy objects.

Each sentence is analysed only for what the edit could have changed: `needs` names the components
("modality", "quantities", "parties"), so a pair of sentences that differ in a party's name is not
run through the modality matcher.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MODALITY, QUANTITIES, PARTIES = "modality", "quantities", "parties"
_COMPONENTS = {MODALITY: ("lemmatizer", "sentencizer", "treaty_modality"),
               QUANTITIES: ("treaty_references", "treaty_quantities"),
               PARTIES: ("treaty_parties",)}


@dataclass
class SentenceRecord:
    text: str
    label: str = "none"                 # modality of the first normative sentence
    cue: str = ""
    quantities: list[tuple[str, str]] = field(default_factory=list)   # (value, as written)
    parties: list[tuple[str, str]] = field(default_factory=list)      # (id, as written)
    # the modal of each predicate coordinated with the first ("shall notify ... and shall consult")
    also: list[tuple[str, str]] = field(default_factory=list)         # (label, cue)


@dataclass
class DefinitionRecord:
    term: str
    kind: str                           # means | inline
    sentence: str                       # the defining sentence
    start: int                          # where the sentence starts in its passage


def sentences(items: list[tuple[str, tuple[str, ...]]], register: str) -> dict[str, SentenceRecord]:
    """{text: record} for each (text, needs)."""
    from .parties import attributive
    from .pipeline import make_docs, nlp

    model = nlp()
    out = {}
    texts = [text for text, _ in items]
    for (text, needs), doc in zip(items, make_docs(texts, register)):
        names = [name for need in (MODALITY, QUANTITIES, PARTIES) if need in needs for name in _COMPONENTS[need]]
        for name in names:
            doc = model.get_pipe(name)(doc)
        record = SentenceRecord(text)
        if MODALITY in needs:
            labelled = [s for s in doc.spans["modality"] if s.label_ != "none"]
            if labelled:
                record.label, record.cue = labelled[0].label_, labelled[0].id_
                record.also = _coordinated(doc, labelled[0])
        if QUANTITIES in needs:
            record.quantities = [(s.id_, s.text) for s in doc.spans["quantities"]]
        if PARTIES in needs:
            record.parties = [(s.id_, s.text) for s in doc.spans["parties"] if not attributive(s)]
        out[text] = record
    return out


def _coordinated(doc, sentence) -> list[tuple[str, str]]:
    """The cues after the first of a sentence that open a predicate joined to it by "and" or
    "or": "shall notify ... and may consult" gives [("permission", "may")]."""
    cues = [c for c in doc.spans["modal_cues"] if sentence.start <= c.start < sentence.end and c.label_ != "feasibility"]
    out = []
    for cue in cues[1:]:
        k = cue.start - 1
        if k > sentence.start and doc[k].lower_ in ("and", "or"):
            out.append((cue.label_, cue.text))
    return out


def definitions(texts: list[str], register: str) -> list[list[DefinitionRecord]]:
    """The definitions each passage gives."""
    from .pipeline import make_docs, nlp

    model = nlp()
    steps = [model.get_pipe(name) for name in ("sentencizer", "treaty_definitions")]
    out = []
    for doc in make_docs(texts, register):
        for step in steps:
            doc = step(doc)
        out.append([DefinitionRecord(span.id_, span.label_, span.sent.text, span.sent.start_char)
                    for span in doc.spans["definitions"]])
    return out


TASKS = {"sentences": sentences, "definitions": definitions}
