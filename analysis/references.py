"""Cross-references: "Article 7", "paragraph 2 of Article 5", "Article 5(2)(a)", "subparagraph (b)",
"Annex I", "Articles 3 to 5", "Article XX of the GATT 1994" (external: it points elsewhere).

Reference syntax is regular, so the component reads it with the regular expressions of
patterns/references.yaml and turns each match into spans (`Doc.char_span`). Each target gets its
own span: doc.spans["references"], label the kind (article, paragraph, subparagraph, annex,
chapter, section, part), id_ the target as a key (see `Target.key`). A part of the key left empty
means "the one the reference stands in": "paragraph 2" is paragraph 2 of the current article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .pipeline import patterns

KEY = "references"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_JOINED = re.compile(r"\s*(?:,|,? or|,? and|and/or)\s*")
_THE = re.compile(r"^[Tt]he(?:\s+|(?=[A-Z]))")      # "the GATT 1994", and OCR's "theHarmonized System"
# a division of a text cited with its heading: "Chapter 3 of Title IV (Trade and Trade-related Matters)"
_DIVISION = re.compile(r"(?:Title|Part|Chapter|Section|Sub-Section)\s+[0-9IVXLC]+$")
_HEADING = re.compile(r"\s*\(([A-Z][^()]{2,100})\)")
_DIVISION_WITH_HEADING = re.compile(r"(Title|Part|Chapter|Section|Sub-Section) \S+ (\(.+\))$")
_LABELS = re.compile(r"\(([0-9a-z]{1,5})\)")
_UNIT = re.compile(r"\s*(?:-\s*)?(?:business |working |calendar )?(?:days?|weeks?|months?|years?|hours?|per ?cent|%|percent)\b", re.I)
_PLURALS = ("Articles", "articles", "Arts.", "paragraphs", "Paragraphs", "paras.", "subparagraphs",
            "sub-paragraphs", "Subparagraphs", "points", "Points", "Annexes", "Appendices", "Schedules",
            "Chapters", "Sections", "Parts")


@dataclass(frozen=True)
class Target:
    """What a reference points at. Empty fields are relative to where the reference stands."""

    kind: str
    article: str = ""
    paragraph: str = ""
    item: str = ""
    annex: str = ""
    unit: str = ""          # chapter / section / part number
    external: str = ""      # "GATT 1994": a unit of another instrument
    division: str = ""      # "paragraph 2 of Section 3": the kind of unit `unit` numbers

    @property
    def key(self) -> str:
        return "|".join((self.kind, self.article, self.paragraph, self.item, self.annex, self.unit, self.external,
                         self.division))

    @classmethod
    def from_key(cls, key: str) -> "Target":
        return cls(*key.split("|"))

    def citation(self) -> str:
        """How a treaty would write it: "paragraph 2 of Article 5", "subparagraph (a)"."""
        if self.kind in ("chapter", "section", "part"):
            text = f"{self.kind.capitalize()} {self.unit}"
        elif self.kind == "annex" and not self.paragraph:
            text = f"Annex {self.annex}"
        elif self.kind == "article" and not self.paragraph:
            text = f"Article {self.article}"
        elif self.kind == "article":
            text = f"Article {self.article}({self.paragraph})" + (f"({self.item})" if self.item else "")
        else:
            parts = []
            if self.item:
                parts.append(f"subparagraph ({self.item})")
            if self.paragraph:
                parts.append(f"paragraph {self.paragraph}")
            if self.article:
                parts.append(f"Article {self.article}")
            elif self.division:
                parts.append(f"{self.division.capitalize()} {self.unit}")
            if self.annex:
                parts.append(f"Annex {self.annex}")
            text = " of ".join(parts)
        return f"{text} of {self.external}" if self.external else text


def by_heading(external: str) -> str:
    """A division cited with its heading, known by the heading and not its number: "Title IV (Trade
    and Trade-related Matters)" and "Title V (Trade and Trade-related Matters)" are one Title in
    sibling texts numbered differently. Any other name is returned as it is."""
    match = _DIVISION_WITH_HEADING.match(external)
    return f"{match.group(1)} {match.group(2)}" if match else external


def normal_number(number: str) -> str:
    """'V' -> '5', '07' -> '7': article and annex numbers compared however they are written."""
    number = number.strip()
    if number and set(number) <= set(_ROMAN) and len(number) <= 8:
        total = 0
        for a, b in zip(number, number[1:] + " "):
            value = _ROMAN[a]
            total += -value if b in _ROMAN and _ROMAN[b] > value else value
        return str(total)
    return number.lstrip("0") or number


def register() -> None:
    """Register the component by name. spaCy is imported here, not with the module: the parser
    serves the comparison process too, which never loads spaCy."""
    from spacy.language import Language

    if not Language.has_factory("treaty_references"):
        Language.factory("treaty_references", func=make_references)


def make_references(nlp, name: str) -> "References":
    return References()


class References:
    def __init__(self):
        data = patterns("references")
        self.separator = data["separators"]
        self.kinds = []
        for kind, spec in data["kinds"].items():
            words = "|".join(re.escape(w) for w in sorted(spec["words"], key=len, reverse=True))
            number = spec["number"]
            pattern = re.compile(rf"(?P<word>{words})(?:\s+|(?=\d))(?P<items>(?:{number})(?:{self.separator}(?:{number}))*)")
            # a kind whose words a text does not hold is not searched for (the words are literal)
            self.kinds.append((kind, tuple(spec["words"]), pattern, re.compile(number)))
        this_units = "|".join(re.escape(u) for u in sorted(data["this-units"], key=len, reverse=True))
        own = "|".join(re.escape(u) for u in data["own-units"])
        # a word of another instrument's name: capitalised or a number, not a unit of our own
        name = rf"(?!(?:{own})\b)[A-Z0-9][\w\-\u2019']*(?:\.(?=\w))?[\w\-\u2019']*"
        # OCR joins words ("(b)of Article 65", "ofArticle 39", "ofthe Harmonized System", "of theHarmonized
        # System", "Article39"): "of" is still read after a closing bracket and before a unit word or
        # "the"/"this", and "the" before a capital
        of = rf"(?:\s+|(?<=\)))of(?:\s+|(?=(?:the|this|{own})\s))"
        self.tail = re.compile(
            rf"(?P<thereof>\s+thereof\b)|{of}(?:(?P<this>this|the\s+present)\s+(?:{this_units})\b"
            rf"|(?P<own>(?:{own}))(?:\s+|(?=\d))(?P<number>[0-9IVXLC](?:[0-9A-Za-z.:]*[0-9A-Za-z])?(?:\([0-9a-z]{1,4}\))*)"
            rf"|(?P<external>(?:the(?:\s+|(?=[A-Z])))?(?!Parties\b|Party\b|Participants?\b){name}"
            rf"(?:\s+(?:(?:of|on|the|for|to|in|and)\s+)*{name})*"
            rf"|(?:the|that)\s+(?!said\b|same\b|present\b)[a-z][a-z\-]+))")
        self.aliases = dict(data["external-aliases"])
        self.more_labels = re.compile(r"(?:\s*(?:,|and|or)\s*\([0-9a-z]{1,4}\))+")
        every_word = sorted({w for spec in data["kinds"].values() for w in spec["words"]}, key=len, reverse=True)
        self.any_word = re.compile(rf"(?:{'|'.join(map(re.escape, every_word))})[\s\d]")

    def __call__(self, doc):
        found = []
        for start, end, target in self.find(doc.text):
            span = doc.char_span(start, end, label=target.kind, span_id=target.key, alignment_mode="expand")
            if span is not None:
                found.append(span)
        doc.spans[KEY] = sorted(found, key=lambda span: span.start)
        return doc

    def find(self, text: str) -> list[tuple[int, int, Target]]:
        """Each target a text refers to, with where its reference stands: (start, end, target)."""
        found = []
        if any(_alone(text, match.start()) for match in self.any_word.finditer(text)):
            for kind, words, pattern, number in self.kinds:
                if not any(map(text.__contains__, words)):
                    continue
                for match in pattern.finditer(text):
                    if _alone(text, match.start()):
                        found.extend(self._targets(text, kind, match, number))
        # "Article 2" inside "paragraph 3 of Article 2" is part of that reference, not another
        inside = {i for i, (s, e, _) in enumerate(found)
                  if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in found)}
        found = sorted((item for i, item in enumerate(found) if i not in inside), key=lambda item: item[0])
        # "Article XX or Article XXI of the GATT 1994": the instrument named last is both's
        for n in range(len(found) - 2, -1, -1):
            start, end, target = found[n]
            later_start, _, later = found[n + 1]
            if later.external and not target.external and target.kind == later.kind \
                    and _JOINED.fullmatch(text[end:later_start]):
                found[n] = (start, end, replace(target, external=later.external))
        return found

    def _targets(self, text: str, kind: str, match: re.Match, number: re.Pattern) -> list[tuple[int, int, Target]]:
        items = match.group("items")
        base = match.start("items")
        if match.group("word") not in _PLURALS:
            # "paragraph 1 or 2" is a list, "Article 5 and 30 days" is not: a singular word lists
            # numbers only when no unit follows them
            kept = number.match(items).end()
            for item in list(number.finditer(items))[1:]:
                if _UNIT.match(match.string, base + item.end()):
                    break
                kept = item.end()
            items = items[:kept]
        context, external, tail = self._context(text, base + len(items))
        found = list(number.finditer(items))
        out = []
        for n, item in enumerate(found):
            start = match.start() if n == 0 else base + item.start()
            target = self._target(kind, item.group(0), context, external)
            # a lone reference spans its "of Article 2" too: it is written "paragraph 4 of Article 2"
            end = tail if len(found) == 1 and tail else base + item.end()
            out.append((start, end, target))
        return out

    def _context(self, text: str, end: int) -> tuple[Target, str, int]:
        """What follows the numbers: "of Article 5", "of this Agreement", "of the GATT 1994";
        and where the last "of <our own unit>" ends (0 if there is none)."""
        context = Target("")
        external = ""
        # "Article 4.1(a) and (b) of ...": more labels of the same unit before the "of"
        labels = self.more_labels.match(text, end)
        position = labels.end() if labels else end
        own_end = 0
        while True:
            tail = self.tail.match(text, position)
            if tail is None:
                break
            position = tail.end()
            if tail.group("thereof"):
                external = "thereof"
                break
            if tail.group("this"):
                continue
            if tail.group("own"):
                own_end = position
                word = tail.group("own").lower().rstrip("s")
                value = tail.group("number").rstrip(".:")
                if word == "article":
                    context = replace(context, article=normal_number(value.split("(")[0]))
                elif word in ("annex", "appendix"):
                    context = replace(context, annex=normal_number(value))
                elif word == "paragraph":
                    context = replace(context, paragraph=value.split("(")[0])
                elif word in ("section", "chapter", "part"):
                    # "paragraph 2 of Section 3": of that unit, not of the one it stands in
                    context = replace(context, unit=normal_number(value.split("(")[0]), division=word)
                continue
            external = _THE.sub("", " ".join(tail.group("external").split()))
            external = self.aliases.get(external, external)
            heading = _HEADING.match(text, tail.end())
            if heading and _DIVISION.match(external):
                external += f" ({' '.join(heading.group(1).split())})"    # "Title IV (Trade and ...)"
            break
        return context, external, own_end

    @staticmethod
    def _target(kind: str, item: str, context: Target, external: str) -> Target:
        labels = _LABELS.findall(item)
        head = item.split("(")[0].strip()
        if kind == "article":
            return Target("article", normal_number(head), *(labels + ["", ""])[:2], external=external)
        if kind == "paragraph":
            return Target("paragraph", context.article, head, labels[0] if labels else "", context.annex,
                          external=external, **_division(context))
        if kind == "subparagraph":
            paragraph = head or context.paragraph
            return Target("subparagraph", context.article, paragraph, labels[0] if labels else "", context.annex,
                          external=external, **_division(context))
        if kind == "annex":
            return Target("annex", annex=normal_number(head), external=external)
        return Target(kind, unit=normal_number(head), external=external)


def _alone(text: str, start: int) -> bool:
    """Whether the word found at `start` stands on its own, not at the end of a longer or a
    hyphenated word ("subparagraph", "sub-paragraph" for "paragraph"). Checked here rather than
    by a look-behind opening the expressions, which would keep Python's re from skipping ahead to
    the letters a reference starts with (several times slower). A match refused here cannot hide
    one that starts inside it: what follows the word is numbers and the words that join them."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def _division(context: Target) -> dict:
    """The section, chapter or part a paragraph reference names, when it names no article."""
    if context.division and not context.article and not context.annex:
        return {"unit": context.unit, "division": context.division}
    return {}


