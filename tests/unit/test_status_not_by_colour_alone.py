"""A status is never told by colour alone (WCAG 1.4.1): a leader who cannot tell red from
green, or who prints the dashboard in grey, still tells every status apart."""

from escalation import build_graph
from models.vocabulary import EffectStatus, ForumLevel, LinkKind
from services.effects.queries import EffectSummary
from tests.structures import minimal
from ui.effects.charts import escalations_figure, overview_figure
from ui.effects.words import STATUS_BADGE, STATUS_COLOUR, STATUS_ICON, STATUS_PATTERN
from ui.structure.figure import LEVEL_SYMBOLS, figure


def test_every_status_has_its_own_pattern_icon_and_word_besides_its_colour():
    statuses = list(EffectStatus)
    assert len({STATUS_PATTERN[s] for s in statuses}) == len(statuses)
    assert len({STATUS_ICON[s] for s in statuses}) == len(statuses)
    assert set(STATUS_COLOUR) == set(STATUS_BADGE) == set(statuses)


def test_the_overview_chart_draws_each_status_with_its_pattern_and_names_it():
    summary = EffectSummary(
        1,
        "Fler planer",
        "sg",
        "Samverkansgruppen",
        None,
        EffectStatus.AT_RISK,
        {s: 1 for s in EffectStatus},
        None,
        False,
        (),
        False,
        1,
    )
    figure = overview_figure([summary])
    shapes = [bar.marker.pattern.shape for bar in figure.data]
    assert shapes == [STATUS_PATTERN[s] for s in EffectStatus]
    assert all(bar.name for bar in figure.data)  # the legend says each status in words


def test_the_lifts_per_level_chart_gives_each_level_its_own_hatching():
    rows = [("2026 K3", level, n) for n, level in enumerate(["Lokal", "Regional", "Nationell"], 1)]
    figure = escalations_figure(rows, "Lyfta frågor")
    assert [bar.name for bar in figure.data] == ["Lokal", "Regional", "Nationell"]
    assert len({bar.marker.pattern.shape for bar in figure.data}) == 3
    assert len({bar.marker.color for bar in figure.data}) == 3
    assert figure.layout.separators == ",\u00a0"  # 1 234,5 on the axes, as Swedes write it


def test_the_structure_picture_tells_the_levels_apart_by_shape():
    G = build_graph(minimal())
    legend = {level.value: f"level {level.value}" for level in ForumLevel}
    legend |= {kind.value: kind.value for kind in LinkKind}
    fig = figure(G, set(G.nodes), text=str, legend=legend)
    shapes = {t.name: t.marker.symbol for t in fig.data if t.name.startswith("level") and t.x}
    assert shapes == {
        "level local": "triangle-up",
        "level regional": "circle",
        "level national": "square",
    }
    assert len(set(LEVEL_SYMBOLS.values())) == len(ForumLevel)
