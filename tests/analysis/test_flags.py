"""Material-change flags: each kind, through the real comparison, in every output format."""
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.flags import flags
from comparisons.compare import compare
from comparisons.readers import read
from comparisons.readers.text import read_markdown
from drafting.cli import main
from tests.analysis.fixtures import AGREEMENT
from tests.comparisons import revisions

NEW = (AGREEMENT
       .replace("Each Party shall notify", "Each Party may notify")
       .replace("within thirty (30) days", "within sixty (60) days")
       .replace("lithium, cobalt or nickel", "lithium or cobalt")
       .replace("### Article 3: Committee", "### Article 3: Consultations\n\nThe Parties shall consult each other "
                "on the matters covered by Article 3.\n\n### Article 4: Committee"))


def flagged(old, new):
    comparison = compare(read_markdown("old.md", old.encode()), read_markdown("new.md", new.encode()))
    return comparison, flags(comparison)


def test_each_kind_of_change_is_flagged_once():
    _, found = flagged(AGREEMENT, NEW)
    kinds = {(f.kind, f.article) for f in found}
    assert kinds == {("definition-changed", "Article 1"), ("modality-weakened", "Article 2"),
                     ("number-changed", "Article 2"), ("reference-changed", "Article 1")}
    definition = next(f for f in found if f.kind == "definition-changed")
    assert definition.uses == 2        # "Covered Mineral" in Article 2 and in Article 3
    weakened = next(f for f in found if f.kind == "modality-weakened")
    assert (weakened.old, weakened.new) == ("shall", "may")


def test_no_change_and_consistent_renumbering_raise_no_flag():
    assert flagged(AGREEMENT, AGREEMENT)[1] == []
    same = AGREEMENT.replace("within thirty (30) days", "within 30 days")
    assert flagged(AGREEMENT, same)[1] == []
    renumbered = (AGREEMENT.replace("### Article 3: Committee", "### Article 3: Costs\n\nEach Party shall bear "
                                    "its own costs.\n\n### Article 4: Committee")
                  .replace("publishes under Article 3.", "publishes under Article 4."))
    assert flagged(AGREEMENT, renumbered)[1] == []


def test_party_and_stale_reference_changes():
    new = (AGREEMENT.replace("Each Party shall notify the other Party", "Mexico shall notify the United States")
           .replace("### Article 3: Committee", "### Article 3: Costs\n\nEach Party shall bear its own costs.\n\n"
                    "### Article 4: Committee"))
    _, found = flagged(AGREEMENT, new)
    assert {(f.kind, f.article) for f in found} == {("party-changed", "Article 2"), ("reference-changed", "Article 1")}
    stale = next(f for f in found if f.kind == "reference-changed")
    assert stale.old == stale.new == "Article 3"


SIBLING = """# Agreement on Critical Minerals Supply

The Government of the United States of America (\u201cthe United States\u201d) and the Government of Georgia (\u201cGeorgia\u201d) (hereinafter referred to collectively as \u201cthe Parties\u201d),

Have agreed as follows:

### Article 1: Notification

1\\. Georgia shall notify the United States of any export restriction on cobalt within thirty (30) days.

2\\. The United States shall support the Georgian geological survey.

### Article 2: Stockpiles

1\\. Georgia shall keep a stock of manganese for sixty (60) days of its consumption.

2\\. Georgia shall inform the United States each year of the size, location and composition of that stock.

### Article 3: Definitions

For the purposes of this Agreement, \u201centerprise of Georgia\u201d means an enterprise constituted under the laws of Georgia.
"""


