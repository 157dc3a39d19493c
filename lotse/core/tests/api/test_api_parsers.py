"""The request parsers' NUL check, over every shape a parsed body takes."""

import io

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ParseError

from lotse.core.api.parsers import TextFormParser, TextJSONParser, holds_nul


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("plain", False),
        ("a\x00b", True),
        ({"key": "value"}, False),
        ({"k\x00": "value"}, True),
        ({"outer": [{"inner": ["x", "y\x00"]}]}, True),
        ([1, 2.5, None, True, "fine"], False),
    ],
)
def test_it_finds_a_nul_anywhere_in_parsed_json(data, expected):
    assert holds_nul(data) is expected


def test_it_checks_every_value_of_a_repeated_form_field():
    form = QueryDict(mutable=True)
    form.setlist("category", ["notes", "health\x00"])
    assert holds_nul(form)


def test_the_json_parser_refuses_an_escaped_nul():
    with pytest.raises(ParseError, match="NUL"):
        TextJSONParser().parse(io.BytesIO(b'{"life_area": "work\\u0000"}'))
    assert TextJSONParser().parse(io.BytesIO(b'{"life_area": "work"}')) == {"life_area": "work"}


def test_the_form_parser_refuses_an_encoded_nul():
    with pytest.raises(ParseError, match="NUL"):
        TextFormParser().parse(io.BytesIO(b"title=a%00b"), parser_context={"encoding": "utf-8"})
