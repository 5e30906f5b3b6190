"""The deadline thread: a statement still running at its deadline has its socket shut down,
however many quick ones ran before it, and a statement that ended is left alone."""

import socket
import time

from models.watchdog import Watchdog


def _closed_for_reading(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""  # shut down: the read returns at once, empty
    except TimeoutError:
        return False


def test_a_stalled_statement_after_many_quick_ones_is_cut_at_its_deadline():
    dog = Watchdog(seconds=0.3)
    quick, _peer = socket.socketpair()
    for _ in range(500):  # statements that were answered: their deadlines must not fire
        dog.disarm(dog.arm(quick.fileno()))
    stalled, _other = socket.socketpair()
    started = time.monotonic()
    dog.arm(stalled.fileno())
    assert _closed_for_reading(stalled, within=3)
    assert time.monotonic() - started < 2
    assert not _closed_for_reading(quick, within=0.5)


def test_the_first_deadline_after_an_idle_spell_wakes_the_thread():
    dog = Watchdog(seconds=0.2)
    first, _a = socket.socketpair()
    assert _closed_for_reading(first, within=0.01) is False
    dog.arm(first.fileno())
    assert _closed_for_reading(first, within=3)
    time.sleep(0.3)  # the thread now waits with nothing armed
    second, _b = socket.socketpair()
    dog.arm(second.fileno())
    assert _closed_for_reading(second, within=3)
