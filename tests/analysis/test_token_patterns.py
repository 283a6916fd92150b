"""Our token-pattern engine gives exactly what spaCy's Matcher gives on the same patterns."""
from pathlib import Path

import pytest
import yaml

from analysis.pipeline import patterns
from analysis.token_patterns import PatternError, TokenPatterns

EVAL = Path(__file__).with_name("eval")

# each operator and test of the notation, with several lengths possible at one start
PATTERNS = {
    "plain": [[{"LOWER": "shall"}, {"LOWER": "not"}]],
    "optional-last": [[{"ORTH": "may"}, {"LOWER": {"IN": ["also", "not"]}, "OP": "?"}]],
    "star-middle": [[{"LOWER": "shall"}, {"LOWER": {"NOT_IN": ["shall", "."]}, "OP": "*"}, {"LOWER": "endeavour"}]],
    "star-last": [[{"LOWER": "best"}, {"IS_ALPHA": True, "OP": "*"}]],
    "plus": [[{"LOWER": {"IN": ["no", "neither"]}}, {"IS_ALPHA": True, "OP": "+"}, {"ORTH": "shall"}]],
    "range": [[{"LOWER": "shall"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": "to"}]],
    "exact": [[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "{2}"}]],
    "at-least": [[{"LOWER": "nothing"}, {"IS_ALPHA": True, "OP": "{2,}"}, {"ORTH": "shall"}]],
    "at-most": [[{"LEMMA": "be"}, {"LOWER": {"NOT_IN": ["not"]}, "OP": "{,2}"}, {"LOWER": "required"}]],
    "two-optionals": [[{"ORTH": "shall"}, {"LOWER": "also", "OP": "?"}, {"LOWER": "be", "OP": "?"}, {"IS_ALPHA": True}]],
}

TEXTS = [
    "Each Party shall not impose, and no Party or any of its regional governments shall be required to notify.",
    "A Party may also request consultations; the other Party may not refuse them, and shall endeavour to reply.",
    "The Parties shall make their best efforts to agree, and shall use their best endeavours to settle it.",
    "Nothing in this Agreement or its annexes shall be construed to require a Party to disclose information.",
    "Neither Party nor any enterprise that it owns shall, in any circumstances, be obliged to sell.",
    "The Parties are required to consult. It is not required to notify. shall",
    "",
]


def both(nlp, table: dict[str, list]) -> tuple:
    from spacy.matcher import Matcher

    theirs, ours = Matcher(nlp.vocab), TokenPatterns(nlp.vocab)
    for key, pattern in table.items():
        theirs.add(key, pattern)
        ours.add(key, pattern)
    return theirs, ours


def same_matches(nlp, theirs, ours, text: str) -> None:
    doc = nlp(text)
    assert sorted(ours(doc)) == sorted(theirs(doc)), text


@pytest.fixture(scope="module")
def nlp(blank):
    return blank()


@pytest.mark.parametrize("text", TEXTS)
def test_every_operator_matches_as_spacy_does(nlp, text):
    theirs, ours = both(nlp, PATTERNS)
    same_matches(nlp, theirs, ours, text)
    # and the engine finds something to agree on: the table is not vacuous
    if text.startswith("Each Party shall not"):
        assert {nlp.vocab.strings[key] for key, _, _ in ours(nlp(text))} >= {"plain", "plus"}


def _sentences() -> list[str]:
    found = []
    for path in sorted(EVAL.rglob("*.yaml")):
        def walk(item):
            if isinstance(item, str) and len(item.split()) > 3:
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value)
            elif isinstance(item, list):
                for value in item:
                    walk(value)
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_the_modal_cues_match_as_spacy_does_on_the_evaluation_sets(nlp):
    """Every cue pattern of patterns/modality.yaml, on every sentence of the evaluation sets."""
    table = {f"{cue['label']}-{n}": [cue["pattern"]] for n, cue in enumerate(patterns("modality")["cues"])}
    theirs, ours = both(nlp, table)
    sentences = _sentences()
    assert len(sentences) > 500
    matched = 0
    for text in sentences:
        same_matches(nlp, theirs, ours, text)
        matched += bool(ours(nlp(text)))
    assert matched > len(sentences) / 2


@pytest.mark.parametrize("pattern, complaint", [
    ([{"LOWER": "shall", "OP": "?"}], "first token"),
    ([{"IS_ALPHA": True}], "first token"),
    ([{"LOWER": {"NOT_IN": ["shall"]}}], "first token"),
    ([{"LOWER": "shall"}, {"POS": "VERB"}], "attribute POS"),
    ([{"LOWER": "shall"}, {"LOWER": "not", "OP": "!"}], "operator '!'"),
    ([{"LOWER": "shall"}, {"LOWER": {"REGEX": "^n"}}], "LOWER takes"),
    ([{"LOWER": "shall"}, {"IS_ALPHA": "yes"}], "IS_ALPHA takes"),
    ([], "empty"),
])
def test_a_pattern_outside_the_notation_is_refused_by_name(nlp, pattern, complaint):
    with pytest.raises(PatternError, match=complaint):
        TokenPatterns(nlp.vocab).add("cue", [pattern])
