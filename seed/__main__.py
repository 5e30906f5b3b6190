"""`python -m seed`: load, check or export the structure.

python -m seed                  load the shipped structure into DATABASE_URL (idempotent)
python -m seed --demo           ... and the demo content
python -m seed --check FILE     validate a structure file; exit 1 naming each problem
python -m seed --export FILE    write the stored structure in the same format
python -m seed --admin NAME     create the first administrator (asks for the password, or
                                reads SAMVERKANSNAVET_ADMIN_PASSWORD)
"""

import argparse
import getpass
import os
import sys
from pathlib import Path

from escalation import InvalidStructureError
from models import make_engine, unit_of_work
from models.migrate import upgrade
from models.vocabulary import Role
from services.accounts.users import AccountError, create_local_user, grant_role
from services.permissions import trusted_actor
from services.startup.data_files import STRUCTURE_FILE, demo_spec, read_spec, shipped_spec
from services.startup.demo_issues import load_demo_issues
from services.startup.demo_meetings import load_demo_meetings
from services.startup.demo_users import load_demo_users
from services.structure.file_format import StructureFileError, dump_structure, problems_in
from services.structure.read import export_spec
from services.structure.sync import load_structure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--check",
        metavar="FILE",
        nargs="?",
        const=str(STRUCTURE_FILE),
        help="validate a structure file (default: the shipped one)",
    )
    group.add_argument("--export", metavar="FILE", help="write the stored structure to FILE")
    group.add_argument(
        "--admin", metavar="USERNAME", help="create an administrator with a local account"
    )
    parser.add_argument("--demo", action="store_true", help="also load the demo content")
    args = parser.parse_args(argv)
    if args.check:
        return check(Path(args.check))
    if args.export:
        return export(Path(args.export))
    if args.admin:
        return create_admin(args.admin)
    return load(demo=args.demo)


def check(path: Path) -> int:
    try:
        problems = problems_in(read_spec(path))
    except FileNotFoundError:
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    except StructureFileError as exc:
        problems = exc.problems
    if not problems:
        print(f"{path}: ok")
        return 0
    print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem.message}", file=sys.stderr)
    return 1


def export(path: Path) -> int:
    engine = make_engine()
    upgrade(engine)
    with unit_of_work(engine) as session:
        text = dump_structure(export_spec(session))
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def load(*, demo: bool) -> int:
    engine = make_engine()
    upgrade(engine)
    try:
        with unit_of_work(engine) as session:
            report = load_structure(session, shipped_spec())
            print(f"structure: {report.summary()}")
            if demo:
                print(f"demo: {load_structure(session, demo_spec(), demo=True).summary()}")
                print(f"demo issues: created {load_demo_issues(session)}")
                print(f"demo accounts: created {load_demo_users(session)}")
                print(f"demo meetings: created {load_demo_meetings(session)}")
            session.commit()
    except (StructureFileError, InvalidStructureError) as exc:
        print(f"nothing loaded: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())


def create_admin(username: str) -> int:
    """The first administrator of a new deployment (later ones are made on the Users page)."""
    password = os.environ.get("SAMVERKANSNAVET_ADMIN_PASSWORD") or getpass.getpass(
        f"password for {username}: "
    )
    engine = make_engine()
    upgrade(engine)
    setup = trusted_actor("setup")
    try:
        with unit_of_work(engine) as session:
            create_local_user(
                session, by=setup, username=username, display_name=username, password=password
            )
            grant_role(session, by=setup, username=username, role=Role.ADMINISTRATOR)
            session.commit()
    except AccountError as refused:
        print(f"not created: {refused.code} {refused.params}", file=sys.stderr)
        return 1
    print(f"administrator {username} created")
    return 0
