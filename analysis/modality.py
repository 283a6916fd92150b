"""Modality: how strongly a sentence binds, on the scale treaty lawyers read it on.

    prohibition > obligation > best-efforts > permission > hortatory > intention > none

The component finds modal cues (patterns/modality.yaml) and labels each sentence by the first cue
of its main clause: a modal inside a condition, a relative or a complement clause ("where a Party
may ...", "which shall meet ...", "ensure that ... may") does not set the force of the sentence,
and a preambular recital ("Mindful that ... may ...,") has none. An obligation qualified by
feasibility ("to the extent practicable") is a duty of conduct: best-efforts. The register of the
instrument decides the few cues whose force depends on it ("will" binds in an agreement and
records an intention in a memorandum).

Annotations: doc.spans["modal_cues"] (label: the cue's modality) and doc.spans["modality"], one
span per sentence labelled with the sentence's modality; its id_ is the cue's text.
"""
from __future__ import annotations

from .pipeline import BINDING, patterns
from .token_patterns import TokenPatterns

SCALE = ("prohibition", "obligation", "best-efforts", "permission", "hortatory", "intention")
NONE = "none"
FEASIBILITY = "feasibility"
CUES, SENTENCES = "modal_cues", "modality"

# words that open a clause whose modal does not set the force of the sentence
_SUBORDINATORS = {"if", "where", "wherever", "when", "whenever", "unless", "until", "that", "which",
                  "who", "whom", "whose", "whether", "because", "since", "although", "though",
                  "while", "whereby", "than", "once", "after", "before"}
_CLAUSE_ENDS = {",", ";", ":", "(", ")", "\u2014", "\u2013"}
_PREPOSITIONS = {"to", "for", "in", "at", "of", "by", "on", "with", "from", "under", "upon", "into"}
# "political will", "the will of the Participants": the noun
_BEFORE_NOUN_WILL = {"political", "good", "the", "their", "its", "his", "her", "mutual", "common",
                     "strong", "firm", "free", "of", "own", "our", "shared", "collective", "at", "a"}
# the participle or adjective a preambular recital opens with ("Mindful that ...", "Bearing in
# mind ...", "Further noting ..."), after one of the adverbs
_RECITALS = {"mindful", "conscious", "aware", "determined", "convinced", "concerned", "desirous", "resolved",
             "committed", "guided", "inspired", "encouraged", "recognizing", "recognising", "noting", "bearing",
             "desiring", "considering", "acknowledging", "affirming", "reaffirming", "recalling", "welcoming",
             "emphasizing", "emphasising", "stressing", "underlining", "believing", "seeking", "wishing",
             "sharing", "taking", "having", "expressing", "appreciating", "observing"}
_RECITAL_ADVERBS = {"further", "also", "deeply", "fully", "firmly", "strongly"}


def rank(label: str) -> int:
    """Position on the scale, 0 the strongest; `none` below everything."""
    return SCALE.index(label) if label in SCALE else len(SCALE)


def binding(register: str | None) -> bool:
    return (register or BINDING) in (BINDING, "agreement", "treaty")


def register() -> None:
    """Register the component by name (spaCy is imported here, not when the module is: the scale
    and `rank` serve the comparison process, which never loads spaCy)."""
    from spacy.language import Language

    if not Language.has_factory("treaty_modality"):
        Language.factory("treaty_modality", func=make_modality)


def make_modality(nlp, name: str) -> "Modality":
    return Modality(nlp)


