"""Administration: users, roles and the audit log, for administrators only."""

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import RoleGrant, User, make_engine, unit_of_work
from tests.ui.conftest import sign_in, texts


def user_in(url: str, username: str) -> tuple[User | None, list[tuple[str, int | None]]]:
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        grants = (
            [
                (g.role, g.forum_id)
                for g in session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id))
            ]
            if user
            else []
        )
    engine.dispose()
    return user, grants


def create(app: AppTest, username: str, password: str = "ett långt lösenord") -> AppTest:
    app.text_input(key="nu_username").set_value(username)
    app.text_input(key="nu_name").set_value("Greta Gran")
    app.selectbox(key="nu_org").set_value("fk-vastmanland")
    app.text_input(key="nu_password").set_value(password)
    [button] = [b for b in app.button if b.proto.form_id == "new_user"]
    button.click().run()
    assert not app.exception, app.exception
    return app


def test_only_administrators_see_the_users_and_the_audit_log(app):
    for page in ("pages/users.py", "pages/audit.py"):
        app.run()
        app.switch_page(page).run()
        assert "Logga in som administratör" in texts(app)
    sign_in(app, "bertil")
    for page in ("pages/users.py", "pages/audit.py"):
        app.switch_page(page).run()
        assert "Bara administratörer hanterar användare" in texts(app)
        assert not app.dataframe


def test_the_administrator_creates_a_user_gives_a_role_and_deactivates(app, app_db):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    create(app, "greta", password="kort")
    assert "Lösenordet måste ha minst 12 tecken." in texts(app)
    assert user_in(app_db, "greta")[0] is None  # nothing half-written
    assert app.text_input(key="nu_username").value == "greta"  # and nothing lost
    create(app, "greta")
    assert "Användaren är skapad." in texts(app)
    assert app.selectbox(key="us_chosen").value == "greta"  # the new user, not the last one
    assert "Användaren har ingen roll ännu" in texts(app)

    [grant] = [b for b in app.button if b.proto.form_id == "grant-greta"]
    grant.click().run()  # nothing chosen: nothing granted, and it says what is missing
    assert "Välj vilken roll som ska tilldelas." in texts(app)
    assert user_in(app_db, "greta")[1] == []
    [role, forum] = [s for s in app.selectbox if s.label in ("Roll", "Forum")]
    role.set_value("collaboration_officer")
    [grant] = [b for b in app.button if b.proto.form_id == "grant-greta"]
    grant.click().run()
    assert "Välj var rollen gäller" in texts(app)
    assert user_in(app_db, "greta")[1] == []
    [role, forum] = [s for s in app.selectbox if s.label in ("Roll", "Forum")]
    role.set_value("chair")
    [grant] = [b for b in app.button if b.proto.form_id == "grant-greta"]
    grant.click().run()
    assert "Ordförande och sekreterare gäller ett forum: välj forumet." in texts(app)
    [role, forum] = [s for s in app.selectbox if s.label in ("Roll", "Forum")]
    role.set_value("chair")
    forum.set_value("vm-fm-kommitte")
    [grant] = [b for b in app.button if b.proto.form_id == "grant-greta"]
    grant.click().run()
    assert [r for r, _f in user_in(app_db, "greta")[1]] == ["chair"]
    assert "Rollen Ordförande är tilldelad: Försäkringsmedicinsk kommitté" in texts(app)

    [off] = [b for b in app.button if b.label == "Stäng av kontot"]
    off.click().run()
    assert user_in(app_db, "greta")[0].is_active is False
    sign_in(app, "greta", "ett långt lösenord")
    assert "Kontot är avstängt" in texts(app)


def test_the_administrator_cannot_lock_themselves_out(app, app_db):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    app.selectbox(key="us_chosen").set_value("admin").run()
    [off] = [b for b in app.button if b.label == "Stäng av kontot"]
    off.click().run()
    assert "Du kan inte stänga av ditt eget konto." in texts(app)
    assert user_in(app_db, "admin")[0].is_active


