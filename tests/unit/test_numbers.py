"""Numbers read as a Swedish user writes them: decimal comma, spaces between thousands."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.numbers import in_range, parse_number, unit_range


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("55,5", 55.5),
        ("55.5", 55.5),
        ("1 234", 1234),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234", 1234),
        ("57 600", 57600),
        ("−3,25", -3.25),
        ("-3", -3),
        ("60 %", 60),
        ("1.234.567", 1234567),
        ("1.234.567,5", 1234567.5),
        (" 42 ", 42),
        ("0,5", 0.5),
    ],
)
def test_a_number_is_read_as_written(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "55,5,5", "1,2.3", "12e3", "inf", "nan", "5 5,5,", "--3", "1,234.5", "12.34.5"],
)
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_number_written_the_swedish_way_reads_back(value):
    swedish = f"{value:,.3f}".replace(",", "\u00a0").replace(".", ",")
    assert parse_number(swedish) == pytest.approx(float(value))


def test_a_share_in_per_cent_lies_between_0_and_100():
    assert unit_range("%") == (0, 100) and unit_range(" Procent ") == (0, 100)
    assert in_range(55.5, "%") and not in_range(150, "%") and not in_range(-1, "%")
    assert in_range(150_000, "planer")
