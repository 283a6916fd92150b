"""The words of a defined term: as quoted, as used, singular and plural, in either spelling. No
spaCy here: the material-change rules use it in a process that never loads the pipeline."""
from __future__ import annotations

import re

_ARTICLES = ("the ", "a ", "an ", "The ")
# British and American spellings of one word, each rewritten to one form (on lower-case text). A
# rule may also rewrite a word that has no variant ("otherwise" -> "otherwize"): harmless, since
# both texts compared are rewritten alike
_SPELLINGS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"(?<=\w\w)our(?=(?:s|ed|ing|ers?|able|ably|ful|al|ally|ite|ites|hood|hoods)?\b)", "or"),  # labour, endeavoured
    (r"(?<=\w\w)is(?=(?:e|ed|es|ing|ers?|ation|ations|able)\b)", "iz"),      # organise, authorisation
    (r"(?<=\w\w)ys(?=(?:e|ed|es|ing)\b)", "yz"),                              # analyse
    (r"(?<=\w\w[bt])re(?=s?\b)", "er"),                                       # centre, metre, fibre
    (r"(?<=[fct]en)ce(?=s?\b)", "se"),                                        # defence, licence, pretence
    (r"(?<=\w\w[ae])ll(?=(?:ed|ing|ers?)\b)", "l"),                           # travelled, labelling
    (r"(?<=program)me(?=s?\b)", ""),                                          # programme
    (r"(?<=dg)e(?=ments?\b)", ""),                                            # judgement
    (r"(?<=\w\w)ogue(?=s?\b)", "og"),                                         # catalogue
)]


def term_of(text: str) -> str:
    """The term as it will be used: quotes and a leading article dropped ('the Parties' -> 'Parties')."""
    text = " ".join(text.split())
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article):]
    return text


def spelling(text: str) -> str:
    """The text in lower case and one spelling: 'Labour Inspections' -> 'labor inspections'."""
    text = text.lower()
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


def plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2].lower() not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def forms(term: str) -> set[str]:
    """A term and its number-inflected forms: the last word takes the plural or the singular."""
    head, _, last = term.rpartition(" ")
    prefix = head + " " if head else ""
    return {term, prefix + plural(last), prefix + singular(last)}


def same_term(a: str, b: str) -> bool:
    return b.lower() in {form.lower() for form in forms(a)}