def test_a_partner_replaced_throughout_is_one_flag_and_other_party_changes_stay():
    # sibling agreements: the same text concluded with another partner
    moldova = (SIBLING.replace("the Georgian geological survey", "the geological survey of Moldova")
               .replace("Government of Georgia (\u201cGeorgia\u201d)", "Government of the Republic of Moldova "
                        "(\u201cMoldova\u201d)")
               .replace("Georgia", "Moldova"))
    _, found = flagged(SIBLING, moldova)
    parties = [f for f in found if f.kind == "party-changed"]
    assert [(f.article, f.old, f.new) for f in parties] == [("Preamble", "Georgia", "Moldova")]
    # the definitions of "Moldova" and "enterprise of Moldova" are those of "Georgia" and "enterprise
    # of Georgia" of "enterprise of the Republic of Moldova" is that of "enterprise of Georgia"
    assert [f for f in found if f.kind == "definition-changed"] == []
    # the opening, both paragraphs of Article 2, and Article 1's two (one names the partner by its adjective)
    assert parties[0].explanation.endswith("throughout: 5 changed provisions")
    # a provision that also drops the other Party is still flagged for that
    dropped = moldova.replace("shall inform the United States each year of", "shall publish each year")
    parties = [f for f in flagged(SIBLING, dropped)[1] if f.kind == "party-changed"]
    assert [(f.article, f.old, f.new) for f in parties] == [("Preamble", "Georgia", "Moldova"),
                                                             ("Article 2", "United States", "")]
    # the old partner still named in passing: replaced all the same, since the opening, which
    # says whom a text is concluded with, names Moldova and not Georgia
    kept = moldova + "\n### Article 3: Georgia\n\nNothing in this Agreement applies to Georgia.\n"
    assert [f.explanation for f in flagged(SIBLING, kept)[1] if f.kind == "party-changed"] == \
        ["Georgia is replaced by Moldova throughout: 5 changed provisions"]
    # concluded with both: no substitution, each change flagged
    both = kept.replace("(\u201cMoldova\u201d)", "(\u201cMoldova\u201d), the Government of Georgia")
    assert len([f for f in flagged(SIBLING, both)[1] if f.kind == "party-changed"]) == 5


def test_participants_that_became_parties_are_one_flag_and_roles_are_still_compared():
    # a memorandum turned into an agreement: its "Participants" are the agreement's "Parties"
    memorandum = (AGREEMENT.replace("Parties", "Participants").replace("Party", "Participant")
                  .replace("Each Participant shall notify", "Each Participant intends to notify"))
    found = flagged(memorandum, AGREEMENT)[1]
    parties = [f for f in found if f.kind == "party-changed"]
    assert [(f.old, f.new, f.explanation) for f in parties] == [
        ("Participant", "Party", "the Participants are called Parties throughout: 3 changed provisions")]
    assert ("modality-strengthened", "intends to", "shall") in {(f.kind, f.old, f.new) for f in found}
    # "the Parties" defined where the memorandum defined "the Participants": the same definition
    assert not [f for f in found if f.kind == "definition-changed"]
    # a role is still a role: the requesting Participant is not the other Party
    role = AGREEMENT.replace("Each Party shall notify the other Party", "Each Party shall notify the requesting Party")
    parties = [f for f in flagged(memorandum, role)[1] if f.kind == "party-changed"]
    assert [(f.old, f.new) for f in parties] == [("Participant", "Party"), ("the other Participant", "the requesting Party")]


def test_read_against_a_reference_only_the_terms_the_draft_needs_are_flagged():
    from analysis.flags import Flagger

    reference = AGREEMENT.replace("(b) \u201cReference Price\u201d", "(b) \u201cmeasure\u201d means any law or "
                                  "regulation; and\n\n(c) \u201cstockpile\u201d means a stock of minerals; and\n\n"
                                  "(d) \u201cexport\u201d means a sale abroad; and\n\n(e) \u201cReference Price\u201d")
    draft = (AGREEMENT.replace("(b) \u201cReference Price\u201d", "(b) \u201cStrategic Stockpile\u201d means a "
                               "stock held by a Party; and\n\n(c) \u201cReference Price\u201d")
             .replace("of any export restriction", "of any measure restricting exports or any Strategic Stockpile"))
    comparison = compare(read_markdown("reference.md", reference.encode()), read_markdown("draft.md", draft.encode()))
    found = Flagger(comparison.old, comparison.new, against=True).flags(comparison)
    definitions = [f for f in found if f.kind == "definition-changed"]
    # "measure": used by the draft, defined only in the reference; "stockpile": in the draft only
    # inside "Strategic Stockpile", which it defines itself; "export" ("exports"): used;
    # "Strategic Stockpile": the draft's own term
    assert sorted((f.explanation, f.uses, f.article, f.side) for f in definitions) == [
        ("\u201cexport\u201d defined only in the reference", 1, "Article 1", "old"),
        ("\u201cmeasure\u201d defined only in the reference", 1, "Article 1", "old")]
    # the same two texts as versions of one text: every definition that came and went
    versions = [f.explanation for f in flags(comparison) if f.kind == "definition-changed"]
    assert sorted(versions) == ["\u201cStrategic Stockpile\u201d defined anew", "\u201cexport\u201d no longer defined",
                                "\u201cmeasure\u201d no longer defined", "\u201cstockpile\u201d no longer defined"]