_WORDS = {"article": "Article", "paragraph": "paragraph", "subparagraph": "subparagraph", "annex": "Annex",
          "chapter": "Chapter", "section": "Section", "part": "Part"}


_FINDER: References | None = None


def find(text: str) -> list[tuple[int, int, Target, str]]:
    """The references of a plain text, without a pipeline: (start, end, target, as written)."""
    global _FINDER
    if _FINDER is None:
        _FINDER = References()
    return [(start, end, target, text[start:end]) for start, end, target in _FINDER.find(text)]


def targets(doc) -> list[tuple[object, Target]]:
    return [(span, Target.from_key(span.id_)) for span in doc.spans.get(KEY, [])]


def written(text: str, target: Target) -> str:
    """The reference as the text writes it, one target at a time: "Articles 5 and 9" gives
    "Article 5" and "Article 9"; "points (d)" gives "point (d)"."""
    text = " ".join(text.split()).rstrip(".,;:")
    word, _, rest = text.partition(" ")
    if not rest or not word[:1].isalpha() or word.startswith("("):
        return f"{_WORDS[target.kind]} {text}"
    if word.lower() in ("articles", "paragraphs", "subparagraphs", "sub-paragraphs", "points", "chapters",
                        "sections", "parts", "schedules"):
        word = word[:-1]
    elif word.lower() in ("annexes", "appendices"):
        word = "Annex" if word.lower() == "annexes" else "Appendix"
    return f"{word} {rest}"
