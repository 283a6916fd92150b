"""Our doc-at-once lemmatizer gives every token the lemma spaCy's lookup lemmatizer gives it."""
from analysis.pipeline import nlp
from tests.analysis.test_token_patterns import _sentences


def test_the_same_lemmas_as_spacy_on_every_evaluation_sentence(blank):
    spacy_lemmas = blank().get_pipe("lemmatizer")      # spaCy's own, in lookup mode
    ours = nlp()
    assert type(ours.get_pipe("lemmatizer")).__name__ == "DocLemmatizer"
    changed = 0
    for text in _sentences():
        theirs = [t.lemma_ for t in spacy_lemmas(ours.make_doc(text))]
        mine = [t.lemma_ for t in ours.get_pipe("lemmatizer")(ours.make_doc(text))]
        assert mine == theirs, text
        changed += any(t.lemma_ != t.text for t in ours.get_pipe("lemmatizer")(ours.make_doc(text)))
    assert changed > 100          # the table is in use: "parties" -> "party", "is" -> "be"


def test_a_lemma_already_set_is_kept():
    ours = nlp()
    doc = ours.make_doc("the parties are bound.")
    doc[2].lemma_ = "exist"
    ours.get_pipe("lemmatizer")(doc)
    assert [t.lemma_ for t in doc] == ["the", "party", "exist", "bind", "."]