def test_a_count_of_parties_replaced_by_their_names_is_one_party_flag():
    old = AGREEMENT.replace("Each Party shall notify the other Party", "At least two Parties shall notify the Committee")
    new = AGREEMENT.replace("Each Party shall notify the other Party", "Mexico and the United States shall notify the Committee")
    assert [f.kind for f in flagged(old, new)[1]] == ["party-changed"]
    # a count of parties that changed is still a number
    fewer = AGREEMENT.replace("Each Party shall notify the other Party", "At least three Parties shall notify the Committee")
    assert [(f.kind, f.old, f.new) for f in flagged(old, fewer)[1]] == [("number-changed", "two", "three")]


def test_the_parties_as_a_whole_named_or_left_implicit_is_no_party_change():
    implicit = AGREEMENT.replace("2\\. The Committee shall publish a Reference Price",
                                 "2\\. A Reference Price shall be published by the Committee")
    old = AGREEMENT.replace("2\\. The Committee shall publish a Reference Price",
                            "2\\. The Parties shall ensure that the Committee publishes a Reference Price")
    new = AGREEMENT.replace("2\\. The Committee shall publish a Reference Price",
                            "2\\. It shall be ensured that the Committee publishes a Reference Price")
    assert [f.kind for f in flagged(old, new)[1]] == []
    assert flagged(AGREEMENT, implicit)[1] == []
    # a role is still a change: the other Party is not every Party
    role = old.replace("The Parties shall ensure", "The requesting Party shall ensure")
    assert [(f.kind, f.old, f.new) for f in flagged(old, role)[1]] == [("party-changed", "The Parties", "The requesting Party")]


@pytest.mark.parametrize("old, new", [
    ("\u201cCovered Mineral\u201d means", "\u201cCovered Mineral\u201d shall mean"),
    ("lithium, cobalt or nickel, in any form", "lithium, cobalt or nickel, in any forms"),
    ("in any form; and", "in any form (1); and"),                       # a footnote mark
    ("that the Committee publishes", "which the Committee publishes"),
])
def test_a_definition_reworded_without_a_change_of_substance_is_no_change(old, new):
    assert flagged(AGREEMENT, AGREEMENT.replace(old, new))[1] == []


def test_a_definition_that_gains_a_word_of_substance_is_flagged():
    found = flagged(AGREEMENT, AGREEMENT.replace("lithium, cobalt or nickel, in any form",
                                                 "lithium, cobalt or nickel, in any refined form"))[1]
    assert [(f.kind, f.article) for f in found] == [("definition-changed", "Article 1")]


def test_a_reference_written_another_way_to_the_same_place_is_no_change():
    def cite(references):
        return AGREEMENT.replace("2\\. The notification referred to in paragraph 1 shall be made in writing.",
                                 f"2\\. The notification shall be made in writing, as provided in {references}.")
    old = cite("Article 3(2), in Article 6.5 of the SPS Agreement and in Chapter 3 of Title IV (Trade Matters) of "
               "the Framework")
    same = cite("paragraph 2 of Article 3, in Article 6(5) of the SPS Agreement and in Chapter 3 of Title V "
                "(Trade Matters) of the Framework")
    assert flagged(old, same)[1] == []
    other = cite("paragraph 1 of Article 3, in Article 6(5) of the SPS Agreement and in Chapter 3 of Title V "
                 "(Trade Matters) of the Framework")
    assert [(f.kind, f.old, f.new) for f in flagged(old, other)[1]] == [
        ("reference-changed", "Article 3(2)", "paragraph 1 of Article 3")]
    # the same article of another instrument: the flag says whose
    elsewhere = old.replace("Article 6.5 of the SPS Agreement", "Article 6.5 of the TBT Agreement")
    assert [(f.old, f.new) for f in flagged(old, elsewhere)[1]] == [
        ("Article 6.5 of the SPS Agreement", "Article 6.5 of the TBT Agreement")]


def test_a_coordinated_predicate_that_loses_its_duty_is_flagged():
    old = AGREEMENT.replace("on a Covered Mineral within thirty (30) days.", "on a Covered Mineral within thirty "
                            "(30) days and shall consult the other Party on request.")
    assert "and shall consult" in old
    _, found = flagged(old, old.replace("and shall consult", "and may consult"))
    assert [(f.kind, f.old, f.new) for f in found] == [("modality-weakened", "shall", "may")]
    assert flagged(old, old.replace("and shall consult", "and shall also consult"))[1] == []


def test_a_period_in_hours_and_the_same_period_in_days_are_one_value():
    old = AGREEMENT.replace("within thirty (30) days", "within forty-eight (48) hours")
    assert flagged(old, old.replace("forty-eight (48) hours", "two (2) days"))[1] == []
    assert [f.kind for f in flagged(old, old.replace("forty-eight (48) hours", "three (3) days"))[1]] == \
        ["number-changed"]


