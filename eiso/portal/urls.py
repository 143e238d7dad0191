"""Public pages for citizens, no login. Each area owns one module of routes (see docs/adding-a-module.md)."""

from django.urls import include, path

from eiso.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("eiso.portal.procedures_urls")),
    path("", include("eiso.portal.dossiers_urls")),
    path("", include("eiso.portal.surveys_urls")),
]
