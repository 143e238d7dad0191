from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core import charts
from eiso.core.access import AgencyRequest, agency_required, role_required
from eiso.core.flow import run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.surveys import permissions, selectors
from eiso.surveys.filters import SurveyPeriodFilter, SurveyResponseFilter
from eiso.surveys.forms import QuestionnaireForm, SurveyForm
from eiso.surveys.qr import qr_svg, survey_url
from eiso.surveys.services import questionnaire_default_create, questionnaire_publish, survey_response_submit
from eiso.surveys.tables import RESPONSE_COLUMNS, RESULT_COLUMNS, ResponseTable, ResultTable


def _query(values: dict[str, Any]) -> str:
    params = {"date_from": values["date_from"].isoformat(), "date_to": values["date_to"].isoformat()}
    for key in ("procedure", "division"):
        if values.get(key):
            params[key] = str(values[key].pk)
    return urlencode(params)


@agency_required
def results(request: AgencyRequest) -> HttpResponse:
    responses = selectors.response_list(agency=request.agency)
    filters = SurveyPeriodFilter(request.GET, responses, agency=request.agency)
    values = filters.values
    summary = selectors.satisfaction_summary(agency=request.agency, **values)
    breakdown = selectors.satisfaction_breakdown(agency=request.agency, **values)
    chart = None
    if breakdown["quarter"]:
        labels = [f"Q{row['quarter']}/{row['year']}" for row in breakdown["quarter"]]
        chart = charts.inline_svg(
            charts.bar_chart(
                labels,
                {
                    _("Hài lòng"): [row["satisfied"] for row in breakdown["quarter"]],
                    _("Chưa hài lòng"): [row["valid"] - row["satisfied"] for row in breakdown["quarter"]],
                },
                stacked=True,
            )
        )
    comments = selectors.response_list(agency=request.agency, with_comment=True, **values)
    page = Paginator(comments, 20).get_page(request.GET.get("page"))
    query = _query(values)
    context = {
        "can_enter": permissions.can_enter_paper_forms(actor(request)),
        "can_edit_questionnaire": permissions.can_edit_questionnaire(actor(request)),
        "filter": filters,
        "summary": summary,
        "breakdown": breakdown,
        "chart": chart,
        "page": page,
        "query": query,
        "responses_url": f"{reverse('surveys:response_list')}?{query}",
        "response_rate": None
        if values.get("procedure") or values.get("division")
        else selectors.response_rate(
            agency=request.agency,
            date_from=values["date_from"],
            date_to=values["date_to"],
            responses=summary["responses"],
        ),
    }
    return list_response(
        request,
        table=ResultTable(selectors.grouped_results(filters.qs, "procedure__code", "procedure__name")),
        columns=RESULT_COLUMNS,
        filename="ket-qua-khao-sat",
        title=gettext_lazy("Kết quả theo thủ tục"),
        template="surveys/results.html",
        context=context,
    )


@agency_required
def response_list(request: AgencyRequest) -> HttpResponse:
    """The responses behind a figure (linked from the results page and from quality objectives)."""
    responses = selectors.response_list(agency=request.agency)
    filters = SurveyResponseFilter(request.GET, responses, agency=request.agency)
    return list_response(
        request,
        table=ResponseTable(filters.qs),
        columns=RESPONSE_COLUMNS,
        filename="phieu-khao-sat",
        title=gettext_lazy("Phiếu khảo sát"),
        template="surveys/response_list.html",
        context={"filter": filters},
    )


@role_required(*permissions.ENTRY_ROLES)
def paper_entry(request: AgencyRequest) -> HttpResponse:
    """Type in a paper form (or a kiosk export) on behalf of the anonymous respondent."""
    questionnaire = questionnaire_default_create(agency=request.agency, actor=request.person)
    form = SurveyForm(
        request.POST or None,
        initial={"channel": "paper", "period": timezone.localdate()},
        questionnaire=questionnaire,
        staff=True,
    )

    def call(data: dict[str, Any]) -> object:
        return survey_response_submit(
            questionnaire=questionnaire,
            answers=form.answers(),
            dossier_code=data["dossier_code"],
            channel=data["channel"],
            period=data["period"],
            entered_by=request.person,
        )

    return run_form(
        request,
        form,
        call,
        page=lambda bound: render(
            request, "surveys/paper_entry.html", {"form": bound, "questionnaire": questionnaire}
        ),
        success_url=reverse("surveys:paper_entry"),
        success_message=_("Đã nhập phiếu khảo sát. Có thể nhập phiếu tiếp theo."),
    )


@agency_required
def qr_print(request: AgencyRequest) -> HttpResponse:
    """An A5 sheet with the short link and its QR code, for the one-stop desk; ?ma=<code> prints the
    link of one dossier (for its receipt)."""
    code = request.GET.get("ma", "").strip()[:64]
    url = survey_url(request, request.agency, code)
    return render(request, "surveys/qr_print.html", {"url": url, "qr": qr_svg(url), "code": code})


@role_required(*permissions.QUESTIONNAIRE_ROLES)
def questionnaire_edit(request: AgencyRequest) -> HttpResponse:
    """The questionnaire in use, and a new one to put in its place (the old one stays with its responses)."""
    current = questionnaire_default_create(agency=request.agency, actor=request.person)
    form = QuestionnaireForm(request.POST or None, current=current)

    def call(data: dict[str, Any]) -> object:
        return questionnaire_publish(
            agency=request.agency,
            actor=request.person,
            title=data["title"],
            intro=data["intro"],
            satisfied_threshold=data["satisfied_threshold"],
            questions=form.question_specs(),
        )

    return run_form(
        request,
        form,
        call,
        page=lambda bound: render(request, "surveys/questionnaire.html", {"form": bound, "current": current}),
        success_url=reverse("surveys:results"),
        success_message=_("Đã đưa bộ câu hỏi mới vào sử dụng; phiếu đã nhận giữ nguyên bộ câu hỏi cũ."),
    )
