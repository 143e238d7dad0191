"""9.3.2 c7: the performance of external providers (the public postal service carrying dossiers and
results, the vendor of the one-stop software...), from the register of providers and their evaluations."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.reviews.choices import ProviderKind, ProviderResult
from eiso.reviews.models import ExternalProvider, ManagementReview, ProviderEvaluation
from eiso.reviews.sections.base import Section, d, iso, year_start
from eiso.reviews.selectors import providers_in_use


class Evaluation(TypedDict):
    evaluated_on: str | None
    period_from: str | None
    period_to: str | None
    criterion: str
    met: int | None
    total: int | None
    result: str
    note: str


class Provider(TypedDict):
    id: int
    name: str
    kind: str
    service: str
    evaluations: list[Evaluation]


class ProvidersData(TypedDict):
    available: bool
    providers: int
    meets: int
    partly: int
    fails: int
    not_evaluated: int
    items: list[Provider]


def _evaluation(evaluation: ProviderEvaluation) -> Evaluation:
    return {
        "evaluated_on": iso(evaluation.evaluated_on),
        "period_from": iso(evaluation.period_from),
        "period_to": iso(evaluation.period_to),
        "criterion": evaluation.criterion,
        "met": evaluation.met,
        "total": evaluation.total,
        "result": evaluation.result,
        "note": evaluation.note,
    }


def _provider(provider: ExternalProvider) -> Provider:
    return {
        "id": provider.pk,
        "name": provider.name,
        "kind": provider.kind,
        "service": provider.service,
        "evaluations": [_evaluation(e) for e in provider.evaluations.all()],
    }


def _evaluation_line(evaluation: Evaluation) -> str:
    results = dict(ProviderResult.choices)
    line = _("đánh giá ngày {date} (kỳ {start} đến {end}), {criterion}").format(
        date=d(evaluation["evaluated_on"]),
        start=d(evaluation["period_from"]),
        end=d(evaluation["period_to"]),
        criterion=evaluation["criterion"].rstrip(".").lower(),
    )
    if evaluation.get("total"):
        line += f" {evaluation['met']}/{evaluation['total']}"
    line += ": " + str(results.get(evaluation["result"], evaluation["result"])).lower()
    return line + (f". {evaluation['note'].rstrip('.')}" if evaluation.get("note") else "")


class Providers(Section[ProvidersData]):
    key = "external_providers"
    clause = "c7"
    title = gettext_lazy("Kết quả thực hiện của các nhà cung cấp bên ngoài")
    links = ("reviews:providers",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> ProvidersData:
        items = [
            _provider(p)
            for p in providers_in_use(agency=review.agency, date_from=year_start(review), date_to=as_of)
        ]
        latest = [item["evaluations"][0]["result"] for item in items if item["evaluations"]]
        return {
            "available": True,
            "providers": len(items),
            "meets": latest.count(ProviderResult.MEETS),
            "partly": latest.count(ProviderResult.PARTLY),
            "fails": latest.count(ProviderResult.FAILS),
            "not_evaluated": len(items) - len(latest),
            "items": items,
        }

    def text(self, data: ProvidersData) -> list[str]:
        if not data.get("providers"):
            return [_("Danh sách nhà cung cấp bên ngoài chưa có nhà cung cấp nào.")]
        lines = [
            _(
                "Nhà cung cấp bên ngoài đang sử dụng: {providers}; theo lần đánh giá gần nhất trong năm: đạt "
                "yêu cầu {meets}, đạt một phần {partly}, không đạt {fails}, chưa được đánh giá {none}."
            ).format(
                providers=data["providers"],
                meets=data.get("meets", 0),
                partly=data.get("partly", 0),
                fails=data.get("fails", 0),
                none=data.get("not_evaluated", 0),
            )
        ]
        kinds = dict(ProviderKind.choices)
        for item in data.get("items") or []:
            head = f"{item['name']} ({str(kinds.get(item['kind'], item['kind'])).lower()}: {item['service']})"
            evaluations = item.get("evaluations") or []
            if not evaluations:
                lines.append(_("{provider}: chưa được đánh giá trong năm.").format(provider=head))
            for evaluation in evaluations:
                lines.append(f"{head}: {_evaluation_line(evaluation)}.")
        return lines

    def signals(self, data: ProvidersData) -> list[str]:
        found = []
        if data.get("fails"):
            found.append(_("{n} nhà cung cấp không đạt yêu cầu").format(n=data["fails"]))
        if data.get("partly"):
            found.append(_("{n} nhà cung cấp chỉ đạt một phần").format(n=data["partly"]))
        if data.get("not_evaluated"):
            found.append(_("{n} nhà cung cấp chưa được đánh giá").format(n=data["not_evaluated"]))
        return found


SECTION = Providers()
