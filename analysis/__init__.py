"""Legal-language analysis: what a treaty sentence does, not only which words it has.

A rule-based spaCy pipeline (a blank English pipeline with lookup lemmas; no model is downloaded)
annotates treaty text: the modality of each sentence, definitions and the uses of defined terms,
cross-references, parties, critical minerals and quantities. On top of it, `lint` finds drafting
defects in one document and `flags` finds the material changes in a comparison.

Importing this package does not import spaCy: `analysis.pipeline` does, when a command first needs
it, so `treaty --help`, `draft` and `compare --no-flags` stay fast.

    pipeline     the spaCy pipeline, built once per process
    modality     the modality scale and the component that labels sentences
    definitions  defined terms, their uses, capitalised phrases that look like terms
    references   cross-references (Article 5, paragraph 2 of Article 7, subparagraph (a), Annex I)
    parties      parties and references to them
    quantities   numbers, periods, dates, amounts, percentages
    minerals     names of critical minerals
    terms        the words of a defined term: singular, plural, as quoted (no spaCy)
    located      a Document as located texts (article, paragraph), and their annotations
    register     binding or non-binding: what kind of instrument a document is
    lint         drafting defects in one document
    flags        material changes between two versions (no spaCy in the comparing process)
    records      what the pipeline finds in a sentence, as plain data for flags
    worker       the pipeline in a child process, loaded while the comparison runs
"""
