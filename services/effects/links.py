"""What an effect rests on: issues, agreed actions and meeting decisions, linked by the
strategic level and shown from both sides."""

from sqlmodel import Session, select

from models import (
    AgendaItem,
    AgreedAction,
    EffectLink,
    Forum,
    Issue,
    ItemDecision,
    Meeting,
    formats,
)
from models.vocabulary import EffectEventKind, EffectLinkKind
from services.effects.effects import get_effect
from services.effects.errors import EffectRefusedError, add_or_refuse
from services.effects.history import record_effect_event
from services.permissions import Actor, can_follow_up_effects, require


def link_effect(
    session: Session, *, effect_id: int, kind: EffectLinkKind, target: str, by: Actor
) -> EffectLink:
    """Link an issue (by its reference, SAM-2026-0042), an action or a decision (by number)."""
    require(can_follow_up_effects(by))
    effect = get_effect(session, effect_id)
    target_id = _target_id(session, kind, target.strip())
    if (
        session.exec(
            select(EffectLink.id).where(
                EffectLink.effect_id == effect.id,
                EffectLink.kind == kind.value,
                EffectLink.target_id == target_id,
            )
        ).first()
        is not None
    ):
        raise EffectRefusedError("already_linked", {"target": target.strip()})
    link = EffectLink(effect_id=effect.id, kind=kind.value, target_id=target_id, linked_by=by.name)
    add_or_refuse(session, link, EffectRefusedError("already_linked", {"target": target.strip()}))
    record_effect_event(
        session,
        effect_id=effect.id,
        kind=EffectEventKind.LINKED,
        by=by,
        changes={kind.value: [None, target.strip()]},
    )
    return link


def unlink_effect(session: Session, *, link_id: int, by: Actor) -> None:
    require(can_follow_up_effects(by))
    link = session.get(EffectLink, link_id)
    if link is None:
        raise EffectRefusedError("unknown_link")
    record_effect_event(
        session,
        effect_id=link.effect_id,
        kind=EffectEventKind.UNLINKED,
        by=by,
        changes={link.kind: [link.target_id, None]},
    )
    session.delete(link)


CANDIDATES = 200


def link_candidates(session: Session, kind: EffectLinkKind) -> list[tuple[str, str]]:
    """(target, label) of the newest agreed actions or recorded decisions, to pick from; an
    issue is linked by the reference its page shows."""
    if kind is EffectLinkKind.ACTION:
        rows = session.exec(
            select(AgreedAction.id, Forum.name, AgreedAction.title, AgreedAction.due_on)
            .join(Forum, Forum.id == AgreedAction.forum_id)
            .order_by(AgreedAction.id.desc())
            .limit(CANDIDATES)
        )
        return [
            (str(i), f"{forum}: {title}" + (f" ({formats.day(due)})" if due else ""))
            for i, forum, title, due in rows
        ]
    if kind is EffectLinkKind.DECISION:
        rows = session.exec(
            select(ItemDecision.id, Forum.name, Meeting.starts_at, AgendaItem.title)
            .join(AgendaItem, AgendaItem.id == ItemDecision.item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .join(Forum, Forum.id == Meeting.forum_id)
            .order_by(ItemDecision.id.desc())
            .limit(CANDIDATES)
        )
        return [
            (str(i), f"{forum} {formats.day(starts)}: {title}") for i, forum, starts, title in rows
        ]
    return []


def _target_id(session: Session, kind: EffectLinkKind, target: str) -> int:
    if kind is EffectLinkKind.ISSUE:
        found = session.exec(select(Issue.id).where(Issue.reference == target.upper())).first()
    else:
        model = AgreedAction if kind is EffectLinkKind.ACTION else ItemDecision
        number = int(target) if target.isdigit() else -1
        found = session.exec(select(model.id).where(model.id == number)).first()
    if found is None:
        raise EffectRefusedError(f"unknown_{kind.value}", {"target": target})
    return found
