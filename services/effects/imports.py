"""Measurements from a CSV or Excel file: every row checked first, each refused row reported with
its line and reason; nothing is stored from a file with bad rows unless the user chooses to
import the good ones, and then all of them or none (one transaction).

The file has a header row naming the columns, in Swedish or English: indikator/indicator,
datum/date, värde/value, and optionally kommentar/comment and källa/source. A date is
2024-12-31 or a year (2024, meaning its last day); a value may use a decimal comma and spaces
between thousands ("57 600", "42,5").
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from models import Indicator, Measurement, Organisation
from models.stored_text import column_limit
from services.effects.errors import EffectRefusedError
from services.effects.measurements import check_range, record_measurement
from services.numbers import parse_number
from services.permissions import Actor, can_record_measurement
from services.personal_data import find_personal_numbers
from services.uploads import UploadRefusedError, table_rows

COLUMNS = {
    "indicator": ("indikator", "indicator"),
    "date": ("datum", "date", "period"),
    "value": ("värde", "varde", "value"),
    "comment": ("kommentar", "comment"),
    "source": ("källa", "kalla", "source"),
}
REQUIRED = ("indicator", "date", "value")


@dataclass(frozen=True)
class ImportRow:
    line: int
    indicator_id: int
    indicator: str
    measured_on: date
    value: float
    comment: str = ""
    source: str = ""


@dataclass(frozen=True)
class RefusedRow:
    line: int
    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportCheck:
    filename: str
    good: tuple[ImportRow, ...]
    refused: tuple[RefusedRow, ...]


def read_table(data: bytes, filename: str) -> list[tuple[int, list[object]]]:
    """(line number, cells) for every non-empty row, the header first."""
    return table_rows(data, filename)


def check_import(
    session: Session, *, data: bytes, filename: str, effect_id: int, by: Actor, today: date
) -> ImportCheck:
    """Read and check every row against the effect's indicators; stores nothing."""
    rows = read_table(data, filename)
    if not rows:
        raise UploadRefusedError("empty")
    header_line, header = rows[0]
    columns = _columns(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise EffectRefusedError("import_columns", {"missing": ", ".join(missing)})
    indicators = _indicators(session, effect_id)
    seen: set[tuple[int, date]] = set()
    good, refused = [], []
    for line, cells in rows[1:]:

        def cell(name: str, cells: list[object] = cells) -> object:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        try:
            row = _row(line, cell, indicators, by, today)
        except EffectRefusedError as no:
            refused.append(RefusedRow(line, no.code, no.params))
            continue
        if (row.indicator_id, row.measured_on) in seen:
            refused.append(
                RefusedRow(
                    line,
                    "duplicate_in_file",
                    {"indicator": row.indicator, "date": row.measured_on.isoformat()},
                )
            )
            continue
        seen.add((row.indicator_id, row.measured_on))
        good.append(row)
    _refuse_existing(session, good, refused)
    kept = tuple(r for r in good if r.line not in {x.line for x in refused})
    return ImportCheck(filename, kept, tuple(sorted(refused, key=lambda r: r.line)))


def import_measurements(
    session: Session, *, check: ImportCheck, by: Actor, today: date, good_rows_only: bool = False
) -> int:
    """Store the checked rows (checked again inside this transaction); all or nothing."""
    if check.refused and not good_rows_only:
        raise EffectRefusedError("import_has_bad_rows", {"count": str(len(check.refused))})
    for row in check.good:
        record_measurement(
            session,
            indicator_id=row.indicator_id,
            measured_on=row.measured_on,
            value=row.value,
            by=by,
            today=today,
            comment=row.comment,
            source=row.source or check.filename,
        )
    return len(check.good)


@dataclass(frozen=True)
class _Known:
    id: int
    name: str
    organisation: str | None
    computed: bool
    unit: str = ""


def _columns(header: list[object]) -> dict[str, int]:
    names = [str(c or "").strip().lower() for c in header]
    return {
        column: names.index(alias)
        for column, aliases in COLUMNS.items()
        for alias in aliases
        if alias in names
    }


def _indicators(session: Session, effect_id: int) -> dict[str, _Known]:
    """The effect's indicators by lower-case name and by key."""
    rows = session.exec(
        select(Indicator, Organisation.key)
        .outerjoin(Organisation, Organisation.id == Indicator.organisation_id)
        .where(Indicator.effect_id == effect_id)
    )
    known: dict[str, _Known] = {}
    for indicator, organisation in rows:
        entry = _Known(
            indicator.id, indicator.name, organisation, bool(indicator.computed), indicator.unit
        )
        known[indicator.name.strip().lower()] = entry
        if indicator.key:
            known[indicator.key.lower()] = entry
    return known


def _row(
    line: int, cell: object, indicators: dict[str, _Known], by: Actor, today: date
) -> ImportRow:
    name = str(cell("indicator") or "").strip()
    if not name:
        raise EffectRefusedError("missing_indicator")
    indicator = indicators.get(name.lower())
    if indicator is None:
        raise EffectRefusedError("unknown_indicator", {"indicator": name})
    if indicator.computed:
        raise EffectRefusedError("computed", {"indicator": indicator.name})
    if not can_record_measurement(by, indicator.organisation):
        raise EffectRefusedError("not_responsible", {"indicator": indicator.name})
    on = _date(cell("date"))
    if on > today:
        raise EffectRefusedError("future_date", {"date": on.isoformat()})
    value = _number(cell("value"))
    check_range(value, indicator.unit)
    comment, source = str(cell("comment") or "").strip(), str(cell("source") or "").strip()
    for name, text in (("comment", comment), ("source", source)):
        if len(text) > column_limit(Measurement, name):  # as storing it would refuse it
            raise EffectRefusedError(
                "too_long", {"field": name, "limit": str(column_limit(Measurement, name))}
            )
    hits = find_personal_numbers(comment, "comment") + find_personal_numbers(source, "source")
    if hits:
        raise EffectRefusedError("personal_data")
    return ImportRow(line, indicator.id, indicator.name, on, value, comment, source)


YEAR = re.compile(r"^\d{4}$")


def _date(raw: object) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw if raw is not None else "").strip()
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        text = str(int(raw))
    if YEAR.match(text):
        return date(int(text), 12, 31)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EffectRefusedError("bad_date", {"text": text[:40]}) from None


def _number(raw: object) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        try:
            value = parse_number(str(raw if raw is not None else ""))
        except ValueError:
            raise EffectRefusedError("bad_value", {"text": str(raw or "")[:40]}) from None
    if not math.isfinite(value):
        raise EffectRefusedError("bad_value", {"text": str(raw)[:40]})
    return value


def _refuse_existing(session: Session, good: list[ImportRow], refused: list[RefusedRow]) -> None:
    """A row for a date that already has a value is a correction, made one by one on the page."""
    ids = {r.indicator_id for r in good}
    if not ids:
        return
    taken = set(
        session.exec(
            select(Measurement.indicator_id, Measurement.measured_on).where(
                Measurement.indicator_id.in_(ids), Measurement.replaced_by_id.is_(None)
            )
        ).all()
    )
    refused += [
        RefusedRow(
            r.line,
            "already_measured",
            {"indicator": r.indicator, "date": r.measured_on.isoformat()},
        )
        for r in good
        if (r.indicator_id, r.measured_on) in taken
    ]
