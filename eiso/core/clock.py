"""The application's clock: what "today" and "now" are, everywhere.

Normally the real date. With the setting EISO_TODAY (environment variable of the same name, e.g.
`2017-08-07`, as `make demo` sets it) the whole application lives on that day: the date is fixed and
the time of day runs on. `install()` makes Django's own `timezone.now()`, which every module, model
timestamp and reminder uses, answer from this clock, so no code needs to know a demo is running.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

_real_now: Callable[[], dt.datetime] = timezone.now


def fixed_today() -> dt.date | None:
    """The configured day the application lives on, or None for the real date."""
    value = getattr(settings, "EISO_TODAY", "") or ""
    return dt.date.fromisoformat(value) if value else None


def now() -> dt.datetime:
    """An aware datetime: the real time of day on the configured day (or simply the real time)."""
    real = _real_now()
    day = fixed_today()
    if day is None:
        return real
    local = timezone.localtime(real)
    return local.replace(year=day.year, month=day.month, day=day.day)


def today() -> dt.date:
    return timezone.localdate(now())


def install() -> None:
    """Route django.utils.timezone.now through this clock when a fixed day is configured."""
    if fixed_today() is not None:
        timezone.now = now
