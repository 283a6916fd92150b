"""Components are tested on `spacy.blank("en")` with only what they need, as spaCy recommends."""
import pytest


@pytest.fixture(scope="session")
def blank():
    """A factory: a blank English pipeline with the named components (lemmas and sentences first)."""
    import spacy

    from analysis.pipeline import register_components

    register_components()
    made = {}

    def make(*components: str):
        if components not in made:
            nlp = spacy.blank("en")
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.add_pipe("sentencizer")
            for name in components:
                nlp.add_pipe(name)
            nlp.initialize()
            made[components] = nlp
        return made[components]

    return make


def run(nlp, text: str, register: str = "binding"):
    doc = nlp.make_doc(text)
    doc.user_data["register"] = register
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
