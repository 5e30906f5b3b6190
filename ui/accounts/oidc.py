"""Sign-in through the organisation's identity provider (OpenID Connect, Streamlit's st.login).

Configured in `.streamlit/secrets.toml` under `[auth]` (README, "Sign-in"). Streamlit keeps
the identity in a signed cookie; each run here turns it into the app's own account, created on
the first sign-in without any role until an administrator grants one.
"""

import streamlit as st

from models.db import ConcurrentChangeError
from services.accounts.signin import SigninError, sign_in_oidc
from ui.accounts.browser_session import start
from ui.accounts.session_user import signed_in
from ui.db import SIGN_IN, session


def oidc_configured() -> bool:
    if not st.secrets.load_if_toml_exists():
        return False
    auth = st.secrets.get("auth", {})
    return bool(auth.get("client_id") and auth.get("server_metadata_url"))


def _identity() -> dict | None:
    """The provider's claims for this browser, or None when it has not signed in there."""
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    return st.user.to_dict()


def sync_oidc_user() -> None:
    """Called on every run: a browser the provider vouches for is signed in to its account."""
    claims = _identity()
    if claims is None or signed_in() is not None:
        return
    subject = f"{claims.get('iss', '')}|{claims['sub']}"  # sub is unique per issuer only
    for attempt in range(3):  # two tabs signing in at once on SQLite: the second waits its turn
        try:
            with session(SIGN_IN) as s:
                user = sign_in_oidc(
                    s,
                    subject=subject,
                    name=str(claims.get("name", "")),
                    email=str(claims.get("email", "")),
                    email_verified=claims.get("email_verified") is True,
                )
                s.commit()
            break
        except SigninError as refused:  # a deactivated account: the sign-in page says so
            st.session_state.oidc_refused = refused.code
            return
        except ConcurrentChangeError:
            if attempt == 2:
                raise
    start(user.id, user.username, user.display_name)
