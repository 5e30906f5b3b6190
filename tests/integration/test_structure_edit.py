import pytest
from sqlmodel import select

from escalation import InvalidStructureError
from models import Forum, ForumLink, ForumMembership, unit_of_work
from models.vocabulary import Cadence, ForumKind, ForumLevel, LinkKind, MembershipRole, Role, Route
from services.accounts.users import create_local_user
from services.permissions import Actor, PermissionDeniedError
from services.personal_data import PersonalDataError
from services.structure.edit import (
    ForumInput,
    LinkInput,
    StaleError,
    add_link,
    create_forum,
    export_structure,
    import_structure,
    remove_link,
    set_members,
    update_forum,
)
from services.structure.file_format import StructureFileError
from services.structure.read import current_revision
from services.uploads import MAX_UPLOAD_BYTES, UploadRefusedError


def snapshot(engine) -> list:
    with unit_of_work(engine) as session:
        return [
            r.model_dump()
            for t in (Forum, ForumMembership, ForumLink)
            for r in session.exec(select(t).order_by(t.id))
        ]


def version(engine, key: str) -> int:
    with unit_of_work(engine) as session:
        return session.exec(select(Forum.version).where(Forum.key == key)).one()


ADMIN = Actor(1, "Eva (administratör)", frozenset({(Role.ADMINISTRATOR, None)}))
NEW = ForumInput(
    "vm-ny-grupp",
    "Ny lokal grupp Västerås",
    ForumLevel.LOCAL,
    ForumKind.NETWORK,
    Cadence.MONTHLY,
    area="region-vastmanland",
)


def refused(engine, action) -> InvalidStructureError:
    before = snapshot(engine)
    with pytest.raises(InvalidStructureError) as caught, unit_of_work(engine) as session:
        action(session)
        session.commit()
    assert snapshot(engine) == before, "a refused edit must leave the structure unchanged"
    return caught.value


def codes(error: InvalidStructureError) -> set[str]:
    return {p.code for p in error.problems}


def test_a_new_forum_is_created_with_its_way_up(seeded):
    with unit_of_work(seeded) as session:
        revision = current_revision(session)
        create_forum(session, by=ADMIN, data=NEW, links=[LinkInput("vm-fm-kommitte")])
        session.commit()
    with unit_of_work(seeded) as session:
        assert session.exec(select(Forum).where(Forum.key == "vm-ny-grupp")).one().level == "local"
        assert current_revision(session) == revision + 1


def test_a_new_forum_without_a_way_up_is_refused(seeded):
    error = refused(seeded, lambda s: create_forum(s, by=ADMIN, data=NEW, links=[]))
    assert codes(error) == {"unreachable"}


def test_a_link_that_would_make_a_cycle_is_refused_and_nothing_changes(seeded):
    error = refused(
        seeded,
        lambda s: add_link(
            s,
            by=ADMIN,
            source="samverkansgrupp-fm",
            expected_version=1,
            link=LinkInput("vm-strategisk-hsv", route=Route.JOINT_FORUM),
        ),
    )
    assert codes(error) & {"cycle", "escalation_down"}


def test_removing_the_only_way_up_is_refused(seeded):
    error = refused(
        seeded,
        lambda s: remove_link(
            s,
            by=ADMIN,
            source="vm-fm-kommitte",
            target="vm-strategisk-hsv",
            kind=LinkKind.ESCALATION,
            expected_version=1,
        ),
    )
    assert "unreachable" in codes(error)


def test_bad_input_is_refused_with_every_reason(seeded):
    bad = ForumInput(
        "Ogiltig Nyckel", "  ", ForumLevel.LOCAL, ForumKind.NETWORK, Cadence.MONTHLY, area="nowhere"
    )
    error = refused(seeded, lambda s: create_forum(s, by=ADMIN, data=bad, links=[]))
    assert codes(error) == {"invalid_key", "missing_field", "unknown_organisation"}


def test_a_duplicate_name_is_refused(seeded):
    twin = ForumInput(
        "vm-tvilling",
        "Försäkringsmedicinsk kommitté, Region Västmanland",
        ForumLevel.LOCAL,
        ForumKind.NETWORK,
        Cadence.MONTHLY,
    )
    error = refused(
        seeded, lambda s: create_forum(s, by=ADMIN, data=twin, links=[LinkInput("vm-fm-kommitte")])
    )
    assert codes(error) == {"duplicate_name"}


def test_changing_a_forum_bumps_its_version(seeded):
    with unit_of_work(seeded) as session:
        data = ForumInput(
            "vm-fm-kommitte",
            "Försäkringsmedicinska kommittén",
            ForumLevel.REGIONAL,
            ForumKind.COMMITTEE,
            Cadence.MONTHLY,
            area="region-vastmanland",
        )
        update_forum(session, by=ADMIN, data=data, expected_version=1)
        session.commit()
    assert version(seeded, "vm-fm-kommitte") == 2


def test_a_stale_edit_is_refused_and_says_so(seeded):
    with unit_of_work(seeded) as session:
        set_members(
            session,
            by=ADMIN,
            forum_key="vm-operativ-af",
            expected_version=1,
            members=[
                ("fk-vastmanland", MembershipRole.CHAIR),
                ("af-vastmanland", MembershipRole.MEMBER),
            ],
        )
        session.commit()
    before = snapshot(seeded)
    with pytest.raises(StaleError) as caught, unit_of_work(seeded) as session:
        set_members(
            session,
            by=ADMIN,
            forum_key="vm-operativ-af",
            expected_version=1,
            members=[("af-vastmanland", MembershipRole.CHAIR)],
        )
        session.commit()
    assert (caught.value.expected, caught.value.current) == (1, 2)
    assert snapshot(seeded) == before


