import pytest

from escalation import (
    NoCommonForumError,
    NoPathError,
    UnknownForumError,
    build_graph,
    delegation_targets,
    escalation_path,
    feedback_path,
    feeders,
    is_skip,
    next_steps,
    right_level,
)
from models.vocabulary import ForumLevel, Route
from services.startup.data_files import shipped_spec
from tests.structures import minimal


@pytest.fixture(scope="module")
def real():
    return build_graph(shipped_spec().to_structure())


@pytest.fixture
def small():
    return build_graph(minimal())


VASTMANLAND = [f.key for f in shipped_spec().forums if f.area == "region-vastmanland"]


def test_vastmanland_has_forums_on_all_three_tiers():
    tiers = {f.tier for f in shipped_spec().forums if f.area == "region-vastmanland"}
    assert {t.value for t in tiers} == {"strategic", "structural", "individual"}


@pytest.mark.parametrize("key", VASTMANLAND)
def test_every_vastmanland_forum_climbs_to_the_strategic_level_or_an_outward_body(real, key):
    path = escalation_path(real, key)
    assert path[0] == key
    top = real.nodes[path[-1]]["forum"]
    assert top.is_apex
    ranks = [real.nodes[k]["forum"].level.rank for k in path]
    assert ranks == sorted(ranks)


def test_healthcare_issues_in_vastmanland_go_through_the_samverkansgrupp(real):
    path = escalation_path(real, "vm-individ-vard")
    assert path == [
        "vm-individ-vard",
        "vm-fm-kommitte",
        "vm-strategisk-hsv",
        "samverkansgrupp-fm",
        "strategisk-samverkan",
    ]


def test_each_step_names_its_route(real):
    [step] = next_steps(real, "vm-strategisk-af", {"af-vastmanland", "fk-vastmanland"})
    assert (step.forum, step.route, step.via) == (
        "samverkansgrupp-fm",
        Route.OWN_ORGANISATION,
        "fk",
    )
    assert step.present == {"fk-vastmanland"}
    assert step.missing == {"af-vastmanland"}


def test_beyond_the_strategic_level_lie_the_outward_bodies(real):
    assert [s.forum for s in next_steps(real, "strategisk-samverkan")] == [
        "gd-vd-motena",
        "kunskapsstyrningen",
        "partnerskapet-myndigheter",
    ]


def test_the_right_level_is_the_lowest_forum_where_all_are_represented(real):
    result = right_level(real, "vm-individ-vard", {"fk-vastmanland", "region-vastmanland"})
    assert result.forum == "vm-individ-vard"
    result = right_level(
        real,
        "vm-samordningsteam-vasteras",
        {"fk-vastmanland", "af-vastmanland", "region-vastmanland"},
    )
    assert result.forum == "vm-sf-vasteras-styrelse"
    assert result.path == ["vm-samordningsteam-vasteras", "vm-sf-vasteras-styrelse"]


def test_represented_through_the_parent_organisation(real):
    """FK Västmanland is represented where Försäkringskassan sits; a region where SKR sits."""
    result = right_level(real, "vm-fm-kommitte", {"fk-vastmanland", "npo-rhf"})
    assert result.forum == "samverkansgrupp-fm"


def test_no_common_forum_is_an_error_of_its_own(real):
    with pytest.raises(NoCommonForumError):
        right_level(real, "vm-individ-af", {"af-vastmanland", "region-vastmanland"})


def test_feedback_retraces_the_way_up(small):
    assert feedback_path(small, "local", "strategic") == [
        "strategic",
        "samverkansgrupp",
        "regional",
        "local",
    ]
    taken = ["local", "regional", "samverkansgrupp"]
    assert feedback_path(small, "local", "samverkansgrupp", taken) == taken[::-1]
    with pytest.raises(NoPathError):
        feedback_path(small, "local", "samverkansgrupp", ["regional", "samverkansgrupp"])


def test_delegation_targets_list_agreed_links_then_feeding_forums(small):
    assert [(d.forum, d.explicit) for d in delegation_targets(small, "strategic")] == [
        ("samverkansgrupp", True)
    ]
    assert [(d.forum, d.explicit) for d in delegation_targets(small, "samverkansgrupp")] == [
        ("regional", False)
    ]


def test_feeders_include_the_preparing_group(small):
    assert feeders(small, "samverkansgrupp") == ["beredning", "regional"]


def test_skipping_a_level_is_recognised(small):
    assert not is_skip(small, "local", "regional")
    assert is_skip(small, "local", "samverkansgrupp")


def test_unknown_forums_and_impossible_paths_raise_the_engines_errors(small):
    with pytest.raises(UnknownForumError):
        next_steps(small, "nowhere")
    with pytest.raises(NoPathError):
        escalation_path(small, "strategic", "local")


def test_a_forum_without_the_strategic_level_above_ends_at_an_outward_body(real):
    path = escalation_path(real, "vm-samordningsteam-norra")
    assert path[-1] == "nationella-radet-finsam"
    assert real.nodes[path[-1]]["forum"].level is ForumLevel.OUTWARD
