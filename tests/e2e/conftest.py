"""A real app server on a free port and Debian's Chromium driven by Playwright."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Flags that work on our machines and in CI: no sandbox as root, and no background traffic
# (the network is closed; Chromium's own connections would only fail).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # one worker runs the browser tests one after another; two browsers and two app
            # servers at once on two cores made clicks land during runs
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@contextmanager
def app_server(tmp_path: Path, **env_extra: str) -> Iterator[str]:
    """A freshly started app on its own empty SQLite database; yields its base URL."""
    with app_process(tmp_path, **env_extra) as (base, _):
        yield base


@contextmanager
def app_process(tmp_path: Path, **env_extra: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`app_server`, with the process too (for a test that stops it)."""
    port = int(env_extra.pop("port", _free_port()))
    env = (
        os.environ
        | {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
            "SAMVERKANSNAVET_DEMO": "1",
            "STREAMLIT_SERVER_PORT": str(port),
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            # no secrets.toml from this checkout or the home directory: no identity provider
            "STREAMLIT_SECRETS_FILES": str(tmp_path / "no-secrets.toml"),
        }
        | env_extra
    )
    env.pop("SAMVERKANSNAVET_LANG", None)
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.server"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(f"{base}/_stcore/health", proc, tmp_path / "server.log", seconds=60)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, *, seconds: float, **open_args):
    """Until `url` answers 200; fails with the process's log if it ends or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2, **open_args) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{proc.args} did not start:\n{log.read_text()}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def server_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="module")
def server(server_dir) -> Iterator[str]:
    """One app server for a test module (starting and seeding one takes seconds); each test
    signs in afresh in a browser context of its own."""
    with app_server(server_dir) as base:
        yield base


@pytest.fixture
def server_db(server, server_dir) -> str:
    """The database URL of the module's server, made and seeded as the app makes it at its
    first request (which may not have come yet: the browser tests of a module do not always
    run in their file's order)."""
    from models import make_engine
    from models.audit import acting_as
    from services.startup.bootstrap import prepare_database

    url = f"sqlite:///{server_dir / 'e2e.db'}"
    engine = make_engine(url)
    with acting_as("system"):
        prepare_database(engine, demo_on_first_start=True)
    engine.dispose()
    return url


@pytest.fixture
def fresh_server(tmp_path) -> Iterator[str]:
    """A server no request has reached yet."""
    with app_server(tmp_path) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1200}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def open_app(page, url: str, ready, *, timeout_ms: int = 60_000) -> None:
    """Go to a page and wait for `ready` (a locator).

    On a loaded machine the browser's first websocket connection can stall and Streamlit shows
    "Connection error"; only then is the page loaded again (twice at most). Any other failure
    fails at once.
    """
    from playwright.sync_api import expect

    for attempt in range(3):
        page.goto(url)
        try:
            expect(ready).to_be_visible(timeout=timeout_ms)
            wait_idle(page)
            return
        except AssertionError:
            stalled = page.get_by_text("Connection error").count() > 0
            if not stalled or attempt == 2:
                raise


def wait_idle(page, *, timeout_ms: int = 30_000) -> None:
    """Wait until the script run a widget started has finished, so the next step does not act
    on a page that is being redrawn. The short pause lets the rerun begin first."""
    page.wait_for_timeout(300)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms
    )


