"""How a period is named on pages and in exports: "2025", "S1 2025", "Q3 2025",
"March 2025" for whole calendar spans, the two dates otherwise."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_label(starts_on: dt.date, ends_on: dt.date) -> str:
    year = starts_on.year
    if starts_on.day == 1 and ends_on.year == year:
        months = ends_on.month - starts_on.month + 1
        whole = ends_on == _month_end(year, ends_on.month)
        if whole and months == 12:
            return str(year)
        if whole and months == 6 and starts_on.month in (1, 7):
            return _("S%(n)d %(year)d") % {"n": 1 if starts_on.month == 1 else 2, "year": year}
        if whole and months == 3 and starts_on.month in (1, 4, 7, 10):
            return _("Q%(n)d %(year)d") % {"n": (starts_on.month + 2) // 3, "year": year}
        if whole and months == 1:
            return formats.date_format(starts_on, "YEAR_MONTH_FORMAT")
    start = formats.date_format(starts_on, "SHORT_DATE_FORMAT")
    return f"{start} – {formats.date_format(ends_on, 'SHORT_DATE_FORMAT')}"