def test_members_are_replaced_and_unknown_ones_refused(seeded):
    with unit_of_work(seeded) as session:
        set_members(
            session,
            by=ADMIN,
            forum_key="vm-individ-af",
            expected_version=1,
            members=[("fk-vastmanland", MembershipRole.CHAIR)],
        )
        session.commit()
    with unit_of_work(seeded) as session:
        forum = session.exec(select(Forum).where(Forum.key == "vm-individ-af")).one()
        rows = session.exec(select(ForumMembership).where(ForumMembership.forum_id == forum.id))
        assert [r.role for r in rows] == ["chair"]
    error = refused(
        seeded,
        lambda s: set_members(
            s,
            by=ADMIN,
            forum_key="vm-individ-af",
            expected_version=2,
            members=[
                ("nobody", MembershipRole.MEMBER),
                ("fk-vastmanland", MembershipRole.MEMBER),
                ("fk-vastmanland", MembershipRole.CHAIR),
            ],
        ),
    )
    assert codes(error) == {"unknown_organisation", "duplicate_member"}


def test_a_second_link_of_the_same_kind_is_refused(seeded):
    error = refused(
        seeded,
        lambda s: add_link(
            s,
            by=ADMIN,
            source="vm-fm-kommitte",
            link=LinkInput("vm-strategisk-hsv"),
            expected_version=1,
        ),
    )
    assert codes(error) == {"duplicate_link"}


def test_an_extra_way_up_via_an_own_order_is_accepted(seeded):
    with unit_of_work(seeded) as session:
        add_link(
            session,
            by=ADMIN,
            source="vm-arbetsgivardialog",
            expected_version=1,
            link=LinkInput("vm-strategisk-af", route=Route.OWN_ORGANISATION, via="fk"),
        )
        session.commit()
    assert version(seeded, "vm-arbetsgivardialog") == 2


def test_import_and_export_round_trip(seeded):
    with unit_of_work(seeded) as session:
        text = export_structure(session)
    with unit_of_work(seeded) as session:
        assert not import_structure(session, by=ADMIN, data=text.encode()).changed


def test_a_broken_import_saves_nothing(seeded):
    with unit_of_work(seeded) as session:
        text = export_structure(session)
    broken = text.replace("route: joint_forum", "route: sideways", 1)
    before = snapshot(seeded)
    with pytest.raises(Exception, match="sideways"), unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=broken.encode())
        session.commit()
    assert snapshot(seeded) == before


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMINISTRATOR])
def test_only_administrators_change_the_structure(seeded, role):
    who = Actor(2, role.value, frozenset({(role, None), (role, "vm-fm-kommitte")}))
    before = snapshot(seeded)
    with pytest.raises(PermissionDeniedError) as caught, unit_of_work(seeded) as session:
        create_forum(session, data=NEW, links=[LinkInput("vm-fm-kommitte")], by=who)
    assert caught.value.reason == "not_admin"
    assert snapshot(seeded) == before


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "too_large"),
        ("forums: []\n# Västmanland\n".encode("cp1252"), "wrong_encoding"),
        ("forums: []\n".encode("utf-16"), "wrong_encoding"),
    ],
)
def test_an_upload_too_large_empty_or_not_utf8_is_refused_and_saves_nothing(seeded, data, code):
    before = snapshot(seeded)
    with pytest.raises(UploadRefusedError) as caught, unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=data)
        session.commit()
    assert caught.value.code == code
    assert snapshot(seeded) == before


def test_a_yaml_alias_bomb_is_refused_at_once_and_saves_nothing(seeded):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    before = snapshot(seeded)
    with pytest.raises(StructureFileError) as caught, unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=bomb.encode())
    assert [p.code for p in caught.value.problems] == ["yaml_alias"]
    assert snapshot(seeded) == before


def test_a_deeply_nested_file_is_refused_with_its_line(seeded):
    deep = "forums:\n" + "".join("  " * i + "- \n" for i in range(1, 40))
    with pytest.raises(StructureFileError) as caught, unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=("[" * 5000 + "]" * 5000).encode())
    assert caught.value.problems[0].code == "yaml_too_deep"
    with pytest.raises(StructureFileError) as caught, unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=deep.encode())
    assert caught.value.problems[0].code == "yaml_too_deep"


PERSONAL_NUMBER = "19121212-1212"


def test_a_personal_number_in_a_forums_text_is_caught_before_anything_is_saved(seeded):
    before = snapshot(seeded)
    named = ForumInput(
        "vm-fm-kommitte",
        "Försäkringsmedicinska kommittén",
        ForumLevel.REGIONAL,
        ForumKind.COMMITTEE,
        Cadence.MONTHLY,
        area="region-vastmanland",
        purpose=f"Ärendet gällde {PERSONAL_NUMBER}",
    )
    with pytest.raises(PersonalDataError) as caught, unit_of_work(seeded) as session:
        update_forum(session, by=ADMIN, data=named, expected_version=1)
    assert [h.field for h in caught.value.hits] == ["purpose"]
    with unit_of_work(seeded) as session:
        text = export_structure(session)
    marked = text.replace("purpose: ", f"purpose: Se {PERSONAL_NUMBER}. ", 1)
    with pytest.raises(PersonalDataError), unit_of_work(seeded) as session:
        import_structure(session, by=ADMIN, data=marked.encode())
        session.commit()
    assert snapshot(seeded) == before


def test_a_personal_number_in_a_users_name_is_caught(seeded):
    with pytest.raises(PersonalDataError) as caught, unit_of_work(seeded) as session:
        create_local_user(
            session,
            by=ADMIN,
            username="pnr",
            display_name=PERSONAL_NUMBER,
            password="en lång lösenfras 2026",
        )
    assert [h.field for h in caught.value.hits] == ["display_name"]
