"""How sign-in slows down, locks and expires: pure rules, so they are tested without a clock."""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SigninPolicy:
    free_attempts: int = 3
    """Failed sign-ins before answers start to slow down."""
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0
    lock_after: int = 8
    lock_minutes: int = 15
    idle_minutes: int = 30
    """A session with no activity for this long must sign in again."""


DEFAULT_POLICY = SigninPolicy()


def delay_after(failures: int, policy: SigninPolicy = DEFAULT_POLICY) -> float:
    """Seconds to wait before answering, doubling with each failure past the free ones.

    Examples
    --------
    >>> [delay_after(n) for n in (0, 3, 4, 5, 20)]
    [0.0, 1.0, 2.0, 4.0, 30.0]
    """
    if failures < policy.free_attempts:
        return 0.0
    return min(policy.base_delay_s * 2 ** (failures - policy.free_attempts), policy.max_delay_s)


def locked_until(
    failures: int, now: datetime, policy: SigninPolicy = DEFAULT_POLICY
) -> datetime | None:
    if failures >= policy.lock_after:
        return now + timedelta(minutes=policy.lock_minutes)
    return None


def session_expired(
    last_activity: datetime, now: datetime, policy: SigninPolicy = DEFAULT_POLICY
) -> bool:
    return now - last_activity > timedelta(minutes=policy.idle_minutes)
