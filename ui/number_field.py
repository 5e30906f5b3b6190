"""A number field that reads what a Swedish user types ("55,5", "1 234") and says what it read.

Streamlit's number input is the browser's: it drops a decimal comma ("55,5" became 555). This
is a text field read by services.numbers, with the value it read (or why it could not) shown
beneath it before anything is saved.
"""

from dataclasses import dataclass

import streamlit as st

from models import formats
from services.numbers import in_range, parse_number, unit_range
from ui.i18n import current_language, t


@dataclass(frozen=True)
class NumberRead:
    value: float | None
    """None when the field is empty or unreadable."""
    problem: str = ""
    """Why the text is not a usable number, in the reader's language; empty if it is."""


def read_number(text: str, unit: str = "") -> NumberRead:
    if not text.strip():
        return NumberRead(None)
    try:
        value = parse_number(text)
    except ValueError:
        return NumberRead(None, t("number.unreadable", text=text.strip()[:40]))
    if not in_range(value, unit):
        low, high = unit_range(unit)
        return NumberRead(
            value,
            t(
                "number.out_of_range",
                unit=unit.strip(),
                low=formats.exact(low, current_language()),
                high=formats.exact(high, current_language()),
            ),
        )
    return NumberRead(value)


def shown(value: float) -> str:
    """The value as read, every decimal kept: 1 234,56."""
    return formats.exact(value, current_language())


def number_field(
    label: str,
    *,
    key: str,
    unit: str = "",
    value: float | None = None,
    echo: bool = True,
    container: object = st,
) -> NumberRead:
    """A text field for a number; with `echo` (outside a form) what it read is said beneath.

    `value` fills a new field; after that the typed text is kept, as a widget keeps it."""
    if key not in st.session_state and value is not None:
        st.session_state[key] = shown(value)
    text = container.text_input(
        label, key=key, help=t("number.help"), placeholder=t("number.placeholder")
    )
    read = read_number(text or "", unit)
    if echo and read.problem:
        container.error(read.problem, icon=":material/error:")
    elif echo and read.value is not None:
        container.caption(
            t(
                "number.read_as",
                value=shown(read.value),
                unit=f"\u00a0{unit.strip()}" if unit.strip() else "",
            )
        )
    return read
