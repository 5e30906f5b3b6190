"""Two app servers on one PostgreSQL behind HAProxy with the deployment's own configuration
(`deploy/haproxy.cfg`), in a real browser: TLS and the security headers, each browser kept on
its server, a change through one server seen through the other, two saves at once through both
with nothing lost, and a server killed mid-session: the page goes on through the other one."""

import http.client
import os
import shutil
import signal
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from tests.conftest import fresh_schema, postgres_url
from tests.e2e.conftest import (
    ROOT,
    _free_port,
    app_process,
    fill_tab,
    open_issue,
    press_save,
    sign_in,
    wait_healthy,
    wait_idle,
)

CONFIG = ROOT / "deploy" / "haproxy.cfg"
AFFINITY = "samverkansnavet_server"
ISSUE = "SAM-2026-0002"  # at the Samverkansgrupp: Helena chairs it, Cecilia is its secretary
UNVERIFIED = ssl._create_unverified_context()  # the test's own self-signed certificate


@dataclass
class Balanced:
    base: str  # https, through the load balancer
    http_port: int
    database_url: str
    servers: dict[str, subprocess.Popen]
    log: Path


def _haproxy() -> str:
    found = shutil.which("haproxy")
    if not found:
        reason = "haproxy is missing (apt-get install haproxy; .ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(f"the load-balancer test must run in CI: {reason}")
        pytest.skip(reason)
    return found


def _certificate(folder: Path) -> Path:
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    pem = folder / "samverkansnavet.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    return pem


@pytest.fixture(scope="module")
def balanced(tmp_path_factory) -> Iterator[Balanced]:
    haproxy = _haproxy()
    folder = tmp_path_factory.mktemp("balanced")
    with fresh_schema() as schema:
        url = postgres_url() + f"?options=-csearch_path%3D{schema}"
        (folder / "app1").mkdir()
        (folder / "app2").mkdir()
        with (
            app_process(folder / "app1", DATABASE_URL=url, SAMVERKANSNAVET_DEMO="1") as one,
            app_process(folder / "app2", DATABASE_URL=url, SAMVERKANSNAVET_DEMO="1") as two,
        ):
            http_port, https_port = _free_port(), _free_port()
            env = os.environ | {
                "LISTEN_HTTP": f"127.0.0.1:{http_port}",
                "LISTEN_HTTPS": f"127.0.0.1:{https_port}",
                "TLS_CERTIFICATE": str(_certificate(folder)),
                "APP_SERVER_1": one[0].removeprefix("http://"),
                "APP_SERVER_2": two[0].removeprefix("http://"),
            }
            log = folder / "haproxy.log"
            with log.open("w") as out:
                proc = subprocess.Popen(
                    [haproxy, "-db", "-f", str(CONFIG)], env=env, stdout=out, stderr=out
                )
                base = f"https://127.0.0.1:{https_port}"
                try:
                    wait_healthy(
                        f"{base}/_stcore/health", proc, log, seconds=30, context=UNVERIFIED
                    )
                    yield Balanced(base, http_port, url, {"app1": one[1], "app2": two[1]}, log)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)


def test_tls_the_security_headers_and_the_affinity_cookie(balanced):
    plain = http.client.HTTPConnection("127.0.0.1", balanced.http_port, timeout=10)
    plain.request("GET", "/issues")
    moved = plain.getresponse()
    assert moved.status == 301 and moved.getheader("Location", "").startswith("https://")

    with urllib.request.urlopen(f"{balanced.base}/", timeout=10, context=UNVERIFIED) as r:
        headers = r.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    cookie = headers["Set-Cookie"]
    assert cookie.startswith(f"{AFFINITY}=app") and "Secure" in cookie and "HttpOnly" in cookie


