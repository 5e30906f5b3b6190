"""Effect statuses and their reasons in the reader's language, with numbers written the way
the reader writes them (57 600 and 42,5 in Swedish)."""

from datetime import date

from models import formats
from models.vocabulary import EffectStatus
from services.effects.queries import EffectSummary, IndicatorView
from services.effects.status import Assessment
from ui.i18n import current_language, day, label, t

STATUS_ICON = {
    EffectStatus.ON_TRACK: ":material/check_circle:",
    EffectStatus.AT_RISK: ":material/warning:",
    EffectStatus.OFF_TRACK: ":material/error:",
    EffectStatus.NO_DATA: ":material/help:",
}
STATUS_COLOUR = {
    EffectStatus.ON_TRACK: "#2e7d32",
    EffectStatus.AT_RISK: "#ef8c00",
    EffectStatus.OFF_TRACK: "#c62828",
    EffectStatus.NO_DATA: "#8a8a8a",
}
STATUS_PATTERN = {
    EffectStatus.ON_TRACK: "",
    EffectStatus.AT_RISK: ".",
    EffectStatus.OFF_TRACK: "x",
    EffectStatus.NO_DATA: "/",
}
"""Each status's fill pattern in a chart, so a status never rests on colour alone: red and
green have nearly the same grey, and one reader in twelve men does not tell them apart."""
STATUS_BADGE = {
    EffectStatus.ON_TRACK: "green",
    EffectStatus.AT_RISK: "orange",
    EffectStatus.OFF_TRACK: "red",
    EffectStatus.NO_DATA: "gray",
}


def number(value: float | None, unit: str = "", lang: str | None = None) -> str:
    """57600 -> "57 600", 42.5 -> "42,5"; the unit after it, held to the number."""
    text = formats.number(value, lang or current_language())
    return f"{text}\u00a0{unit}" if unit and value is not None else text


def signed(value: float, unit: str = "") -> str:
    return ("+" if value > 0 else "") + number(value, unit)


def status_label(status: EffectStatus) -> str:
    return label("effect_status", status)


def reason(a: Assessment, unit: str = "") -> str:
    """The rule that decided, with its numbers."""

    def when(on: date | None) -> str:
        return day(on)

    return t(
        f"effect_reason.{a.reason}",
        latest=number(a.latest.value, unit) if a.latest else "–",
        latest_on=when(a.latest.on if a.latest else None),
        projected=number(a.projected.value, unit) if a.projected else "–",
        target=number(a.target.value, unit) if a.target else "–",
        target_on=when(a.target.on if a.target else None),
        per_year=signed(a.per_year, unit) if a.per_year is not None else "–",
        share=f"{formats.number(max(a.share, 0) * 100, current_language(), digits=0)}\u00a0%"
        if a.share is not None
        else "–",
        since=when(a.stale_since),
    )


def indicator_reason(indicator: IndicatorView) -> str:
    return reason(indicator.assessment, indicator.unit)


def counts(summary: EffectSummary) -> str:
    return t("effects.counts", **{s.value: summary.counts.get(s, 0) for s in EffectStatus})


def effect_reason(summary: EffectSummary) -> str:
    """The effect's status in words: which indicators decided it."""
    return t(
        "effect_reason.effect_counts",
        worst=status_label(summary.status),
        **{s.value: summary.counts.get(s, 0) for s in EffectStatus},
    )


def indicator_facts(ind: IndicatorView) -> tuple[tuple[str, str], ...]:
    """(label, text) of what an indicator measures and against what, for the page and the
    report alike: an empty text where nothing is said; a baseline or target only when set."""
    dated = tuple(
        (name, f"{number(point.value, ind.unit)} ({day(point.on)})")
        for name, point in (
            (t("effect.trace_baseline"), ind.baseline),
            (t("effect.trace_target"), ind.target),
        )
        if point
    )
    return (
        (t("effect.definition"), ind.definition),
        (t("effect.unit"), ind.unit),
        (t("effect.direction"), label("direction", ind.direction)),
        *dated,
        (t("effect.responsible"), ind.organisation_name or ""),
        (t("effect.frequency"), label("cadence", ind.frequency)),
        (t("effect.indicator_source"), ind.source),
    )
