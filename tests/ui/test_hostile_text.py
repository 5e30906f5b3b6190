"""Text typed by someone in another organisation reaches every page as text: no Markdown, HTML
or Streamlit directive in it takes effect, and nothing in it is lost from view."""

import json
import re

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models import AgreedAction, make_engine, unit_of_work
from tests.hostile import FORUM_NAME, HOSTILE, hostile_effect, one_line, raise_hostile_issues
from tests.ui.conftest import sign_in, texts
from ui.text import WORD_JOINER, md, visible

MARKDOWN_KINDS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "success",
    "warning",
    "error",
)
HIDDEN = ("\u202e", "\x00")
ACTIVE_PARTS = ("](", "<img", "<b>", "<script", ":red[", ":material/", "# Rubrik", "**fet**")
"""Markdown from the hostile strings that would take effect if its punctuation were bare."""
APP_BADGE = re.compile(r"^:(red|green|orange|gray)-badge\[:material/[a-z_]+: [^\]\[:]*\]$")
"""The app's own status badge (st.badge), whose label is the app's word, never user text."""
COOKIE_SCRIPT = '<script>document.cookie = "samverkansnavet_session='
LANGUAGE_SCRIPT = re.compile(r'^<script>document\.documentElement\.lang = "(sv|en)";</script>$')
"""The app's own script saying the page's language (ui.shell.page_language): a code, no text."""
"""The app's own script keeping the session cookie (ui.accounts.browser_session): a token,
no text."""


def active(part: str) -> re.Pattern:
    """The part with none of its punctuation escaped by a backslash."""
    return re.compile(
        "".join(
            rf"(?<!\\){re.escape(c)}" if re.match(r"[!-/:-@\[-`{-~]", c) else re.escape(c)
            for c in part
        )
    )


