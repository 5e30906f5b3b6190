import pytest

from seed.__main__ import main
from services.startup.data_files import STRUCTURE_FILE, shipped_spec
from services.structure.file_format import (
    StructureFileError,
    dump_structure,
    parse_structure,
    problems_in,
)

GOOD = """
organisations:
  - {key: fk, name: Försäkringskassan, kind: state_agency}
  - {key: skr, name: SKR, kind: national_partner}
forums:
  - key: top
    name: Strategisk
    level: national
    kind: strategic_group
    cadence: quarterly
    members: [{organisation: fk, role: chair}, {organisation: skr}]
  - key: group
    name: Samverkansgrupp
    level: national
    kind: collaboration_group
    cadence: monthly
    members: [{organisation: fk}]
    escalates_to: [{forum: top, route: joint_forum}]
  - key: local
    name: Lokal grupp
    level: local
    kind: steering_group
    cadence: monthly
    members: [{organisation: fk}]
    escalates_to: [{forum: group, route: own_organisation, via: fk}]
"""


def write(tmp_path, text: str):
    path = tmp_path / "structure.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_round_trips_through_dump_and_parse():
    spec = shipped_spec()
    assert parse_structure(dump_structure(spec)) == spec


def test_the_shipped_file_holds_the_national_level_regions_and_vastmanland():
    spec = shipped_spec()
    forums = {f.key: f for f in spec.forums}
    for key in (
        "strategisk-samverkan",
        "samverkansgrupp-fm",
        "beredningsgrupp-fm",
        "gd-vd-motena",
        "kunskapsstyrningen",
        "partnerskapet-myndigheter",
    ):
        assert key in forums
    kinds = [o.kind.value for o in spec.organisations]
    assert kinds.count("region") == 21
    assert kinds.count("healthcare_region") == 6
    vastmanland_partners = {
        m.organisation for f in spec.forums if f.area == "region-vastmanland" for m in f.members
    }
    assert {
        "fk-vastmanland",
        "af-vastmanland",
        "region-vastmanland",
        "vasteras",
        "arbetsgivare-vastmanland",
    } <= vastmanland_partners
    boards = [f for f in spec.forums if f.area == "region-vastmanland" and f.kind.value == "board"]
    assert len(boards) == 3  # "ägare i länets tre samordningsförbund"


def test_check_accepts_the_shipped_file(capsys):
    assert main(["--check", str(STRUCTURE_FILE)]) == 0
    assert "ok" in capsys.readouterr().out


def test_check_without_a_file_checks_the_shipped_one():
    assert main(["--check"]) == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "escalates_to: [{forum: top, route: joint_forum}]",
                "escalates_to: [{forum: summit, route: joint_forum}]",
            ),
            "names the unknown forum 'summit'",
        ),
        (
            ("name: Lokal grupp", "name: Samverkansgrupp"),
            "forum name 'Samverkansgrupp' is used more than once",
        ),
        (
            (
                "escalates_to: [{forum: group, route: own_organisation, via: fk}]",
                "escalates_to: []",
            ),
            "forum 'local' cannot reach the national strategic level",
        ),
        (
            (
                "[{organisation: fk}]\n    escalates_to: [{forum: top, route: joint_forum}]",
                "[{organisation: fk}]\n    escalates_to: [{forum: local, route: joint_forum}]",
            ),
            "the escalation order has a cycle",
        ),
        (("cadence: quarterly", "cadence: sometimes"), "'sometimes' is not a valid cadence"),
        (("name: Strategisk", "nmae: Strategisk"), "lacks the field 'name'"),
        (
            (
                "members: [{organisation: fk}]\n    escalates_to: [{forum: group",
                "members: [{organisation: nobody}]\n    escalates_to: [{forum: group",
            ),
            "names the unknown organisation 'nobody'",
        ),
        (
            ("- {key: skr, name: SKR", "- {key: fk, name: SKR"),
            "organisation key 'fk' is used more than once",
        ),
    ],
    ids=[
        "unknown-forum",
        "duplicate-name",
        "unreachable",
        "cycle",
        "bad-cadence",
        "typo-field",
        "unknown-organisation",
        "duplicate-organisation",
    ],
)
def test_check_rejects_a_broken_file_naming_the_problem(tmp_path, capsys, change, expected):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    assert main(["--check", str(path)]) == 1
    assert expected in capsys.readouterr().err


def test_the_good_example_passes(tmp_path):
    assert main(["--check", str(write(tmp_path, GOOD))]) == 0


def test_invalid_yaml_is_reported_not_raised(tmp_path, capsys):
    assert main(["--check", str(write(tmp_path, "forums: [unclosed"))]) == 1
    assert "not valid YAML" in capsys.readouterr().err


def test_a_missing_file_exits_with_a_message(tmp_path, capsys):
    assert main(["--check", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_every_problem_is_reported_at_once():
    text = GOOD.replace("cadence: quarterly", "cadence: x").replace(
        "kind: steering_group", "kind: y"
    )
    with pytest.raises(StructureFileError) as caught:
        parse_structure(text)
    assert len(caught.value.problems) == 2


def test_a_parsed_good_file_has_no_problems():
    assert problems_in(parse_structure(GOOD)) == []
