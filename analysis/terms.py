"""The words of a defined term: as quoted, as used, singular and plural. No spaCy here: the
material-change rules use it in a process that never loads the pipeline."""
from __future__ import annotations

_ARTICLES = ("the ", "a ", "an ", "The ")


def term_of(text: str) -> str:
    """The term as it will be used: quotes and a leading article dropped ('the Parties' -> 'Parties')."""
    text = " ".join(text.split())
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article):]
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
