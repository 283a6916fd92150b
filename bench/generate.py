"""Treaty-like test documents for the comparison benchmark, and a second version with edits.

`treaty_pair(words, seed)` gives (old, new) Documents: the old text is made of chapters of
articles whose paragraphs are sentences drawn from a small vocabulary in treaty register; the new
text is the old one after seeded edits of every kind a negotiating round produces: words inserted,
deleted and replaced, paragraphs split, merged, added and removed, articles added, removed and
moved (so the articles after them are renumbered). The same (words, seed) always gives the same
pair, so the benchmark's inputs are stable from run to run and from machine to machine.

    python bench/generate.py 10000 OUTDIR    # writes OUTDIR/old.docx and OUTDIR/new.docx
"""
from __future__ import annotations

import copy
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drafting.model import Article, Division, Document, Paragraph  # noqa: E402

# -- the vocabulary: written for this benchmark, in the register of a minerals agreement ---------

SUBJECTS = [
    "Each Party", "The Parties", "The Committee", "The competent authorities of each Party",
    "A Party", "The importing Party", "The exporting Party", "The Working Group",
    "The Secretariat", "Each Party's customs administration",
]
ACTIONS = [
    "shall ensure", "shall notify", "shall endeavour to promote", "may request",
    "shall cooperate on", "shall take appropriate measures to facilitate", "shall maintain",
    "shall not adopt or maintain", "shall make publicly available", "may establish",
    "shall exchange information on", "shall give due consideration to", "shall review",
]
OBJECTS = [
    "the transparency of measures affecting trade in critical minerals",
    "reliable supply chains for lithium, cobalt and graphite",
    "any export restriction on processed minerals",
    "the traceability of ores and concentrates",
    "responsible sourcing standards for mining operations",
    "the coordinated release of strategic stockpiles",
    "investment in refining and processing capacity",
    "the reference price applied at the border",
    "environmental and labour standards in extractive industries",
    "the recognition of conformity assessment procedures",
    "technical assistance for small and medium-sized enterprises",
    "joint research on recycling and recovery of minerals",
    "the list of minerals covered by this Chapter",
    "measures that distort trade or investment in the sector",
    "the data referred to in the preceding paragraph",
]
QUALIFIERS = [
    "in accordance with its laws and regulations", "without undue delay",
    "to the extent possible", "within thirty days of a request", "on a reciprocal basis",
    "subject to the availability of resources", "through the contact points designated under this Agreement",
    "in a manner consistent with its obligations under the WTO Agreement",
    "at the request of the other Party", "taking into account the needs of developing countries",
    "in good faith", "on a non-discriminatory basis",
]
HEADINGS = [
    "Objectives", "Scope", "Definitions", "Transparency", "Export Restrictions", "Import Duties",
    "Stockpiles", "Price Floors", "Traceability", "Responsible Sourcing", "Investment",
    "Cooperation", "Contact Points", "Committee", "Review", "Dispute Settlement", "Consultations",
    "Technical Assistance", "Recycling", "Standards", "Customs Procedures", "Exceptions",
    "Security Exceptions", "Confidentiality", "Notification", "Entry into Force", "Amendments",
]
CHAPTER_HEADINGS = [
    "General Provisions", "Trade in Critical Minerals", "Supply Chain Resilience",
    "Investment and Processing", "Sustainability", "Cooperation and Capacity Building",
    "Institutional Provisions", "Dispute Settlement", "Final Provisions",
]
INSERTIONS = [
    "promptly", "in writing", "fully", "and in good faith", "where appropriate", "jointly",
    "as soon as practicable", "to the extent practicable", "effectively",
]
REPLACEMENTS = {
    "shall": ["should", "may", "will"], "ensure": ["guarantee", "secure"], "promote": ["encourage", "support"],
    "request": ["propose", "seek"], "measures": ["steps", "actions"], "information": ["data", "notifications"],
    "review": ["assess", "examine"], "minerals": ["materials", "resources"], "Party": ["Signatory", "Member"],
    "thirty": ["sixty", "ninety"], "Committee": ["Council", "Board"], "standards": ["requirements", "rules"],
}


# -- the old text ----------------------------------------------------------------------------------

