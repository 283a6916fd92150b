"""Definitions, references, parties, quantities and minerals, each on a blank pipeline."""
import pytest

from analysis.definitions import Terms, capitalised_phrases, forms
from analysis.references import Target, find, normal_number, targets
from analysis.terms import spelling
from tests.analysis.conftest import run


def spans(doc, key):
    return [(s.text, s.label_, s.id_) for s in doc.spans[key]]


# -- definitions --------------------------------------------------------------------------------
def test_definitions_by_means_by_brackets_and_in_pairs(blank):
    nlp = blank("treaty_definitions")
    doc = run(nlp, "\u201cParty\u201d or \u201cParties\u201d means a State for which this Agreement is in force.")
    assert [s.id_ for s in doc.spans["definitions"]] == ["Party", "Parties"]
    doc = run(nlp, "The Parties establish a Critical Minerals Committee (the \u201cCommittee\u201d).")
    assert spans(doc, "definitions") == [("Committee", "inline", "Committee")]
    doc = run(nlp, "The Government of Japan (hereinafter referred to individually as a \u201cParticipant\u201d "
                   "and collectively as \u201cthe Participants\u201d)")
    assert [s.id_ for s in doc.spans["definitions"]] == ["Participant", "Participants"]
    doc = run(nlp, "The word \u201cmineral\u201d appears in the title.")
    assert spans(doc, "definitions") == []


@pytest.mark.parametrize("text, defined", [
    # older and OCR'd texts: no quotation marks, or a backtick for a closing quote
    ("in conformity with the rules of the WTO, hereinafter referred to as the GATT.", [("GATT", "inline")]),
    ("a panel of experts, hereinafter referred to as the Committee of Experts.", [("Committee of Experts", "inline")]),
    ("hereinafter referred to as the \u201cCommittee\u201d, shall meet once a year", [("Committee", "inline")]),
    ("For the purposes of this Agreement, 'Parties` shall mean the Community and Tunisia.", [("Parties", "means")]),
    ("hereinafter referred to as the competent authority.", []),
])
def test_definitions_without_the_usual_quotation_marks(blank, text, defined):
    doc = run(blank("treaty_definitions"), text)
    assert [(s.id_, s.label_) for s in doc.spans["definitions"]] == defined


def test_uses_of_a_term_in_singular_and_plural(blank):
    nlp = blank("treaty_definitions")
    terms = Terms(nlp, ["Covered Mineral", "export duty"])
    doc = run(nlp, "Covered Minerals and any Covered Mineral; an Export duty; the covered mineral.")
    assert sorted(s.label_ for s in terms.uses(doc)) == ["Covered Mineral", "Covered Mineral", "export duty"]
    assert forms("Party") >= {"Party", "Parties"}


def test_spelling_variants_are_written_alike():
    for british, american in [("Labour Standards", "labor standards"), ("endeavoured", "endeavored"),
                              ("authorisation", "authorization"), ("analysed", "analyzed"),
                              ("kilometres", "kilometers"), ("defence", "defense"), ("travelled", "traveled"),
                              ("programme", "program"), ("judgement", "judgment"), ("catalogue", "catalog")]:
        assert spelling(british) == spelling(american)
    assert spelling("your hours") == "your hours" and spelling("cancellation") == "cancellation"


def test_capitalised_phrases_that_look_like_terms(blank):
    nlp = blank("treaty_definitions", "treaty_references", "treaty_parties")
    doc = run(nlp, "The Working Group shall review each Eligible Project under Article 3 with the United States.")
    assert [p.text for p in capitalised_phrases(doc)] == ["Working Group", "Eligible Project"]
    # a title word before another word qualifies a term; as the head of a name it names something
    doc = run(nlp, "Each Party shall notify the Foreign Investment Review Board within the Review Period.")
    assert [p.text for p in capitalised_phrases(doc)] == ["Review Period"]
    doc = run(nlp, "Each Party shall act under the Basel Convention on the Control of Transboundary Movements "
                   "of Hazardous Wastes and their Disposal.")
    assert capitalised_phrases(doc) == []


# -- references ---------------------------------------------------------------------------------
def test_references_and_their_targets(blank):
    nlp = blank("treaty_references")
    doc = run(nlp, "Subject to paragraph 2 of Article 5, Article 7(2)(a), subparagraph (b) and Annex II, "
                   "and Articles 3 to 5, but not Article XX of the GATT 1994.")
    found = [t for _, t in targets(doc)]
    assert Target("paragraph", "5", "2") in found
    assert Target("article", "7", "2", "a") in found
    assert Target("subparagraph", "", "", "b") in found
    assert Target("annex", annex="2") in found
    assert Target("article", "3") in found and Target("article", "5") in found
    assert any(t.external == "GATT 1994" and t.article == "20" for t in found)


def test_a_singular_word_lists_numbers_but_not_periods():
    assert [t.paragraph for _, _, t, _ in find("under paragraph 1 or 2")] == ["1", "2"]
    assert [t.article for _, _, t, _ in find("under Article 5 and 30 days later")] == ["5"]
    assert normal_number("XIV") == "14" and normal_number("07") == "7"


