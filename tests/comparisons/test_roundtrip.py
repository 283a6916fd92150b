"""The guarantee, judged by independent readers: pandoc and LibreOffice accept or reject every
change in our redlines and must get exactly the new and the old text, paragraph for paragraph.

Random edit scripts (treaty-like documents), our own drafts, and the real sibling treaties of the
shared corpus (EU-Morocco/EU-Tunisia, EU-Georgia/EU-Moldova), in both readers.
"""
import random

import pytest

from comparisons.compare import compare
from comparisons.readers import read
from comparisons.redline import SUMMARY_END, write_redline
from comparisons.units import document_lines
from tests.comparisons import clients, treaties
from tests.conftest import CORPUS, EXAMPLES, require_tool

PAIRS = [("pta_83", "pta_98"), ("pta_427", "pta_428")]
GENERATED = 120        # random pairs through pandoc
THROUGH_LIBREOFFICE = 40


def expected(document):
    return [clients.normalise(line) for line in document_lines(document) if clients.normalise(line)]


def compared(lines):
    return lines[lines.index(SUMMARY_END) + 1:]


def write(folder, name, old, new):
    path = folder / f"{name}.docx"
    path.write_bytes(write_redline(compare(old, new), author="Test", date="2026-01-01T00:00:00Z"))
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    cases = []
    for seed in range(GENERATED):
        rng = random.Random(seed * 7919)
        old = treaties.document(rng)
        new = treaties.edit(old, rng, rng.randint(1, 14))
        cases.append((write(folder, f"case{seed}", old, new), old, new))
    return cases


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    folder = tmp_path_factory.mktemp("corpus")
    cases = []
    for a, b in PAIRS:
        old, new = read(CORPUS / f"{a}.xml"), read(CORPUS / f"{b}.xml")
        cases.append((write(folder, f"{a}-{b}", old, new), old, new))
    return cases


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    v1 = read(EXAMPLES / "us-mexico-plurilateral.yaml")
    spec = (EXAMPLES / "us-mexico-plurilateral.yaml").read_text()
    spec = spec.replace("      - trade.non-market-policies\n", "").replace("interval_years: 3", "interval_years: 5")
    (folder / "v2.yaml").write_text(spec)
    v2 = read(folder / "v2.yaml")
    return [(write(folder, "draft", v1, v2), v1, v2)]


CHAIN_OLD = """# Agreement on Critical Minerals

### Article 1: Cooperation

1\\. The importing Party shall lift any export restriction without undue delay. The Working Group shall exchange information on the transparency of measures.

2\\. The Parties shall exchange information on technical assistance on a reciprocal basis.

### Article 2: Review

1\\. The Parties shall review this Agreement every five years.
"""

CHAIN_NEW = """# Agreement on Critical Minerals

### Article 1: Cooperation

1\\. The importing Party shall lift any export restriction without undue delay.

2\\. The Working Group shall exchange information on the transparency of measures.

3\\. The Working Group shall make publicly available the following:

(a) the traceability of ores and concentrates;

(b) the list of minerals covered by this Agreement.

4\\. The Parties shall exchange information on technical assistance on a reciprocal basis.

### Article 2: Review

1\\. The Parties shall review this Agreement every five years.
"""


@pytest.fixture(scope="module")
def chained(tmp_path_factory):
    """A split paragraph, then wholly inserted paragraphs, then a renumbered one: rejecting the
    changes joins a deleted "2" across the inserted paragraphs to ". The Parties" (found by make
    bench on a generated 300k-word pair, where pandoc read "2 . The Parties")."""
    from comparisons.readers.text import read_markdown
    folder = tmp_path_factory.mktemp("chained")
    old = read_markdown(folder / "old.md", CHAIN_OLD.encode())
    new = read_markdown(folder / "new.md", CHAIN_NEW.encode())
    return [(write(folder, "chained", old, new), old, new)]


def check_pandoc(cases):
    require_tool("pandoc")
    for path, old, new in cases:
        assert compared(clients.pandoc_paragraphs(path, "accept")) == expected(new), path.name
        assert compared(clients.pandoc_paragraphs(path, "reject")) == expected(old), path.name


def check_libreoffice(cases):
    require_tool("soffice")
    results = clients.libreoffice_accept_and_reject([path for path, _, _ in cases])
    for path, old, new in cases:
        assert compared(results[path]["accept"]) == expected(new), path.name
        assert compared(results[path]["reject"]) == expected(old), path.name


def test_generated_pairs_in_pandoc(generated):
    check_pandoc(generated)


def test_generated_pairs_in_libreoffice(generated):
    check_libreoffice(generated[:THROUGH_LIBREOFFICE])


def test_our_drafts_in_both_readers(drafts):
    check_pandoc(drafts)
    check_libreoffice(drafts)


def test_a_chain_of_inserted_paragraphs_in_both_readers(chained):
    check_pandoc(chained)
    check_libreoffice(chained)


def test_sibling_treaties_in_pandoc(corpus):
    check_pandoc(corpus)


def test_sibling_treaties_in_libreoffice(corpus):
    check_libreoffice(corpus)


def test_the_redline_opens_and_lays_out_in_libreoffice(corpus):
    require_tool("soffice")
    path = corpus[0][0]
    assert clients.docx_open_ok_in_libreoffice(path) > 10
