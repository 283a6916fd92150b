"""The redline writer's encoding rules."""
from comparisons.diff import Segment
from comparisons.redline import _end_without_insertion


def text(segments, keep):
    return "".join(s.text for s in segments if s.op in ("equal", keep))


def test_a_final_replacement_is_written_insertion_first():
    segments = [Segment("equal", "within "), Segment("delete", "60 days"), Segment("insert", "90 days")]
    out = _end_without_insertion(segments)
    assert [s.op for s in out] == ["equal", "insert", "delete"]
    assert text(out, "insert") == "within 90 days" and text(out, "delete") == "within 60 days"


def test_a_final_insertion_takes_the_last_kept_word_along():
    segments = [Segment("equal", "Each Party shall notify"), Segment("insert", " promptly.")]
    out = _end_without_insertion(segments)
    assert out[-1].op == "delete" and out[-1].text == "notify"
    assert text(out, "insert") == "Each Party shall notify promptly."
    assert text(out, "delete") == "Each Party shall notify"


def test_paragraphs_not_ending_in_an_insertion_are_left_alone():
    segments = [Segment("equal", "a "), Segment("delete", "b")]
    assert _end_without_insertion(segments) == segments


def test_characters_xml_forbids_become_spaces_and_the_rest_is_kept():
    import io
    import zipfile

    from lxml import etree

    from comparisons import package
    from comparisons.redline import _Writer

    writer = _Writer("a", "2026-01-01T00:00:00Z", static=False)
    for value in ("bell\x07 tab\t é \ufffe\uffff end\x1f", "plain “quoted” & <tagged>", "vertical\x0btab"):
        writer.plain("Level0", value)
    docx = package.package("".join(writer.out), title="t", author="a", date="2026-01-01T00:00:00Z",
                           track_revisions=True)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))   # well-formed XML
    texts = ["".join(p.itertext()) for p in root.iter("{%s}p" % package.W_NS)]
    assert texts == ["bell  tab\t é    end ", "plain “quoted” & <tagged>", "vertical tab"]


def test_a_body_handed_over_in_pieces_gives_the_bytes_of_the_whole():
    import random

    from comparisons import package
    from comparisons.redline import _Writer

    writer = _Writer("a", "2026-01-01T00:00:00Z", static=False)
    rng = random.Random(5)
    for k in range(3000):
        writer.paragraph("Level0", writer.run("insert" if k % 3 else "equal", f"Paragraph {k} é {rng.random()}"))
    body = "".join(writer.out)
    meta = dict(title="t", author="a", date="2026-01-01T00:00:00Z", track_revisions=True)
    whole = package.package(body, **meta)
    for _ in range(5):
        cuts = sorted(rng.sample(range(len(body)), rng.randint(1, 40)))
        docx = package.Package(**meta)
        for start, end in zip([0, *cuts], [*cuts, len(body)]):
            docx.add(body[start:end])
        assert docx.close() == whole


def test_a_piece_that_cannot_be_written_fails_the_package_when_it_closes():
    import pytest

    from comparisons import package

    docx = package.Package(title="t", author="a", date="2026-01-01T00:00:00Z", track_revisions=True)
    docx.add("<w:p/>")
    docx.add(5)                         # not text: encoding it fails on the package's thread
    docx.add("<w:p/>")                  # taken and dropped
    with pytest.raises(AttributeError):
        docx.close()
    assert not docx.thread.is_alive()


def test_a_package_gives_back_the_interpreters_switch_interval():
    import sys

    from comparisons import package

    before = sys.getswitchinterval()
    docx = package.Package(title="t", author="a", date="2026-01-01T00:00:00Z", track_revisions=True)
    assert sys.getswitchinterval() <= package._SWITCH_INTERVAL
    docx.add("<w:p/>")
    docx.close()
    assert sys.getswitchinterval() == before
