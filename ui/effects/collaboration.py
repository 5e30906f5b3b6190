"""The collaboration's own effects on the dashboard: the flow of issues between levels or
forums (Sankey), lifts per level and quarter, and days to resolution per level, each chart with
a table of the same numbers, for a period the reader chooses."""

from datetime import date, timedelta

import networkx as nx
import streamlit as st

from escalation import forum
from services.effects.collaboration import RESOLVED
from ui.effects.charts import escalations_figure, sankey_figure
from ui.effects.data import escalations, flows, medians
from ui.effects.words import number
from ui.figures import rows_table, shared_figure
from ui.i18n import current_language, day, label, t


def _quarter(day: date) -> str:
    return t("effects.quarter", year=day.year, quarter=(day.month - 1) // 3 + 1)


def show_collaboration(G: nx.MultiDiGraph, today: date) -> None:
    st.subheader(t("effects.collab_title"))
    st.caption(t("effects.collab_caption"))
    cols = st.columns([1, 1, 2])
    start = cols[0].date_input(
        t("effects.period_from"),
        value=today - timedelta(days=365),
        key="collab_from",
        format="YYYY-MM-DD",
    )
    end = cols[1].date_input(
        t("effects.period_to"), value=today, key="collab_to", format="YYYY-MM-DD"
    )
    if start > end:  # a period typed backwards is still a period, and the reader is told
        start, end = end, start
        st.info(
            t("effects.period_swapped", start=day(start), end=day(end)),
            icon=":material/swap_horiz:",
        )
    by_forum = cols[2].radio(
        t("effects.flow_by"),
        [False, True],
        horizontal=True,
        key="collab_by",
        format_func=lambda f: t("effects.flow_forums" if f else "effects.flow_levels"),
    )
    until = end + timedelta(days=1)
    period = {"start": day(start), "end": day(end)}

    def name(node: str) -> str:
        if node == RESOLVED:
            return t("effects.resolved_node")
        return forum(G, node).name if by_forum and node in G else label("level", node)

    moved = flows(start, until, by_forum)
    if moved:  # the whole width: forum names need the room; the same numbers beneath
        title = t("effects.flow_title", **period)
        st.plotly_chart(
            shared_figure(
                (
                    "sankey",
                    G.graph.get("revision"),
                    by_forum,
                    repr(moved),
                    title,
                    current_language(),
                ),
                _build=lambda: sankey_figure(moved, name, title),
            ),
            key="collab_sankey",
            config={"displaylogo": False},
        )
        st.dataframe(
            rows_table(
                [
                    {
                        t("effects.col_from"): name(f.source),
                        t("effects.col_to"): name(f.target),
                        t("effects.col_count"): f.count,
                    }
                    for f in moved
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("effects.flow_none"))
    lifted = [(_quarter(q), label("level", lv), n) for q, lv, n in escalations(start, until)]
    if lifted:
        chart, table = st.columns([3, 2])
        title = t("effects.escalations_title", **period)
        chart.plotly_chart(
            shared_figure(
                ("lifts", repr(lifted), title, current_language()),
                _build=lambda: escalations_figure(lifted, title),
            ),
            key="collab_lifts",
            config={"displaylogo": False},
        )
        table.dataframe(
            rows_table(
                [
                    {
                        t("effects.col_quarter"): q,
                        t("effects.col_level"): lv,
                        t("effects.col_count"): n,
                    }
                    for q, lv, n in lifted
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("effects.escalations_none"))
    st.markdown(f"**{t('effects.median_title', **period)}**")
    figures = medians(start, until)
    if figures:
        st.dataframe(
            rows_table(
                [
                    {
                        t("effects.col_level"): label("level", f.level),
                        t("effects.col_median"): number(f.median_days),
                        t("effects.col_issues"): f.issues,
                    }
                    for f in figures
                ]
            ),
            hide_index=True,
        )
    else:
        st.caption(t("effects.median_none"))
