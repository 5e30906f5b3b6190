"""The forum graph as a plotly picture, laid out by level: outward bodies on top, local lowest.

Within a level, forums sit under the forums they escalate to (barycentre ordering), and a forum
that escalates to another of its own level sits a little lower, so every arrow points up.
"""

import html
from collections import defaultdict
from collections.abc import Callable

import networkx as nx
import plotly.graph_objects as go

from escalation import forum
from models.vocabulary import ForumLevel, LinkKind

LEVEL_COLOURS = {
    ForumLevel.OUTWARD: "#6b4c9a",
    ForumLevel.NATIONAL: "#00528c",
    ForumLevel.REGIONAL: "#2e8540",
    ForumLevel.LOCAL: "#d97a00",
}
LEVEL_SYMBOLS = {
    ForumLevel.OUTWARD: "diamond",
    ForumLevel.NATIONAL: "square",
    ForumLevel.REGIONAL: "circle",
    ForumLevel.LOCAL: "triangle-up",
}
"""A shape per level as well as a colour: the levels are told apart without colour vision."""
HIGHLIGHT, MUTED = "#c0392b", "#b8bec6"
EDGE_STYLES = {
    LinkKind.ESCALATION: {"dash": "solid", "color": "#4a5560", "width": 1.4},
    LinkKind.DELEGATION: {"dash": "dash", "color": "#8a6d00", "width": 1.2},
    LinkKind.PREPARATION: {"dash": "dot", "color": "#4a5560", "width": 1.2},
}
SUB_STEP = 0.28
CHAR_PX = 6.4
"""About the width of one character of the 10-pixel label font (DejaVu/Source Sans)."""
LINE_PX = 14
MARKER_PX = 22
GAP_PX = 16
MIN_WIDTH_PX = 1000
WRAP = 24
PLACES = 4
"""Decimals kept of a position: a ten-thousandth of the picture is under a pixel even on a wide
screen, and the full seventeen digits made the 500 forums' picture twice the bytes, sent and
hashed on every rerun."""


def layout(G: nx.MultiDiGraph, keys: set[str]) -> dict[str, tuple[float, float]]:
    """x, y for each visible forum: a few barycentre sweeps down and up reduce crossings."""
    by_level: dict[ForumLevel, list[str]] = defaultdict(list)
    for key in sorted(keys):
        by_level[forum(G, key).level].append(key)
    y: dict[str, float] = {}
    for level, members in by_level.items():
        for key, sub in _sub_rows(G, members).items():
            y[key] = level.rank * 1.0 - sub * SUB_STEP
    layers = [sorted(k for k in y if y[k] == row) for row in sorted(set(y.values()), reverse=True)]
    x: dict[str, float] = {}
    for layer in layers:
        _place(layer, {k: (i + 0.5) / len(layer) for i, k in enumerate(layer)}, x)
    gap = 1.0 / max(len(layer) for layer in layers) if layers else 1.0
    for sweep in range(6):
        up = sweep % 2 == 0
        for layer in layers if up else layers[::-1]:
            wanted = {k: _barycentre(G, k, x, keys, up=up) for k in layer}
            layer.sort(key=lambda k: (wanted[k], k))
            _place(layer, wanted, x, gap)
    return {k: (x[k], y[k]) for k in x}


def _place(
    layer: list[str], wanted: dict[str, float], x: dict[str, float], gap: float = 0.0
) -> None:
    """Put each forum as near its wanted x as the minimum gap to its neighbours allows."""
    half = gap / 2
    placed: list[float] = []
    for key in layer:
        placed.append(max(wanted[key], half, placed[-1] + gap if placed else half))
    overflow = placed[-1] - (1 - half) if placed else 0
    if overflow > 0:
        placed[-1] -= overflow
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    for key, value in zip(layer, placed, strict=True):
        x[key] = value


def _barycentre(
    G: nx.MultiDiGraph, key: str, x: dict[str, float], keys: set[str], *, up: bool
) -> float:
    """Mean x of the forums this one links to (up) or that link to it (down)."""
    edges = G.out_edges(key, keys=True) if up else G.in_edges(key, keys=True)
    xs = [
        x[other]
        for u, v, k in edges
        if (other := v if up else u) in keys and k != LinkKind.DELEGATION
    ]
    return sum(xs) / len(xs) if xs else x[key]


def _sub_rows(G: nx.MultiDiGraph, members: list[str]) -> dict[str, int]:
    """How many same-level escalation steps lie above each forum (0 for the highest)."""
    same = set(members)
    rows: dict[str, int] = {}

    def depth(key: str, seen: frozenset[str]) -> int:
        if key in rows:
            return rows[key]
        ups = [
            v
            for _u, v, k in G.out_edges(key, keys=True)
            if v in same and v not in seen and k != LinkKind.DELEGATION
        ]
        rows[key] = 0 if not ups else 1 + max(depth(v, seen | {key}) for v in ups)
        return rows[key]

    for key in members:
        depth(key, frozenset())
    top = max(rows.values(), default=0)
    return {k: min(v, 2) if top else 0 for k, v in rows.items()}


