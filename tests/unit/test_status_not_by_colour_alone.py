"""A status is never told by colour alone (WCAG 1.4.1): a leader who cannot tell red from
green, or who prints the dashboard in grey, still tells every status apart."""

from models.vocabulary import EffectStatus
from services.effects.queries import EffectSummary
from ui.effects.charts import overview_figure
from ui.effects.words import STATUS_BADGE, STATUS_COLOUR, STATUS_ICON, STATUS_PATTERN


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
