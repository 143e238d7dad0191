"""Public survey pages: no login, CSRF on, rate-limited, one column for phones."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from eiso.core.clientaddr import client_address
from eiso.core.models import Agency
from eiso.core.ratelimit import ratelimited
from eiso.surveys.forms import SurveyForm, SurveyStartForm
from eiso.surveys.services import client_key_for, questionnaire_default_create, survey_response_submit


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_supervisor=False)


@ratelimited("survey-start", methods=("GET",))
def survey_start(request: HttpRequest) -> HttpResponse:
    """Choose the agency (and optionally type the dossier code), then go to its form."""
    form = SurveyStartForm(request.GET or None)
    if form.is_bound and form.is_valid():
        url = reverse("portal:survey_form", kwargs={"agency_code": form.cleaned_data["agency"].code})
        code = form.cleaned_data["ma"].strip()
        return redirect(f"{url}?{urlencode({'ma': code})}" if code else url)
    return render(request, "portal/surveys/start.html", {"form": form})


@ratelimited("survey", methods=("POST",))
def survey_form(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    questionnaire = questionnaire_default_create(agency=agency)
    if request.method == "POST":
        form = SurveyForm(request.POST, questionnaire=questionnaire)
        if form.is_valid():
            try:
                survey_response_submit(
                    questionnaire=questionnaire,
                    answers=form.answers(),
                    dossier_code=form.cleaned_data["dossier_code"],
                    client_key=client_key_for(client_address(request)),
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                return redirect("portal:survey_thanks", agency_code=agency.code)
    else:
        form = SurveyForm(
            initial={"dossier_code": request.GET.get("ma", "")[:64]}, questionnaire=questionnaire
        )
    context = {"agency": agency, "questionnaire": questionnaire, "form": form}
    return render(request, "portal/surveys/form.html", context)


def survey_thanks(request: HttpRequest, agency_code: str) -> HttpResponse:
    return render(request, "portal/surveys/thanks.html", {"agency": _agency(agency_code)})