def figure(
    G: nx.MultiDiGraph,
    keys: set[str],
    *,
    text: Callable[[str], str],
    legend: dict[str, str],
    highlighted: set[str] | None = None,
    selected: str | None = None,
    names: Callable[[str], str] | None = None,
) -> go.Figure:
    """`text(key)` gives the hover label; `legend` names the edge kinds and colour groups.

    With `names`, forums are labelled on the picture (only sensible for a few dozen).
    """
    if names:
        pos, width, height = labelled_layout(G, keys, names)
    else:
        pos, width, height = layout(G, keys), None, None
    pos = {k: (round(x, PLACES), round(y, PLACES)) for k, (x, y) in pos.items()}
    fig = go.Figure()
    for kind, style in EDGE_STYLES.items():
        xs, ys = [], []
        for u, v, k in G.edges(keys=True):
            if k == kind and u in pos and v in pos:
                xs += [pos[u][0], pos[v][0], None]
                ys += [pos[u][1], pos[v][1], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines+markers" if kind is LinkKind.ESCALATION else "lines",
                    line=style,
                    marker=_arrowheads(len(xs) // 3, style["color"])
                    if kind is LinkKind.ESCALATION
                    else None,
                    hoverinfo="skip",
                    name=legend[kind.value],
                )
            )
    for group, colour, symbol, members in _colour_groups(G, pos, legend, highlighted):
        fig.add_trace(
            go.Scatter(
                x=[pos[k][0] for k in members],
                y=[pos[k][1] for k in members],
                mode="markers+text" if names else "markers",
                name=group,
                customdata=members,
                hovertext=[text(k) for k in members],
                hoverinfo="text",
                text=["<br>".join(wrap(names(k))) for k in members] if names else None,
                textposition="bottom center",
                textfont={"size": 10, "color": "#333"},
                marker={
                    "size": [22 if k == selected else 14 for k in members],
                    "color": colour,
                    "symbol": symbol,
                    "line": {
                        "width": [3 if k == selected else 1 for k in members],
                        "color": "#111",
                    },
                },
            )
        )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        clickmode="event+select",
        legend={"orientation": "h", "y": -0.02},
        plot_bgcolor="white",
        dragmode="pan",
    )
    if names:  # drawn at its own size in pixels, so the labels keep the room made for them
        fig.update_layout(
            width=width + 20,
            height=height + 80,
            legend={"y": 1.0, "yanchor": "bottom"},
            xaxis={"visible": False, "range": [0, width]},
            yaxis={"visible": False, "range": [-height, 0]},
        )
    else:
        fig.update_layout(
            height=560,
            xaxis={"visible": False, "range": [-0.02, 1.02]},
            yaxis={"visible": False, "range": [-1.0, 3.5]},
        )
    return fig


def _arrowheads(edges: int, colour: str) -> dict:
    """An escalation's arrowhead as a marker at its upper end, turned along the line and held
    off the forum's marker. Drawn as annotations they were three quarters of the 500 forums'
    picture (a dozen settings repeated per arrow, sent and hashed on every rerun); as markers
    each arrow is one number."""
    return {
        "symbol": "arrow",
        "angleref": "previous",
        "size": [0, 11, 0] * edges,
        "standoff": 8,
        "color": colour,
        "opacity": 1,
        "line": {"width": 0},
    }


def _colour_groups(
    G: nx.MultiDiGraph, pos: dict, legend: dict[str, str], highlighted: set[str] | None
) -> list[tuple[str, str, str, list[str]]]:
    """(legend name, colour, marker shape, forum keys) per group of forums."""
    keys = sorted(pos)
    if highlighted is not None:
        return [
            (legend["represented"], HIGHLIGHT, "star", [k for k in keys if k in highlighted]),
            (legend["other"], MUTED, "circle", [k for k in keys if k not in highlighted]),
        ]
    return [
        (
            legend[level.value],
            colour,
            LEVEL_SYMBOLS[level],
            [k for k in keys if forum(G, k).level is level],
        )
        for level, colour in LEVEL_COLOURS.items()
    ]


def wrap(name: str, width: int = WRAP) -> list[str]:
    """A forum name on short lines, every word kept (nothing cut with "…")."""
    out: list[str] = []
    for word in name.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _visible_len(line: str) -> int:
    """Characters as shown: an escaped entity (&amp;) is one."""
    return len(html.unescape(line))


def labelled_layout(
    G: nx.MultiDiGraph, keys: set[str], names: Callable[[str], str]
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions in pixels, with each label under its forum and room for every label: in a
    row, neighbours stand as far apart as half their labels' widths and a gap; each row sits
    below the tallest label of the row above. Returns (positions, width, height)."""
    order = layout(G, keys)
    rows: dict[float, list[str]] = defaultdict(list)
    for key, (_x, y) in order.items():
        rows[y].append(key)
    lines = {k: wrap(names(k)) for k in order}
    width = {k: max(MARKER_PX, max(map(_visible_len, lines[k])) * CHAR_PX) + GAP_PX for k in order}
    plot_width = max(MIN_WIDTH_PX, *(sum(width[k] for k in members) for members in rows.values()))
    pos: dict[str, tuple[float, float]] = {}
    top = 0.0
    for y in sorted(rows, reverse=True):
        members = sorted(rows[y], key=lambda k: order[k][0])
        wanted = [order[k][0] * plot_width for k in members]
        xs = _spread(wanted, [width[k] for k in members], plot_width)
        centre = top + MARKER_PX / 2
        for key, x in zip(members, xs, strict=True):
            pos[key] = (x, -centre)
        top += MARKER_PX + max(len(lines[k]) for k in members) * LINE_PX + GAP_PX
    return pos, plot_width, top


def _spread(wanted: list[float], widths: list[float], total: float) -> list[float]:
    """x for each label as near its wanted x as the neighbours' half-widths allow, inside
    [0, total]."""
    xs: list[float] = []
    for i, x in enumerate(wanted):
        low = widths[i] / 2 if not xs else xs[-1] + (widths[i - 1] + widths[i]) / 2
        xs.append(max(x, low))
    overflow = xs[-1] + widths[-1] / 2 - total if xs else 0
    if overflow > 0:
        xs[-1] -= overflow
        for i in range(len(xs) - 2, -1, -1):
            xs[i] = min(xs[i], xs[i + 1] - (widths[i] + widths[i + 1]) / 2)
    return xs
