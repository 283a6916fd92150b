"""Material changes: what an edit does, read sentence by sentence from a comparison.

A diff says which words changed; a flag says what the change means to a lawyer:

    modality-weakened / -strengthened   "shall notify" became "may notify" (the modality scale)
    number-changed                      "within 60 days" became "within 90 days" (numbers, periods,
                                        dates, amounts, percentages; "thirty (30) days" = "30 days")
    definition-changed                  a definition's wording changed; `uses` says how many uses
                                        of the term in the new text the change reaches
    party-changed                       a party, or the generic party of a provision ("each Party",
                                        "the requesting Party"), added, removed or replaced
    reference-changed                   a cross-reference now points at another provision: the
                                        old reference's target is mapped through the comparison's
                                        alignment, so "Article 7" renumbered with its article to
                                        "Article 8" is no change, and "Article 7" left as it was
                                        while Article 7 became Article 8 is one

Only changed sentences are analysed: the sentences of changed and moved articles that are not
word for word in both versions, paired by similarity. References are also checked in unchanged
sentences, since renumbering can change what they point at without touching their words.
Definitions are compared across the whole documents.
"""
from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from drafting.model import Document

KINDS = ("modality-weakened", "modality-strengthened", "number-changed", "definition-changed",
         "party-changed", "reference-changed")
_REFERENCE_WORDS = re.compile(r"\b(?:Articles?|Sections?|[Pp]aragraphs?|[Ss]ub-?paragraphs?|Annex|Annexes|[Pp]oints?)\s+[\dIVXLC(]")
_DEFINITION_HINT = re.compile(r"[\u201c\"\u2018'\u00ab`]|hereinafter referred to as")
_QUOTES = "\u201c\u201d\"\u2018\u2019'\u00ab\u00bb"
# a sentence that defines: "'X' means", "'X' shall include" (its change is definition-changed)
_DEFINES = re.compile(r"[\u201d\"\u2019'\u00bb]\s+(?:means|mean|includes|include|refers to|denotes|comprises|"
                      r"shall (?:mean|include|refer|have the meaning)|has the meaning)\b")
_WORD = re.compile(r"\w++")   # possessive: see comparisons.diff._TOKEN


@dataclass
class Flag:
    kind: str
    article: str            # the new unit's citation ("Article 5"); the old one for deletions
    old: str                # the old wording ("shall", "60 days", "Article 7")
    new: str
    context: str            # the sentence it happens in (the new one, the old for deletions)
    uses: int | None = None  # definition-changed: uses of the term in the new text
    explanation: str = ""
    side: str = "new"       # the text `article` is a unit of: "old" for a definition the new text lacks

    def as_json(self) -> dict:
        data = {"kind": self.kind, "article": self.article, "side": self.side, "old": self.old, "new": self.new,
                "context": self.context, "explanation": self.explanation}
        if self.uses is not None:
            data["uses"] = self.uses
        return data


_WINDOW = 40            # how far ahead a changed sentence looks for its counterpart
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\u201c\"(A-Z])")


def flags(comparison, worker=None) -> list[Flag]:
    """Every material change of a comparison, in reading order of the new text. `worker` (an
    analysis.worker.Worker) runs the spaCy analysis in a child process; without one it runs here."""
    return Flagger(comparison.old, comparison.new, worker).flags(comparison)


