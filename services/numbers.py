"""Numbers as Swedish users write them, and the range a unit allows.

A Swede writes 55,5 and 1 234,5 (a space, often a non-breaking one, between thousands); an
English habit gives 55.5. A browser's number field drops the comma ("55,5" became 555), so the
app reads number fields as text, here, and shows back what it read before saving.
"""

import math
import re

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
PERCENT_UNITS = frozenset({"%", "procent", "percent", "andel (%)", "andel i procent"})


def parse_number(text: str) -> float:
    """The number in `text`, read the Swedish way; ValueError if it is not one.

    Examples
    --------
    >>> [parse_number(t) for t in ("55,5", "1 234", "1\u00a0234,5", "55.5", "\u22123", "60 %")]
    [55.5, 1234.0, 1234.5, 55.5, -3.0, 60.0]
    >>> parse_number("1.234.567,5")
    1234567.5
    >>> parse_number("12,3,4")
    Traceback (most recent call last):
    ...
    ValueError: not a number: '12,3,4'
    """
    raw = str(text)
    cleaned = _SPACES.sub("", raw.translate(_MINUS)).removesuffix("%")
    if "," in cleaned:
        whole, _sep, decimals = cleaned.partition(",")
        if (
            "," in decimals
            or "." in decimals
            or not (_GROUPED.match(whole) or _PLAIN.match(whole) and "." not in whole)
        ):
            raise ValueError(f"not a number: {raw!r}")
        cleaned = f"{whole.replace('.', '')}.{decimals}"
    elif _GROUPED.match(cleaned) and cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    if not _PLAIN.match(cleaned):
        raise ValueError(f"not a number: {raw!r}")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"not a number: {raw!r}")
    return value


def unit_range(unit: str) -> tuple[float, float] | None:
    """The values a unit allows: a share in per cent lies from 0 to 100.

    Examples
    --------
    >>> unit_range("%"), unit_range("planer")
    ((0.0, 100.0), None)
    """
    return (0.0, 100.0) if unit.strip().casefold() in PERCENT_UNITS else None


def in_range(value: float, unit: str) -> bool:
    bounds = unit_range(unit)
    return bounds is None or bounds[0] <= value <= bounds[1]
