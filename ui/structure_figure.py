"""The forum graph as a plotly picture, laid out by level: outward bodies on top, local lowest.

Within a level, forums sit under the forums they escalate to (barycentre ordering), and a forum
that escalates to another of its own level sits a little lower, so every arrow points up.
"""

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
HIGHLIGHT, MUTED = "#c0392b", "#b8bec6"
EDGE_STYLES = {
    LinkKind.ESCALATION: {"dash": "solid", "color": "#4a5560", "width": 1.4},
    LinkKind.DELEGATION: {"dash": "dash", "color": "#8a6d00", "width": 1.2},
    LinkKind.PREPARATION: {"dash": "dot", "color": "#4a5560", "width": 1.2},
}
SUB_STEP = 0.28


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
    xs = [x[other] for u, v, k in edges
          if (other := v if up else u) in keys and k != LinkKind.DELEGATION]
    return sum(xs) / len(xs) if xs else x[key]


def _sub_rows(G: nx.MultiDiGraph, members: list[str]) -> dict[str, int]:
    """How many same-level escalation steps lie above each forum (0 for the highest)."""
    same = set(members)
    rows: dict[str, int] = {}

    def depth(key: str, seen: frozenset[str]) -> int:
        if key in rows:
            return rows[key]
        ups = [v for _u, v, k in G.out_edges(key, keys=True)
               if v in same and v not in seen and k != LinkKind.DELEGATION]
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
    pos = layout(G, keys)
    label_side = _label_sides(pos)
    fig = go.Figure()
    for kind, style in EDGE_STYLES.items():
        xs, ys = [], []
        for u, v, k in G.edges(keys=True):
            if k == kind and u in pos and v in pos:
                xs += [pos[u][0], pos[v][0], None]
                ys += [pos[u][1], pos[v][1], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=style, hoverinfo="skip",
                                     name=legend[kind.value]))
    # Arrowheads as one list: add_annotation one at a time re-validates them all (quadratic).
    arrows = [
        {"x": pos[v][0], "y": pos[v][1], "ax": pos[u][0], "ay": pos[u][1], "xref": "x",
         "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2,
         "arrowsize": 1.1, "arrowwidth": 1.2, "standoff": 9, "text": "",
         "arrowcolor": EDGE_STYLES[k]["color"]}
        for u, v, k in G.edges(keys=True)
        if k == LinkKind.ESCALATION and u in pos and v in pos
    ]
    fig.update_layout(annotations=arrows)
    for group, colour, members in _colour_groups(G, pos, legend, highlighted):
        fig.add_trace(go.Scatter(
            x=[pos[k][0] for k in members], y=[pos[k][1] for k in members],
            mode="markers+text" if names else "markers", name=group, customdata=members,
            hovertext=[text(k) for k in members], hoverinfo="text",
            text=[_wrap(names(k)) for k in members] if names else None,
            textposition=[label_side[k] for k in members],
            textfont={"size": 10, "color": "#333"},
            marker={"size": [22 if k == selected else 14 for k in members], "color": colour,
                    "line": {"width": [3 if k == selected else 1 for k in members],
                             "color": "#111"}},
        ))
    fig.update_layout(
        height=720 if names else 560, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        clickmode="event+select",
        xaxis={"visible": False, "range": [-0.02, 1.02]},
        yaxis={"visible": False, "range": [-1.0, 3.5]},
        legend={"orientation": "h", "y": -0.02}, plot_bgcolor="white", dragmode="pan",
    )
    return fig


def _colour_groups(
    G: nx.MultiDiGraph, pos: dict, legend: dict[str, str], highlighted: set[str] | None
) -> list[tuple[str, str, list[str]]]:
    keys = sorted(pos)
    if highlighted is not None:
        return [
            (legend["represented"], HIGHLIGHT, [k for k in keys if k in highlighted]),
            (legend["other"], MUTED, [k for k in keys if k not in highlighted]),
        ]
    return [(legend[level.value], colour, [k for k in keys if forum(G, k).level is level])
            for level, colour in LEVEL_COLOURS.items()]


def _label_sides(pos: dict[str, tuple[float, float]]) -> dict[str, str]:
    """Alternate labels below and above along each row, so neighbours do not collide."""
    rows: dict[float, list[str]] = defaultdict(list)
    for key, (_x, y) in pos.items():
        rows[y].append(key)
    sides = {}
    for members in rows.values():
        if len(members) == 1:  # alone in its row: beside it, clear of the rows above and below
            sides[members[0]] = "middle right"
            continue
        for i, key in enumerate(sorted(members, key=lambda k: pos[k][0])):
            sides[key] = "bottom center" if i % 2 == 0 else "top center"
    return sides


def _wrap(name: str, width: int = 22, lines: int = 3) -> str:
    """Break a long forum name onto a few short lines so neighbours overlap less."""
    out: list[str] = []
    for word in name.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return "<br>".join(out)
