import pytest

from drafting.errors import TreatyError
from drafting.yamlfile import parse, split_front_matter


def test_positions_name_the_line_of_nested_keys():
    data, positions = parse("a: 1\nlist:\n  - x\n  - id: y\n    params: {z: 1}\n", "f.yaml")
    assert data["list"][1]["id"] == "y"
    assert positions.line(("list", 1, "params")) == 5
    assert positions.line(("list", 1, "params", "missing")) == 5


def test_duplicate_keys_are_an_error_with_the_line():
    with pytest.raises(TreatyError) as caught:
        parse("a: 1\nb: 2\na: 3\n", "spec.yaml")
    assert str(caught.value) == "spec.yaml:3: duplicate key 'a'"


def test_malformed_yaml_names_file_and_line():
    with pytest.raises(TreatyError) as caught:
        parse("a: [1, 2\nb: 3\n", "spec.yaml")
    assert str(caught.value).startswith("spec.yaml:")
    assert "malformed YAML" in str(caught.value)


def test_front_matter_split_reports_body_line():
    front, body, line = split_front_matter("---\nid: x\n---\nBody\n", "c.md")
    assert front == "id: x\n" and body == "Body\n" and line == 4


def test_front_matter_must_be_closed():
    with pytest.raises(TreatyError, match="not closed"):
        split_front_matter("---\nid: x\nBody\n", "c.md")
