"""The structure picture: every escalation's arrowhead drawn, and the picture kept small, as it is
sent and hashed on every rerun of the structure page."""

from escalation import build_graph
from models.vocabulary import ForumLevel, LinkKind
from tests.structures import minimal
from ui.structure.figure import figure

LEGEND = {level.value: level.value for level in ForumLevel}
LEGEND |= {kind.value: kind.value for kind in LinkKind} | {"represented": "r", "other": "o"}


def _picture(**kwargs):
    G = build_graph(minimal())
    return G, figure(G, set(G.nodes), text=str, legend=LEGEND, **kwargs)


def test_each_escalation_ends_in_an_arrowhead_at_its_upper_end_turned_along_the_line():
    G, fig = _picture()
    (lines,) = [t for t in fig.data if t.name == LinkKind.ESCALATION.value]
    escalations = [(u, v) for u, v, k in G.edges(keys=True) if k == LinkKind.ESCALATION]
    assert len(lines.x) == 3 * len(escalations)
    assert lines.marker.symbol == "arrow" and lines.marker.angleref == "previous"
    assert list(lines.marker.size) == [0, 11, 0] * len(escalations)  # at v, the step's target
    assert not fig.layout.annotations


def test_the_labelled_picture_draws_its_arrowheads_the_same_way():
    G, fig = _picture(names=str)
    (lines,) = [t for t in fig.data if t.name == LinkKind.ESCALATION.value]
    assert lines.marker.symbol == "arrow"
    assert max(lines.marker.size) == 11


def test_positions_are_kept_to_four_decimals():
    _graph, fig = _picture()
    numbers = [x for t in fig.data for x in (*t.x, *t.y) if x is not None]
    assert numbers and all(round(x, 4) == x for x in numbers)
