"""WCAG 2.1 AA as axe-core checks it, in the browser, on every page: signed out, and each page
as the role that uses it sees it (its forms, its lists); and the page says its language.

axe-core comes inside the axe-playwright-python wheel (locked like every other package), so
nothing is downloaded when the tests run.
"""

from importlib.resources import files

import pytest
from playwright.sync_api import expect

from tests.demo_objects import one_of_each
from tests.e2e.conftest import no_exception_shown, sign_in, wait_idle
from ui.navigation import PAGES

AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BY_ROLE = {
    "anna": ["start", "inbox", "issues", "issue_new", "issue", "structure"],  # officer
    "bertil": ["meetings", "meeting", "actions"],  # chair
    "david": ["effects", "effect"],  # strategic leader
    "admin": ["users", "audit", "structure_admin", "accessibility"],  # administrator
}
"""Each page as the role whose work it is; every other page is also checked signed out."""


def serious_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page, one line per rule and element."""
    page.evaluate(AXE)
    found = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]}"
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


def check(page, server: str, path: str, query: str = "", lang: str = "sv") -> list[str]:
    page.goto(f"{server}/{path}{query}")
    expect(page.locator(".st-key-menu")).to_be_visible(timeout=60_000)
    wait_idle(page)
    no_exception_shown(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return [f"{path}: {line}" for line in serious_violations(page)]


def test_every_address_opens_its_page_signed_out_without_a_serious_violation(server, page):
    """Every page's address, and the start page's and an unknown one's: each opens its page
    (an unknown one says so in Swedish) with no serious violation."""
    found = []
    for path in ["nosuchpage", "start", *(spec.url_path for spec in PAGES)]:
        found += check(page, server, path)
        body = page.inner_text("body")
        assert "Page not found" not in body, path
        assert ("Sidan finns inte" in body) == (path in ("nosuchpage", "not_found")), path
    assert found == []


@pytest.mark.parametrize("username", BY_ROLE)
def test_no_page_has_a_serious_violation_as_the_role_that_uses_it(
    server, server_db, page, username
):
    sign_in(page, server, username)  # first: a server makes its database at its first request
    queries = {
        path: "?" + "&".join(f"{k}={v}" for k, v in params.items())
        for path, params in one_of_each(server_db).items()
    }
    found = []
    for path in BY_ROLE[username]:
        found += check(page, server, path, queries.get(path, ""))
    assert found == []


def test_the_page_says_the_language_it_speaks_after_every_rerun(server, page):
    check(page, server, "structure")
    page.get_by_text("English").click()
    wait_idle(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Collaboration structure")).to_be_visible()
    page.get_by_role("link", name="Start").first.click()  # another page, in the same tab
    wait_idle(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_text("Svenska").click()
    wait_idle(page)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert check(page, server, "start", "?lang=en", lang="en") == []
