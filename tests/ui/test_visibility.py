"""Through every page and export: a user without membership cannot read another region's issue.

The services refuse too (tests/integration/test_permissions_enforced.py); this checks that no
page goes round them.
"""

import pytest
from streamlit.testing.v1 import AppTest

from models import make_engine, unit_of_work
from models.vocabulary import IssueKind
from services.issues.use_cases import IssueInput, raise_issue
from services.permissions import trusted_actor
from tests.ui.conftest import sign_in, texts

SECRET = "Skånsk fråga som bara Skåne ska se"


@pytest.fixture
def skane_issue(app: AppTest, app_db) -> str:
    """An issue raised in Malmö (a demo forum of Region Skåne) once the app has started."""
    app.run()  # the first start creates and seeds the database
    engine = make_engine(app_db)
    with unit_of_work(engine) as session:
        issue = raise_issue(
            session,
            by=trusted_actor("Samverkansansvarig Malmö"),
            data=IssueInput(
                title=SECRET,
                description="Detaljer om Skåne",
                kind=IssueKind.CHALLENGE,
                forum="demo-malmo-samverkan",
            ),
        )
        session.commit()
        reference = issue.reference
    engine.dispose()
    return reference


def all_shown(app: AppTest) -> str:
    """Text, links and widget labels: anything a page could leak the issue through."""
    links = [str(p.proto.label) for p in app.get("page_link")]
    return texts(app) + "\n".join(links)


def test_a_user_of_vastmanland_cannot_reach_a_skane_issue_through_any_page(app, skane_issue):
    sign_in(app, "anna")

    app.switch_page("pages/issues.py").run()
    assert SECRET not in all_shown(app)
    app.text_input(key="is_text").set_value(skane_issue).run()
    assert "Träffar: 0" in texts(app)
    app.text_input(key="is_text").set_value("").run()
    app.toggle(key="is_more").set_value(True).run()
    app.selectbox(key="is_region").set_value("region-skane").run()
    assert "Träffar: 0" in texts(app)

    app.selectbox(key="is_region").set_value(None).run()
    app.button(key="exp_csv").click().run()
    _for, _kind, data = app.session_state["export"]
    exported = data.decode("utf-8-sig")
    assert skane_issue not in exported and SECRET not in exported
    assert exported.count("\n") > 1  # her own forums' issues are there

    app.query_params["ref"] = skane_issue
    app.switch_page("pages/issue.py").run()
    shown = all_shown(app)
    assert "Du kan inte se den här frågan" in shown
    assert SECRET not in shown and "Detaljer om Skåne" not in shown

    app.switch_page("pages/inbox.py").run()
    for tab in ("inbox", "raised", "waiting"):  # only the chosen list is drawn
        app.query_params["tab"] = tab
        app.run()
        assert SECRET not in all_shown(app)
    app.switch_page("pages/structure.py").run()
    app.selectbox(key="forum").set_value("demo-malmo-samverkan").run()
    assert "Öppna frågor i forumet som du kan se: 0" in texts(app) and SECRET not in all_shown(app)
    assert not app.exception, app.exception


def test_the_strategic_level_reads_it_and_nobody_signed_out_does(app, skane_issue):
    app.query_params["ref"] = skane_issue
    app.switch_page("pages/issue.py").run()
    assert SECRET not in all_shown(app)
    assert "Logga in för att se samverkansfrågor" in texts(app)
    sign_in(app, "david")
    app.query_params["ref"] = skane_issue
    app.switch_page("pages/issue.py").run()
    assert SECRET in all_shown(app)


def test_a_detail_one_reader_opened_is_still_refused_to_another(app, skane_issue):
    """An issue's page is shared between its readers until it changes: who may read it is
    asked of each."""
    sign_in(app, "david")  # the strategic level opens it first: the detail is now shared
    app.query_params["ref"] = skane_issue
    app.switch_page("pages/issue.py").run()
    assert SECRET in all_shown(app)
    sign_in(app, "anna")
    app.query_params["ref"] = skane_issue
    app.switch_page("pages/issue.py").run()
    shown = all_shown(app)
    assert "Du kan inte se den här frågan" in shown
    assert SECRET not in shown and "Detaljer om Skåne" not in shown
