"""What a run reads (ui.db): held reads once per run and again after the run commits; every
read of a run through one session, begun anew after a commit (so a page sees what it saved),
given back when the run ends, and never writing."""

from streamlit.testing.v1 import AppTest

from models import make_engine
from tests.ui.conftest import TIMEOUT
from ui.db import held


def _held_script() -> None:
    import streamlit as st
    from sqlalchemy import text

    from ui.db import end_run_reads, engine, forget_run_reads, held

    forget_run_reads()
    calls = st.session_state.setdefault("calls", [])

    def read() -> int:
        calls.append(1)
        return len(calls)

    first, again = held("k", read), held("k", read)
    with engine().begin() as conn:  # any commit in the run: what was held may be stale
        conn.execute(text("SELECT 1"))
    after = held("k", read)
    st.write(f"{first} {again} {after}")
    end_run_reads()


def test_a_run_reads_once_and_again_after_it_commits(app_db):
    at = AppTest.from_function(_held_script, default_timeout=TIMEOUT)
    at.run()
    assert at.markdown[0].value == "1 1 2"
    at.run()  # a new run holds nothing from the last
    assert at.markdown[0].value == "3 3 4"


def test_outside_a_run_every_call_reads():
    calls = []
    assert [held("k", lambda: calls.append(1) or len(calls)) for _ in range(2)] == [1, 2]


def _reading_script() -> None:
    import streamlit as st
    from sqlalchemy import func, text
    from sqlmodel import select

    from models import Issue, IssueFollower
    from ui.db import ReadOnlySessionError, end_run_reads, forget_run_reads, reading, session

    forget_run_reads()
    try:
        with reading() as a:
            before = a.exec(select(func.count()).select_from(IssueFollower)).one()
        with reading() as b:
            shared = a is b
        with session() as w:  # a save in the same run, in a session of its own
            issue = w.exec(select(Issue)).first()
            w.add(IssueFollower(issue_id=issue.id, person="Test Testsson"))
            w.commit()
        with reading() as c:
            renewed = c is not a
            after = c.exec(select(func.count()).select_from(IssueFollower)).one()
        try:
            with reading() as d:
                d.exec(text("SELECT * FROM no_such_table"))
        except Exception:  # noqa: BLE001
            pass
        with reading() as e:
            recovered = e is not c and e.exec(select(func.count()).select_from(Issue)).one() > 0
        try:
            with reading() as f:
                f.add(IssueFollower(issue_id=issue.id, person="Skrivs Inte"))
                f.flush()
            refused = False
        except ReadOnlySessionError:
            refused = True
        st.write(f"{shared} {renewed} {after - before} {recovered} {refused}")
    finally:
        end_run_reads()


def test_a_run_reads_through_one_session_sees_what_it_saved_and_gives_it_back(app_db):
    at = AppTest.from_function(_reading_script, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    # one session shared; after the save a new one, which sees it (SQLite's read transaction
    # would otherwise go on seeing the moment it began); a failed read does not spoil the
    # next; a write through it is refused
    assert at.markdown[0].value == "True True 1 True True"


def test_no_connection_is_held_between_runs(app, app_db):
    from ui.db import engine

    app.run()
    app.switch_page("pages/structure.py").run()
    assert not app.exception, app.exception
    assert engine().pool.checkedout() == 0
    make_engine(app_db).dispose()


def _row_script() -> None:
    import gc

    import streamlit as st
    from sqlalchemy import event, text
    from sqlmodel import select

    from models import Issue
    from ui.db import end_run_reads, engine, forget_run_reads, read_row, reading

    forget_run_reads()
    selects: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if "FROM issue" in statement:
            selects.append(statement)

    try:
        with reading() as s:
            issue_id = s.exec(select(Issue.id)).first()
        event.listen(engine(), "before_cursor_execute", count)
        with reading() as s:
            first = read_row(s, Issue, issue_id).reference
        gc.collect()  # the identity map's weak hold is gone: a plain get would read again
        with reading() as s:
            again = read_row(s, Issue, issue_id).reference
        once = len(selects)
        with engine().begin() as conn:
            conn.execute(text("SELECT 1"))
        with reading() as s:
            read_row(s, Issue, issue_id)
        event.remove(engine(), "before_cursor_execute", count)
        st.write(f"{first == again} {once} {len(selects)}")
    finally:
        end_run_reads()


def test_a_row_is_read_once_a_run_and_again_after_the_run_commits(app_db):
    at = AppTest.from_function(_row_script, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    assert at.markdown[0].value == "True 1 2"
