"""Public routes of the surveys area (owned by the surveys module's developers)."""

from django.urls import path

from eiso.portal import surveys_views

urlpatterns = [
    path("khao-sat/", surveys_views.survey_start, name="survey_start"),
    path("khao-sat/<str:agency_code>/", surveys_views.survey_form, name="survey_form"),
    path("khao-sat/<str:agency_code>/cam-on/", surveys_views.survey_thanks, name="survey_thanks"),
]
