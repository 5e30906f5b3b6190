"""The signed-in user as the permission rules see them: their grants, read on every run."""

from services.accounts import grants_of
from services.permissions import Actor
from ui.auth import signed_in
from ui.db import session


def current_rules_actor() -> Actor | None:
    """None when nobody is signed in. Read each run, so a changed grant counts at once."""
    user = signed_in()
    if user is None:
        return None
    with session() as s:
        return Actor(user["id"], user["name"], grants_of(s, user["id"]))
