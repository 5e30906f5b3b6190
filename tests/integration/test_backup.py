"""A backup of the embedded database taken while people write is one consistent state, and a
restore brings back every issue, event and audit row."""

import sqlite3
import threading
import time

import pytest
from sqlmodel import select

from models import make_engine, unit_of_work
from models.backup import BackupError, backup, main, restore
from models.issues import Issue
from models.migrate import upgrade
from services.issues.use_cases import raise_issue
from services.permissions import trusted_actor as anyone
from services.startup.data_files import shipped_spec
from services.structure.sync import load_structure
from tests.integration.test_issues import CERTIFICATES

TABLES = ("issue", "issue_event", "issue_path", "audit_entry", "forum", "organisation")


def _rows(path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    finally:
        db.close()


@pytest.fixture
def live(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        load_structure(session, shipped_spec())
        session.commit()
    yield url, engine
    engine.dispose()


def test_a_backup_under_writes_is_consistent_and_a_restore_brings_everything_back(live, tmp_path):
    url, engine = live
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            with unit_of_work(engine) as session:
                raise_issue(session, data=CERTIFICATES, by=anyone("Anna"))
                session.commit()

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    during = tmp_path / "under-load.db"
    backup(url, during)
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()

    db = sqlite3.connect(during)
    issue_ids = {r[0] for r in db.execute("SELECT id FROM issue")}
    raised = {r[0] for r in db.execute("SELECT issue_id FROM issue_event WHERE kind = 'raised'")}
    audited = {
        int(r[0])
        for r in db.execute(
            "SELECT row_id FROM audit_entry WHERE table_name = 'issue' AND action = 'insert'"
        )
    }
    db.close()
    assert issue_ids, "the writers had written before the backup"
    assert raised == issue_ids == audited  # each issue with its event and audit: nothing half

    after = tmp_path / "after.db"
    backup(url, after)
    restored = tmp_path / "restored.db"
    restore(after, f"sqlite:///{restored}")
    assert _rows(restored) == _rows(tmp_path / "live.db")
    with unit_of_work(make_engine(f"sqlite:///{restored}")) as session:
        assert len(session.exec(select(Issue)).all()) == len(_rows(tmp_path / "live.db")["issue"])


def test_the_command_backs_up_and_restores_the_configured_database(
    live, tmp_path, monkeypatch, capsys
):
    url, _engine = live
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    assert main(["backup", str(tmp_path / "b.db")]) == 1  # never overwrites a file
    assert "exists" in capsys.readouterr().err
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["restore", str(tmp_path / "b.db")]) == 0
    assert _rows(tmp_path / "new.db") == _rows(tmp_path / "live.db")


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_app(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    with pytest.raises(BackupError, match="not an SQLite database"):
        restore(junk, f"sqlite:///{tmp_path / 'x.db'}")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="not a Samverkansnavet database"):
        restore(other, f"sqlite:///{tmp_path / 'x.db'}")


def test_a_postgresql_url_is_pointed_to_pg_dump():
    with pytest.raises(BackupError, match="pg_dump"):
        backup("postgresql+psycopg://postgres@127.0.0.1/test", None)
