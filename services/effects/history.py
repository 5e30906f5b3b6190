"""Every change to an effect, its indicators or their values leaves an event (append-only)."""

from sqlmodel import Session

from models import EffectEvent
from models.values import jsonable
from models.vocabulary import EffectEventKind
from services.permissions import Actor


def record_effect_event(
    session: Session,
    *,
    effect_id: int,
    kind: EffectEventKind,
    by: Actor,
    indicator_id: int | None = None,
    reason: str = "",
    changes: dict | None = None,
) -> EffectEvent:
    event = EffectEvent(
        effect_id=effect_id,
        indicator_id=indicator_id,
        kind=kind.value,
        actor=by.name,
        reason=reason,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
    )
    session.add(event)
    return event


def _plain(value: object) -> object:
    return [jsonable(v) for v in value] if isinstance(value, list | tuple) else jsonable(value)