def pinned(browser, balanced: Balanced, server: str) -> Page:
    """A browser whose affinity cookie names `server`, as after its first visit there; any
    content-security-policy violation or script error on its pages is kept in `.problems`."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1200}, locale="sv-SE", ignore_https_errors=True
    )
    context.add_cookies([{"name": AFFINITY, "value": server, "url": balanced.base}])
    page = context.new_page()
    page.problems = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.on("console", lambda m: m.text.startswith("CSP ") and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def server_of(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == AFFINITY)


def read(balanced: Balanced, sql: str) -> list:
    """The first column of `sql`'s rows, with :ref the issue's reference, read directly."""
    engine = create_engine(balanced.database_url)
    with engine.connect() as conn:
        found = list(conn.execute(text(sql), {"ref": ISSUE}).scalars())
    engine.dispose()
    return found


def comments(balanced: Balanced) -> list[str]:
    return read(
        balanced,
        "SELECT e.reason FROM issue_event e JOIN issue i ON i.id = e.issue_id"
        " WHERE i.reference = :ref AND e.kind = 'commented' ORDER BY e.id",
    )


def issue_title(balanced: Balanced) -> str:
    [title] = read(balanced, "SELECT title FROM issue WHERE reference = :ref")
    return title


def test_two_servers_share_sign_in_changes_and_a_failover(balanced, browser):
    helena, cecilia = pinned(browser, balanced, "app1"), pinned(browser, balanced, "app2")
    sign_in(helena, balanced.base, "helena")
    sign_in(cecilia, balanced.base, "cecilia")
    assert (server_of(helena), server_of(cecilia)) == ("app1", "app2")

    # the sign-in holds through the load balancer, and the browser stays on its server
    helena.reload()
    expect(helena.get_by_text("Inloggad som Helena")).to_be_visible(timeout=30_000)
    assert server_of(helena) == "app1"

    # a change through one server is seen through the other at its next run
    open_issue(helena, balanced.base, ISSUE)
    open_issue(cecilia, balanced.base, ISSUE)
    fill_tab(helena, "Kommentera", "Kommentar", "Genom server 1.")
    press_save(helena)
    wait_idle(helena)
    expect(helena.get_by_text("Sparat.")).to_be_visible(timeout=20_000)
    fill_tab(cecilia, "Kommentera", "Kommentar", "Genom server 2.")
    press_save(cecilia)
    wait_idle(cecilia)
    expect(cecilia.get_by_text("Sparat.")).to_be_visible(timeout=20_000)
    expect(cecilia.get_by_text("Genom server 1.")).to_be_visible()

    # saves at once through both: both comments kept; of two edits, one saved, one refused
    for page, words in ((helena, "Samtidigt genom 1."), (cecilia, "Samtidigt genom 2.")):
        fill_tab(page, "Kommentera", "Kommentar", words)
    press_save(helena)
    press_save(cecilia)
    for page in (helena, cecilia):
        wait_idle(page)
        expect(page.get_by_text("Sparat.")).to_be_visible(timeout=20_000)
    assert comments(balanced)[-2:] in (
        ["Samtidigt genom 1.", "Samtidigt genom 2."],
        ["Samtidigt genom 2.", "Samtidigt genom 1."],
    )
    for page in (helena, cecilia):
        open_issue(page, balanced.base, ISSUE)
    titles = {helena: "Titel ändrad genom server 1", cecilia: "Titel ändrad genom server 2"}
    for page, title in titles.items():
        fill_tab(page, "Redigera", "Rubrik", title)
    press_save(helena)
    press_save(cecilia)
    refused = []
    for page in (helena, cecilia):
        wait_idle(page)
        stale = page.get_by_text("har ändrats av").filter(visible=True)
        outcome = page.get_by_text("Sparat.").or_(stale)
        expect(outcome.first).to_be_visible(timeout=20_000)  # in the tab saved from
        if stale.count():
            refused.append(page)
    assert len(refused) == 1, "one of two edits of the same version must be refused"
    (winner,) = set(titles) - set(refused)
    assert issue_title(balanced) == titles[winner]

    # server 1 dies mid-session: Helena's page reconnects through the other server, signed in,
    # with what she had typed, and her save goes through there
    open_issue(helena, balanced.base, ISSUE)
    fill_tab(helena, "Kommentera", "Kommentar", "Skrivet innan servern stannade.")
    balanced.servers["app1"].send_signal(signal.SIGKILL)
    balanced.servers["app1"].wait(timeout=10)
    deadline = time.monotonic() + 30
    while server_of(helena) != "app2" and time.monotonic() < deadline:
        helena.wait_for_timeout(500)
    assert server_of(helena) == "app2", balanced.log.read_text()[-2000:]
    wait_idle(helena)
    expect(helena.get_by_text("Inloggad som Helena")).to_be_visible(timeout=30_000)
    box = helena.get_by_role("textbox", name="Kommentar", exact=True).filter(visible=True)
    expect(box).to_have_value("Skrivet innan servern stannade.")
    press_save(helena)
    wait_idle(helena)
    expect(helena.get_by_text("Sparat.")).to_be_visible(timeout=20_000)
    assert comments(balanced)[-1] == "Skrivet innan servern stannade."
    helena.reload()
    expect(helena.get_by_text("Inloggad som Helena")).to_be_visible(timeout=30_000)
    assert server_of(helena) == "app2"

    # the pages worked under the load balancer's content-security policy
    assert helena.problems == [] and cecilia.problems == [], helena.problems + cecilia.problems
    for page in (helena, cecilia):
        page.context.close()
