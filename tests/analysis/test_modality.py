"""The modality component on a blank pipeline: the scale, the main clause, the register."""
import pytest

from analysis.modality import SCALE, rank
from tests.analysis.conftest import run


@pytest.fixture(scope="module")
def nlp(blank):
    return blank("treaty_modality")


def label(nlp, text, register="binding"):
    doc = run(nlp, text, register)     # kept: spans live only as long as their doc
    return [s.label_ for s in doc.spans["modality"]][0]


@pytest.mark.parametrize("text, expected", [
    ("Each Party shall publish its measures.", "obligation"),
    ("No Party shall impose a duty on the export of a covered mineral.", "prohibition"),
    ("A Party shall not adopt an export restriction.", "prohibition"),
    ("Each Party shall endeavour to publish its measures in advance.", "best-efforts"),
    ("Each Party shall, where appropriate, endeavour to consult the other Party.", "best-efforts"),
    ("Each Party shall, to the extent practicable, publish its measures.", "best-efforts"),
    ("A Party may request consultations.", "permission"),
    ("Nothing in this Agreement shall be construed to require a Party to disclose information.", "permission"),
    ("The Parties are encouraged to exchange views.", "hortatory"),
    ("The Parties recognise the importance of recycling.", "hortatory"),
    ("This Agreement shall enter into force on the date of its signature.", "none"),
    ("\u201cCovered Mineral\u201d means lithium and cobalt.", "none"),
    ("Recognising the importance of secure supply chains,", "none"),
])
def test_labels_on_the_scale(nlp, text, expected):
    assert label(nlp, text) == expected


def test_a_modal_in_a_subordinate_clause_does_not_set_the_force(nlp):
    assert label(nlp, "Where a Party may be affected, it shall notify the other Party.") == "obligation"
    assert label(nlp, "The Parties shall consult at such times as may be agreed.") == "obligation"
    assert label(nlp, "A Party that intends to adopt a measure shall notify the other Party.") == "obligation"


def test_the_register_decides_will(nlp):
    assert label(nlp, "The Participants will exchange information.", "non-binding") == "intention"
    assert label(nlp, "The Parties will exchange information.", "binding") == "obligation"
    assert label(nlp, "The Participants intend to exchange information.", "non-binding") == "intention"


def test_will_the_noun_and_may_the_month_are_not_modals(nlp):
    assert label(nlp, "The Participants express their political will to cooperate.", "non-binding") == "none"
    assert label(nlp, "The meeting took place in May 2026.") == "none"


def test_the_scale_is_ordered():
    assert SCALE[0] == "prohibition" and SCALE[-1] == "intention"
    assert rank("obligation") < rank("best-efforts") < rank("permission") < rank("none")
