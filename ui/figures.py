"""Figures drawn once and shared by every session until what they show changes, and the
tables of their numbers."""

import hashlib
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st


class DrawnFigure(go.Figure):
    """A figure whose dict is made once. `st.plotly_chart` asks a figure for its dict on every
    rerun, and plotly makes it by deep-copying every trace and checking each array: for the
    structure picture of 500 forums that was most of the page's rerun even with the figure
    cached. Streamlit only reads the dict (it serialises it), so one is shared."""

    def to_dict(self) -> dict[str, Any]:
        return self._drawn

    @classmethod
    def of(cls, figure: go.Figure) -> "DrawnFigure":
        drawn = cls(figure)
        drawn._drawn = go.Figure.to_dict(drawn)
        return drawn


@st.cache_resource(show_spinner=False, max_entries=128)
def shared_figure(key: Hashable, *, _build: Callable[[], go.Figure]) -> DrawnFigure:  # noqa: ARG001
    """The figure for one `key` (what it is drawn from: a structure revision, the numbers, the
    language), built once and shared: laying out and building 500 forums' picture was most of
    the structure page's rerun at national scale, and the effect dashboard's four figures most
    of its. It is not to be changed after (every session holds the same)."""
    return DrawnFigure.of(_build())


def digest(keys: Iterable[str]) -> str:
    """A short stand-in for a set of keys in a figure's cache key: Streamlit hashes a set of
    500 forum keys element by element on every rerun, a digest of them once."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def rows_table(rows: list[dict[str, object]]) -> pa.Table:
    """Rows (column name to value, every row the same columns) as a table for st.dataframe,
    made without pandas: Streamlit turns a pandas frame into Arrow on every rerun, and on the
    effect dashboard's five small tables building and turning them was a tenth of its rerun."""
    return pa.Table.from_pylist(rows)
