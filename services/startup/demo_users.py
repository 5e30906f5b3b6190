"""Demo accounts, one per role; only ever loaded into a demo database."""

from pathlib import Path

import yaml
from sqlalchemy import exists
from sqlmodel import Session, select

from models import User
from models.vocabulary import Role
from services.accounts.passwords import hash_password
from services.accounts.users import create_local_user, grant_role
from services.permissions import trusted_actor
from services.startup.data_files import DEMO_USERS


def demo_password(path: Path = DEMO_USERS) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["password"]


def demo_usernames(path: Path = DEMO_USERS) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(u["username"], u["display_name"]) for u in data["users"]]


def load_demo_users(session: Session, path: Path = DEMO_USERS) -> int:
    if session.exec(select(exists().where(User.is_demo))).one():
        return 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seeder = trusted_actor()
    shared = hash_password(data["password"])
    for item in data["users"]:
        user = create_local_user(
            session,
            by=seeder,
            username=item["username"],
            display_name=item["display_name"],
            password=data["password"],
            organisation=item.get("organisation"),
            password_hash=shared,
        )
        user.is_demo = True
        session.add(user)
        for grant in item.get("roles", ()):
            grant_role(
                session,
                by=seeder,
                username=item["username"],
                role=Role(grant["role"]),
                forum=grant.get("forum"),
            )
    return len(data["users"])
