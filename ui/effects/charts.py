"""Plotly charts for effect follow-up: an indicator over time with baseline, target and the
projection; small multiples for an effect; every effect's status on one chart; the issues' flow
between levels (Sankey) and lifts per level and quarter. Names typed by users are escaped, since
plotly reads tags such as <a href> in its text."""

import textwrap
from collections.abc import Callable, Sequence
from datetime import timedelta

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models.vocabulary import EffectStatus
from services.effects.collaboration import RESOLVED, Flow
from services.effects.queries import EffectSummary, IndicatorView
from ui.effects.words import STATUS_COLOUR, STATUS_PATTERN, status_label
from ui.i18n import t
from ui.text import escape_html

MEASURED, BASELINE, TARGET, PROJECTION = "#1f5fa8", "#6b6b6b", "#c62828", "#1f5fa8"
RESOLVED_FLOW, MOVED_FLOW = "rgba(46,125,50,0.35)", "rgba(31,95,168,0.35)"
NODE_COLOUR = "#44546a"
SEPARATORS = ",\u00a0"
"""Plotly's decimal and thousands separators: 55,5 and 1 234 on the axes and in the hover text,
as Swedish readers write them (en_SE writes them so too)."""
DAY_FORMAT = "%Y-%m-%d"  # d3, in the browser: plotly writes the axes
LEVEL_SERIES = (("#0072b2", ""), ("#e69f00", "/"), ("#009e73", "."), ("#cc79a7", "x"))
"""Okabe and Ito's colours, which readers with any common colour-vision deficiency tell apart,
each with its own hatching, so a series is also told apart in greyscale."""


def _swedish(fig: go.Figure, *, dates: bool = False) -> go.Figure:
    fig.update_layout(separators=SEPARATORS)
    if dates:
        fig.update_xaxes(tickformat=DAY_FORMAT, hoverformat=DAY_FORMAT)
    return fig


def _traces(ind: IndicatorView, *, legend: bool) -> list[go.Scatter]:
    a = ind.assessment
    traces = [
        go.Scatter(
            x=[p.on for p in ind.values],
            y=[p.value for p in ind.values],
            mode="lines+markers",
            name=t("effect.trace_values"),
            line={"color": MEASURED},
            showlegend=legend,
            legendgroup="v",
        )
    ]
    if ind.baseline:
        traces.append(
            go.Scatter(
                x=[ind.baseline.on],
                y=[ind.baseline.value],
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": BASELINE},
                name=t("effect.trace_baseline"),
                showlegend=legend,
                legendgroup="b",
            )
        )
    if ind.target:
        traces.append(
            go.Scatter(
                x=[ind.target.on],
                y=[ind.target.value],
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": TARGET},
                name=t("effect.trace_target"),
                showlegend=legend,
                legendgroup="t",
            )
        )
    if a.projected and a.latest:
        traces.append(
            go.Scatter(
                x=[a.latest.on, a.projected.on],
                y=[a.latest.value, a.projected.value],
                mode="lines+markers",
                line={"dash": "dash", "color": PROJECTION},
                marker={"symbol": "circle-open", "size": 9},
                name=t("effect.trace_projection"),
                showlegend=legend,
                legendgroup="p",
            )
        )
    return traces


def _single_day(ind: IndicatorView) -> list | None:
    """A year either side when everything drawn falls on one day (plotly would otherwise zoom
    in to milliseconds)."""
    days = {p.on for p in ind.values} | {p.on for p in (ind.baseline, ind.target) if p}
    if len(days) != 1:
        return None
    [day] = days
    return [day - timedelta(days=365), day + timedelta(days=365)]


