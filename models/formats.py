"""Dates, times, numbers and plural forms as a reader in Sweden writes them, through Babel (CLDR).

Swedish is `sv_SE`; English is `en_SE`, CLDR's English as written in Sweden, so a reader who
switches language keeps the dates (2026-11-24), the decimal comma and the week that starts on
Monday that the colleagues they work with use. Every time is shown in Stockholm's time, whatever
the server's zone. One module, so the pages, the documents and the e-mails say a date one way.
"""

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from models.clock import STOCKHOLM, local

LOCALES = {"sv": "sv_SE", "en": "en_SE"}
NO_VALUE = "–"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES["sv"]))


def day(value: date | datetime | None, lang: str = "sv") -> str:
    """A date in short form; a stored time counts by Stockholm's calendar.

    Examples
    --------
    >>> day(date(2026, 11, 24)), day(date(2026, 11, 24), "en"), day(None)
    ('2026-11-24', '2026-11-24', '–')
    >>> from datetime import UTC
    >>> day(datetime(2026, 6, 30, 22, 30, tzinfo=UTC))  # 00:30 on 1 July in Stockholm
    '2026-07-01'
    """
    if value is None:
        return NO_VALUE
    if isinstance(value, datetime):
        value = local(value).date()
    return format_date(value, "yyyy-MM-dd", locale=_locale(lang))


def long_day(value: date | datetime | None, lang: str = "sv", *, weekday: bool = False) -> str:
    """A date written out, as in a letter or a heading.

    Examples
    --------
    >>> long_day(date(2026, 11, 24)), long_day(date(2026, 11, 24), "en")
    ('24 november 2026', '24 November 2026')
    >>> long_day(date(2026, 12, 9), weekday=True)
    'onsdag 9 december 2026'
    """
    if value is None:
        return NO_VALUE
    if isinstance(value, datetime):
        value = local(value).date()
    return format_date(value, "full" if weekday else "long", locale=_locale(lang))


def clock_time(value: datetime | None, lang: str = "sv") -> str:
    """The time of day in Stockholm: 14:05.

    Examples
    --------
    >>> from datetime import UTC
    >>> clock_time(datetime(2026, 11, 24, 13, 5, tzinfo=UTC))
    '14:05'
    """
    if value is None:
        return NO_VALUE
    return format_datetime(
        value if value.tzinfo else local(value), "HH:mm", tzinfo=STOCKHOLM, locale=_locale(lang)
    )


def moment(value: datetime | None, lang: str = "sv") -> str:
    """A stored time (UTC, naive taken as UTC) as a date and time in Stockholm.

    Examples
    --------
    >>> moment(datetime(2026, 11, 24, 13, 5))  # stored UTC, shown in Swedish winter time
    '2026-11-24 14:05'
    >>> moment(datetime(2026, 7, 1, 13, 5), "en")  # summer time
    '2026-07-01 15:05'
    """
    if value is None:
        return NO_VALUE
    return f"{day(value, lang)} {clock_time(local(value), lang)}"


def week(value: date, lang: str = "sv") -> str:
    """The ISO week, which Swedish calendars print and Swedes book by ("v. 48").

    Examples
    --------
    >>> week(date(2026, 11, 24)), week(date(2027, 1, 1)), week(date(2026, 11, 24), "en")
    ('v. 48', 'v. 53', 'week 48')
    """
    number = format_date(value, "w", locale=_locale(lang))
    return f"v. {number}" if lang == "sv" else f"week {number}"


def number(value: float | None, lang: str = "sv", *, digits: int | None = None) -> str:
    """A number with the reader's separators and a real minus sign.

    `digits` fixes the decimals; without it a whole number has none and others keep one, or
    none from 100 up (57 600, 42,5).

    Examples
    --------
    >>> number(1234.5, digits=1), number(57600), number(-3.25, digits=2), number(None)
    ('1\\xa0234,5', '57\\xa0600', '−3,25', '–')
    >>> number(42.5, "en"), number(0.5, digits=0)
    ('42,5', '0')
    """
    if value is None:
        return NO_VALUE
    if digits is None:
        digits = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(value, pattern, locale=_locale(lang), decimal_quantization=True)
    return text.replace("-", "\u2212")


def exact(value: float, lang: str = "sv") -> str:
    """A number with every decimal it has (up to six), as read back to the person who typed it.

    >>> exact(1234.56), exact(55.5), exact(-0.125), exact(3.0)
    ('1\\xa0234,56', '55,5', '−0,125', '3')
    """
    text = format_decimal(value, "#,##0.######", locale=_locale(lang))
    return text.replace("-", "\u2212")


def count(value: int, lang: str = "sv") -> str:
    """A whole count with the reader's thousands separator: 100 000.

    >>> count(100000), count(7)
    ('100\\xa0000', '7')
    """
    return number(value, lang, digits=0)


def plural_form(value: object, lang: str = "sv") -> str:
    """CLDR's plural category for a count in the reader's language ("one", "other", ...).

    >>> plural_form(1), plural_form(2), plural_form(0), plural_form(1, "en"), plural_form("21")
    ('one', 'other', 'other', 'one', 'other')
    """
    try:
        n: float = float(str(value).replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return "other"
    return str(_locale(lang).plural_form(int(n) if n.is_integer() else n))


def first_weekday(lang: str = "sv") -> int:
    """The day a week starts on, 0 for Monday, as calendars in Sweden start it.

    >>> first_weekday(), first_weekday("en")
    (0, 0)
    """
    return int(_locale(lang).first_week_day)
