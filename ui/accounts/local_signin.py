"""Signing in with a local account, as the sign-in page does it: the attempt and its count
committed together, and tried again when another tab's sign-in to the same account wrote at
the same moment (both then end signed in)."""

import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlmodel import Session

from models.db import ConcurrentChangeError
from services.accounts.signin import sign_in

ATTEMPTS = 5
PAUSE_S = (0.02, 0.2)
"""Between attempts, a random pause, so writers that met do not meet again."""


def sign_in_committed(
    sessions: Callable[[], AbstractContextManager[Session]], *, username: str, password: str
) -> tuple[int, str, str]:
    """(id, username, name) of the account, read before its session closes (an object of a
    failed commit is of no use after it). SigninError as sign_in raises it, counted;
    ConcurrentChangeError only when every attempt met another writer."""
    for tries_left in range(ATTEMPTS - 1, -1, -1):
        try:
            with sessions() as s:
                try:
                    user = sign_in(s, username=username, password=password)
                    found = (user.id, user.username, user.display_name)
                finally:
                    s.commit()  # failed attempts are counted, successful ones reset
            return found
        except ConcurrentChangeError:
            if not tries_left:
                raise
            time.sleep(random.uniform(*PAUSE_S))
    raise AssertionError("unreachable")