class Modality:
    def __init__(self, nlp):
        self.matcher = TokenPatterns(nlp.vocab)
        self.labels: dict[str, tuple[str, str]] = {}      # matcher key -> (binding, non-binding) label
        self.not_after: dict[str, set[str]] = {}
        self.after: dict[str, tuple[set[str], set[str]]] = {}
        self.not_subject: dict[str, set[str]] = {}
        for n, cue in enumerate(patterns("modality")["cues"]):
            key = f"{cue['label']}-{n}"
            self.labels[key] = (cue["label"], cue.get("non-binding", cue["label"]))
            self.not_after[key] = set(cue.get("not-after", ()))
            if "after" in cue:
                words = set(cue["after"]) | (_party_name_ends() if cue.get("after-named-party") else set())
                self.after[key] = (words, set(cue.get("skipping", ())))
            if "not-subject" in cue:
                self.not_subject[key] = set(cue["not-subject"])
            self.matcher.add(key, [cue["pattern"]])

    def __call__(self, doc):
        from spacy.tokens import Span
        from spacy.util import filter_spans

        which = 0 if binding(doc.user_data.get("register")) else 1
        found = []
        for key, start, end in self.matcher(doc):
            name = doc.vocab.strings[key]
            label = self.labels[name][which]
            before = doc[start - 1].lower_ if start else ""
            if before in self.not_after[name] or doc[start].lower_ == "will" and _noun_will(doc, start):
                continue
            if name in self.after and not _preceded(doc, start, *self.after[name]):
                continue
            if name in self.not_subject and self.not_subject[name] & _subject_head(doc, start):
                continue
            found.append(Span(doc, start, end, label=label))
        qualifiers = [span for span in found if span.label_ == FEASIBILITY]
        cues = sorted(filter_spans([span for span in found if span.label_ != FEASIBILITY]) + filter_spans(qualifiers),
                      key=lambda span: span.start)
        doc.spans[CUES] = cues
        sentences = []
        for sentence in doc.sents:
            label, cue = sentence_modality(sentence, [c for c in cues if sentence.start <= c.start < sentence.end])
            sentences.append(Span(doc, sentence.start, sentence.end, label=label, span_id=cue.text if cue else ""))
        doc.spans[SENTENCES] = sentences
        return doc


def _party_name_ends() -> set[str]:
    """The last word of each party's name, lower-cased ("mexico", "states", "eu"): what stands
    before the verb when the parties are its subject by name."""
    from .parties import gazetteer

    return {name.split()[-1].lower() for names in gazetteer().values() for name in names}


def _preceded(doc, start: int, words: set[str], skipping: set[str]) -> bool:
    k = start - 1
    while k >= 0 and doc[k].lower_ in skipping:
        k -= 1
    return k >= 0 and doc[k].lower_ in words


def _noun_will(doc, start: int) -> bool:
    """'the will of the Participants', 'political will': after a determiner or an adjective of
    the noun, or before "of" after any lower-case word ('the continued will of'). A capitalised
    word before it is a subject ("The Participants will of their own accord ...")."""
    if start == 0:
        return False
    before = doc[start - 1]
    after = doc[start + 1].lower_ if start + 1 < len(doc) else ""
    return before.lower_ in _BEFORE_NOUN_WILL or after == "of" and before.is_lower


def _subject_head(doc, start: int) -> set[str]:
    """The lower-case words of the subject of the clause a cue at `start` stands in, up to its
    first preposition: 'The objective of this Plan is to' -> {'the', 'objective'}."""
    k = start
    while k > 0 and not doc[k].is_sent_start and doc[k - 1].text not in _CLAUSE_ENDS:
        k -= 1
    words = set()
    for token in doc[k:start]:
        if token.lower_ in _PREPOSITIONS:
            break
        words.add(token.lower_)
    return words


def sentence_modality(sentence, cues: list) -> tuple[str, object]:
    """The label of the first cue in the main clause, and that cue; none for a recital, whatever
    its words."""
    if _recital(sentence):
        return NONE, None
    feasible = any(cue.label_ == FEASIBILITY for cue in cues)
    modal = [cue for cue in cues if cue.label_ != FEASIBILITY]
    main = next((cue for cue in modal if main_clause(sentence, cue)), None)
    if main is None and modal and _subject_relative(sentence, modal[0]):
        # "A Party that receives a request shall reply": the subject's relative clause ends
        # before the main verb, which comes last
        main = modal[-1]
    if main is None:
        return NONE, None
    label = main.label_
    if label in ("obligation", "permission") and _negative_subject(sentence, main):
        if _requirement_denied(sentence, main):
            label = "permission"      # "Neither Party nor any of its agencies shall be required to"
        elif label == "obligation" or sentence.doc[main.start].orth_ == "may":
            label = "prohibition"     # "Neither the Committee nor any working group shall / may"
    if label == "obligation" and feasible:
        label = "best-efforts"
    return label, main


_RELATIVES = {"that", "which", "who", "whose"}
_NOT_A_VERB = {"a", "an", "the", "its", "their", "each", "any", "such", "this", "these", "those", "it",
               "they", "he", "she", "we", "no", "all"}


def _subject_relative(sentence, first_cue) -> bool:
    """Whether the sentence opens with a subject and a relative clause on it ("A Party that
    intends to ...", "Sponsors of projects that receive ...", "An investor whose claim ...")
    before its first cue."""
    doc = sentence.doc
    for i in range(sentence.start, min(first_cue.start, sentence.start + 6)):
        token = doc[i]
        if token.text in _CLAUSE_ENDS or token.lower_ in _SUBORDINATORS - _RELATIVES:
            return False
        if token.lower_ in _RELATIVES and i > sentence.start:
            following = doc[i + 1] if i + 1 < len(doc) else None
            return following is not None and following.lower_ not in _NOT_A_VERB and not following.is_title
    return False