def test_the_audit_log_is_searched_and_exported(app):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    create(app, "hugo")
    app.switch_page("pages/audit.py").run()
    assert "sida 1 av" in texts(app)  # the demo database's seeding fills several pages
    app.button(key="au_page_next").click().run()
    assert "sida 2 av" in texts(app)
    app.text_input(key="au_actor").set_value("admin").run()
    assert "sida 1 av 1" in texts(app)  # a new filter starts on page one
    app.selectbox(key="au_table").set_value("app_user").run()
    [table] = app.dataframe
    shown = table.value.to_string()
    assert "hugo" in shown
    assert "Användare" in shown and "skapad" in shown  # in words, not table names and codes
    assert "password_hash" not in shown and "$argon2" not in shown
    app.button(key="au_csv").click().run()
    assert not app.exception, app.exception
    _for, data = app.session_state["au_export"]
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Tid (svensk tid);Vem;Åtgärd;Tabell")
    assert any(";admin;insert;app_user;" in line and "hugo" in line for line in lines[1:])


def test_the_audit_log_names_things_fields_and_values_in_words(app):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    create(app, "ivar")
    [role, forum] = [s for s in app.selectbox if s.label in ("Roll", "Forum")]
    role.set_value("collaboration_officer")
    forum.set_value("vm-fm-kommitte")
    [grant] = [b for b in app.button if b.proto.form_id == "grant-ivar"]
    grant.click().run()
    app.switch_page("pages/audit.py").run()
    for table, wanted in (
        ("role_grant", ("Samverkansansvarig", "Försäkringsmedicinsk kommitté")),
        ("app_user", ("Aktiv: ja", "Demo: nej")),
        ("effect_event", ("Händelse i en effekt",)),
    ):
        app.selectbox(key="au_table").set_value(table).run()
        shown = app.dataframe[0].value.to_string()
        for words in wanted:
            assert words in shown, (table, words)
        for raw in (
            "collaboration_officer",
            "is_demo",
            "effect_event",
            "True",
            "False",
            "forum_id",
            "user_id",
        ):
            assert raw not in shown, (table, raw)


def test_a_profile_saved_after_someone_elses_change_is_refused_not_written_over(app, app_db):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    app.selectbox(key="us_chosen").set_value("anna").run()
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:
        anna = s.exec(select(User).where(User.username == "anna")).one()
        anna.email = "anna.ny@regionvastmanland.se"
        s.add(anna)
        s.commit()
    name = [w for w in app.text_input if w.label == "Namn"][-1]  # the profile, not the new user
    name.set_value("Anna Andersson")
    [save] = [b for b in app.button if b.proto.form_id == "profile-anna"]
    save.click().run()
    assert not app.exception, app.exception
    assert "Någon annan har ändrat" in texts(app)
    with unit_of_work(engine) as s:
        anna = s.exec(select(User).where(User.username == "anna")).one()
        assert anna.email == "anna.ny@regionvastmanland.se"
        assert anna.display_name != "Anna Andersson"
    engine.dispose()


def test_a_role_taken_away_through_another_server_counts_on_the_users_next_run(app, app_db):
    """The signed-in user as the permission rules see them is shared between their runs until
    their row or the structure changes: a revoked role bumps the row, so the very next run
    knows (and a role given back is known as soon)."""
    from models.vocabulary import Role
    from services.accounts.users import grant_role, revoke_role
    from services.permissions import Actor

    admin = Actor(0, "Admin", frozenset({(Role.ADMINISTRATOR, None)}))
    sign_in(app, "bertil")
    app.switch_page("pages/meetings.py").run()
    assert app.radio(key="plan-view-vm-fm-kommitte")  # his committee's overview, as chair
    engine = make_engine(app_db)
    for change in (revoke_role, grant_role):
        with unit_of_work(engine) as s:
            change(s, by=admin, username="bertil", role=Role.CHAIR, forum="vm-fm-kommitte")
            s.commit()
        app.run()
        assert not app.exception, app.exception
        chairs = "Du är inte ordförande eller sekreterare i något forum." not in texts(app)
        assert chairs is (change is grant_role)
    engine.dispose()