def _markdown_sources(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown: elements and widget labels."""
    sources = [
        str(e.value)
        for kind in MARKDOWN_KINDS
        for e in getattr(at, kind)
        if not APP_BADGE.match(str(e.value))
    ]
    sources += [str(p.proto.label) for p in at.get("page_link")]
    sources += [str(o) for r in at.radio for o in r.proto.options]  # the labels shown
    sources += [
        str(e.label)
        for kind in (
            "expander",
            "tabs",
            "button",
            "selectbox",
            "multiselect",
            "text_input",
            "text_area",
        )
        for e in getattr(at, kind)
    ]
    return sources


def check_page(at: AppTest, must_show: list[str]) -> None:
    assert not at.exception, at.exception
    sources = _markdown_sources(at)
    bodies = [
        h.proto.body
        for h in at.get("html")
        if not h.proto.body.startswith(COOKIE_SCRIPT) and not LANGUAGE_SCRIPT.match(h.proto.body)
    ]  # the app's own, no user text
    for text in (*HOSTILE, FORUM_NAME):
        raw = visible(text)
        for source in sources:
            if md(raw) != raw:
                rest = source.replace(md(raw), "")  # the escaped form is what must be there
                assert raw not in rest and one_line(raw) not in rest, (
                    f"unescaped user text in Markdown: {source!r}"
                )
            for part in ACTIVE_PARTS:
                assert not active(part).search(source.replace(WORD_JOINER, "")), source
        for body in bodies:
            assert "<img" not in body and "<script" not in body and "<b>" not in body
    for source in sources + bodies:
        assert not any(c in source for c in HIDDEN), source
    shown = texts(at)
    for text in must_show:
        assert text in shown, f"{text!r} is not shown"


@pytest.fixture
def hostile(app, app_db) -> list[str]:
    app.run()  # the first run migrates and seeds the database
    return raise_hostile_issues(app_db)


def test_the_issue_page_shows_every_field_of_a_hostile_issue_as_text(app, hostile):
    sign_in(app, "anna")
    app.switch_page("pages/issue.py").run()
    for text, reference in zip(HOSTILE, hostile, strict=True):
        app.text_input(key="issue_ref").set_value(reference).run()
        line = one_line(visible(text))
        check_page(app, [line[:150], "Forum ![x](https://evil.example/f.png) <b>fet</b>"])


def test_the_lists_and_the_inbox_show_hostile_titles_and_outcomes_as_text(app, hostile):
    sign_in(app, "anna")
    app.switch_page("pages/issues.py").run()
    check_page(app, [])
    app.switch_page("pages/inbox.py").run()
    shown = ""
    for tab in ("inbox", "raised", "waiting"):  # only the chosen list is drawn
        app.query_params["tab"] = tab
        app.run()
        check_page(app, [])
        shown += texts(app)
    assert one_line(visible(HOSTILE[0])) in shown


def test_the_forum_card_shows_a_hostile_name_and_purpose_as_text(app, hostile):
    sign_in(app, "anna")
    app.query_params["forum"] = "vm-individ-vard"
    app.switch_page("pages/structure.py").run()
    check_page(app, [FORUM_NAME, visible(HOSTILE[7])])
    app.toggle(key="as_list").set_value(True).run()  # the forums as buttons, named by the user
    check_page(app, [FORUM_NAME])
    assert md(FORUM_NAME) in [b.label for b in app.button]


def test_a_preparatory_groups_hostile_name_names_its_triage_tab_as_text(app, hostile, app_db):
    """The meetings page names a tab after each preparatory group the reader works in; a tab's
    label is Markdown, and the group's name is what an administrator typed."""
    from models import Forum
    from models.vocabulary import Role
    from services.accounts.users import grant_role
    from services.permissions import Actor
    from services.structure.read import bump_revision

    admin = Actor(0, "Admin", frozenset({(Role.ADMINISTRATOR, None)}))
    with unit_of_work(make_engine(app_db)) as s:
        group = s.exec(select(Forum).where(Forum.key == "beredningsgrupp-fm")).one()
        group.name = f"{FORUM_NAME} beredning"
        s.add(group)
        bump_revision(s)
        grant_role(
            s,
            by=admin,
            username="hostile",
            role=Role.COLLABORATION_OFFICER,
            forum="beredningsgrupp-fm",
        )
        s.commit()
    sign_in(app, "hostile", "ett långt lösenord 2026")
    app.switch_page("pages/meetings.py").run()
    view = app.radio(key="mt_view")
    assert view.value == "triage:beredningsgrupp-fm"  # what the reader does here opens first
    assert md(f"{FORUM_NAME} beredning") in view.format_func(view.value)
    check_page(app, [])


def test_the_users_page_shows_a_hostile_name_as_text(app, hostile):
    sign_in(app, "admin")
    app.switch_page("pages/users.py").run()
    app.selectbox(key="us_chosen").set_value("hostile").run()
    check_page(app, [HOSTILE[0]])


def test_the_effect_pages_show_hostile_effects_as_text(app, app_db):
    app.run()
    effect = hostile_effect(app_db)
    sign_in(app, "david")
    app.switch_page("pages/effects.py").run()
    check_page(app, [one_line(visible(HOSTILE[0]))])
    for view in ("collaboration", "new"):  # each drawn only when chosen
        app.radio(key="ef_view").set_value(view).run()
        check_page(app, [])
    app.query_params["id"] = str(effect)
    app.switch_page("pages/effect.py").run()
    check_page(app, [one_line(visible(HOSTILE[0])), one_line(visible(HOSTILE[4]))])
    # plotly reads tags such as <a href> and <img> in its text: they must arrive escaped
    specs = [
        json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
        for chart in app.get("plotly_chart")
    ]
    assert any("&lt;b&gt;st" in spec for spec in specs)  # the unit, on the axis
    assert not [spec for spec in specs if "<img" in spec or "<b>" in spec or "<script" in spec]


def test_the_action_list_shows_a_hostile_action_as_text(app, app_db):
    app.run()
    engine = make_engine(app_db)
    with unit_of_work(engine) as s:  # the demo's overdue action, retyped by someone hostile
        action = s.exec(
            select(AgreedAction).where(AgreedAction.title.startswith("Kartlägga"))
        ).one()
        action.title, action.responsible, action.note = HOSTILE[5], HOSTILE[0], HOSTILE[4]
        s.add(action)
        s.commit()
    engine.dispose()
    sign_in(app, "bertil")
    app.switch_page("pages/actions.py").run()
    check_page(app, [HOSTILE[5], HOSTILE[0], HOSTILE[4], "försenad"])
