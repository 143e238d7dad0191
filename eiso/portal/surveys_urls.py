"""Public routes of the surveys area (owned by the surveys module's developers)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
