"""Editable tables that work when they start empty, and hand back plain Python values.

Streamlit's data editor takes its columns from the data: an empty list has none, so a table of
agreed actions or participants with no rows yet showed no headers and took no first row. Here the
columns are declared, the editor gets a typed (possibly empty) DataFrame, and what it returns is
turned back into dicts of plain values: None for an empty cell (pandas gives NaN, NA or NaT, and
NaN is truthy), `date` for a date, `int`/`float` for a number, `bool` for a checkbox.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import pandas as pd
import streamlit as st

Kind = Literal["text", "number", "date", "bool", "choice", "hidden"]
_DTYPES: dict[str, str] = {"bool": "bool", "number": "Float64"}
"""Numbers as nullable floats (an empty column of objects would not take a number); every
other kind is an object column, holding None for an empty cell."""


@dataclass(frozen=True)
class Column:
    kind: Kind
    config: Any = None
    """The st.column_config for the column (None for a hidden one)."""


def edit_table(
    rows: list[dict], columns: dict[str, Column], *, key: str, add_rows: bool = True, **options: Any
) -> list[dict]:
    """An editable table of `rows` with exactly `columns`, headers shown even with no rows;
    the edited rows as plain dicts. `add_rows`: the user may add and delete rows."""
    frame = pd.DataFrame(
        [{name: row.get(name) for name in columns} for row in rows], columns=list(columns)
    )
    frame = frame.astype({name: _DTYPES.get(c.kind, "object") for name, c in columns.items()})
    if any(c.kind == "bool" for c in columns.values()):
        frame = frame.fillna({n: False for n, c in columns.items() if c.kind == "bool"})
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        num_rows="dynamic" if add_rows else "fixed",
        column_config={name: c.config for name, c in columns.items()},
        **options,
    )
    return [
        {name: plain(row.get(name), columns[name].kind) for name in columns}
        for row in _records(edited)
    ]


def _records(edited: object) -> list[dict]:
    if isinstance(edited, pd.DataFrame):
        return edited.to_dict("records")
    return list(edited or [])


def plain(value: object, kind: Kind = "text") -> object:
    """One cell as a plain value; None when it is empty or unreadable as its kind."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if kind == "bool":
        return bool(value)
    if kind == "date":
        return _day(value)
    if kind == "number":
        return value.item() if hasattr(value, "item") else value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _day(value: object) -> date | None:
    """A date cell: a date, a timestamp, or the ISO text the browser's date field sends."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def is_blank(row: dict) -> bool:
    """A row the user added and left empty (a checkbox alone does not make a row)."""
    return all(v in (None, False) for v in row.values())
