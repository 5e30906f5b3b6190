"""The structure page's filters: the forums each shows, whether read off the graph or in SQL."""

from sqlmodel import select

from models import Forum, unit_of_work
from models.vocabulary import ForumLevel
from services.structure.read import structure_graph
from services.structure.view import ForumFilter, visible_forums


def test_levels_alone_are_read_off_the_graph_and_match_the_stored_forums(seeded):
    with unit_of_work(seeded) as session:
        G = structure_graph(session)
        stored = dict(session.exec(select(Forum.key, Forum.level)).all())
        assert visible_forums(session, G, ForumFilter()) == set(stored)
        for levels in ({ForumLevel.LOCAL}, {ForumLevel.NATIONAL, ForumLevel.OUTWARD}):
            shown = visible_forums(session, G, ForumFilter(levels=frozenset(levels)))
            assert shown == {k for k, level in stored.items() if level in levels}
            assert shown


def test_a_region_with_levels_is_filtered_in_sql_with_its_way_up(seeded):
    with unit_of_work(seeded) as session:
        G = structure_graph(session)
        local = ForumFilter(region="region-vastmanland", with_path_up=False)
        up = ForumFilter(region="region-vastmanland")
        narrow, wide = visible_forums(session, G, local), visible_forums(session, G, up)
        assert "vm-fm-kommitte" in narrow
        assert "samverkansgrupp-fm" not in narrow
        assert narrow < wide and "samverkansgrupp-fm" in wide
