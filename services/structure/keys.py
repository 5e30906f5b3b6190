"""Forums and organisations by their stable keys, for use cases that take keys as input.

An unknown key is refused with the caller's own error type, as `unknown_forum` or
`unknown_organisation` naming the keys, so each capability keeps its own refusals.
"""

from collections.abc import Callable, Iterable

from sqlmodel import Session, select

from models import Forum, Organisation

Keyed = type[Forum] | type[Organisation]
Refusal = Callable[[str, dict[str, str]], Exception]


def ids_by_key(
    session: Session, model: Keyed, keys: Iterable[str], refuse: Refusal
) -> dict[str, int]:
    """{key: id} for every key, in one query; `refuse` names all unknown keys at once."""
    wanted = set(keys)
    found = (
        dict(session.exec(select(model.key, model.id).where(model.key.in_(wanted))).all())
        if wanted
        else {}
    )
    unknown = sorted(wanted - set(found))
    if unknown:
        name = model.__tablename__
        raise refuse(f"unknown_{name}", {name: ", ".join(unknown)})
    return found


def optional_id(session: Session, model: Keyed, key: str | None, refuse: Refusal) -> int | None:
    """The id, or None when no key is given."""
    return ids_by_key(session, model, [key], refuse)[key] if key else None


def row_by_key(session: Session, model: Keyed, key: str, refuse: Refusal) -> Forum | Organisation:
    row = session.exec(select(model).where(model.key == key)).first()
    if row is None:
        name = model.__tablename__
        raise refuse(f"unknown_{name}", {name: key})
    return row


def key_of(session: Session, model: Keyed, row_id: int) -> str:
    return session.exec(select(model.key).where(model.id == row_id)).one()
