"""What every management-review input section (ISO 9001 cl. 9.3.2) is: a key and clause, a title, the pages
of the records behind it, a compile step that freezes its figures into JSON, the report lines (text) and an
optional chart drawn from those frozen figures.

The frozen data of a section is a `TypedDict` (plain JSON at run time, read back with the same shape); every
entry carries `available` so that data frozen while a module was missing still reads as "no data yet".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from django.utils.functional import Promise
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from eiso.reviews.models import ManagementReview

Data = TypeVar("Data", bound=Mapping[str, Any])


class Section(Generic[Data]):
    """One 9.3.2 input. A new input is a sibling module with a subclass, listed in `sections.SECTIONS`."""

    key: ClassVar[str]
    clause: ClassVar[str]
    title: ClassVar[Promise]
    links: ClassVar[tuple[str, ...]] = ()
    """URL names (without arguments) of the pages listing the records behind the section."""
    quiet_without_data: ClassVar[bool] = False
    """True for the sections written by the secretary: no "no data" line when nothing was frozen."""

    def compile(self, review: ManagementReview, as_of: dt.date) -> Data:
        raise NotImplementedError

    def text(self, data: Data) -> list[str]:
        """The secretary's report lines, with the figures."""
        return []

    def chart(self, data: Data, fmt: str = "svg") -> bytes | None:
        """A chart for the sections a person would rather look at than read."""
        return None

    def signals(self, data: Data) -> list[str]:
        """The figures that signal a problem (overdue, not met, open past deadline), one phrase each: shown
        beside the secretary's commentary, which must not contradict them unnoticed."""
        return []

    def drilldown(self, data: Data) -> list[tuple[str, str]]:
        """(label, URL) of each record a figure counts, for the records that have a page of their own."""
        return []

    def lines(self, frozen: Mapping[str, Any]) -> list[str]:
        """The report lines of frozen data (or the "no data yet" line)."""
        if not frozen.get("available"):
            return [] if self.quiet_without_data else [no_data()]
        return self.text(cast(Data, frozen))

    def figure(self, frozen: Mapping[str, Any], fmt: str = "svg") -> bytes | None:
        if not frozen.get("available"):
            return None
        return self.chart(cast(Data, frozen), fmt)

    def problems(self, frozen: Mapping[str, Any]) -> list[str]:
        """The signals of frozen data (none when nothing was frozen)."""
        return self.signals(cast(Data, frozen)) if frozen.get("available") else []

    def records(self, frozen: Mapping[str, Any]) -> list[tuple[str, str]]:
        return self.drilldown(cast(Data, frozen)) if frozen.get("available") else []


def year_start(review: ManagementReview) -> dt.date:
    return dt.date(review.year, 1, 1)


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- formatting of figures in the report lines ----------------------------------------------------------


def d(value: Any) -> str:
    """dd/mm/yyyy from a date or an ISO string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value:%d/%m/%Y}"


def number(value: Any) -> str:
    figure = float(value)
    return f"{figure:.0f}" if figure == int(figure) else f"{figure:.1f}".replace(".", ",")


def pct(value: Any, *, fraction: bool = False) -> str:
    """A percentage: `value` is already in percent, or a fraction of 1 when `fraction`."""
    if value is None:
        return "—"
    return number(float(value) * (100 if fraction else 1)) + "%"


def vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    return _("{amount} đồng").format(amount=f"{amount:,}".replace(",", "."))


def no_data() -> str:
    return _("Chưa có số liệu (phân hệ chưa được triển khai).")
