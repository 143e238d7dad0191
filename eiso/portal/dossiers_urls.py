"""Public routes of the dossiers area (owned by the dossiers module's developers)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