@pytest.mark.parametrize("text, key", [
    # OCR of a printed treaty drops spaces; the reference still points where it pointed
    ("under subparagraph 1(b)of Article 76", "subparagraph|76|1|b||||"),
    ("referred to in paragraph 4 ofArticle 39", "paragraph|39|4|||||"),
    ("as provided in Article39", "article|39||||||"),
    ("Chapter 50 of theHarmonized System", "chapter|||||50|Harmonized System|"),
    ("Article XX ofthe GATT 1994", "article|20|||||GATT 1994|"),
    # other instruments, known by their usual names; "the Agreement" may be this one or the one a
    # decision implements: it is not assumed to be ours
    ("under Article 11(3) of the Agreement in respect of", "article|11|3||||Agreement|"),
    ("Article 4 of the Agreement on Agriculture", "article|4|||||Agreement on Agriculture|"),
    ("Article VI of the General Agreement on Tariffs and Trade", "article|6|||||GATT|"),
    ("Article VI of the GATT", "article|6|||||GATT|"),
])
def test_where_a_reference_points_however_it_is_written(text, key):
    assert [t.key for _, _, t, _ in find(text)] == [key]


def test_of_joined_to_an_ordinary_word_is_not_a_reference_tail():
    # "paragraph 2 oftentimes" is not "paragraph 2 of ..."; the reference stays in this article
    assert [t.key for _, _, t, _ in find("under paragraph 2 oftentimes")] == ["paragraph||2|||||"]


# -- parties ------------------------------------------------------------------------------------
def test_parties_named_and_generic(blank):
    nlp = blank("treaty_parties")
    doc = run(nlp, "The United States and the requesting Party shall inform each Party that receives data; "
                   "the Mexican Party agrees. A non-Party is not bound.")
    found = spans(doc, "parties")
    assert ("United States", "PARTY", "US") in found
    assert ("the requesting Party", "PARTY_REF", "requesting Party") in found
    assert ("each Party that receives", "PARTY_REF", "Party that receives") in found
    assert ("Mexican Party", "PARTY", "MX") in found
    assert not any("non" in text for text, _, _ in found)


@pytest.mark.parametrize("text, attributive", [
    ("The EU shall adopt rules.", False),
    ("in accordance with EU and international rules", True),
    ("to apply EU statistical standards", True),
    ("The EU side shall inform Georgia.", False),
    ("the EU and Georgia shall", False),
])
def test_a_party_name_used_as_an_adjective_names_no_party(blank, text, attributive):
    from analysis.parties import attributive as is_attributive
    doc = run(blank("treaty_parties"), text)
    eu = next(span for span in doc.spans["parties"] if span.id_ == "EU")
    assert is_attributive(eu) is attributive


# -- quantities ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("within thirty (30) days", "30 day"),
    ("within 30 days", "30 day"),
    ("within one hundred and eighty days", "180 day"),
    ("for two years", "24 month"),
    ("for twenty-four (24) months", "24 month"),
    ("a 90-day period", "90 day"),
    ("25 per cent", "25 percent"),
    ("25%", "25 percent"),
    ("US$ 5 million", "USD 5000000"),
    ("on 1 January 2026", "2026-01-01"),
    ("on March 28, 2023", "2023-03-28"),
    ("the fifth instrument of ratification", "5 instrument"),
    ("within forty-eight (48) hours", "2 day"),
    ("within two (2) days", "2 day"),
    ("at its second meeting", "2 meeting"),
    ("at its twenty-first meeting", "21 meeting"),
    ("on the twenty-sixth day of February in the year one thousand nine hundred and ninety-six", "1996-02-26"),
    ("on the 1st day of May, 2026", "2026-05-01"),
    ("this seventeenth day of July", "????-07-17"),
])
def test_quantities_have_one_value_however_written(blank, text, value):
    nlp = blank("treaty_references", "treaty_quantities")
    doc = run(nlp, text)
    assert [s.id_ for s in doc.spans["quantities"]] == [value]


@pytest.mark.parametrize("text, quantities", [
    ("as set out in Article 7 and Annex 2", []),
    ("third parties may apply", []),
    ("the products in Annex 6, Lists 1 and 2, are excluded", []),                  # labels of lists
    ("the Treaty establishing the European Community(1) applies", []),             # a footnote mark
    ("at least three years of professional experience (2) in the sector", ["three years"]),
    ("Fait à Bruxelles, le vingt-six février", []),                                # French, not "six"
    ("as proclaimed in the Universal Declaration of Human Rights of 1948", []),    # years of names
    ("the 1950 European Convention on Human Rights", []),
    ("the goods classified under the Harmonized System 2007", []),
    ("by 2030 each Party shall", ["2030"]),                                       # a year, a date
])
def test_numbers_that_cite_or_mark_are_not_quantities(blank, text, quantities):
    doc = run(blank("treaty_references", "treaty_quantities"), text)
    assert [s.text for s in doc.spans["quantities"]] == quantities


# -- minerals -----------------------------------------------------------------------------------
def test_minerals_by_canonical_name(blank):
    nlp = blank("treaty_minerals")
    doc = run(nlp, "Lithium, rare earths, PGMs and aluminum, but not pgms.")
    assert [s.id_ for s in doc.spans["minerals"]] == ["lithium", "rare earth elements", "platinum group metals",
                                                       "aluminium"]


def test_a_reference_word_inside_a_longer_word_is_no_reference():
    from analysis.references import find

    assert [written for *_, written in find("under Article 5 and sub-paragraph (b) of paragraph 2")] == \
        ["Article 5", "sub-paragraph (b) of paragraph 2"]
    assert find("the xArticle 5 and the pre-paragraph 2 of the Subarticle 3") == []
