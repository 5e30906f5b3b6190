import pytest

from services.personal_data import PersonalDataError, check_free_text, find_personal_numbers

VALID = [
    "19121212-1212",  # 12 digits with separator
    "191212121212",  # 12 digits without
    "121212-1212",  # 10 digits with separator
    "1212121212",  # 10 digits without
    "121212+1212",  # 10 digits, over 100 years old
    "121212 1212",  # with a space
    "20080808-8884",  # born this century
]
COORDINATION = ["701063-2391", "197010632391"]  # day + 60
INVALID = [
    "19121212-1213",  # wrong checksum
    "121212-1213",
    "19121312-1212",  # no month 13
    "1212121",  # too short
    "SAM-2026-0042",  # our own references
    "2026-11-24",  # a date
    "0701234567890",  # a longer run of digits
]


@pytest.mark.parametrize("number", VALID + COORDINATION)
def test_a_valid_number_is_caught_where_it_stands(number):
    text = f"Signal från handläggare: {number} fick vänta."
    [hit] = find_personal_numbers(text, "description")
    assert text[hit.start : hit.end] == number
    assert hit.field == "description"


@pytest.mark.parametrize("number", COORDINATION)
def test_a_coordination_number_is_recognised_as_such(number):
    [hit] = find_personal_numbers(number)
    assert hit.coordination


@pytest.mark.parametrize("text", INVALID)
def test_invalid_numbers_and_other_digits_pass(text):
    assert find_personal_numbers(f"Se {text} i underlaget.") == []


def test_every_hit_in_every_field_is_reported_at_once():
    with pytest.raises(PersonalDataError) as caught:
        check_free_text(
            {
                "title": "Fråga om 121212-1212",
                "description": "Två fall: 19121212-1212 och 701063-2391",
            }
        )
    assert [(h.field, h.text) for h in caught.value.hits] == [
        ("title", "121212-1212"),
        ("description", "19121212-1212"),
        ("description", "701063-2391"),
    ]


def test_clean_text_passes():
    check_free_text({"title": "Läkarintyg kommer sent", "description": "Ca 40 fall i oktober."})
