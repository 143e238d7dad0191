"""Public routes of the dossiers area: a citizen looks up a dossier's status by its exact code."""

from django.urls import path

from eiso.portal import dossiers_views as views

urlpatterns = [
    path("tra-cuu-ho-so/", views.dossier_lookup, name="dossier_lookup"),
]
