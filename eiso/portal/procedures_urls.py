"""Public routes of the procedures area (owned by the procedures module's developers)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