class Flagger:
    """The flags of a comparison of two documents, in two steps so that the analysis overlaps the
    comparison: made as soon as both documents are read, it sends their definitions to the
    worker; `flags` then needs only the changed sentences analysed."""

    def __init__(self, old: Document, new: Document, worker=None, against: bool = False):
        """`against`: the old text is a reference the new one (a draft) is read against, not an
        earlier version of it; terms only the draft defines, and those only the reference defines
        that the draft never uses, are then no material change."""
        from .register import register_of

        self.against = against
        self.role = _role_change(old, new)
        self.worker = worker if worker is not None else _Here()
        self.old_register, self.new_register = register_of(old), register_of(new)
        # each side has its lane: once the worker has forked its twin, the two go side by side
        self.definitions = {side: _DefinitionRequest(document, register, self.worker, lane)
                            for lane, (side, document, register) in enumerate((("old", old, self.old_register),
                                                                               ("new", new, self.new_register)))}

    def flags(self, comparison) -> list[Flag]:
        from .records import MODALITY, PARTIES, QUANTITIES
        from .references import find

        worker = self.worker
        mapping = _Mapping(comparison)
        out: list[Flag] = []
        changes = [c for c in comparison.changes if c.old is not None and c.new is not None]
        # 1. the changed sentences of changed and moved units, paired old with new before any
        #    analysis, each analysed only for what the words that changed could carry
        vocabulary = _vocabulary()
        pairs = []
        sentences_old = _Sentences(worker, self.old_register, lane=0)
        sentences_new = _Sentences(worker, self.new_register, lane=1)
        for change in changes:
            if change.status not in ("changed", "moved") or not change.edited:
                continue
            olds = [s for line in change.lines if line.op != "equal" and line.line.kind == "text" and line.old
                    for s in _split(_text(line.old.text))]
            news = [s for line in change.lines if line.op != "equal" and line.line.kind == "text" and line.new
                    for s in _split(_text(line.new.text))]
            for a, b in _pair(olds, news):
                if _DEFINES.search(a) or _DEFINES.search(b):
                    continue          # a definition's change is one flag: definition-changed, below
                needs = _needs(a, b, vocabulary)
                pairs.append((change, a, b, needs))
                sentences_old.need(a, needs)
                sentences_new.need(b, needs)
        # 2. references, which need no spaCy: done here while the worker analyses the sentences,
        #    in the changed sentences and in unchanged paragraphs that cite other units, whose
        #    targets renumbering may have moved
        for change, a_text, b_text, _ in pairs:
            out += _references(change.new.citation, find(a_text), find(b_text), b_text, change, mapping)
        for change in changes:
            for line in change.lines:
                if line.op == "equal" and line.line.kind == "text" and _REFERENCE_WORDS.search(line.new.text):
                    text = _text(line.new.text)          # a kept paragraph reads the same on both sides
                    found = find(text)
                    if found:
                        out += _references(change.new.citation, found, found, text, change, mapping)
        # 3. definitions, across the whole of both texts: their records came first from each lane,
        #    so they are compared while the lanes finish the sentences (and listed last)
        definitions = _Definitions(comparison, mapping, self.definitions["old"], self.definitions["new"],
                                   self.role, self.against)
        old_records, new_records = sentences_old.records(), sentences_new.records()
        parties = _PartyChanges(comparison, self.role, [(old_records[a], new_records[b]) for _, a, b, needs in pairs
                                             if PARTIES in needs])
        for change, a_text, b_text, needs in pairs:
            if not needs:
                continue
            a, b = old_records[a_text], new_records[b_text]
            article = change.new.citation
            party = parties.flags(article, a, b) if PARTIES in needs else []
            if MODALITY in needs:
                out += _modality(article, a, b)
            if QUANTITIES in needs:
                out += _numbers(article, a, b, parties_changed=bool(party))
            out += party
        out += definitions.flags(parties.partner())
        order = {}
        for n, change in enumerate(comparison.changes):
            for side in ("new", "old"):
                unit = getattr(change, side)
                if unit is not None:
                    order.setdefault((side, unit.citation), n)
        return sorted(out, key=lambda f: order.get((f.side, f.article), len(order)))


class _Sentences:
    """The changed sentences of one side, sent to the worker in batches while the pairing goes
    on, so that their analysis overlaps it. A sentence that needs nothing is not sent; one sent
    already is sent again only when a later pair needs more of it, and the later answer wins."""

    BATCH = 100

    def __init__(self, worker, register: str, lane: int):
        self.worker, self.register, self.lane = worker, register, lane
        self.asked: dict[str, set] = {}        # text -> the needs sent or about to be
        self.waiting: dict[str, set] = {}
        self.tickets: list[int] = []

    def need(self, text: str, needs: set) -> None:
        asked = self.asked.get(text, set())
        if needs <= asked:
            return
        self.asked[text] = self.waiting[text] = asked | needs
        if len(self.waiting) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.waiting:
            items = [(text, tuple(sorted(needs))) for text, needs in self.waiting.items()]
            self.tickets.append(self.worker.submit("sentences", items, self.register, lane=self.lane))
            self.waiting = {}

    def records(self) -> dict:
        self.flush()
        out = {}
        for ticket in self.tickets:
            out.update(self.worker.result(ticket))
        return out


class _Here:
    """The worker's interface, run in this process."""

    def __init__(self):
        self.answers = []

    def submit(self, task: str, *args, lane: int = 0) -> int:
        self.answers.append(_local(task, *args))
        return len(self.answers) - 1

    def result(self, ticket: int):
        return self.answers[ticket]


class _DefinitionRequest:
    """The passages of a document that may define terms, sent to be analysed."""

    def __init__(self, document: Document, register: str, worker, lane: int):
        from .located import passages

        self.passages = [p for p in passages(document) if _DEFINITION_HINT.search(p.text)]
        self.worker = worker
        self.ticket = worker.submit("definitions", [p.text for p in self.passages], register, lane=lane) \
            if self.passages else None

    def records(self):
        return zip(self.passages, self.worker.result(self.ticket)) if self.ticket is not None else []


def _local(task: str, *args):
    from .records import TASKS
    return TASKS[task](*args)


# -- analysis -------------------------------------------------------------------------------------
def _text(line: str) -> str:
    from .located import strip_label
    return strip_label(line)


