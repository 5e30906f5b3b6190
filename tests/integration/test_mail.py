import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlmodel import select

from models import Notification, unit_of_work
from services.issues.feedback import follow_issue
from services.issues.mail import MailSettings, send_pending_mail, settings_from_env
from services.issues.use_cases import comment_issue, raise_issue
from services.permissions import trusted_actor as anyone
from services.startup.data_files import shipped_spec
from services.structure.sync import load_structure
from tests.integration.test_issues import CERTIFICATES


class Sink(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, MailSettings(host="127.0.0.1", port=controller.port)
    controller.stop()


@pytest.fixture
def followed(engine):
    with unit_of_work(engine) as session:
        load_structure(session, shipped_spec())
        ref = raise_issue(session, data=CERTIFICATES, by=anyone("Anna")).reference
        follow_issue(session, reference=ref, by=anyone("Dag"), email="dag@example.org")
        comment_issue(session, reference=ref, by=anyone("Bo"), text="Vi ser samma sak.")
        session.commit()
    return engine, ref


def test_followers_get_mail_once(followed, sink):
    engine, ref = followed
    handler, settings = sink
    with unit_of_work(engine) as session:
        assert send_pending_mail(session, settings) == 1
    with unit_of_work(engine) as session:
        assert send_pending_mail(session, settings) == 0
    [message] = handler.messages
    assert message["To"] == "dag@example.org"
    assert str(make_header(decode_header(message["Subject"]))) == f"[{ref}] {CERTIFICATES.title}"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Kommentar – Bo" in body and "Vi ser samma sak." in body


def test_a_failing_mail_server_keeps_the_mail_pending_and_raises_nothing(followed):
    engine, _ref = followed
    closed = MailSettings(host="127.0.0.1", port=free_port(), timeout=2)
    with unit_of_work(engine) as session:
        assert send_pending_mail(session, closed) == 0
    with unit_of_work(engine) as session:
        [note] = session.exec(select(Notification).where(Notification.email != "")).all()
        assert note.emailed_at is None


def test_without_smtp_host_no_mail_is_attempted(followed, monkeypatch):
    engine, _ref = followed
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert settings_from_env() is None
    with unit_of_work(engine) as session:
        assert send_pending_mail(session, None) == 0
