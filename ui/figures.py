"""Figures drawn once and shared by every session until what they show changes."""

from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st


@st.cache_resource(show_spinner=False, max_entries=128)
def shared_figure(key: Hashable, *, _build: Callable[[], go.Figure]) -> go.Figure:  # noqa: ARG001
    """The figure for one `key` (what it is drawn from: a structure revision, the numbers, the
    language), built once and shared: laying out and building 500 forums' picture was most of
    the structure page's rerun at national scale, and the effect dashboard's four figures most
    of its. Streamlit only reads the figure it is given."""
    return _build()