class _Writer:
    """Draws sentences, paragraphs and articles from the vocabulary with one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self) -> str:
        pick = self.rng.choice
        words = [pick(SUBJECTS), pick(ACTIONS), pick(OBJECTS)]
        for _ in range(self.rng.choice((0, 1, 1, 2))):
            words.append(pick(QUALIFIERS))
        return " ".join(words) + "."

    def paragraph_text(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def paragraph(self) -> Paragraph:
        if self.rng.random() < 0.15:   # a chapeau with subparagraphs (a), (b), ...
            chapeau = f"{self.rng.choice(SUBJECTS)} {self.rng.choice(ACTIONS)} the following:"
            items = [Paragraph(self.sentence()[:-1] + ";") for _ in range(self.rng.randint(2, 4))]
            items[-1].text = items[-1].text[:-1] + "."
            return Paragraph(chapeau, children=items)
        return Paragraph(self.paragraph_text())

    def article(self) -> Article:
        paragraphs = [self.paragraph() for _ in range(self.rng.randint(1, 5))]
        return Article(heading=self.rng.choice(HEADINGS), paragraphs=paragraphs)


def count_words(document: Document) -> int:
    total = 0
    for article in document.articles():
        total += 2 + len(article.heading.split())
        total += sum(len(p.text.split()) for p in article.walk())
    return total


def treaty(words: int, seed: int) -> Document:
    """A treaty of about `words` words (never fewer), the same for the same seed."""
    writer = _Writer(random.Random(seed))
    rng = writer.rng
    document = Document(title="Agreement on Trade in Critical Minerals",
                        opening=["The Parties to this Agreement,"],
                        preamble=[Paragraph(writer.sentence()) for _ in range(3)],
                        formula="Have agreed as follows:",
                        closing=["In witness whereof, the undersigned, being duly authorised, "
                                 "have signed this Agreement."],
                        metadata={"date": "2026-01-01"})
    count = 0
    chapter = 0
    while count < words:
        division = Division(kind="Chapter", heading=CHAPTER_HEADINGS[chapter % len(CHAPTER_HEADINGS)])
        chapter += 1
        for _ in range(rng.randint(6, 14)):
            article = writer.article()
            division.articles.append(article)
            count += 2 + len(article.heading.split()) + sum(len(p.text.split()) for p in article.walk())
            if count >= words:
                break
        document.body.append(division)
    number(document)
    return document


def number(document: Document) -> None:
    """Articles 1..N through the text, chapters I..N, paragraphs 1., 2. and (a), (b): as assembly does."""
    article_number = 0
    for index, division in enumerate(document.divisions(), start=1):
        division.number = _roman(index)
    for article in document.articles():
        article_number += 1
        article.number = str(article_number)
        numbered = len(article.paragraphs) > 1
        for i, paragraph in enumerate(article.paragraphs, start=1):
            paragraph.number = str(i) if numbered else ""
            for j, child in enumerate(paragraph.children):
                child.number = "abcdefghijklmnopqrstuvwxyz"[j % 26]


def _roman(n: int) -> str:
    digits = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in digits:
        while n >= value:
            out += letters
            n -= value
    return out


# -- the new text: seeded edits ------------------------------------------------------------------

@dataclass
class EditLog:
    """How many edits of each kind the new version received (printed by the benchmark)."""

    counts: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{kind} {n}" for kind, n in self.counts.items() if n)


EDITS = ["insert words", "delete words", "replace words", "split paragraph", "merge paragraphs",
         "add paragraph", "remove paragraph", "add article", "remove article", "move article"]
WEIGHTS = [20, 15, 20, 6, 6, 8, 6, 2, 2, 3]


def edited(old: Document, seed: int, per_words: int = 120) -> tuple[Document, EditLog]:
    """A copy of `old` with about one edit per `per_words` words, renumbered; `old` is untouched."""
    new = copy.deepcopy(old)
    rng = random.Random(seed * 7919 + 1)
    writer = _Writer(rng)
    log = {kind: 0 for kind in EDITS}
    for _ in range(max(10, count_words(old) // per_words)):
        kind = rng.choices(EDITS, WEIGHTS)[0]
        if _apply(kind, new, rng, writer):
            log[kind] += 1
    number(new)
    return new, EditLog(log)


def _apply(kind: str, document: Document, rng: random.Random, writer: _Writer) -> bool:
    divisions = [d for d in document.divisions() if d.articles]
    division = rng.choice(divisions)
    article = rng.choice(division.articles)
    paragraphs = article.paragraphs
    target = rng.choice(list(article.walk()))
    words = target.text.split()
    if kind == "insert words":
        at = rng.randint(1, len(words) - 1) if len(words) > 1 else 1
        words[at:at] = rng.choice(INSERTIONS).split()
    elif kind == "delete words":
        if len(words) < 6:
            return False
        at = rng.randint(1, len(words) - 4)
        del words[at:at + rng.randint(1, 3)]
    elif kind == "replace words":
        spots = [i for i, w in enumerate(words) if w in REPLACEMENTS]
        if not spots:
            return False
        at = rng.choice(spots)
        words[at] = rng.choice(REPLACEMENTS[words[at]])
    elif kind == "split paragraph":
        index = rng.randrange(len(paragraphs))
        sentences = paragraphs[index].text.split(". ")
        if paragraphs[index].children or len(sentences) < 2:
            return False
        cut = rng.randint(1, len(sentences) - 1)
        paragraphs[index:index + 1] = [Paragraph(". ".join(sentences[:cut]) + "."),
                                       Paragraph(". ".join(sentences[cut:]))]
        return True
    elif kind == "merge paragraphs":
        if len(paragraphs) < 2:
            return False
        index = rng.randrange(len(paragraphs) - 1)
        first, second = paragraphs[index], paragraphs[index + 1]
        if first.children or second.children:
            return False
        paragraphs[index:index + 2] = [Paragraph(first.text + " " + second.text)]
        return True
    elif kind == "add paragraph":
        paragraphs.insert(rng.randint(0, len(paragraphs)), writer.paragraph())
        return True
    elif kind == "remove paragraph":
        if len(paragraphs) < 2:
            return False
        del paragraphs[rng.randrange(len(paragraphs))]
        return True
    elif kind == "add article":
        division.articles.insert(rng.randint(0, len(division.articles)), writer.article())
        return True
    elif kind == "remove article":
        if len(division.articles) < 2:
            return False
        division.articles.remove(article)
        return True
    elif kind == "move article":
        if len(division.articles) < 2:
            return False
        division.articles.remove(article)
        destination = rng.choice(divisions)
        destination.articles.insert(rng.randint(0, len(destination.articles)), article)
        return True
    target.text = " ".join(words)
    return True


def treaty_pair(words: int, seed: int = 2026) -> tuple[Document, Document, EditLog]:
    old = treaty(words, seed)
    new, log = edited(old, seed)
    return old, new, log


def main(argv: list[str]) -> None:
    from drafting.writers import render

    words, folder = int(argv[0]), Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    old, new, log = treaty_pair(words)
    (folder / "old.docx").write_bytes(render(old, "docx"))
    (folder / "new.docx").write_bytes(render(new, "docx"))
    print(f"{count_words(old)} words, edits: {log}")


if __name__ == "__main__":
    main(sys.argv[1:])
