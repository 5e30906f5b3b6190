"""Loads the shipped effects (seed/data/effects.yaml) and the demo's (demo_effects.yaml)
through the effect services, so their history is genuine. An effect already present (by its
key) is left as it is: a database that has followed up its effects for years keeps its figures.
"""

import calendar
from datetime import date
from pathlib import Path

import yaml
from sqlmodel import Session, select

from models import Effect, Forum, Indicator, Issue, clock
from models.vocabulary import Cadence, Direction, EffectLinkKind, EffectStatus
from services.effects.effects import EffectInput, IndicatorInput, add_indicator, create_effect
from services.effects.links import link_effect
from services.effects.measurements import record_measurement
from services.effects.reviews import record_review
from services.permissions import trusted_actor
from services.startup.data_files import EFFECTS_FILE

SEED_ACTOR = "Samverkansnavet (levererat underlag)"


def load_effects(
    session: Session, path: Path = EFFECTS_FILE, *, demo: bool = False, today: date | None = None
) -> int:
    """Each effect in the file whose key is not yet present; returns how many were created."""
    today = today or clock.today()
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    by = trusted_actor(spec.get("by", SEED_ACTOR))
    present = set(session.exec(select(Effect.key).where(Effect.key.is_not(None))).all())
    forums = set(session.exec(select(Forum.key)).all())
    created = 0
    for item in spec.get("effects", ()):
        if item["key"] in present or item["forum"] not in forums:
            continue  # kept as it is; or a structure without the forum that agreed it
        _effect(session, item, by, demo, today)
        created += 1
    session.flush()
    if demo:
        _demo_additions(session, spec, by, today)
    return created


def _effect(session: Session, item: dict, by: object, demo: bool, today: date) -> None:
    effect = create_effect(
        session,
        by=by,
        key=item["key"],
        demo=demo,
        data=EffectInput(
            statement=item["statement"],
            forum=item["forum"],
            organisation=item.get("organisation"),
            review_cadence=Cadence(item.get("review_cadence", "yearly")),
            description=item.get("description", ""),
            source=item.get("source", ""),
            next_review_on=item.get("next_review_on"),
        ),
    )
    for spec in item.get("indicators", ()):
        baseline, target = _dated(spec.get("baseline"), today), _dated(spec.get("target"), today)
        source = spec.get("source", "")
        if baseline.get("source"):
            source = (
                f"{source}. Utgångsvärde: {baseline['source']}" if source else baseline["source"]
            )
        indicator = add_indicator(
            session,
            effect_id=effect.id,
            by=by,
            key=spec["key"],
            demo=demo,
            computed=spec.get("computed"),
            data=IndicatorInput(
                name=spec["name"],
                direction=Direction(spec["direction"]),
                definition=spec.get("definition", ""),
                unit=spec.get("unit", ""),
                baseline_value=baseline.get("value"),
                baseline_on=baseline.get("date"),
                target_value=target.get("value"),
                target_on=target.get("date"),
                source=source,
                organisation=spec.get("organisation"),
                frequency=Cadence(spec.get("frequency", "yearly")),
            ),
        )
        for value in spec.get("values", ()):
            _value(session, indicator.id, value, by, demo, today)


def _value(
    session: Session, indicator_id: int, value: dict, by: object, demo: bool, today: date
) -> None:
    value = _dated(value, today)
    record_measurement(
        session,
        indicator_id=indicator_id,
        measured_on=value["date"],
        value=value["value"],
        by=by,
        today=today,
        demo=demo,
        comment=value.get("comment", ""),
        source=value.get("source", ""),
    )


def _demo_additions(session: Session, spec: dict, by: object, today: date) -> None:
    """Demo values for shipped indicators, links to demo issues, and reviews."""
    keys = dict(
        session.exec(select(Indicator.key, Indicator.id).where(Indicator.key.is_not(None))).all()
    )
    effects = dict(session.exec(select(Effect.key, Effect.id).where(Effect.key.is_not(None))).all())
    for value in spec.get("values", ()):
        _value(session, keys[value["indicator"]], value, by, True, today)
    for link in spec.get("links", ()):
        issue = session.exec(select(Issue.reference).where(Issue.title == link["issue"])).first()
        if issue:
            link_effect(
                session,
                effect_id=effects[link["effect"]],
                kind=EffectLinkKind.ISSUE,
                target=issue,
                by=by,
            )
    for review in spec.get("reviews", ()):
        effect = session.get(Effect, effects[review["effect"]])
        record_review(
            session,
            effect_id=effect.id,
            assessment=EffectStatus(review["assessment"]),
            comment=review["comment"],
            by=trusted_actor(review["by"]),
            today=_dated(review, today).get("date", today),
            expected_version=effect.version,
        )
        session.flush()


def _dated(spec: dict | None, today: date) -> dict:
    """The spec with `date` set from `months_ago`/`months_ahead` (the end of that month)."""
    spec = dict(spec or {})
    shift = -spec.pop("months_ago", 0) + spec.pop("months_ahead", 0)
    if shift:
        month = today.year * 12 + today.month - 1 + shift
        year, month = divmod(month, 12)
        spec["date"] = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return spec
