"""Backing up and restoring the embedded SQLite database while the app runs.

SQLite's online backup API copies the database page by page inside read transactions, so the
copy is one consistent state even while others write (a file copy of a database in WAL mode is
not: the last commits may still sit in the -wal file). PostgreSQL has pg_dump and pg_restore
for the same (README, "Backup and restore").

  python -m models.backup backup FILE     copy DATABASE_URL's SQLite database to FILE
  python -m models.backup restore FILE    replace DATABASE_URL's database with FILE (stop the
                                          app first: open sessions would keep the old state)
"""

import argparse
import sqlite3
import sys
from pathlib import Path

from models.db import database_url


class BackupError(Exception):
    pass


def sqlite_path(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise BackupError(
            f"{url.split(':')[0]} is not SQLite; use pg_dump and pg_restore "
            '(README, "Backup and restore")'
        )
    return Path(url.removeprefix("sqlite:///"))


def backup(url: str, target: Path) -> int:
    """Copy the database at `url` to `target` (a new file); returns the pages copied."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"{source_path}: no such database")
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(target)
    try:
        pages = []
        source.backup(copy, pages=256, progress=lambda _s, _r, total: pages.append(total))
    finally:
        copy.close()
        source.close()
    _check(target)
    return pages[-1] if pages else 0


def restore(backup_file: Path, url: str) -> None:
    """Replace the database at `url` with a checked backup, in one step under SQLite's lock."""
    _check(backup_file)
    target_path = sqlite_path(url)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(backup_file)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _check(path: Path) -> None:
    """An intact SQLite file that holds this app's schema."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    db = sqlite3.connect(path)
    try:
        status = db.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not an SQLite database ({exc})") from None
    finally:
        db.close()
    if status != "ok":
        raise BackupError(f"{path} is damaged: {status}")
    if not {"alembic_version", "issue", "issue_event", "audit_entry"} <= tables:
        raise BackupError(f"{path} is not a Samverkansnavet database")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m models.backup", description="Back up or restore the SQLite database."
    )
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.action == "backup":
            backup(database_url(), args.file)
            print(f"backed up to {args.file}")
        else:
            restore(args.file, database_url())
            print(f"restored from {args.file}")
    except BackupError as refused:
        print(refused, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
