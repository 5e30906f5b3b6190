"""The pages when the database is away or full: a message in words, the menu, what was typed
kept, no traceback, and the page works again once the database is back."""

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import Issue, make_engine, unit_of_work
from tests.conftest import fresh_schema, postgres_url
from tests.faults import empty_sqlite_disk, fill_sqlite, proxied
from tests.ui.conftest import ROOT, TIMEOUT, sign_in, texts
from ui.db import engine as app_engine

AWAY = "Databasen svarar inte just nu"


def fill_new_issue(app: AppTest, description: str) -> None:
    app.switch_page("pages/issue_new.py").run()
    app.selectbox(key="ni_forum").set_value("vm-individ-vard")
    app.text_input(key="ni_title").set_value("Intyg som dröjer")
    app.text_area(key="ni_description").set_value(description).run()


def titles(url: str) -> list[str]:
    engine = make_engine(url)
    with unit_of_work(engine) as s:
        found = list(s.exec(select(Issue.title).where(~Issue.is_demo)))
    engine.dispose()
    return found


def test_a_save_on_a_full_disk_is_said_and_keeps_the_text_then_succeeds(app, app_db):
    sign_in(app, "anna")
    text_typed = "Kompletteringar dröjer. " * 400
    fill_new_issue(app, text_typed)
    engine = app_engine()
    fill_sqlite(engine)
    try:
        app.button(key="ni_submit").click().run()
        assert not app.exception, app.exception
        shown = texts(app)
        assert AWAY in shown and "Frågan sparades inte; det du skrev finns kvar." in shown
        assert app.text_area(key="ni_description").value == text_typed
        assert titles(app_db) == []
    finally:
        empty_sqlite_disk(engine)
    app.button(key="ni_submit").click().run()
    assert "Frågan är sparad som" in texts(app)
    assert titles(app_db) == ["Intyg som dröjer"]


@pytest.fixture
def app_behind_proxy(monkeypatch):
    """The app on a PostgreSQL schema of its own, reached through a proxy the test controls."""
    with fresh_schema() as schema, proxied(postgres_url()) as proxy:
        url = proxy.url(postgres_url()) + f"?options=-csearch_path%3D{schema}"
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("SAMVERKANSNAVET_DEMO", "1")
        yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT), proxy
        app_engine().dispose()


def test_pages_say_the_database_is_away_keep_the_menu_and_the_text_and_recover(app_behind_proxy):
    app, proxy = app_behind_proxy
    sign_in(app, "anna")
    fill_new_issue(app, "Halvskriven text om intygen.")
    proxy.kill()
    app.button(key="ni_submit").click().run()
    assert not app.exception, app.exception
    assert AWAY in texts(app)  # the page could not be drawn; what was typed is held
    assert app.session_state["ni_description"] == "Halvskriven text om intygen."
    for page in ("pages/issues.py", "pages/inbox.py", "pages/start.py"):
        app.switch_page(page).run()  # a page opened while it is away
        assert not app.exception, (page, app.exception)
        assert AWAY in texts(app), page
        assert any("Logga fråga" in str(p.proto.label) for p in app.get("page_link")), page
    app.switch_page("pages/issue_new.py").run()
    proxy.restore()
    app.run()
    assert AWAY not in texts(app)
    assert app.text_area(key="ni_description").value == "Halvskriven text om intygen."
    app.button(key="ni_submit").click().run()
    assert "Frågan är sparad som" in texts(app)


def test_a_database_the_app_cannot_prepare_is_said_in_words_on_every_page(tmp_path, monkeypatch):
    """A migration that fails on the first request (here: the database says it is at a
    revision this version does not know): each page says so, keeps the menu, no traceback;
    once the database is put right, the next run starts the app."""
    import sqlite3

    path = tmp_path / "broken.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("SAMVERKANSNAVET_DEMO", "1")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for page in ("pages/start.py", "pages/signin.py", "pages/issues.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        shown = texts(app)
        assert "kunde inte förbereda sin databas" in shown, page
        assert shown.count("kunde inte förbereda sin databas") == 1, page
        assert any("Tillgänglighet" in str(p.proto.label) for p in app.get("page_link")), page
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
    app.switch_page("pages/start.py").run()
    assert "kunde inte förbereda sin databas" not in texts(app)
    assert "Samverkansnavet" in texts(app) and not app.exception
    app_engine().dispose()


def test_an_actions_note_typed_while_the_database_is_away_is_kept(app_behind_proxy):
    """The action's form is drawn only while it is open: a run the database failed does not
    draw it, and its fields keep what was typed for the retry."""
    app, proxy = app_behind_proxy
    sign_in(app, "bertil")
    app.switch_page("pages/actions.py").run()
    [update] = [b for b in app.button if b.key and b.key.startswith("ac-update-")][:1]
    action = update.key.removeprefix("ac-update-")
    update.click().run()
    app.text_input(key=f"ac-note-{action}").set_value("Skrivet medan databasen var borta")
    proxy.kill()
    [save] = [b for b in app.button if b.proto.form_id == f"action-{action}"]
    save.click().run()
    assert not app.exception, app.exception
    assert AWAY in texts(app)
    proxy.restore()
    app.run()
    assert AWAY not in texts(app)
    assert app.text_input(key=f"ac-note-{action}").value == "Skrivet medan databasen var borta"
    assert not [w for w in app.warning if "Session State" in str(w.value)]
    [save] = [b for b in app.button if b.proto.form_id == f"action-{action}"]
    save.click().run()
    assert not app.exception, app.exception
    assert "Skrivet medan databasen var borta" in texts(app)
