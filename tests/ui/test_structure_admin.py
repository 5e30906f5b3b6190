from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import Forum, ForumLink, make_engine, unit_of_work
from services.startup.demo_users import demo_password
from tests.ui.conftest import ROOT, TIMEOUT, texts


def open_editor(app: AppTest, forum: str | None = None) -> AppTest:
    """Signed in as the demo administrator: only administrators change the structure."""
    app.run()
    app.switch_page("pages/signin.py").run()
    app.text_input(key="si_user").set_value("admin")
    app.text_input(key="si_password").set_value(demo_password())
    app.button[0].click().run()
    app.switch_page("pages/structure_admin.py").run()
    if forum:
        app.selectbox(key="edit_forum").set_value(forum).run()
    assert not app.exception, app.exception
    return app


def links_in(url: str) -> list:
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        rows = [r.model_dump() for r in session.exec(select(ForumLink).order_by(ForumLink.id))]
    engine.dispose()
    return rows


def test_a_broken_edit_is_refused_with_the_reason_and_nothing_is_saved(app, app_db):
    open_editor(app, "vm-fm-kommitte")
    before = links_in(app_db)
    app.button(key="rm-escalation-vm-strategisk-hsv").click().run()
    text = texts(app)
    assert "Ändringen sparades inte" in text
    assert (
        "Forumet ”Försäkringsmedicinsk kommitté, Region Västmanland” når inte den nationella"
        " strategiska nivån."
    ) in text
    assert links_in(app_db) == before


def test_a_new_forum_is_created_with_its_first_way_up(app, app_db):
    open_editor(app)
    app.text_input[0].set_value("vm-test-grupp")
    app.text_input[1].set_value("Testgrupp Västerås")
    app.selectbox(key="new-target").set_value("vm-fm-kommitte")
    app.button[0].click().run()  # the form's submit button
    assert not app.exception, app.exception
    assert "Ändringen är sparad." in texts(app)
    engine = make_engine(app_db)
    with unit_of_work(engine) as session:
        forum = session.exec(select(Forum).where(Forum.key == "vm-test-grupp")).one()
    assert forum.name == "Testgrupp Västerås"


def test_the_start_pages_sizes_count_a_new_forum_at_once(app):
    """They are counted once per structure revision, and a save makes a new one."""
    app.switch_page("pages/start.py").run()
    before = {m.label: int(m.value.replace("\u00a0", "")) for m in app.metric}
    open_editor(app)
    app.text_input[0].set_value("vm-test-grupp")
    app.text_input[1].set_value("Testgrupp Västerås")
    app.selectbox(key="new-target").set_value("vm-fm-kommitte")
    app.button[0].click().run()
    app.switch_page("pages/start.py").run()
    after = {m.label: int(m.value.replace("\u00a0", "")) for m in app.metric}
    assert after["Forum"] == before["Forum"] + 1 and after["Lokala"] == before["Lokala"] + 1


def test_a_new_forum_with_bad_input_keeps_what_was_typed(app):
    open_editor(app)
    app.text_input[0].set_value("Fel Nyckel")
    app.text_input[1].set_value("Något namn")
    app.button[0].click().run()
    text = texts(app)
    assert "”Fel Nyckel” är ingen giltig nyckel" in text
    assert app.text_input[1].value == "Något namn"


def test_two_editors_the_second_save_is_refused_as_stale(app, app_db):
    first = open_editor(app, "vm-operativ-af")
    second = open_editor(
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT), "vm-operativ-af"
    )
    second.text_input[1].set_value("Operativ styrgrupp FK–AF (ändrad av den andra)")
    second.button[0].click().run()
    assert "Ändringen är sparad." in texts(second)
    first.text_input[1].set_value("Operativ styrgrupp FK–AF (ändrad av den första)")
    first.button[0].click().run()
    text = texts(first)
    assert "har ändrats av någon annan sedan du öppnade det" in text
    assert first.text_input[1].value == "Operativ styrgrupp FK–AF (ändrad av den första)"
    engine = make_engine(app_db)
    with unit_of_work(engine) as session:
        name = session.exec(select(Forum.name).where(Forum.key == "vm-operativ-af")).one()
    assert name.endswith("(ändrad av den andra)")


def test_without_the_administrator_role_the_structure_is_read_only(app):
    app.run()
    app.switch_page("pages/structure_admin.py").run()
    assert "Bara administratörer kan ändra samverkansstrukturen." in texts(app)
    assert [b.label for b in app.button] == []  # no form to submit
    assert len(app.get("download_button")) == 1  # export stays open to everyone
