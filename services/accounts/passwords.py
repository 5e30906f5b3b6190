"""Passwords: argon2id hashing (argon2-cffi's defaults follow RFC 9106), and what a new
password must be, after NIST SP 800-63B: long rather than composed, never a known common
password, never built on the person's own name or the service's."""

import re
from collections.abc import Iterable
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

_hasher = PasswordHasher()
MIN_LENGTH = 12
MAX_LENGTH = 256
"""Long passphrases welcome (NIST asks for at least 64); argon2 hashes any length."""
MIN_SCORE = 3
"""zxcvbn's estimate, 0-4: 3 means safe against an online attacker with many guesses."""
MIN_OWN = 6
"""Letters and digits a password must hold beyond the person's and the service's names."""
SERVICE_WORDS = ("samverkansnavet", "samverkan", "navet", "forsakringskassan", "försäkringskassan")
_ZXCVBN_LIMIT = 72
# Verified against when the user does not exist, so a wrong user name takes as long as a
# wrong password and names cannot be probed by timing.
_DUMMY = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


@cache
def _common() -> frozenset[str]:
    """The 30,000 most common passwords from leaked sets, as zxcvbn ships them."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, *, context: Iterable[str] = ()) -> tuple[str, dict] | None:
    """None for a good password, else (code, params) saying what is wrong with it.

    `context` holds words the person's password must not lean on: their user name, name and
    e-mail.

    Examples
    --------
    >>> password_problem("kort")
    ('password_too_short', {'length': '12'})
    >>> password_problem("password1234")
    ('password_common', {})
    >>> password_problem("tre ord som ingen gissar 2026") is None
    True
    """
    if len(password) < MIN_LENGTH:
        return "password_too_short", {"length": str(MIN_LENGTH)}
    if len(password) > MAX_LENGTH:
        return "password_too_long", {"length": str(MAX_LENGTH)}
    if password.lower() in _common() or password.lower().rstrip("0123456789!") in _common():
        return "password_common", {}
    words = [
        w
        for text in (*context, *SERVICE_WORDS)
        for w in re.split(r"[\s@.,()_-]+", text.lower())
        if len(w) >= 3
    ]
    if (
        _beyond(password, words) < MIN_OWN
        or zxcvbn(password[:_ZXCVBN_LIMIT], user_inputs=words)["score"] < MIN_SCORE
    ):
        return "password_guessable", {}
    return None


def _beyond(password: str, words: list[str]) -> int:
    """How many letters and digits remain once the context words are taken out."""
    rest = password.lower()
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return sum(c.isalnum() for c in rest)
