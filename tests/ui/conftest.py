import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from models import make_engine
from models.audit import acting_as
from services.issues.similar_vectors import embed_missing
from services.startup.bootstrap import prepare_database
from ui.drafts import clear_drafts
from ui.server import warm_server_patches
from ui.text import WORD_JOINER

# A failing page test shows its traceback; the app itself shows none (.streamlit/config.toml).
config.set_option("client.showErrorDetails", "full")

# CI machines are slower than a laptop; AppTest's default of 3 s is too short for a first run
# that migrates and seeds the database.
TIMEOUT = 60
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def warm_server_pages(monkeypatch):
    """Run every AppTest run the way a warm server runs: through app.py's st.navigation.

    AppTest resets Streamlit's old pages/-folder mode before each run, so every run of a
    sub-page would start in that mode, and ui.shell.require_app's rerun out of it would drop a
    button click. On a real server the mode is left once per process, at the first request;
    the browser test covers that first request. The scripts are compiled once, as a server
    keeps them (AppTest compiles them again for every run).
    """
    for target, name, value in warm_server_patches():
        monkeypatch.setattr(target, name, value)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    engine = make_engine(f"sqlite:///{path}")
    with acting_as("system"):
        prepare_database(engine, demo_on_first_start=True)
    embed_missing(engine)  # as the app's own background embedder does within seconds
    engine.dispose()
    return path


@pytest.fixture
def app_db(tmp_path, monkeypatch, seeded_template):
    """Each page test gets a fresh SQLite database: a copy of one seeded the way the app seeds
    on its first start (seeding each test's database anew cost most of the page tests' time).
    The app's own first start is still covered by the browser tests."""
    shutil.copyfile(seeded_template, tmp_path / "app.db")
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SAMVERKANSNAVET_DEMO", "1")  # the page tests rely on the demo content
    monkeypatch.delenv("SAMVERKANSNAVET_LANG", raising=False)
    return url


@pytest.fixture
def app(app_db) -> AppTest:
    clear_drafts()  # a fresh database: its users have typed nothing yet
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def seen(markdown: str) -> str:
    """Markdown source as the reader sees it: backslash escapes and word joiners gone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def texts(at: AppTest) -> str:
    """Everything the page wrote (markdown, titles, captions, alerts, metrics and plain-text
    blocks) as the reader sees it."""
    parts = [
        seen(str(e.value))
        for kind in (
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
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [html.unescape(re.sub(r"<[^>]+>", "", h.proto.body)) for h in at.get("html")]
    parts += [str(x.value) for x in at.text]
    return "\n".join(str(p) for p in parts)


def sign_in(at: AppTest, username: str, password: str | None = None) -> AppTest:
    """Sign in through the sign-in page (a demo account unless a password is given)."""
    from services.startup.demo_users import demo_password

    at.run()
    if "user" in at.session_state:
        at.sidebar.button(key="sign_out").click().run()
    at.switch_page("pages/signin.py").run()
    at.text_input(key="si_user").set_value(username)
    at.text_input(key="si_password").set_value(password or demo_password())
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at
