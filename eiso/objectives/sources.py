"""Where an indicator's value comes from: a registry of sources, each computing (numerator, denominator)
for an indicator over a period from the records of the module that owns them.

`register_source(key, label, fn, link=None)`: fn(indicator, date_from, date_to) -> Measurement or None (no
data); link(indicator, date_from, date_to) -> URL of the records behind the value. The sources read the
lower apps' selectors directly (every one of them is below `objectives` on the ladder), so mypy checks the
calls and a test reverses every link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from eiso.core.models import Agency
from eiso.documents.selectors import documents_reviewed_rate
from eiso.dossiers.contracts import DossierStats
from eiso.dossiers.selectors import dossier_stats
from eiso.improvements.selectors import corrective_actions_closed_on_time_rate
from eiso.objectives.choices import Scope, ValueState
from eiso.procedures.selectors import publication_summary
from eiso.surveys.contracts import SatisfactionSummary
from eiso.surveys.selectors import satisfaction_summary

if TYPE_CHECKING:
    from eiso.objectives.models import Indicator


@dataclass(frozen=True)
class Measurement:
    """numerator/denominator as counted; `value` overrides the percentage (manual values without counts).

    `extra` carries companion figures shown alongside (e.g. the handling processes next to the TTHC).
    """

    numerator: Decimal | int
    denominator: Decimal | int
    value: Decimal | None = None
    extra: dict[str, Any] = field(default_factory=dict)


SourceFn = Callable[["Indicator", dt.date, dt.date], Measurement | None]
LinkFn = Callable[["Indicator", dt.date, dt.date], str | None]


@dataclass(frozen=True)
class Source:
    key: str
    label: Any
    fn: SourceFn
    link: LinkFn | None = None


_sources: dict[str, Source] = {}


def register_source(key: str, label: Any, fn: SourceFn, link: LinkFn | None = None) -> None:
    _sources[key] = Source(key=key, label=label, fn=fn, link=link)


def get_source(key: str) -> Source | None:
    return _sources.get(key)


def source_choices() -> list[tuple[str, Any]]:
    return [(source.key, source.label) for source in _sources.values()]


def _url(name: str, params: dict[str, Any]) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _agency(indicator: Indicator) -> Agency:
    return indicator.objective.objective_set.agency


# Dossiers: early + on time over resolved, from the dossier engine's Biểu II.06a figures.


def _dossier_figures(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> DossierStats | None:
    agency = _agency(indicator)
    if indicator.scope == Scope.DIVISION:
        rows = dossier_stats(agency=agency, date_from=date_from, date_to=date_to, group_by="division")
        return next((r for r in rows if r["division_id"] == indicator.scope_division_id), None)
    if indicator.scope == Scope.PROCEDURE:
        rows = dossier_stats(agency=agency, date_from=date_from, date_to=date_to, group_by="procedure")
        return next((r for r in rows if r["procedure_id"] == indicator.scope_procedure_id), None)
    return dossier_stats(agency=agency, date_from=date_from, date_to=date_to)


def dossiers_on_time_rate(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
    figures = _dossier_figures(indicator, date_from, date_to)
    if not figures or not figures["resolved_total"]:
        return None
    return Measurement(
        numerator=figures["resolved_early"] + figures["resolved_on_time"],
        denominator=figures["resolved_total"],
        extra={"early": figures["resolved_early"], "on_time": figures["resolved_on_time"]},
    )


def dossiers_early_rate(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
    figures = _dossier_figures(indicator, date_from, date_to)
    if not figures or not figures["resolved_total"]:
        return None
    return Measurement(numerator=figures["resolved_early"], denominator=figures["resolved_total"])


def _dossier_link(bucket: str) -> LinkFn:
    def link(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> str | None:
        params: dict[str, Any] = {
            "bucket": bucket,
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
        }
        if indicator.scope == Scope.DIVISION:
            params["division"] = indicator.scope_division_id
        elif indicator.scope == Scope.PROCEDURE:
            params["procedure"] = indicator.scope_procedure_id
        return _url("dossiers:stat_list", params)

    return link


# Procedures: in-scope TTHC published (posted at the office or online) as of the period's end.


def procedures_published_rate(
    indicator: Indicator, date_from: dt.date, date_to: dt.date
) -> Measurement | None:
    summary = publication_summary(_agency(indicator), date_to)
    if not summary["in_scope"]:
        return None
    return Measurement(
        numerator=summary["published"],
        denominator=summary["in_scope"],
        extra={
            "processes_published": summary["processes_published"],
            "processes_total": summary["processes_total"],
        },
    )


def _procedures_link(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> str | None:
    return _url("procedures:list", {"published": "1", "in_scope": "1", "as_of": date_to.isoformat()})


# Surveys: satisfied responses over valid responses (with an overall rating). The responses naming a finished
# dossier and the anonymous ones are counted apart as well (extra), each over its own denominator; one source
# counts both, another only the responses naming a dossier, and each label says which.


def _satisfaction(
    indicator: Indicator, date_from: dt.date, date_to: dt.date
) -> tuple[SatisfactionSummary, dict[str, Any]]:
    summary = satisfaction_summary(
        agency=_agency(indicator),
        date_from=date_from,
        date_to=date_to,
        procedure=indicator.scope_procedure if indicator.scope == Scope.PROCEDURE else None,
        division=indicator.scope_division if indicator.scope == Scope.DIVISION else None,
    )
    identified, anonymous = summary["identified"], summary["anonymous"]
    extra = {
        "identified_satisfied": identified["satisfied"],
        "identified_valid": identified["valid"],
        "anonymous_satisfied": anonymous["satisfied"],
        "anonymous_valid": anonymous["valid"],
    }
    return summary, extra


def satisfaction_rate(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
    summary, extra = _satisfaction(indicator, date_from, date_to)
    if not summary["valid"]:
        return None
    return Measurement(numerator=summary["satisfied"], denominator=summary["valid"], extra=extra)


def satisfaction_rate_identified(
    indicator: Indicator, date_from: dt.date, date_to: dt.date
) -> Measurement | None:
    summary, extra = _satisfaction(indicator, date_from, date_to)
    identified = summary["identified"]
    if not identified["valid"]:
        return None
    return Measurement(numerator=identified["satisfied"], denominator=identified["valid"], extra=extra)


def _surveys_link(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> str | None:
    params: dict[str, Any] = {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()}
    if indicator.scope == Scope.DIVISION:
        params["division"] = indicator.scope_division_id
    elif indicator.scope == Scope.PROCEDURE:
        params["procedure"] = indicator.scope_procedure_id
    return _url("surveys:response_list", params)


# Manual: posted values whose period ends inside [date_from, date_to]; counts add up, else the latest value.


def manual(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
    posted = indicator.manual_values.filter(
        state=ValueState.POSTED, period_end__gte=date_from, period_end__lte=date_to
    )
    counted = posted.filter(numerator__isnull=False, denominator__isnull=False).aggregate(
        n=Count("id"), num=Sum("numerator"), den=Sum("denominator")
    )
    if counted["n"] and counted["den"]:
        return Measurement(numerator=counted["num"], denominator=counted["den"])
    latest = posted.filter(value__isnull=False).order_by("-period_end", "-id").first()
    if latest is None or latest.value is None:
        return None
    return Measurement(numerator=latest.value, denominator=Decimal(100), value=latest.value)


def _manual_link(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> str | None:
    return reverse("objectives:indicator", kwargs={"pk": indicator.pk})


class RateFn(Protocol):
    def __call__(self, *, agency: Agency, date_from: dt.date, date_to: dt.date) -> tuple[int, int]: ...


def rate_source(rate: RateFn) -> SourceFn:
    """A source from a lower app's `(numerator, denominator)` selector for the agency and period."""

    def source(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
        numerator, denominator = rate(agency=_agency(indicator), date_from=date_from, date_to=date_to)
        return Measurement(numerator=numerator, denominator=denominator) if denominator else None

    return source


def register_builtin_sources() -> None:
    register_source(
        "dossiers_on_time_rate",
        _("Tỷ lệ hồ sơ giải quyết đúng hạn (sớm hạn + đúng hạn / đã giải quyết)"),
        dossiers_on_time_rate,
        _dossier_link("resolved_total"),
    )
    register_source(
        "dossiers_early_rate",
        _("Tỷ lệ hồ sơ giải quyết sớm hạn"),
        dossiers_early_rate,
        _dossier_link("resolved_early"),
    )
    register_source(
        "procedures_published_rate",
        _("Tỷ lệ TTHC được công bố, niêm yết công khai"),
        procedures_published_rate,
        _procedures_link,
    )
    register_source(
        "satisfaction_rate",
        _(
            "Tỷ lệ phiếu khảo sát hài lòng: phiếu hài lòng / phiếu có đánh giá chung, gồm cả phiếu gắn mã hồ "
            "sơ đã giải quyết và phiếu ẩn danh"
        ),
        satisfaction_rate,
        _surveys_link,
    )
    register_source(
        "satisfaction_rate_identified",
        _(
            "Tỷ lệ phiếu khảo sát hài lòng trong các phiếu gắn mã hồ sơ đã giải quyết (không tính phiếu ẩn "
            "danh)"
        ),
        satisfaction_rate_identified,
        _surveys_link,
    )
    register_source("manual", _("Nhập tay, kèm bằng chứng"), manual, _manual_link)
    register_source(
        "corrective_actions_closed_on_time_rate",
        _("Tỷ lệ hành động khắc phục hoàn thành đúng hạn"),
        rate_source(corrective_actions_closed_on_time_rate),
    )
    register_source(
        "documents_reviewed_rate",
        _("Tỷ lệ tài liệu được xem xét định kỳ"),
        rate_source(documents_reviewed_rate),
    )