def test_a_definition_respelt_is_no_change():
    british = AGREEMENT.replace(
        "(b) \u201cReference Price\u201d means the price that the Committee publishes under Article 3.",
        "(b) \u201cReference Price\u201d means the price that the Committee publishes under Article 3; and\n\n"
        "(c) \u201cAuthorised Smelter\u201d means a smelter that a Party has authorised to refine a Covered "
        "Mineral and whose labour practices meet the Committee\u2019s criteria.")
    american = british.replace("Authorised", "Authorized").replace("authorised", "authorized").replace("labour", "labor")
    assert flagged(british, american)[1] == []
    changed = american.replace("the Committee\u2019s criteria", "the criteria of each Party")
    _, found = flagged(british, changed)
    assert [(f.kind, f.article) for f in found] == [("definition-changed", "Article 1")]
    assert "redefined" in found[0].explanation


# an action plan whose units are sections, and the same plan with its sections 2 and 3 swapped
PLAN = """# Action Plan on Mineral Statistics

The Government of Japan and the Government of the Republic of Korea (hereinafter referred to collectively as \u201cthe Participants\u201d) adopt this Action Plan.

The Participants have decided as follows:

### Section 1: Data

The Participants will publish the data described in this Section at the workshops held under Section 3.

### Section 2: Methods

The Participants will align their methods for estimating mine output.

### Section 3: Workshops

The Participants will hold two workshops a year.
"""
SWAPPED = (PLAN[:PLAN.index("### Section 2")]
           + "### Section 2: Workshops\n\nThe Participants will hold two workshops a year.\n\n"
           + "### Section 3: Methods\n\nThe Participants will align their methods for estimating mine output.\n")


def test_a_section_reference_follows_its_section_when_sections_move():
    _, stale = flagged(PLAN, SWAPPED)
    assert [(f.kind, f.article, f.old, f.new) for f in stale] == [("reference-changed", "Section 1", "Section 3",
                                                                   "Section 3")]
    assert "Section 2" in stale[0].explanation
    updated = SWAPPED.replace("held under Section 3", "held under Section 2")
    assert flagged(PLAN, updated)[1] == []


def test_a_paragraph_of_another_section_is_read_in_that_section_not_the_current_one():
    plan = (PLAN.replace("at the workshops held under Section 3.", "at the workshops held under paragraph 2 of Section 3.")
            .replace("two workshops a year.", "two workshops a year.\n\n2\\. The Participants will invite industry.")
            .replace("The Participants will hold two", "1\\. The Participants will hold two"))
    swapped = (plan[:plan.index("### Section 2")]
               + plan[plan.index("### Section 3"):].replace("Section 3", "Section 2")
               + "\n### Section 3: Methods\n\nThe Participants will align their methods for estimating mine output.\n")
    _, stale = flagged(plan, swapped)
    assert [(f.kind, f.article, f.old) for f in stale] == [("reference-changed", "Section 1", "paragraph 2 of Section 3")]
    assert "paragraph 2 of Section 2" in stale[0].explanation
    assert flagged(plan, swapped.replace("paragraph 2 of Section 3", "paragraph 2 of Section 2"))[1] == []


def test_the_worker_gives_what_the_analysis_here_gives():
    from analysis.flags import Flagger
    from analysis.worker import Worker

    comparison, here = flagged(AGREEMENT, NEW)
    with Worker() as worker:
        there = Flagger(comparison.old, comparison.new, worker).flags(comparison)
    assert [f.as_json() for f in there] == [f.as_json() for f in here]


