"""The reads a run holds once (ui.db.held): once per run, again after the run commits, never
held outside a run."""

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import TIMEOUT
from ui.db import held


def _script() -> None:
    import streamlit as st
    from sqlalchemy import text

    from ui.db import engine, forget_run_reads, held

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


def test_a_run_reads_once_and_again_after_it_commits(app_db):
    at = AppTest.from_function(_script, default_timeout=TIMEOUT)
    at.run()
    assert at.markdown[0].value == "1 1 2"
    at.run()  # a new run holds nothing from the last
    assert at.markdown[0].value == "3 3 4"


def test_outside_a_run_every_call_reads():
    calls = []
    assert [held("k", lambda: calls.append(1) or len(calls)) for _ in range(2)] == [1, 2]
