"""Sign-in through an identity provider (st.login) in the browser, against a mock provider on
loopback: the real authorization-code flow, an RS256-signed ID token, and the app's account."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from models import User, make_engine, unit_of_work
from tests.e2e.conftest import _free_port, app_server, wait_idle
from tests.mock_idp import CLIENT_ID, CLIENT_SECRET, MockIdentityProvider

PERSON = {"sub": "199-greta", "name": "Greta Gran", "email": "greta.gran@fk.example"}


@pytest.fixture
def idp():
    with MockIdentityProvider(PERSON) as provider:
        yield provider


@pytest.fixture
def oidc_server(tmp_path: Path, idp: MockIdentityProvider):
    port = _free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{idp.metadata_url}"
""",
        encoding="utf-8",
    )
    with app_server(tmp_path, port=str(port), STREAMLIT_SECRETS_FILES=str(secrets)) as base:
        yield base


def accounts(tmp_path: Path) -> list[tuple[str, str | None, str]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'e2e.db'}")
    with unit_of_work(engine) as session:
        rows = [
            (u.display_name, u.oidc_subject, u.email)
            for u in session.exec(select(User).where(User.oidc_subject.is_not(None)))
        ]
    engine.dispose()
    return rows


def test_signing_in_through_the_identity_provider_in_the_browser(
    oidc_server, idp, page: Page, tmp_path
):
    page.goto(f"{oidc_server}/signin")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("textbox", name="Lösenord")).to_have_count(0)  # no local form
    page.get_by_role("button", name="Logga in med organisationens konto").click()
    # to the provider and back: the app's start page, signed in as the provider's person
    expect(page.get_by_text("Inloggad som Greta Gran")).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert idp.token_requests == 1
    assert accounts(tmp_path) == [
        ("Greta Gran", f"{idp.issuer}|199-greta", "greta.gran@fk.example")
    ]
    # a new account holds no role: it reads no issue until an administrator grants one
    page.get_by_role("link", name="Samverkansfrågor").click()
    expect(page.get_by_text("Logga in för att se samverkansfrågor")).to_have_count(0)
    expect(page.get_by_text("Träffar: 0")).to_be_visible()
    # signing out drops the provider's cookie too: the next page is signed out
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{oidc_server}/**")
    wait_idle(page)
    expect(page.get_by_text("Inloggad som")).to_have_count(0, timeout=30_000)
