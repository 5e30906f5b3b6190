import plotly.graph_objects as go

from ui.figures import DrawnFigure, digest


def test_a_drawn_figure_hands_out_one_dict_equal_to_plotlys():
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="Västmanland"))
    drawn = DrawnFigure.of(figure)
    assert drawn.to_dict() == figure.to_dict()
    assert drawn.to_dict() is drawn.to_dict()  # made once, not deep-copied per rerun


def test_a_digest_stands_for_the_set_whatever_its_order():
    assert digest(["b", "a"]) == digest({"a", "b"}) != digest(["a"])
