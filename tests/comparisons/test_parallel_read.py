"""Reading both sides of a comparison at once, or a text while other work goes on, gives what
reading them one by one gives."""
import os
import pickle

import pytest

from comparisons.readers import parallel, read
from drafting.errors import TreatyError
from drafting.writers import render
from drafting.assemble import assemble
from tests.conftest import EXAMPLES


@pytest.fixture
def forking(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1)   # fork even for small files
    if not parallel._worth_forking(EXAMPLES / "us-eu-mou.yaml", EXAMPLES / "us-eu-mou.yaml"):
        pytest.skip("this system reads serially (no fork or one core)")


def drafts(tmp_path):
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(render(assemble(EXAMPLES / "us-eu-mou.yaml"), "docx"))
    new.write_bytes(render(assemble(EXAMPLES / "us-mexico-plurilateral.yaml"), "docx"))
    return old, new


def test_both_sides_read_in_parallel_equal_the_serial_reading(tmp_path, forking):
    old, new = drafts(tmp_path)
    got_old, got_new = parallel.read_both(old, new)
    assert got_old == read(old)
    assert got_new == read(new)


def test_an_error_in_the_child_keeps_its_file_and_message(tmp_path, forking):
    old, _ = drafts(tmp_path)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    with pytest.raises(TreatyError) as caught:
        parallel.read_both(old, broken)
    assert caught.value.source == str(broken)
    assert str(caught.value).startswith(str(broken) + ": ")


def test_an_error_in_the_old_file_is_reported_first(tmp_path, forking):
    _, new = drafts(tmp_path)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    with pytest.raises(TreatyError) as caught:
        parallel.read_both(broken, new)
    assert caught.value.source == str(broken)


def test_treaty_errors_survive_pickling_whole():
    error = pickle.loads(pickle.dumps(TreatyError("expected a date", "spec.yaml", 12)))
    assert str(error) == "spec.yaml:12: expected a date"


def test_a_text_read_beside_other_work_equals_the_serial_reading(tmp_path, forking):
    _, new = drafts(tmp_path)
    parent = os.getpid()
    done, document = parallel.read_beside(new, lambda: os.getpid())
    assert done == parent                        # the work ran here, the reading elsewhere
    assert document == read(new)


def test_a_reading_error_beside_other_work_comes_once_the_work_is_done(tmp_path, forking):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    worked = []
    with pytest.raises(TreatyError) as caught:
        parallel.read_beside(broken, lambda: worked.append(True))
    assert worked == [True] and caught.value.source == str(broken)


def test_a_small_bad_file_fails_before_the_work_starts(tmp_path):
    missing = tmp_path / "missing.docx"
    worked = []
    with pytest.raises(TreatyError):
        parallel.read_beside(missing, lambda: worked.append(True))
    assert worked == []


def test_a_side_read_early_is_taken_by_read_both(tmp_path, forking):
    old, new = drafts(tmp_path)
    parallel.read_early(str(old), str(new))
    child = parallel._early.pid
    got_old, got_new = parallel.read_both(old, new)
    assert got_old == read(old) and got_new == read(new)
    assert parallel._early is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)            # reaped


def test_an_early_reading_of_another_file_is_stopped_and_the_asked_ones_read(tmp_path, forking):
    old, new = drafts(tmp_path)
    parallel.read_early(str(new), str(old))
    child = parallel._early.pid
    assert parallel.read_both(old, new) == (read(old), read(new))
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_with_an_early_reading_the_old_files_error_comes_first(tmp_path, forking):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    also_broken = tmp_path / "also-broken.docx"
    also_broken.write_bytes(b"PK\x03\x04 not a zip either" * 10)
    parallel.read_early(str(broken), str(also_broken))
    child = parallel._early.pid
    with pytest.raises(TreatyError) as caught:
        parallel.read_both(broken, also_broken)
    assert caught.value.source == str(broken)
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)            # stopped, not left reading


def test_an_early_reading_never_asked_for_is_stopped(tmp_path, forking):
    old, new = drafts(tmp_path)
    parallel.read_early(str(old), str(new))
    early, parallel._early = parallel._early, None
    child = early.pid
    early.cancel()                                # what the exit handler does
    assert early.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
