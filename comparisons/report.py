"""What a comparison says in words: the summary every output format puts first."""
from __future__ import annotations

from dataclasses import dataclass, field

from .compare import ADDED, DELETED, MERGED, MOVED, SPLIT, UNCHANGED, Comparison, UnitChange


@dataclass(frozen=True)
class Sides:
    """How a summary names the two texts and what lies between them: two versions of one text
    (VERSIONS), or a draft read against a reference text (comparisons.against_report._sides)."""

    old: str = "Old"
    new: str = "New"
    old_place: str = "old text"              # a flag standing in the old text: "Article 1 (old text)"
    title: str = "Summary of changes"
    flags_title: str = "Material changes"
    flag: str = "Change"                     # the heading of the column that names each one
    kinds: dict[str, str] = field(default_factory=dict)   # the flag kinds' names where they differ


VERSIONS = Sides()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def where(change: UnitChange) -> str:
    """"Article 7 (formerly Article 6): Reference Prices"."""
    old, new = change.old, change.new
    if change.status == SPLIT:
        name = f"{new.citation} (split from {change.partner.citation})"
    elif change.status == MERGED:
        name = f"{old.citation} (merged into {change.partner.citation})"
    elif new is None:
        name = f"{old.citation} (deleted)"
    elif old is None:
        name = f"{new.citation} (new)"
    elif old.citation != new.citation:
        name = f"{new.citation} (formerly {old.citation})"
    else:
        name = new.citation
    heading = (new or old).heading
    return f"{name}: {heading}" if heading else name


def verdict(change: UnitChange) -> str:
    words = f"{plural(change.words_inserted, 'word')} inserted, {change.words_deleted} deleted"
    if change.status == SPLIT:
        return f"split off: its text was part of {change.partner.citation}, and is compared there"
    if change.status == MERGED:
        return f"merged: its text is now part of {change.partner.citation}, and is compared there"
    if change.status == MOVED:
        return "moved" + (f", and edited: {words}" if change.edited else ", text unchanged")
    if change.status in (ADDED, DELETED):
        return f"{change.status}, {plural((change.new or change.old).words(), 'word')}"
    if change.status == UNCHANGED:
        return "renumbered, text unchanged" if change.renumbered else "unchanged"
    if change.retitled and not change.edited:
        return f"heading changed from \u201c{change.old.heading}\u201d"
    return f"changed: {words}"


def headline(comparison: Comparison) -> list[str]:
    s = comparison.summary()
    parts = "".join(f", {s[key]} {word}" for key, word in (("articles_split", "split off"),
                                                        ("articles_merged", "merged")) if s[key])
    articles = (f"Articles: {s['articles_added']} added, {s['articles_deleted']} deleted, "
                f"{s['articles_moved']} moved, {s['articles_changed']} changed{parts}, "
                f"{s['articles_unchanged']} unchanged ({s['articles_renumbered']} renumbered).")
    words = f"Words: {s['words_inserted']} inserted, {s['words_deleted']} deleted."
    return [articles, words]


def describe_side(document, source: str) -> str:
    count = sum(1 for _ in document.articles())
    name = f" ({source})" if source else ""
    return f"{document.title or 'Untitled'}{name}, {plural(count, 'article')}"


def notable(comparison: Comparison) -> list[UnitChange]:
    """The units a reader must look at: every change except a bare renumbering."""
    return [c for c in comparison.changes if c.status != UNCHANGED]


def renumbered_only(comparison: Comparison) -> str:
    """"Articles 6–9 (formerly 7–10), Article 12 (formerly 14)": renumbered, text unchanged."""
    runs: list[list[UnitChange]] = []
    for change in comparison.changes:
        if change.status != UNCHANGED or not change.renumbered:
            continue
        last = runs[-1][-1] if runs else None
        if last and _follows(last.old.number, change.old.number) and _follows(last.new.number, change.new.number) \
                and last.new.citation.split()[0] == change.new.citation.split()[0]:
            runs[-1].append(change)
        else:
            runs.append([change])
    parts = []
    for run in runs:
        first, last = run[0], run[-1]
        word = first.new.citation.split()[0]
        if len(run) == 1:
            parts.append(f"{first.new.citation} (formerly {first.old.number})")
        else:
            parts.append(f"{word}s {first.new.number}\u2013{last.new.number} "
                         f"(formerly {first.old.number}\u2013{last.old.number})")
    return ", ".join(parts)


def _follows(before: str, after: str) -> bool:
    return before.isdigit() and after.isdigit() and int(after) == int(before) + 1


def place(citation: str, side: str, old: str = "old text") -> str:
    """Where a flag stands, as its table shows it: a unit of the new text by its citation, one of
    the old text (a definition the new text lacks) marked so."""
    return citation if side == "new" else f"{citation} ({old})"


def flag_places(changes: list[UnitChange], old: str = "old text") -> dict[str, UnitChange]:
    """{where a flag stands, as `place` writes it: the first of the changes whose unit it names}."""
    out: dict[str, UnitChange] = {}
    for change in changes:
        for side in ("new", "old"):
            unit = getattr(change, side)
            if unit is not None:
                out.setdefault(place(unit.citation, side, old), change)
    return out


def flag_rows(comparison: Comparison, old: str = "old text",
              kinds: dict[str, str] | None = None) -> list[tuple[str, str, str, str, str]]:
    """The material changes (analysis.flags) as table rows: what (named by `kinds` where it has
    the flag's kind), where, old wording, new wording, and a note ("reaches 12 uses of the term").
    The same change in several sentences of one article ("Georgia" became "Republic of Moldova"
    five times) is one row that says how many; the JSON keeps each with its sentence."""
    counts: dict[tuple[str, str, str, str, str], int] = {}
    for flag in comparison.flags:
        what = (kinds or {}).get(flag.kind) or flag.kind.replace("-", " ").capitalize()
        note = flag.explanation or ""
        if flag.uses is not None:
            note = (note + "; " if note else "") + f"reaches {plural(flag.uses, 'use')} of the term"
        row = (what, place(flag.article, flag.side, old), flag.old or "\u2014", flag.new or "\u2014", note)
        counts[row] = counts.get(row, 0) + 1
    return [(*row[:4], row[4] if count == 1 else (row[4] + "; " if row[4] else "") + f"in {count} sentences")
            for row, count in counts.items()]
