from django.urls import URLPattern

app_name = "improvements"

urlpatterns: list[URLPattern] = []