def _negative_subject(sentence, cue) -> bool:
    """'No Party', 'Neither the Committee nor any of its working groups', 'None of the Parties,
    nor their agencies,' opening the sentence (or its main clause, after an opening phrase that
    a comma closes) and reaching the modal however long it is; 'No later than', 'no less than'
    open a time or a quantity, not a subject."""
    doc = sentence.doc
    start = sentence.start
    for i in range(cue.start - 1, sentence.start - 1, -1):
        if doc[i].text in (";", ":"):
            start = i + 1
            break
    for i in range(start, min(cue.start + 1, sentence.end - 1)):
        if doc[i].lower_ in _NEGATIVE_SUBJECTS and (i == start or doc[i - 1].text == ","):
            return doc[i + 1].lower_ not in _NOT_A_SUBJECT_AFTER_NO
    return False


_NEGATIVE_SUBJECTS = {"no", "neither", "none"}
_NOT_A_SUBJECT_AFTER_NO = {"later", "earlier", "less", "more", "longer", "sooner", "fewer", "than",
                           "matter", "doubt", "further"}
_DENIED = {"required", "obliged", "obligated", "bound", "compelled"}


def _requirement_denied(sentence, cue) -> bool:
    """'No Party shall be required to', 'Neither ... is obliged to': a negative subject with a
    duty's passive denies the duty, which leaves a freedom."""
    doc = sentence.doc
    end = min(sentence.end, cue.start + 14)
    words = [doc[i].lower_ for i in range(cue.start, end)]
    for k, word in enumerate(words[:-1]):
        if word in _DENIED and words[k + 1] == "to" and any(w in ("be", "is", "are") for w in words[:k]):
            return True
    return False


def _recital(sentence) -> bool:
    """Whether the sentence is a preambular recital: it opens with a capitalised participle or
    adjective of the preamble ("Mindful that ...", "Further noting ...") and ends with a comma or
    semicolon, as recitals do ("Sharing of information shall be voluntary." is no recital, nor is
    a subparagraph "having received a request, a Party may refuse;")."""
    doc = sentence.doc
    k = sentence.start
    while k < sentence.end - 1 and doc[k].lower_ in _RECITAL_ADVERBS:
        k += 1
    return doc[sentence.start].is_title and doc[k].lower_ in _RECITALS and doc[sentence.end - 1].text in (",", ";")


def main_clause(sentence, cue) -> bool:
    """Whether the cue stands in the main clause: no subordinating word opens a clause between
    the last clause boundary (a comma, a semicolon) and the cue."""
    doc = sentence.doc
    inside = False
    for i in range(sentence.start, cue.start):
        token = doc[i]
        word = token.lower_
        if token.text in _CLAUSE_ENDS:
            inside = False
        elif word == "that" and _determiner(doc, i, sentence.end):
            continue
        elif word in _SUBORDINATORS:
            inside = True
        elif word == "as" and cue.start - i <= 4 and doc[i + 1].lower_ not in ("well", "soon", "long"):
            inside = True      # "as may be agreed", "as the Parties may decide"
        elif token.text == "Should" and i == sentence.start:
            inside = True      # "Should a Party consider ..., it shall"
    return not inside


def _determiner(doc, i: int, end: int) -> bool:
    """'that Party', 'to that end': a demonstrative, not the start of a clause."""
    following = doc[i + 1] if i + 1 < end else None
    if doc[i].is_sent_start or i > 0 and doc[i - 1].text in ("(", "\u201c", "\""):
        return True            # "That cooperation shall include ...": a sentence opens with it
    if following is not None and following.is_title and following.lower_ not in ("the", "a", "an", "each", "any"):
        return True
    return i > 0 and doc[i - 1].lower_ in _PREPOSITIONS


def sentences(doc) -> list:
    """The sentences of an analysed doc, each labelled with its modality."""
    return list(doc.spans[SENTENCES])


def classify(text: str, register: str = BINDING) -> str:
    """The modality of a sentence (of the first normative sentence, if the text holds several)."""
    from .pipeline import analyse

    doc = next(analyse([text], register))
    labels = [span.label_ for span in doc.spans[SENTENCES]]
    return next((label for label in labels if label != NONE), NONE)