def _split(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _pair(olds: list[str], news: list[str]) -> list[tuple[str, str]]:
    """Old and new sentences that are versions of each other: identical ones are left out, the
    others paired in order by the words they share."""
    old_text, new_text = Counter(olds), Counter(news)
    olds = [s for s in olds if s not in new_text]
    news = [s for s in news if s not in old_text]
    bags_old = [set(_WORD.findall(s.lower())) for s in olds]
    bags_new = [set(_WORD.findall(s.lower())) for s in news]
    pairs, j0 = [], 0
    for i, a in enumerate(bags_old):
        best, score = None, 0.5
        size = len(a)
        for j in range(j0, min(len(bags_new), j0 + _WINDOW)):
            b = bags_new[j]
            if min(size, len(b)) < score * max(size, len(b)) - 1e-9:
                continue      # bags this unequal in size cannot share enough words
            common = len(a & b)
            similarity = common / max(1, size + len(b) - common)
            if similarity >= score:
                best, score = j, similarity
        if best is not None:
            pairs.append((olds[i], news[best]))
            j0 = best + 1
    return pairs


_TOKEN = re.compile(r"\w++|[^\w\s]")


def _vocabulary() -> dict[str, tuple[str, ...]]:
    """For each lower-case word whose change can matter to a kind of analysis, those kinds: the
    words of each kind are every word of its patterns, less the commonest function words.
    Sentences that differ only in other words (a noun replaced, a typo fixed) are not run
    through that analysis."""
    from .pipeline import patterns
    from .records import MODALITY, PARTIES, QUANTITIES

    def collect(value, words):
        if isinstance(value, str):
            words.update(w.lower() for w in _TOKEN.findall(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ("NOT_IN", "not-after", "words"):
                    continue        # what a cue must not contain, or the lists those are made from
                collect(str(key), words)        # the words of a table ("second": 2) are its keys
                collect(item, words)
        elif isinstance(value, list):
            for item in value:
                collect(item, words)
        return words

    common = {"the", "a", "an", "of", "to", "in", "and", "or", "its", "their", "be", "is", "are", "on", "for",
              "by", "with", "as", "at", "from", "op", "orth", "lower", "lemma", "not_in", "is_alpha",
              "is_punct", "label", "pattern", "true", "false", "non-binding", "not-after", "words", "cues"}
    # words of the modal patterns so frequent in any text that their change alone says nothing
    # ("it", "such", "each"); the cue's head word ("shall", "may", "right") changes with it
    frequent = {"it", "that", "such", "each", "all", "both", "so", "then", "under", "every", "do", "does",
                "into", "made", "same", "take", "taken", "his", "her", "form", "read", "need", "case",
                "event", "measures", "steps", "free", "concern", "goal", "objective", "option", "side",
                "sides", "forward", "again", "much", "far", "only", "also", "further", "if", "they"}
    punctuation = {w for w in collect(patterns("modality"), set()) if not w[:1].isalpha()}
    words = {MODALITY: collect(patterns("modality"), set()) - common - frequent - punctuation,
             QUANTITIES: collect(patterns("quantities"), set()) - common,
             PARTIES: collect(patterns("parties"), set()) - common | {"that", "which", "who"}}
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, members in words.items():
        for word in members:
            kinds[word] = kinds.get(word, ()) + (kind,)
    return kinds


def _needs(a: str, b: str, vocabulary: dict[str, tuple[str, ...]]) -> set[str]:
    from .records import PARTIES, QUANTITIES

    x, y = _TOKEN.findall(a), _TOKEN.findall(b)
    changed = set(x) ^ set(y)
    if not changed:                       # the same words, some more often than before
        changed = set(Counter(x) - Counter(y)) | set(Counter(y) - Counter(x))
    needs = set()
    for word in changed:
        lower = word.lower()
        needs.update(vocabulary.get(lower, ()))
        if word[:1].isdigit():
            needs.add(QUANTITIES)
        if word[:1].isupper():
            needs.add(PARTIES)
    if changed and (_PARTY_CLAUSE.search(a) or _PARTY_CLAUSE.search(b)):
        needs.add(PARTIES)         # "A Party that receives" -> "A Party that requests": its role
    return needs


_PARTY_CLAUSE = re.compile(r"(?:Party|Parties|Participants?) (?:that|which|who)\b")   # no leading \b: see register


def _modality(article: str, a, b) -> list[Flag]:
    from .modality import rank

    # the first predicate's force, then that of each predicate coordinated with it ("... and
    # shall consult"), when both sentences coordinate as many
    steps = [(a.label, a.cue or a.label, b.label, b.cue or b.label)]
    if len(a.also) == len(b.also):
        steps += [(old, x, new, y) for (old, x), (new, y) in zip(a.also, b.also)]
    for old, x, new, y in steps:
        if rank(old) != rank(new):
            kind = "modality-weakened" if rank(new) > rank(old) else "modality-strengthened"
            return [Flag(kind, article, x, y, b.text, explanation=f"{old} \u2192 {new}")]
    return []


def _numbers(article: str, a, b, parties_changed: bool = False) -> list[Flag]:
    removed = _unmatched(a.quantities, b.quantities)
    added = _unmatched(b.quantities, a.quantities)
    if parties_changed and not (removed and added):
        # "at least two Participants" -> "Japan and the United States": the count went with the
        # party phrase it counted, and that change is the party flag's
        removed = [q for q in removed if not _counts_parties(a.text, q[1])]
        added = [q for q in added if not _counts_parties(b.text, q[1])]
    out = []
    for n in range(max(len(removed), len(added))):
        x = removed[n][1] if n < len(removed) else ""
        y = added[n][1] if n < len(added) else ""
        out.append(Flag("number-changed", article, x, y, b.text))
    return out


def _counts_parties(sentence: str, number: str) -> bool:
    """Whether the number, as written, counts parties in the sentence ("two Participants")."""
    return re.search(rf"(?<!\w){re.escape(number)}\s+(?:{_party_words()})\b", sentence) is not None


@functools.cache
def _party_words() -> str:
    """The generic words for the parties (patterns/parties.yaml), as an alternation."""
    from .pipeline import patterns

    words = sorted(patterns("parties")["party-words"], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)


def _unmatched(these: list, those: list) -> list:
    """The quantities of `these` whose value `those` does not have (as often)."""
    left = Counter(value for value, _ in those)
    out = []
    for value, text in these:
        if left[value] > 0:
            left[value] -= 1
        else:
            out.append((value, text))
    return out


@functools.cache
def _role_names() -> dict[str, str]:
    """{singular: plural} of the generic words for the parties ("Party": "Parties"), from
    patterns/parties.yaml, which lists each singular before its plural. As analysis.parties ids
    (singular), each means all the parties of an instrument: no role, no clause."""
    from .pipeline import patterns

    words = patterns("parties")["party-words"]
    return dict(zip(words[::2], words[1::2]))


class _PartyChanges:
    """Party flags, with one exception: two versions concluded with different partners.

    Sibling agreements (the EU with Georgia, the EU with the Republic of Moldova) name a different
    Party wherever the partner acts. When exactly one named Party of the old text appears nowhere
    in the new text, and exactly one of the new text nowhere in the old, the one stands for the
    other ("the Georgian statistical system" for "the statistical system of the Republic of
    Moldova"): a provision whose only change of parties is that substitution gets no flag of its
    own, and the first of them carries one flag that says so for all of them."""

    def __init__(self, comparison, role: tuple[str, str] | None, records: list[tuple]):
        self.swap: tuple[str, str] | None = None
        self.reported = False
        # the two texts' own words for their parties ("Participants" in a memorandum, "Parties" in
        # the agreement drafted from it, see _role_change): the one stands for the other
        self.role = role
        self.role_reported = False
        self.role_count = sum(1 for a, b in records if self._role_only(a, b))
        gone, came = set(), set()
        for a, b in records:
            old, new = set(self._old(a)), {key for key, _ in b.parties}
            gone |= old - new
            came |= new - old
        if not gone or not came:
            return
        names = _party_names()
        old_units = [c.old for c in comparison.changes if c.old is not None]
        new_units = [c.new for c in comparison.changes if c.new is not None]
        new_texts = [u.heading + " " + u.body for u in new_units]
        old_texts = [u.heading + " " + u.body for u in old_units]
        absent_new = [code for code in gone if code in names and not _mentioned(names[code], new_texts)]
        absent_old = [code for code in came if code in names and not _mentioned(names[code], old_texts)]
        if len(absent_new) != 1 or len(absent_old) != 1:
            # a text may name its partner's predecessor in passing ("Building on the Agreement with
            # Japan"): the parties it is concluded between are those its title and opening name
            old_sides, new_sides = _concluded(comparison.old, names), _concluded(comparison.new, names)
            absent_new = [code for code in gone if code in old_sides - new_sides]
            absent_old = [code for code in came if code in new_sides - old_sides]
        if len(absent_new) == 1 and len(absent_old) == 1:
            x, y = self.swap = (absent_new[0], absent_old[0])
            self.words = {code: _words(names[code]) for code in (x, y)}
            self.names = {code: names[code][0] for code in (x, y)}
            self.count = sum(1 for a, b in records
                             if {k for k, _ in a.parties} != {k for k, _ in b.parties} and self._keys(a, b)[2])

    def partner(self) -> tuple[re.Pattern, re.Pattern] | None:
        """The names of the replaced partner and of its replacement, as patterns, when the two
        texts were concluded with different partners."""
        if not self.swap:
            return None
        x, y = self.swap
        return _with_article(self.words[x]), _with_article(self.words[y])

    def _keys(self, a, b) -> tuple[set, set, bool]:
        """The parties of each sentence (the partner also where only its adjective names it:
        "the Georgian statistical system"), and whether they differ only by the substitution."""
        old, new = set(self._old(a)), {key for key, _ in b.parties}
        if not self.swap:
            return old, new, False
        x, y = self.swap
        if x not in old and self.words[x].search(a.text):
            old.add(x)
        if y not in new and self.words[y].search(b.text):
            new.add(y)
        return old, new, x in old and y in new and {y if key == x else key for key in old} == new

    def _old(self, a) -> dict[str, str]:
        """The old sentence's parties {id: as written}, in the new text's word for the parties."""
        if not self.role:
            return dict(a.parties)
        return {_in_new_words(key, self.role): text for key, text in a.parties}

    def _role_only(self, a, b) -> bool:
        """Whether the two sentences' parties differ only by the texts' words for them."""
        return bool(self.role) and {k for k, _ in a.parties} != {k for k, _ in b.parties} \
            and set(self._old(a)) == {k for k, _ in b.parties}

    def flags(self, article: str, a, b) -> list[Flag]:
        if self._role_only(a, b):
            if self.role_reported:
                return []
            self.role_reported = True
            was, now = self.role
            return [Flag("party-changed", article, was, now, b.text,
                         explanation=f"the {_plural_role(was)} are called {_plural_role(now)} throughout: "
                                     f"{_provisions(self.role_count)}")]
        old, new = self._old(a), dict(b.parties)
        if set(old) == set(new):
            return []
        old_keys, new_keys, swapped = self._keys(a, b)
        if swapped:
            if self.reported:
                return []
            self.reported = True
            x, y = self.swap
            was, now = old.get(x, self.names[x]), new.get(y, self.names[y])
            return [Flag("party-changed", article, was, now, b.text,
                         explanation=f"{was} is replaced by {now} throughout: {_provisions(self.count)}")]
        if self.swap:                  # the partner's own substitution is no part of this change
            x, y = self.swap
            old_keys = {y if key == x else key for key in old_keys}
            old = {(y if key == x else key): text for key, text in old.items()}
        gone = [key for key in old if key not in new_keys]
        came = [key for key in new if key not in old_keys]
        if set(gone + came) <= _role_names().keys():
            # "The Parties shall promote ..." -> "shall promote ..." under a lead-in naming them: the
            # parties as a whole, named or left implicit, bind the same parties
            return []
        return [Flag("party-changed", article, ", ".join(old[k] for k in gone), ", ".join(new[k] for k in came), b.text)]


def _provisions(count: int) -> str:
    return f"{count} changed provision{'s' if count != 1 else ''}"


def _concluded(document: Document, names: dict) -> set[str]:
    """The codes of the named parties that a text's title and opening name: the parties it is
    concluded between (the recitals may name others)."""
    text = " ".join([document.title or "", document.subtitle or "", *document.opening])
    return {code for code, words in names.items() if _mentioned(words, [text])}


def _role_word(document: Document) -> str | None:
    """The word a text uses for its parties: the one of four uses or more out of five, if any."""
    from .register import party_words

    counts = party_words(document)
    word, count = counts.most_common(1)[0]
    return word if count >= 3 and count >= 0.8 * sum(counts.values()) else None


def _role_change(old: Document, new: Document) -> tuple[str, str] | None:
    was, now = _role_word(old), _role_word(new)
    return (was, now) if was and now and was != now else None


def _plural_role(word: str) -> str:
    return _role_names().get(word, word)


def _in_new_words(text: str, role: tuple[str, str]) -> str:
    """An old text's words for its parties replaced by the new text's."""
    was, now = role
    text = re.sub(rf"\b{_plural_role(was)}\b", _plural_role(now), text)
    return re.sub(rf"\b{was}\b", now, text)


def _party_names() -> dict:
    """{code: names and adjectives} of the named parties (patterns/parties.yaml)."""
    from .pipeline import patterns

    data = patterns("parties")
    out = {str(code): list(words or ()) for code, words in data["names"].items()}
    for code, adjectives in (data.get("adjectives") or {}).items():
        out.setdefault(str(code), []).extend(adjectives or ())
    return out


def _words(names: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))


def _with_article(pattern: re.Pattern) -> re.Pattern:
    return re.compile(rf"(?:\bthe\s+)?(?:{pattern.pattern})")


def _mentioned(names: list[str], texts: list[str]) -> bool:
    """Whether any of the names stands as a word in the texts."""
    pattern = _words(names)
    return any(any(name in text for name in names) and pattern.search(text) for text in texts)


def _references(article: str, old: list, new: list, context: str, change, mapping: "_Mapping") -> list[Flag]:
    """References paired in order; a pair whose old target, carried into the new numbering, is
    not the new one is a flag. old and new: [(start, end, Target, text)]."""
    from .references import written

    if not old and not new:
        return []
    old_keys = [mapping.forward(t, change) for _, _, t, _ in old]
    new_keys = [mapping.absolute(t, change.new) for _, _, t, _ in new]
    out = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            if old_keys[i] is None:
                continue           # the old reference pointed nowhere: nothing to compare
            x, y = written(old[i][3], old[i][2]), written(new[j][3], new[j][2])
            a, b = old[i][2].external, new[j][2].external
            if a != b:             # "Article 11(3)" -> "Article 11(3) of the Agreement": say whose
                x, y = _of(x, a), _of(y, b)
            now = mapping.describe_new(old[i][2], change)
            out.append(Flag("reference-changed", article, x, y, context,
                            explanation=f"{x} pointed at what is now {now}" if now else ""))
    return out


def _depth(kind: str, paragraph: str, item: str) -> str:
    """What a reference to an article's text points at, however it is written: "Article 5(2)" and
    "paragraph 2 of Article 5" are one paragraph, "paragraph 2(a)" and "point (a) of paragraph 2"
    one subparagraph."""
    if kind in ("article", "paragraph", "subparagraph"):
        return "subparagraph" if item else "paragraph" if paragraph else "article"
    return kind


def _external_form(target):
    """A reference to another instrument, in one form however it is written: "Article 6.5" and
    "Article 6(5)" of a WTO agreement are one paragraph, and a division cited with its heading is
    known by the heading, not its number (references.by_heading)."""
    from .references import by_heading

    article, paragraph = target.article, target.paragraph
    if target.kind == "article" and not paragraph and re.fullmatch(r"\d+\.\d+", article):
        article, paragraph = article.split(".")
    return replace(target, kind=_depth(target.kind, paragraph, target.item), article=article,
                   paragraph=paragraph, external=by_heading(target.external))


def _of(reference: str, instrument: str) -> str:
    """'Article 6' of 'GATT 1994' as a treaty writes it: 'Article 6 of the GATT 1994'."""
    if not instrument or instrument in reference:
        return reference
    if instrument == "thereof":
        return f"{reference} thereof"
    the = "" if re.match(r"(?:Title|Part|Chapter|Section|Sub-Section)\b", instrument) else "the "
    return f"{reference} of {the}{instrument}"


class _Mapping:
    """Where each old unit and paragraph went: the comparison's alignment as a lookup. Where the
    units are sections (a memorandum, an action plan: "Section 3"), a "Section N" reference
    points at a unit as "Article N" does in an agreement, and is mapped the same way."""

    def __init__(self, comparison):
        from .references import normal_number

        self.normal = normal_number
        self.word = "Article"                                   # what the units are called
        self.articles: dict[str, str | None] = {}
        self.annexes: dict[str, str | None] = {}
        self.paragraphs: dict[int, dict[str, str]] = {}        # id(old unit) -> {old no.: new no.}
        self.by_old_number: dict[str, object] = {}
        for change in comparison.changes:
            old, new = change.old, change.new
            if old is None or old.kind not in ("article", "annex") or not old.number:
                continue
            table = self.articles if old.kind == "article" else self.annexes
            if old.kind == "article" and old.citation.startswith("Section "):
                self.word = "Section"
            table[normal_number(old.number)] = normal_number(new.number) if new is not None and new.number else None
            self.by_old_number[(old.kind, normal_number(old.number))] = change
            if new is not None:
                self.paragraphs[id(change)] = _paragraph_map(change)

    def _unit(self, target):
        """A reference to a section as one to the unit of that number, where sections are the units."""
        if target.external or self.word != "Section":
            return target
        if target.kind == "section":
            return replace(target, kind="article", article=target.unit, unit="")
        if target.division == "section":   # "paragraph 2 of Section 3"
            return replace(target, article=target.unit, unit="", division="")
        return target

    def forward(self, target, change) -> str | None:
        """The old reference's target in the new numbering; None when it pointed nowhere."""
        target = self._unit(target)
        if target.external:
            return "external:" + _external_form(target).key
        if target.kind == "annex":
            if target.annex not in self.annexes:
                return None
            return f"annex:{self.annexes[target.annex]}"
        if target.kind in ("chapter", "section", "part") or target.division:
            return target.key      # a division, or a paragraph of one: not mapped, never relative
        article_change = change
        article = ""
        if target.article:
            if target.article not in self.articles:
                return None
            article = self.articles[target.article] or "deleted"
            article_change = self.by_old_number.get(("article", target.article))
        else:
            article = self.normal(change.new.number) if change.new is not None and change.new.number else ""
        paragraph = target.paragraph
        if paragraph and article_change is not None:
            paragraph = self.paragraphs.get(id(article_change), {}).get(paragraph, paragraph)
        return f"{_depth(target.kind, paragraph, target.item)}:{article}:{paragraph}:{target.item}"

    def absolute(self, target, unit) -> str:
        target = self._unit(target)
        if target.external:
            return "external:" + _external_form(target).key
        if target.kind == "annex":
            return f"annex:{target.annex}"
        if target.kind in ("chapter", "section", "part") or target.division:
            return target.key
        article = target.article or (self.normal(unit.number) if unit is not None and unit.number else "")
        return f"{_depth(target.kind, target.paragraph, target.item)}:{article}:{target.paragraph}:{target.item}"

    def describe_new(self, target, change) -> str:
        key = self.forward(target, change)
        if not key or key.startswith("external"):
            return ""
        kind, *parts = key.split(":")
        if kind == "annex":
            return f"Annex {parts[0]}" if parts[0] != "None" else "a deleted annex"
        article, paragraph, item = (parts + ["", "", ""])[:3]
        if article == "deleted":
            return "a deleted article"
        text = f"{self.word} {article}" if article else ""
        if paragraph:
            text = f"paragraph {paragraph} of {text}" if text else f"paragraph {paragraph}"
        return text


def _paragraph_map(change) -> dict[str, str]:
    """{old paragraph number: new paragraph number} from the paired lines of a unit."""
    out = {}
    for line in change.lines:
        if line.old is None or line.new is None or line.line.kind != "text" or line.old.depth or line.new.depth:
            continue
        a = re.match(r"(\d+)\.\s", line.old.text)
        b = re.match(r"(\d+)\.\s", line.new.text)
        if a and b:
            out[a.group(1)] = b.group(1)
    return out


# -- definitions ---------------------------------------------------------------------------------
class _Definitions:
    """The definitions of both documents, compared by term."""

    def __init__(self, comparison, mapping: "_Mapping", old: _DefinitionRequest, new: _DefinitionRequest,
                 role: tuple[str, str] | None = None, against: bool = False):
        self.new_document = comparison.new
        self.mapping = mapping
        self.role = role
        self.against = against
        self.old = self._collect(old, True)
        self.new = self._collect(new, False)
        self.changed = self._changed()

    def _collect(self, request: _DefinitionRequest, old: bool) -> dict[str, tuple[str, str, str, str]]:
        """{term key: (term, definition sentence, citation of its unit, the sentence with its
        references written as their targets in the new numbering)}"""
        from .references import find, normal_number

        out = {}
        for passage, records in request.records():
            unit = passage.unit
            change = self.mapping.by_old_number.get(("article", normal_number(unit.number))) if old and unit else None
            for record in records:
                sentence = record.sentence
                for start, end, target, _ in reversed(find(sentence)):
                    key = self.mapping.forward(target, change) if old and change else \
                        self.mapping.absolute(target, None if old else _Unit(unit))
                    sentence = sentence[:start] + f" {key} " + sentence[end:]
                term = record.term
                if old and self.role:       # "Participant" where the new text says "Party"
                    term, sentence = _in_new_words(term, self.role), _in_new_words(sentence, self.role)
                out.setdefault(_key(term), (record.term, record.sentence, passage.location.unit, sentence))
        return out

    def _changed(self) -> list[tuple[str, tuple | None, tuple | None, Flag]]:
        """Each term whose definition changed, with its flag (made while the analysis of the
        sentences goes on: counting the uses of a term reads the whole new text)."""
        changed = []
        for key in list(self.new) + [k for k in self.old if k not in self.new]:
            before, after = self.old.get(key), self.new.get(key)
            if before and after and (before[1] == after[1] or _same(before[3], after[3])):
                continue      # unchanged words (a stale reference in it is reference-changed), or
                              # references renumbered with their targets
            if not before and after and (after[2] in ("Preamble", "Title") or self.against):
                continue      # a term of the draft's own
            term = (after or before)[0]
            reach = self._uses(term)
            if self.against and not after and not reach:
                continue      # a term of the reference that the draft has no use for
            old_phrase, new_phrase = _difference(before[1] if before else "", after[1] if after else "")
            if self.against:
                how = "defined only in the reference" if not after else "defined otherwise than in the reference"
            else:
                how = "defined anew" if not before else "no longer defined" if not after else "redefined"
            flag = Flag("definition-changed", (after or before)[2], old_phrase, new_phrase, (after or before)[1],
                        uses=reach, explanation=f"\u201c{term}\u201d {how}", side="new" if after else "old")
            changed.append((key, before, after, flag))
        return changed

    def _uses(self, term: str) -> int:
        """The uses of a term in the new text, less those inside a longer term it defines ("stockpile"
        in "Strategic Stockpile")."""
        own = _key(term)
        longer = [entry[0] for key, entry in self.new.items() if key != own and _holds_words(key, own)]
        return max(0, uses(self.new_document, term) - sum(uses(self.new_document, t) for t in longer))

    def flags(self, partner: tuple[re.Pattern, re.Pattern] | None = None) -> list[Flag]:
        """The flags; where the texts were concluded with different partners (`partner`: the
        patterns of the old partner's names and the new one's), a definition that differs only by
        the partner's name ("juridical person of Georgia" / "of the Republic of Moldova") is none."""
        if partner is None:
            return [flag for *_, flag in self.changed]
        was, now = partner
        mark = "\u2063"
        renamed = {_key(now.sub(mark, entry[0])): entry for entry in self.new.values()}
        drop = set()
        for key, before, after, _ in self.changed:
            if before and after and _same(was.sub(mark, before[3]), now.sub(mark, after[3])):
                drop.add(key)
            elif before and not after:
                other = renamed.get(_key(was.sub(mark, before[0])))
                if other and _same(was.sub(mark, before[3]), now.sub(mark, other[3])):
                    drop.update((key, _key(other[0])))
        out = []
        for key, before, after, flag in self.changed:
            if key in drop:
                continue
            if before and after:
                # show the change of substance, not the partner's name that also changed
                x, y = _difference(was.sub(mark, before[1]), now.sub(mark, after[1]))
                if mark not in x + y:
                    flag = replace(flag, old=x, new=y)
            out.append(flag)
        return out


def _holds_words(text: str, words: str) -> bool:
    """Whether `words` stand in `text` as whole words, neither letter, digit nor underscore on
    either side (what a look-around expression would find), without compiling one per term."""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if not (start and _is_word(text[start - 1])) and not (end < len(text) and _is_word(text[end])):
            return True
        start = text.find(words, start + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass
class _Unit:
    """The number of the unit a passage stands in, as the mapping wants it."""

    article: object

    @property
    def number(self) -> str:
        return getattr(self.article, "number", "") or ""


def uses(document: Document, term: str) -> int:
    """How often a term is used in a document: its singular and plural, the first letter in
    either case, in the recitals and articles (titles and headings are no uses), the quoted term
    of a definition left out."""
    from .terms import forms

    text, lower = _text_of(document)
    count = 0
    for form in forms(term):
        needle, rest = form.lower(), form[1:]
        start = lower.find(needle)
        while start >= 0:
            end = start + len(needle)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if text[start + 1:end] == rest and not _joins(before) and not _joins(after):
                count += 1
            start = lower.find(needle, start + 1)
    return count


def _joins(char: str) -> bool:
    """A character that makes a match part of a longer word, or a quoted mention."""
    return char.isalnum() or char in "-_" or char in _QUOTES


def _text_of(document: Document) -> tuple[str, str]:
    """The recitals and articles of a document as one text, passages apart, and in lower case:
    made once for all the terms counted in it."""
    from .located import texts

    kept = _TEXTS.get(id(document))
    if kept is None or kept[0] is not document:
        text = "\n\n".join(texts(document))
        if len(_TEXTS) >= 2:
            _TEXTS.clear()
        kept = _TEXTS[id(document)] = (document, text, text.lower())
    return kept[1], kept[2]


# the texts of the last two documents (kept with the documents themselves: an id alone may be
# reused by the next document once one is gone)
_TEXTS: dict[int, tuple[Document, str, str]] = {}


_SHALL_MEAN = re.compile(r"\bshall\s+(mean|include|refer|denote|comprise)\b")


def _same(a: str, b: str) -> bool:
    """The same words, in any order and either spelling: reordering the items of a list, a serial
    comma, "labor" spelt "labour" or "shall mean" for "means" is no change of substance."""
    from .terms import spelling

    # the same content words, the way a reader sees them: "door-to-door" or "door to door",
    # "weekdays" or "week days", "the purposes" or "purpose", "they" for "these", a footnote mark
    x, y = _content(spelling(a)), _content(spelling(b))
    return sorted(x) == sorted(y) or "".join(x) == "".join(y)


_FUNCTION_WORDS = {"the", "a", "an", "this", "that", "these", "those", "they", "them", "it", "its", "their",
                   "which", "who", "whom", "whose", "such"}
_FOOTNOTE = re.compile(r"\(\d{1,3}\)")


def _content(text: str) -> list[str]:
    """The content words of a wording, singular, hyphenated and split compounds alike."""
    text = _SHALL_MEAN.sub(r"\1s", _FOOTNOTE.sub(" ", text.lower()))
    words = [w for w in _WORD.findall(text.replace("-", "")) if w not in _FUNCTION_WORDS]
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]


def _difference(old: str, new: str) -> tuple[str, str]:
    """The changed stretch of two wordings, with a word of context: 'lithium, cobalt and' /
    'lithium and'."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    left = max(0, start - 1)
    return " ".join(a[left:len(a) - end + (1 if end else 0)][:24]), " ".join(b[left:len(b) - end + (1 if end else 0)][:24])


def _key(term: str) -> str:
    """The term in lower case, one spelling and the singular: 'Labour Inspections' -> 'labor inspection'."""
    from .terms import singular, spelling

    words = spelling(term).split()
    return " ".join(words[:-1] + [singular(words[-1])]) if words else ""
