from models import make_engine, unit_of_work
from services.accounts.audit import search_audit
from services.permissions import trusted_actor
from tests.ui.conftest import sign_in, texts
from tests.ui.test_issue_pages import fill_issue, issues_in


def test_the_sign_in_page_says_demo_accounts_exist_only_in_a_demo_database(app):
    app.run()
    app.switch_page("pages/signin.py").run()
    shown = texts(app)
    assert "demokonton finns för varje roll" in shown and "`anna`" in shown


def test_a_demo_user_signs_in_and_is_recorded_on_what_she_does(app, app_db):
    sign_in(app, "anna")
    assert any("Inloggad som Anna Andersson" in c.value for c in app.sidebar.caption)
    app.switch_page("pages/issue_new.py").run()
    fill_issue(app, "Underlag finns.")
    [issue] = issues_in(app_db)
    anna = "Anna Andersson, samverkansansvarig FK Västmanland (demo)"
    assert issue.raised_by == anna
    engine = make_engine(app_db)
    with unit_of_work(engine) as session:
        audited = search_audit(session, by=trusted_actor(), actor="anna", table="issue").rows
    engine.dispose()
    assert [e.action for e in audited] == ["insert"]


def test_a_wrong_password_gets_a_plain_no_and_signing_out_works(app):
    sign_in(app, "anna", "fel lösenord")
    assert "Fel användarnamn eller lösenord." in texts(app)
    sign_in(app, "anna")
    app.sidebar.button(key="sign_out").click().run()
    assert not any("Inloggad som" in c.value for c in app.sidebar.caption)


def test_the_audit_log_names_seeding_system_and_signing_in_sign_in(app, app_db):
    sign_in(app, "anna", "fel lösenord")
    sign_in(app, "anna")
    engine = make_engine(app_db)
    with unit_of_work(engine) as session:
        seeded = search_audit(session, by=trusted_actor(), table="issue", page_size=1000).rows
        signins = search_audit(session, by=trusted_actor(), actor="sign-in").rows
        anonymous = search_audit(session, by=trusted_actor(), actor="anonymous").rows
    engine.dispose()
    assert seeded and {e.actor for e in seeded} == {"system"}
    assert any("failed_signins" in e.changes for e in signins)
    assert any("last_signin_at" in e.changes for e in signins)
    assert anonymous == []


def test_each_run_notes_the_sessions_activity_and_an_ended_session_signs_out(app, app_db):
    """A run commits what resuming the browser's session wrote (its last activity, noted at
    most once a minute, or its end), and only then: a run that read nothing new commits
    nothing."""
    from datetime import UTC, datetime, timedelta

    from sqlmodel import select

    from models import SigninSession

    sign_in(app, "anna")
    engine = make_engine(app_db)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    with unit_of_work(engine) as s:
        [row] = s.exec(select(SigninSession).where(SigninSession.revoked_at.is_(None)))
        row.last_seen_at = long_ago
        s.add(row)
        s.commit()
    app.run()
    with unit_of_work(engine) as s:
        seen_at = s.get(SigninSession, row.token_hash).last_seen_at
        assert seen_at.replace(tzinfo=UTC) > long_ago + timedelta(minutes=4)
        s.get(SigninSession, row.token_hash).revoked_at = datetime.now(UTC)  # another tab
        s.commit()
    app.run()
    assert not any("Inloggad som" in c.value for c in app.sidebar.caption)
    engine.dispose()
