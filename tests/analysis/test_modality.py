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
    ("Nothing in this Agreement is to be construed:", "none"),
    ("This Agreement is to be interpreted in accordance with customary rules of interpretation.", "none"),
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


@pytest.mark.parametrize("text, register, expected", [
    # a parenthesis between commas, "and" inside it, does not hide the verb of effort
    ("Each Party shall, as appropriate and subject to its domestic procedures, endeavour to share "
     "geological survey data.", "binding", "best-efforts"),
    ("Each Party shall, subject to its laws and available resources, make reasonable efforts to "
     "train inspectors.", "binding", "best-efforts"),
    # no duty under a negative subject is a permission not to act
    ("Neither Party shall be obliged to disclose trade secrets of its enterprises.", "binding", "permission"),
    ("No Party is required to accept a request that lacks the information listed in Annex I.", "binding",
     "permission"),
    ("No Party shall require an investor to transfer its technology.", "binding", "prohibition"),
    # a negative subject of any length, and one with an aside between commas
    ("Neither Party nor any of its regional governments or state enterprises shall be required to disclose "
     "the terms of an offtake contract.", "binding", "permission"),
    ("Neither Party nor any of its regional governments or state enterprises shall, in any circumstances, be "
     "obliged to purchase material from the reserve.", "binding", "permission"),
    ("Neither Party nor any of its regional governments or state enterprises shall impose an export duty on "
     "refined gallium.", "binding", "prohibition"),
    ("Neither Party nor any of its regional governments or state enterprises may impose an export duty on "
     "refined gallium.", "binding", "prohibition"),
    ("No Party, nor any enterprise that it owns or controls, shall be required to sell below cost.", "binding",
     "permission"),
    ("Subject to Article 4, no Party or state enterprise of a Party shall impose a minimum export price.",
     "binding", "prohibition"),
    ("No later than sixty days after entry into force, each Party shall notify its contact point.", "binding",
     "obligation"),
    ("Where no Party objects, the Committee may adopt the decision by written procedure.", "binding",
     "permission"),
    ("The Participants are expected to submit their stockpile assessments by 30 June 2027.", "non-binding",
     "intention"),
    # a right, also after a subject with a "whose" clause
    ("A State whose exports are restricted has the right to request urgent consultations.", "binding",
     "permission"),
    ("Each Party retains the right to adopt measures to protect public health.", "binding", "permission"),
    ("Each Participant ought to inform the other of its stockpiling decisions.", "non-binding", "hortatory"),
    ("The Participants ought not to duplicate existing forums.", "non-binding", "hortatory"),
    # "is to" of any actor, not of a subject naming a purpose
    ("The steering group is to circulate a draft agenda before each meeting.", "non-binding", "intention"),
    ("The aim of this Memorandum is to deepen cooperation on refining.", "non-binding", "none"),
    # recitals, however they open
    ("Conscious that price volatility may discourage investment in new mines,", "non-binding", "none"),
    ("Further bearing in mind that reserves of some minerals may be limited;", "binding", "none"),
    ("Sharing of data under this Article shall be voluntary.", "binding", "obligation"),
    ("Recognising the urgency, the Parties shall meet within ten days.", "binding", "obligation"),
    # "can" after a negative subject forbids
    ("No such subsidy can be granted after the transitional period.", "binding", "prohibition"),
    # a declaratory verb whose subject is the parties by name
    ("Canada and Japan welcome the first joint exploration survey.", "non-binding", "hortatory"),
    ("The European Union and Australia reaffirm their support for open markets.", "binding", "hortatory"),
    ("The Committee shall note the report in its minutes.", "binding", "obligation"),
    # "will" the noun after an adjective, before "of"
    ("Progress depends on the sustained will of the Participants and their agencies.", "non-binding", "none"),
])
def test_hard_cases_of_the_conventions(nlp, text, register, expected):
    assert label(nlp, text, register) == expected


def test_the_scale_is_ordered():
    assert SCALE[0] == "prohibition" and SCALE[-1] == "intention"
    assert rank("obligation") < rank("best-efforts") < rank("permission") < rank("none")