@pytest.fixture
def pair(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(AGREEMENT, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def run_compare(*args):
    return CliRunner().invoke(main, ["compare", *map(str, args), "--date", "2026-01-01"])


def test_json_carries_the_flags_and_no_flags_skips_them(tmp_path, pair):
    out = tmp_path / "c.json"
    assert run_compare(*pair, "-o", out).exit_code == 0
    data = json.loads(out.read_text())
    assert {f["kind"] for f in data["flags"]} == {"definition-changed", "modality-weakened", "number-changed",
                                                   "reference-changed"}
    assert set(data["flags"][0]) >= {"kind", "article", "old", "new", "context"}
    assert run_compare(*pair, "-o", out, "--force", "--no-flags").exit_code == 0
    assert json.loads(out.read_text())["flags"] == []


def test_html_and_markdown_show_the_material_changes(tmp_path, pair):
    html, md = tmp_path / "c.html", tmp_path / "c.md"
    assert run_compare(*pair, "-o", html).exit_code == 0
    assert run_compare(*pair, "-o", md).exit_code == 0
    page = html.read_text()
    assert "<h2>Material changes</h2>" in page and 'href="#c' in page
    assert page.index("Material changes") < page.index("<nav>")
    assert "## Material changes" in md.read_text() and "Modality weakened" in md.read_text()


def test_the_redline_summary_holds_the_table_and_the_text_still_round_trips(tmp_path, pair):
    from comparisons.redline import SUMMARY_END
    from comparisons.units import document_lines

    out = tmp_path / "c.docx"
    assert run_compare(*pair, "-o", out).exit_code == 0
    docx = out.read_bytes()
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode()
    assert "<w:tbl>" in body and body.index("Material changes") < body.index(SUMMARY_END)
    # what the changes do comes before the list of changes by article
    assert body.index("Material changes") < body.index("Changes by article")
    table = body[body.index("<w:tbl>"):body.index("</w:tbl>")]
    assert "<w:ins " not in table and "<w:del " not in table          # the summary is never tracked
    old, new = read(pair[0]), read(pair[1])
    norm = lambda lines: [" ".join(line.split()) for line in lines]
    assert revisions.after_summary(revisions.paragraphs(docx, "accept"), SUMMARY_END) == norm(document_lines(new))
    assert revisions.after_summary(revisions.paragraphs(docx, "reject"), SUMMARY_END) == norm(document_lines(old))
    back = read(out)                                     # a redline read back leaves its summary out
    assert [a.citation for a in back.articles()] == [a.citation for a in new.articles()]


def test_the_two_lanes_are_two_processes_that_answer_as_the_parent_would():
    from analysis import records
    from analysis.worker import Worker

    texts = [f"\u201cCovered Mineral {n}\u201d means a mineral listed in Annex {n}. Each Party shall notify it."
             for n in range(40)]
    items = [(text, ("modality",)) for text in texts]
    with Worker() as worker:
        tickets = [worker.submit("definitions", texts, "binding", lane=0),
                   worker.submit("sentences", items, "binding", lane=1),
                   worker.submit("sentences", items[:3], "binding", lane=0)]
        assert len(worker.lanes) == 2
        # answers collected out of order still match their tickets
        last, second, first = (worker.result(t) for t in reversed(tickets))
        # lane 1 is served by the twin the child forked once the pipeline had loaded
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
        if children.exists():
            assert len(children.read_text().split()) == 1
    assert [[r.term for r in found] for found in first] == [[r.term for r in found] for found in
                                                            records.definitions(texts, "binding")]
    assert second == records.sentences(items, "binding") and last == records.sentences(items[:3], "binding")


def test_a_lane_whose_process_died_is_worked_here():
    import os
    import signal

    from analysis import records
    from analysis.worker import Worker

    items = [("Each Party shall notify the other Party.", ("modality",))]
    with Worker() as worker:
        assert worker.call("sentences", items, "binding") == records.sentences(items, "binding")
        os.kill(worker.pid, signal.SIGKILL)       # lane 0's process; its twin serves lane 1
        ticket = worker.submit("sentences", items, "binding", lane=0)
        assert worker.result(ticket) == records.sentences(items, "binding")


def test_the_same_change_in_several_sentences_is_one_row_of_the_table():
    from analysis.flags import Flag
    from comparisons.report import flag_rows

    class Shown:
        flags = [Flag("party-changed", "Article 1", "Georgia", "Moldova", f"Sentence {n}.") for n in range(3)] + \
            [Flag("party-changed", "Article 2", "Georgia", "Moldova", "Another."),
             Flag("number-changed", "Article 1", "60 days", "90 days", "Within 60 days.", explanation="longer"),
             Flag("number-changed", "Article 1", "60 days", "90 days", "And 60 days.", explanation="longer")]

    assert flag_rows(Shown()) == [
        ("Party changed", "Article 1", "Georgia", "Moldova", "in 3 sentences"),
        ("Party changed", "Article 2", "Georgia", "Moldova", ""),
        ("Number changed", "Article 1", "60 days", "90 days", "longer; in 2 sentences")]


def test_a_term_inside_a_longer_term_is_found_as_the_expression_finds_it():
    import random
    import re

    from analysis.flags import _holds_words

    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice("ab _-é1 ") for _ in range(rng.randint(0, 12)))
        words = "".join(rng.choice("ab é") for _ in range(rng.randint(1, 3)))
        expected = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None
        assert _holds_words(text, words) == expected, (text, words)