def indicator_figure(ind: IndicatorView, *, height: int = 340) -> go.Figure:
    fig = go.Figure(_traces(ind, legend=True))
    title = t("effect.chart_title", name=escape_html(ind.name))
    fig.update_layout(
        title={"text": title, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        yaxis_title=escape_html(ind.unit),
        legend={"orientation": "h", "y": -0.15},
    )
    if ind.target:
        fig.add_hline(y=ind.target.value, line={"dash": "dot", "color": TARGET, "width": 1})
    fig.update_xaxes(range=_single_day(ind))
    return _swedish(fig, dates=True)


def small_multiples(indicators: Sequence[IndicatorView], *, columns: int = 3) -> go.Figure:
    columns = max(1, min(columns, len(indicators)))
    rows = -(-len(indicators) // columns)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[
            f"{escape_html(_short(i.name))} · {status_label(i.assessment.status)}"
            for i in indicators
        ],
        vertical_spacing=0.18 / max(rows, 1) + 0.08,
    )
    for n, ind in enumerate(indicators):
        for trace in _traces(ind, legend=n == 0):
            fig.add_trace(trace, row=n // columns + 1, col=n % columns + 1)
        fig.update_xaxes(range=_single_day(ind), row=n // columns + 1, col=n % columns + 1)
    fig.update_layout(
        height=240 * rows + 100,
        margin={"l": 10, "r": 10, "t": 60, "b": 50},
        title={"text": t("effect.small_multiples"), "font": {"size": 15}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25 / rows},
    )
    fig.update_annotations(font_size=11)
    return _swedish(fig, dates=True)


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overview_figure(summaries: Sequence[EffectSummary]) -> go.Figure:
    """One bar per effect, split by its indicators' statuses."""
    names = [escape_html(_short(s.statement, 60)) for s in summaries]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=[s.counts.get(status, 0) for s in summaries],
                orientation="h",
                name=status_label(status),
                marker={
                    "color": STATUS_COLOUR[status],
                    "pattern": {
                        "shape": STATUS_PATTERN[status],
                        "fillmode": "overlay",  # the status colour behind a white pattern
                        "fgcolor": "#ffffff",
                    },
                    "line": {"color": "#1a1a1a", "width": 1},
                },
            )
            for status in EffectStatus
        ]
    )
    fig.update_layout(
        barmode="stack",
        height=120 + 48 * len(summaries),
        title={"text": t("effects.overview_chart"), "font": {"size": 15}},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis={"dtick": 1},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )
    return _swedish(fig)


SANKEY_LABEL_WIDTH = 28
"""Characters per line of a node's name: forum names wrap instead of running into each other."""


def sankey_figure(flows: Sequence[Flow], name: Callable[[str], str], title: str) -> go.Figure:
    """Names in dark, full-contrast text, wrapped, with room for every node: a forum's name is
    never cut or laid over another's."""
    nodes = sorted({f.source for f in flows} | {f.target for f in flows})
    index = {node: n for n, node in enumerate(nodes)}
    labels = [
        "<br>".join(
            escape_html(line) for line in textwrap.wrap(name(n), SANKEY_LABEL_WIDTH) or [""]
        )
        for n in nodes
    ]
    lines = sum(label.count("<br>") + 1 for label in labels)
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": labels,
                "pad": 28,
                "thickness": 18,
                "color": NODE_COLOUR,
                "line": {"color": "#ffffff", "width": 1},
            },
            textfont={"color": "#1a1a1a", "size": 13, "shadow": "none"},
            link={
                "source": [index[f.source] for f in flows],
                "target": [index[f.target] for f in flows],
                "value": [f.count for f in flows],
                "color": [RESOLVED_FLOW if f.target == RESOLVED else MOVED_FLOW for f in flows],
            },
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 15}},
        height=min(1600, max(420, 120 + 22 * lines + 28 * len(nodes))),
        margin={"l": 20, "r": 20, "t": 50, "b": 20},
    )
    return _swedish(fig)


def escalations_figure(rows: Sequence[tuple[str, str, int]], title: str) -> go.Figure:
    """(quarter label, level label, count) as stacked bars per quarter."""
    levels = list(dict.fromkeys(level for _q, level, _n in rows))
    fig = go.Figure(
        [
            go.Bar(
                x=[q for q, lv, _n in rows if lv == level],
                y=[n for _q, lv, n in rows if lv == level],
                name=level,
                marker={
                    "color": LEVEL_SERIES[n % len(LEVEL_SERIES)][0],
                    "pattern": {
                        "shape": LEVEL_SERIES[n % len(LEVEL_SERIES)][1],
                        "fillmode": "overlay",
                        "fgcolor": "#ffffff",
                    },
                    "line": {"color": "#1a1a1a", "width": 1},
                },
            )
            for n, level in enumerate(levels)
        ]
    )
    fig.update_layout(
        barmode="stack",
        title={"text": title, "font": {"size": 15}},
        height=320,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return _swedish(fig)