def sign_in(page, server: str, username: str, password: str = "demo-lösenord-2026") -> None:
    """Sign in with a local (demo) account on the sign-in page; the app then shows the start
    page, and the browser holds the session cookie, so a URL loaded afresh stays signed in
    (the script that sets it runs a moment after the name shows)."""
    from playwright.sync_api import expect

    open_app(page, f"{server}/signin", page.get_by_role("heading", name="Logga in"))
    for attempt in range(2):  # under load a click can land while a run redraws the form
        page.get_by_role("textbox", name="Användarnamn").fill(username)
        page.get_by_role("textbox", name="Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        wait_idle(page)
        try:
            expect(page.get_by_text("Inloggad som")).to_be_visible(timeout=30_000)
            session_cookie(page)
            return
        except AssertionError:
            if attempt or page.get_by_role("button", name="Logga in").count() == 0:
                raise


def session_cookie(page, *, timeout_s: float = 20) -> dict:
    """The session cookie, once the script the app sends after a sign-in has set it."""
    for _ in range(int(timeout_s * 4)):
        found = [c for c in page.context.cookies() if c["name"] == "samverkansnavet_session"]
        if found and found[0]["value"]:
            return found[0]
        page.wait_for_timeout(250)
    raise AssertionError("the session cookie was never set")


EDITING = "['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
EDITED_TEXT = "document.activeElement?.value ?? null"


def open_issue(page, server: str, reference: str) -> None:
    """An issue's page by its deep link, as from a follow e-mail: the sign-in holds."""
    open_app(page, f"{server}/issue?ref={reference}", page.get_by_role("heading", name="Historik"))


def fill_tab(page, tab: str, field: str, value: str) -> None:
    """On an issue's page: open the action's tab and type into its field."""
    page.get_by_role("tab", name=tab).click()
    page.get_by_role("textbox", name=field, exact=True).filter(visible=True).fill(value)


def press_save(page) -> None:
    """The open tab's "Spara" (not waiting: two users may press at once)."""
    page.get_by_role("button", name="Spara", exact=True).filter(visible=True).click()


def add_table_row(page, table, cells: list[tuple[str, object]]) -> None:
    """Add a row to an editable table by keyboard, as a user does: click the table's empty
    last line (which adds the row and opens its first cell), then fill each cell and move to
    the next with the arrow keys. `cells`: ("text", "…") typed; ("choice", "…") opened with
    Enter and typed to filter; ("date", date) typed into the browser's date field
    (month/day/year in this headless Chromium); ("bool", True) toggled with Space;
    ("skip", None) passed over. Enter commits a cell and steps down, so each is followed by
    ArrowUp, then ArrowRight to the next cell (Tab leaves the table inside a form)."""
    grid = table.locator("[data-testid='stDataFrameResizable']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + box["height"] - 17)
    # under load the new row's editor opens late, and keys typed before it are lost
    page.wait_for_function(EDITING, timeout=15_000)
    page.wait_for_timeout(300)
    for n, (kind, value) in enumerate(cells):
        if n:
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(200)
        if kind in ("text", "choice", "date"):
            if n and kind != "text":  # typing opens a text cell; the first cell is open
                page.keyboard.press("Enter")
                page.wait_for_timeout(300)
            page.keyboard.type(
                f"{value:%m%d%Y}" if kind == "date" else str(value),
                delay=60 if kind != "date" else 80,
            )
            page.wait_for_timeout(300)
            if kind == "text" and page.evaluate(EDITED_TEXT) != str(value):
                page.keyboard.press("ControlOrMeta+A")  # a key was lost: type it again, whole
                page.keyboard.type(str(value), delay=60)
                page.wait_for_timeout(300)
            page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            page.keyboard.press("ArrowUp")
        elif kind == "bool" and value:
            page.keyboard.press("Space")
        page.wait_for_timeout(200)


def no_exception_shown(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")


def click(page, name: str) -> None:
    """Press the first button of that name once the page is still, and wait for its run."""
    wait_idle(page)
    page.get_by_role("button", name=name).first.click()
    wait_idle(page)


def plan_meeting(page, on, place: str) -> None:
    """On "Möten": a meeting of the chair's forum on date `on`, typed into the date field's
    segments; the meeting's page opens."""
    from playwright.sync_api import expect

    for part, value in (("year", f"{on:%Y}"), ("month", f"{on:%m}"), ("day", f"{on:%d}")):
        segment = page.get_by_role("spinbutton", name=f"{part}, Dag").first
        segment.click()
        segment.press_sequentially(value)
    expect(page.get_by_role("spinbutton", name="day, Dag").first).to_have_text(f"{on:%d}")
    page.get_by_role("textbox", name="Plats").first.fill(place)
    click(page, "Planera mötet")
    expect(page.get_by_role("heading", name="Möte", exact=True)).to_be_visible(timeout=20_000)


def indicator_section(page, effect: str, indicator: str):
    """From "Effektuppföljning": open `effect`, and give the part of its page for `indicator`."""
    page.locator("[class*='st-key-effect-card-']").filter(has_text=effect).get_by_text(
        "Öppna effekten"
    ).click()
    wait_idle(page)
    return (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has=page.get_by_role("heading", name=indicator))
        .last
    )


def type_value(page, section, typed: str) -> None:
    """Type `typed` into "Värde" under "Registrera ett värde" in an indicator's section (opened
    first if it is not)."""
    field = section.get_by_role("textbox", name="Värde").first
    if not field.is_visible():
        section.get_by_text("Registrera ett värde").first.click()
    field.fill(typed)
    field.press("Tab")
    wait_idle(page)


def save_value(page, section) -> None:
    from playwright.sync_api import expect

    section.get_by_role("button", name="Spara värdet").first.click()
    wait_idle(page)
    expect(page.get_by_text("Värdet är sparat.")).to_be_visible(timeout=20_000)
