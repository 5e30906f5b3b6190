"""A pooled connection is pinged before use only once it has rested in the pool: a page opens
a session for each thing it reads, and a ping at every one was a round trip each."""

from types import SimpleNamespace

import pytest
from sqlalchemy.exc import DisconnectionError

from models import db


class Connection:
    def __init__(self, *, alive: bool = True) -> None:
        self.pings, self.alive = 0, alive

    def cursor(self) -> "Connection":
        return self

    def execute(self, _sql: str) -> None:
        self.pings += 1
        if not self.alive:
            raise OSError("server closed the connection unexpectedly")

    def close(self) -> None:
        pass


def test_a_connection_just_given_back_is_used_without_a_ping(monkeypatch):
    clock = iter([100.0, 100.2])
    monkeypatch.setattr(db.time, "monotonic", lambda: next(clock))
    connection, record = Connection(), SimpleNamespace(info={})
    db._rested(connection, record)
    db._ping(connection, record, None)
    assert connection.pings == 0


def test_a_new_or_rested_connection_is_pinged_and_a_dead_one_replaced(monkeypatch):
    connection, record = Connection(), SimpleNamespace(info={})
    db._ping(connection, record, None)  # new: never checked in
    clock = iter([100.0, 100.0 + db.PING_AFTER_S])
    monkeypatch.setattr(db.time, "monotonic", lambda: next(clock))
    db._rested(connection, record)
    db._ping(connection, record, None)
    assert connection.pings == 2
    dead = Connection(alive=False)
    with pytest.raises(DisconnectionError):
        db._ping(dead, SimpleNamespace(info={}), None)
