"""The spaCy pipeline: `spacy.blank("en")`, lookup lemmas, sentences, and the treaty components.

Every component is registered by name (`@Language.factory`) in the module named after what it
models, and reads its patterns from `analysis/patterns/`; the pipeline only puts them in order.
Nothing is downloaded: the lemma table ships with spacy-lookups-data.

Annotations live where spaCy keeps spans: `doc.spans[KEY]`, each span with a `label_` and, where
a value matters, a normalised value in `id_` ("30 day", "article:7", "US").
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable, Iterator

import yaml

PATTERNS = Path(__file__).with_name("patterns")
COMPONENTS = ("treaty_modality", "treaty_definitions", "treaty_references", "treaty_parties",
              "treaty_quantities", "treaty_minerals")
BINDING, NON_BINDING = "binding", "non-binding"


class _WordsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML in which a word is a word: "no", "on", "off" and "null" are tokens of English, not
    booleans or a missing value; only `true` and `false` are booleans (Matcher flags need them)."""


_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _NULL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_WordsLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))


def load_spacy():
    """spaCy, imported without its command line.

    `import spacy` imports spacy.cli only to re-export `spacy.info`, and the command line brings
    weasel, typer, requests and httpx: a fifth of a second of a process that analyses text. While
    spaCy's package initialises, `spacy.cli` is a stub whose `info` imports the real one when
    called; afterwards the stub is gone, so an explicit `import spacy.cli` gets the real package.
    """
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")

    def lazy_info(*args, **kwargs):
        from spacy.cli.info import info as real
        return real(*args, **kwargs)

    info.info = lazy_info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    finally:
        del sys.modules["spacy.cli"], sys.modules["spacy.cli.info"]
    return spacy


@functools.cache
def patterns(name: str):
    """The data file analysis/patterns/NAME.yaml (loaded once)."""
    with open(PATTERNS / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_WordsLoader)


def register_components() -> None:
    """Import the modules whose factories the pipeline uses (registration is an import side effect)."""
    from . import definitions, lemmas, minerals, modality, parties, quantities, references  # noqa: F401

    lemmas.register()
    modality.register()
    references.register()


# "Article 5(2)" and "paragraph 1(a)": the bracket is a token of its own, as after a space
_INFIXES = [r"(?<=[0-9a-z)])\((?=[0-9a-z])", r"(?<=[0-9a-z])\)(?=\()"]


def _tokenizer_factory():
    """spaCy's English tokenizer with our infixes, built once. Setting `infix_finditer` on the
    default tokenizer afterwards would reload its 2,700 special cases and compile the infix
    expression twice: a tenth of a second of loading the pipeline."""
    from spacy import util
    from spacy.tokenizer import Tokenizer

    def make(nlp):
        defaults = nlp.Defaults
        return Tokenizer(nlp.vocab, rules=defaults.tokenizer_exceptions,
                         prefix_search=util.compile_prefix_regex(defaults.prefixes).search,
                         suffix_search=util.compile_suffix_regex(defaults.suffixes).search,
                         infix_finditer=util.compile_infix_regex(list(defaults.infixes) + _INFIXES).finditer,
                         token_match=defaults.token_match, url_match=defaults.url_match)
    return make


def build(components: Iterable[str] = COMPONENTS):
    spacy = load_spacy()

    register_components()
    if "treaty.Tokenizer.v1" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register("treaty.Tokenizer.v1", func=_tokenizer_factory)
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "treaty.Tokenizer.v1"}}})
    nlp.add_pipe("treaty_lemmatizer", name="lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    for name in components:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@functools.cache
def nlp():
    """The pipeline, built on first use and kept for the life of the process."""
    return build()


def make_docs(texts: Iterable[str], register: str = BINDING, model=None) -> Iterator:
    """Tokenised docs that carry the register their modal verbs are to be read in."""
    model = model or nlp()
    for text in texts:
        doc = model.make_doc(text)
        doc.user_data["register"] = register
        yield doc


def analyse(texts: Iterable[str], register: str = BINDING) -> Iterator:
    """Each text through the whole pipeline, in order. A plain loop over the components: spaCy's
    `Language.pipe` added a quarter to their time on a long treaty (0.97 s against 0.76 s)."""
    model = nlp()
    steps = [component for _, component in model.pipeline]
    for doc in make_docs(texts, register, model):
        for step in steps:
            doc = step(doc)
        yield doc
